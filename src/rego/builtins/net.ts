// net.cidr_* built-ins (OPA topdown/cidr.go), IPv4 and IPv6, addresses as BigInt.
import { RegoObject, RegoSet, typeName, type Value } from '../value.ts';
import { def, fail, str, type Registry } from './util.ts';

interface Addr { v6: boolean; n: bigint }
interface Net { v6: boolean; base: bigint; prefix: number }

const bits = (v6: boolean) => (v6 ? 128 : 32);

/** Go's net.ParseIP: dotted quad without leading zeros, or IPv6 (optionally ending in a dotted quad). */
export function parseIP(s: string): Addr | undefined {
  const v4 = parseV4(s);
  if (v4 !== undefined) return { v6: false, n: v4 };
  if (!s.includes(':')) return undefined;
  let tail: bigint[] = [];
  let text = s;
  const dot = /:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dot) {
    const q = parseV4(dot[1]!);
    if (q === undefined) return undefined;
    tail = [q >> 16n, q & 0xffffn];
    // Keep a '::' that ends right before the dotted quad.
    text = s.slice(0, dot.index) + (s[dot.index - 1] === ':' ? ':' : '');
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]!), rest = halves.length === 2 ? group(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const total = head.length + rest.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...head.map((g) => BigInt(parseInt(g, 16))), ...Array(8 - total).fill(0n), ...rest.map((g) => BigInt(parseInt(g, 16))), ...tail];
  return { v6: true, n: groups.reduce((acc, g) => (acc << 16n) | g, 0n) };
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

/** Go's net.ParseCIDR: host bits are masked off. */
export function parseCIDR(s: string): Net | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d*)$/.test(p) || Number(p) > bits(ip.v6)) return undefined;
  return { v6: ip.v6, base: ip.n & mask(ip.v6, Number(p)), prefix: Number(p) };
}

const mask = (v6: boolean, prefix: number): bigint => {
  const b = BigInt(bits(v6));
  return ((1n << b) - 1n) ^ ((1n << (b - BigInt(prefix))) - 1n);
};
const last = (n: Net): bigint => n.base | (((1n << BigInt(bits(n.v6))) - 1n) ^ mask(n.v6, n.prefix));

/** An IPv4-mapped IPv6 address is treated as IPv4, as Go's IPNet.Contains does. */
function norm(a: Addr): Addr {
  return a.v6 && a.n >> 32n === 0xffffn ? { v6: false, n: a.n & 0xffffffffn } : a;
}
const containsAddr = (n: Net, a: Addr): boolean => {
  const x = norm(a);
  return x.v6 === n.v6 && (x.n & mask(n.v6, n.prefix)) === n.base;
};

