// time.* built-ins (OPA topdown/time.go). Values are int64 nanoseconds: exact bigints beyond 2^53 (see
// num.ts); a double that reaches here goes through BigInt from its shortest decimal text.
import { typeName, type Value } from '../value.ts';
import { format, NAMED_LAYOUTS, parse, ParseError } from './golayout.ts';
import { civilFromDays, daysFromCivil, fieldsOf, instantOf, MAX_NS, MIN_NS, NS, resolveZone, type Fields } from './timecore.ts';
import { canonical, isNum, norm, type Num } from '../num.ts';
import { def, exactNum, fail, int, num, str, type Registry } from './util.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function checkRange(name: string, ns: bigint): bigint {
  if (ns < MIN_NS || ns > MAX_NS) fail(name, 'time outside of valid range');
  return ns;
}

export function toNs(name: string, n: Num): bigint {
  if (typeof n === 'bigint') return checkRange(name, n);
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return fail(name, 'timestamp too big');
  // String(n) is the shortest decimal that reads back as n: 1703444325734390000, not …389760.
  const ns = BigInt(String(Math.trunc(n)));
  // The double nearest 2^63-1 is 2^63: accept it as the maximum rather than reject OPA's own outputs.
  if (ns === 2n ** 63n) return MAX_NS;
  return checkRange(name, ns);
}

/** ns, or [ns, zone] (and [ns, zone, layout] for time.format). */
function instant(name: string, v: Value, withLayout = false): { ns: bigint; zone: string; layout?: string } {
  if (isNum(v)) return { ns: toNs(name, v), zone: 'UTC' };
  if (Array.isArray(v) && (v.length === 2 || (withLayout && v.length === 3)) && isNum(v[0])) {
    const z = v[1];
    if (typeof z !== 'string') return fail(name, `operand 1 second element must be a string but got ${typeName(z!)}`);
    const zone = resolveZone(z) ?? fail(name, `unknown time zone ${z}`);
    let layout: string | undefined;
    if (v.length === 3) {
      if (typeof v[2] !== 'string') return fail(name, `operand 1 third element must be a string but got ${typeName(v[2]!)}`);
      layout = NAMED_LAYOUTS[v[2]] ?? v[2];
    }
    return { ns: toNs(name, v[0]), zone, layout };
  }
  return fail(name, `operand 1 must be one of {number, array[number, string]} but got ${typeName(v)}`);
}

const fields = (name: string, v: Value): Fields => {
  const t = instant(name, v);
  return fieldsOf(t.ns, t.zone);
};

function parseWith(name: string, layout: string, value: string): Num {
  let p;
  try {
    p = parse(NAMED_LAYOUTS[layout] ?? layout, value);
  } catch (e) {
    if (e instanceof ParseError) return fail(name, e.message);
    throw e;
  }
  const local = BigInt(daysFromCivil(p.year, p.month, p.day)) * 86400n + BigInt(p.hour * 3600 + p.minute * 60 + p.second);
  const ns = (local - BigInt(p.offset ?? 0)) * NS + BigInt(p.nanos);
  return norm(checkRange(name, ns));
}

// Go's units, and the days, weeks and years OPA ≥ 1.14 accepts (a year is 365 days).
const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 604800e9, y: 31536000e9 };

/** Go's time.ParseDuration, including its float scaling of fractional parts. */
function parseDuration(name: string, s: string): Num {
  const bad = () => fail(name, `time: invalid duration ${JSON.stringify(s)}`);
  let rest = s, neg = false;
  if (rest[0] === '-' || rest[0] === '+') { neg = rest[0] === '-'; rest = rest.slice(1); }
  if (rest === '0') return 0;
  if (rest === '') bad();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return bad();
    const unit = UNITS[m[3]!];
    if (unit === undefined) return fail(name, `time: unknown unit ${JSON.stringify(m[3])} in duration ${JSON.stringify(s)}`);
    let v = BigInt(m[1] || '0') * BigInt(unit);
    if (m[2]) v += BigInt(Math.trunc(Number(m[2].slice(0, 18)) * (unit / 10 ** Math.min(m[2].length, 18))));
    total += v;
    if (total > MAX_NS) bad();
    rest = rest.slice(m[0].length);
  }
  return norm(neg ? -total : total);
}

function diff(a: Value, b: Value): number[] {
  const ta = instant('time.diff', a), tb = instant('time.diff', b);
  // OPA compares both in the first argument's zone, earlier instant first.
  const [x, y] = ta.ns <= tb.ns ? [ta.ns, tb.ns] : [tb.ns, ta.ns];
  const f1 = fieldsOf(x, ta.zone), f2 = fieldsOf(y, ta.zone);
  let year = f2.year - f1.year, month = f2.month - f1.month, day = f2.day - f1.day;
  let hour = f2.hour - f1.hour, min = f2.minute - f1.minute, sec = f2.second - f1.second;
  if (sec < 0) { sec += 60; min--; }
  if (min < 0) { min += 60; hour--; }
  if (hour < 0) { hour += 24; day--; }
  if (day < 0) {
    // Days in f1's month: Go normalizes day 32 of that month.
    const [, , d32] = civilFromDays(daysFromCivil(f1.year, f1.month, 32));
    day += 32 - d32;
    month--;
  }
  if (month < 0) { month += 12; year--; }
  return [year, month, day, hour, min, sec];
}

export function register(reg: Registry): void {
  def(reg, 'time.now_ns', 0, (_a, ctx) => canonical(ctx.nowNs));
  def(reg, 'time.parse_ns', 2, (a) => parseWith('time.parse_ns', str('time.parse_ns', a, 0), str('time.parse_ns', a, 1)));
  def(reg, 'time.parse_rfc3339_ns', 1, (a) => parseWith('time.parse_rfc3339_ns', 'RFC3339', str('time.parse_rfc3339_ns', a, 0)));
  def(reg, 'time.parse_duration_ns', 1, (a) => parseDuration('time.parse_duration_ns', str('time.parse_duration_ns', a, 0)));
  def(reg, 'time.date', 1, ([v]) => { const f = fields('time.date', v!); return [f.year, f.month, f.day]; });
  def(reg, 'time.clock', 1, ([v]) => { const f = fields('time.clock', v!); return [f.hour, f.minute, f.second]; });
  def(reg, 'time.weekday', 1, ([v]) => DAYS[fields('time.weekday', v!).weekday]!);
  def(reg, 'time.format', 1, ([v]) => {
    const t = instant('time.format', v!, true);
    const layout = t.layout ?? NAMED_LAYOUTS.RFC3339Nano!;
    return format(fieldsOf(t.ns, t.zone), layout);
  });
  // Go's AddDate in UTC: months and days overflow into the next unit (Jan 31 + 1 month = Mar 2/3).
  def(reg, 'time.add_date', 4, (a) => {
    const name = 'time.add_date';
    const ns = toNs(name, exactNum(name, a, 0));
    const years = int(name, a, 1), months = int(name, a, 2), days = int(name, a, 3);
    const f = fieldsOf(ns, 'UTC');
    const res = instantOf(f.year + years, f.month + months, f.day + days, f.hour, f.minute, f.second, f.nanos, 'UTC');
    return norm(checkRange(name, res));
  });
  def(reg, 'time.diff', 2, ([a, b]) => diff(a!, b!));
}
