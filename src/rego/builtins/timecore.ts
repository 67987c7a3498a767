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
  zoneAbbr: string;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(zone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short', timeZoneName: 'short',
    });
    dtfCache.set(zone, f);
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

/** Offset (seconds east of UTC) and abbreviation of `zone` at the instant `sec` (Unix seconds). */
export function zoneAt(zone: string, sec: number): { offset: number; abbr: string } {
  if (zone === 'UTC') return { offset: 0, abbr: 'UTC' };
  const parts = dtf(zone).formatToParts(new Date(sec * 1000));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  let year = Number(get('year'));
  if (get('era').startsWith('B')) year = 1 - year;
  const local = daysFromCivil(year, Number(get('month')), Number(get('day'))) * 86400 +
    Number(get('hour')) * 3600 + Number(get('minute')) * 60 + Number(get('second'));
  const offset = local - sec;
  let abbr = get('timeZoneName');
  // ICU names zones without a common English abbreviation "GMT+5:30"; Go's tzdata says "+0530".
  const gmt = /^GMT([+-])(\d{1,2})(?::(\d\d))?$/.exec(abbr);
  if (gmt) abbr = `${gmt[1]}${gmt[2]!.padStart(2, '0')}${gmt[3] ?? ''}`;
  else if (abbr === 'GMT' && offset === 0 && zone !== 'Europe/London') abbr = zone === 'Etc/UTC' ? 'UTC' : abbr;
  return { offset, abbr };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

export function fieldsOf(ns: bigint, zone: string): Fields {
  const sec = floorDiv(ns, NS);
  const nanos = Number(ns - sec * NS);
  const { offset, abbr } = zoneAt(zone, Number(sec));
  const local = Number(sec) + offset;
  const days = Math.floor(local / 86400);
  const sod = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year, month, day, hour: Math.floor(sod / 3600), minute: Math.floor((sod % 3600) / 60), second: sod % 60, nanos,
    weekday: (((days + 4) % 7) + 7) % 7, yearDay: days - daysFromCivil(year, 1, 1) + 1, offset, zoneAbbr: abbr,
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
    offset = zoneAt(zone, guess).offset;
    const o2 = zoneAt(zone, guess - offset).offset;
    if (o2 !== offset) offset = o2;
  }
  return (local - BigInt(offset)) * NS + BigInt(nanos);
}
