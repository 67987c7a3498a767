// Where outbound deliveries (webhooks, audit sinks) may go: not into our own network. A URL that
// names, or resolves to, a loopback, private, link-local, shared, documentation, multicast or
// reserved address is refused (SSRF), unless configuration allows it for development and tests.
// Ranges: RFC 6890 special-purpose registries (IPv4 and IPv6), RFC 6598 (shared), RFC 4291 (mapped).
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, bits, 'ipv6');

/** Why this address may not receive deliveries, or null when it may. IPv4-mapped IPv6 is checked as IPv4. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (!family) return `${address} is not an IP address`;
  return blocked.check(address, family === 6 ? 'ipv6' : 'ipv4') ? `${address} is a loopback, private, link-local or reserved address` : null;
}

/** Strips the brackets of an IPv6 literal host ([::1] → ::1). */
export const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

export interface UrlPolicy {
  allowHttp: boolean;
  allowPrivateAddresses: boolean;
}

/**
 * Checks a delivery URL when it is saved (the address it resolves to is checked again at every send).
 * Returns the reason it is refused, or null.
 */
export function deliveryUrlError(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials (user:password@)';
  if (url.hash) return 'must not have a #fragment';
  if (policy.allowPrivateAddresses) return null;
  const host = bareHost(url.hostname).toLowerCase().replace(/\.$/, ''); // a trailing dot names the same host
  if (isIP(host)) return blockedAddressReason(host) && `must not point at ${blockedAddressReason(host)}`;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) {
    return 'must name a public host (not localhost, a single-label or an internal name)';
  }
  return null;
}
