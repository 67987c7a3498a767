// Calendar arithmetic and time-zone offsets for the time.* built-ins. Instants are BigInt nanoseconds
// since the Unix epoch, limited to Go's int64 range like OPA; zones come from Intl (Node ships full ICU).

export const NS = 1_000_000_000n;
export const MIN_NS = -(2n ** 63n);
export const MAX_NS = 2n ** 63n - 1n;

/** Days since 1970-01-01 of a proleptic Gregorian date (month may be any integer, day too: normalized). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (d - 1);
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export const daysIn = (y: number, m: number): number => daysFromCivil(y, m + 1, 1) - daysFromCivil(y, m, 1);

export interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; nanos: number;
  weekday: number; // 0 = Sunday
  yearDay: number;
  offset: number; // seconds east of UTC
  zone: string;
  unixSec: number;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(zone: string, locale = 'en-US'): Intl.DateTimeFormat {
  const key = `${locale} ${zone}`;
  let f = dtfCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short', timeZoneName: 'short',
    });
    dtfCache.set(key, f);
  }
  return f;
}

/** Resolves an OPA zone name: "" and "UTC" are UTC, "Local" the process zone; others must be IANA names. */
export function resolveZone(name: string): string | undefined {
  if (name === '' || name === 'UTC') return 'UTC';
  if (name === 'Local') return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    dtf(name);
    return name;
  } catch {
    return undefined;
  }
}

/** Offset (seconds east of UTC) of `zone` at the instant `sec` (Unix seconds). */
export function zoneAt(zone: string, sec: number): number {
  if (zone === 'UTC') return 0;
  const parts = dtf(zone).formatToParts(new Date(sec * 1000));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  let year = Number(get('year'));
  if (get('era').startsWith('B')) year = 1 - year;
  const local = daysFromCivil(year, Number(get('month')), Number(get('day'))) * 86400 +
    Number(get('hour')) * 3600 + Number(get('minute')) * 60 + Number(get('second'));
  return local - sec;
}

// ICU knows an English abbreviation for a zone only in some locales (CET in en-GB, IST in en-IN…).
const ABBR_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

/** Zone abbreviation for Go's "MST" layout element; "+0530"-style (as Go's tzdata) when ICU has none. */
export function zoneAbbr(zone: string, sec: number, offset: number): string {
  if (zone === 'UTC') return 'UTC';
  for (const loc of ABBR_LOCALES) {
    const name = dtf(zone, loc).formatToParts(new Date(sec * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0'), mm = Math.floor((a % 3600) / 60);
  return (offset < 0 ? '-' : '+') + hh + (mm ? String(mm).padStart(2, '0') : '');
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

export function fieldsOf(ns: bigint, zone: string): Fields {
  const sec = floorDiv(ns, NS);
  const nanos = Number(ns - sec * NS);
  const offset = zoneAt(zone, Number(sec));
  const local = Number(sec) + offset;
  const days = Math.floor(local / 86400);
  const sod = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year, month, day, hour: Math.floor(sod / 3600), minute: Math.floor((sod % 3600) / 60), second: sod % 60, nanos,
    weekday: (((days + 4) % 7) + 7) % 7, yearDay: days - daysFromCivil(year, 1, 1) + 1, offset, zone, unixSec: Number(sec),
  };
}

/** Instant of a wall-clock time in `zone` (Go's time.Date: a skipped or repeated wall time resolves like Go). */
export function instantOf(y: number, mo: number, d: number, h: number, mi: number, s: number, nanos: number, zone: string): bigint {
  const local = BigInt(daysFromCivil(y, mo, d)) * 86400n + BigInt(h * 3600 + mi * 60 + s);
  let offset = 0;
  if (zone !== 'UTC') {
    // Go's time.Date: take the offset in effect at the wall time read as UTC; if the resulting instant
    // falls outside that offset's period (DST change in between), use the offset at that instant.
    const guess = Number(local);
    offset = zoneAt(zone, guess);
    const o2 = zoneAt(zone, guess - offset);
    if (o2 !== offset) offset = o2;
  }
  return (local - BigInt(offset)) * NS + BigInt(nanos);
}