export function formatIP(a: Addr): string {
  if (!a.v6) return [24n, 16n, 8n, 0n].map((s) => String((a.n >> s) & 0xffn)).join('.');
  if (a.n >> 32n === 0xffffn) return '::ffff:' + formatIP({ v6: false, n: a.n & 0xffffffffn });
  const g = Array.from({ length: 8 }, (_, i) => Number((a.n >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on a tie.
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

const formatNet = (n: Net) => `${formatIP({ v6: n.v6, n: n.base })}/${n.prefix}`;

function cidr(name: string, s: string, pos: number): Net {
  return parseCIDR(s) ?? fail(name, `operand ${pos}: invalid CIDR address: ${s}`);
}

/** Entries for cidr_contains_matches: [key, cidr-or-ip string]; an array member may be [cidr, …]. */
function entries(name: string, v: Value, pos: number): [Value, string][] {
  const item = (k: Value, x: Value): [Value, string] => {
    if (typeof x === 'string') return [k, x];
    if (Array.isArray(x) && typeof x[0] === 'string') return [k, x[0]];
    return fail(name, `operand ${pos}: element must be string or non-empty array with a string first element`);
  };
  if (typeof v === 'string') return [[v, v]];
  if (Array.isArray(v)) return v.map((x, i) => item(i, x));
  if (v instanceof RegoSet) return v.sorted().map((x) => item(x, x));
  if (v instanceof RegoObject) return v.sortedEntries().map(([k, x]) => item(k, x));
  return fail(name, `operand ${pos} must be one of {string, array, set, object} but got ${typeName(v)}`);
}

function contains(name: string, outer: Net, inner: string): boolean {
  const ip = parseIP(inner);
  if (ip) return containsAddr(outer, ip);
  const n = cidr(name, inner, 2);
  return n.v6 === outer.v6 && outer.prefix <= n.prefix && (n.base & mask(n.v6, outer.prefix)) === outer.base;
}

/** Smallest list of CIDRs covering [lo, hi]. */
function rangeToNets(v6: boolean, lo: bigint, hi: bigint): Net[] {
  const out: Net[] = [];
  const b = bits(v6);
  while (lo <= hi) {
    let size = 0;
    while (size < b && (lo & ((1n << BigInt(size + 1)) - 1n)) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= hi) size++;
    out.push({ v6, base: lo, prefix: b - size });
    lo += 1n << BigInt(size);
  }
  return out;
}

export function register(reg: Registry): void {
  def(reg, 'net.cidr_contains', 2, (a) =>
    contains('net.cidr_contains', cidr('net.cidr_contains', str('net.cidr_contains', a, 0), 1), str('net.cidr_contains', a, 1)));
  // Deprecated OPA alias of net.cidr_contains.
  def(reg, 'net.cidr_overlap', 2, (a, ctx) => reg.get('net.cidr_contains')!.fn(a, ctx));
  def(reg, 'net.cidr_intersects', 2, (a) => {
    const x = cidr('net.cidr_intersects', str('net.cidr_intersects', a, 0), 1);
    const y = cidr('net.cidr_intersects', str('net.cidr_intersects', a, 1), 2);
    if (x.v6 !== y.v6) return false;
    return x.base <= last(y) && y.base <= last(x);
  });
  def(reg, 'net.cidr_is_valid', 1, ([s]) => typeof s === 'string' && parseCIDR(s) !== undefined);
  def(reg, 'net.cidr_expand', 1, (a, ctx) => {
    const n = cidr('net.cidr_expand', str('net.cidr_expand', a, 0), 1);
    const count = last(n) - n.base + 1n;
    // Every address is charged to the budget before any is made (a /8 is 16 million of them).
    ctx.charge(count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count));
    const out = new RegoSet();
    for (let x = n.base; x <= last(n); x++) out.add(formatIP({ v6: n.v6, n: x }));
    return out;
  });
  def(reg, 'net.cidr_contains_matches', 2, ([c, x]) => {
    const name = 'net.cidr_contains_matches';
    const outers = entries(name, c!, 1).map(([k, s]) => [k, cidr(name, s, 1)] as const);
    const inners = entries(name, x!, 2);
    const out = new RegoSet();
    for (const [k1, n] of outers) for (const [k2, s] of inners) if (contains(name, n, s)) out.add([k1, k2]);
    return out;
  });
  def(reg, 'net.cidr_merge', 1, ([v]) => {
    const name = 'net.cidr_merge';
    if (!Array.isArray(v) && !(v instanceof RegoSet)) return fail(name, `operand 1 must be one of {array, set} but got ${typeName(v!)}`);
    const ranges: { v6: boolean; lo: bigint; hi: bigint }[] = [];
    for (const s of Array.isArray(v) ? v : v.sorted()) {
      if (typeof s !== 'string') return fail(name, `operand 1 must contain strings but got ${typeName(s)}`);
      const ip = parseIP(s);
      const n = ip ? { v6: ip.v6, base: ip.n, prefix: bits(ip.v6) } : parseCIDR(s) ?? fail(name, `invalid CIDR/IP: ${s}`);
      ranges.push({ v6: n.v6, lo: n.base, hi: last(n) });
    }
    ranges.sort((p, q) => (p.v6 !== q.v6 ? (p.v6 ? 1 : -1) : p.lo < q.lo ? -1 : p.lo > q.lo ? 1 : 0));
    const merged: typeof ranges = [];
    for (const r of ranges) {
      const top = merged[merged.length - 1];
      if (top && top.v6 === r.v6 && r.lo <= top.hi + 1n) { if (r.hi > top.hi) top.hi = r.hi; } else merged.push({ ...r });
    }
    return new RegoSet(merged.flatMap((r) => rangeToNets(r.v6, r.lo, r.hi)).map(formatNet));
  });
}
