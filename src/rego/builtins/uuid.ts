// uuid.parse (OPA topdown/uuid.go, google/uuid): the fields a UUID carries, by version. RFC 9562:
// v1/v2 hold a 60-bit count of 100 ns since 1582-10-15, a clock sequence and a node id (v2 swaps the low
// time bits for a domain id); v6 reorders v1's timestamp; v7 starts with Unix milliseconds.
import { RegoObject, type Value } from '../value.ts';
import { def, str, type Registry } from './util.ts';

const GREGORIAN_TO_UNIX_100NS = 0x01b21dd213814000n;
const DOMAINS = ['Person', 'Group', 'Org'];

/** The 16 bytes of the textual forms google/uuid accepts: plain, {braced}, urn:uuid:, or 32 hex digits. */
function bytesOf(s: string): Buffer | undefined {
  let t = s;
  if (t.length === 45 && t.toLowerCase().startsWith('urn:uuid:')) t = t.slice(9);
  else if (t.length === 38 && t[0] === '{' && t[37] === '}') t = t.slice(1, 37);
  if (t.length === 36) {
    if (t[8] !== '-' || t[13] !== '-' || t[18] !== '-' || t[23] !== '-') return undefined;
    t = t.replace(/-/g, '');
  }
  return /^[0-9a-fA-F]{32}$/.test(t) ? Buffer.from(t, 'hex') : undefined;
}

function variant(b8: number): string {
  if ((b8 & 0x80) === 0) return 'Reserved';
  if ((b8 & 0xc0) === 0x80) return 'RFC4122';
  if ((b8 & 0xe0) === 0xc0) return 'Microsoft';
  return 'Future';
}

const unixNs = (t100: bigint): number => Number((t100 - GREGORIAN_TO_UNIX_100NS) * 100n);

function parse(b: Buffer): Value {
  const version = b[6]! >> 4;
  const out: Record<string, Value> = { version, variant: variant(b[8]!) };
  const timeLow = BigInt(b.readUInt32BE(0)), timeMid = BigInt(b.readUInt16BE(4)), timeHi = BigInt(b.readUInt16BE(6) & 0x0fff);
  if (version === 1 || version === 2) {
    out.time = unixNs(timeLow | (timeMid << 32n) | (timeHi << 48n));
    out.clocksequence = ((b[8]! & 0x3f) << 8) | b[9]!;
    out.nodeid = [...b.subarray(10)].map((x) => x.toString(16).padStart(2, '0')).join('-');
    out.macvariables = `${b[10]! & 2 ? 'local' : 'global'}:${b[10]! & 1 ? 'multicast' : 'unicast'}`;
    if (version === 2) {
      out.domain = DOMAINS[b[9]!] ?? `Domain${b[9]}`;
      out.id = b.readUInt32BE(0);
    }
  } else if (version === 6) {
    out.time = unixNs((timeLow << 28n) | (timeMid << 12n) | timeHi);
  } else if (version === 7) {
    out.time = Number(b.readUIntBE(0, 6)) * 1e6;
  }
  return RegoObject.fromRecord(out);
}

export function register(reg: Registry): void {
  // An unparsable string is undefined, as in OPA.
  def(reg, 'uuid.parse', 1, (a) => {
    const b = bytesOf(str('uuid.parse', a, 0));
    return b && parse(b);
  });
}
