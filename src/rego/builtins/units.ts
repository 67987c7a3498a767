// units.parse / units.parse_bytes (OPA topdown/parse_units.go, parse_bytes.go).
import { def, fail, str, type Registry } from './util.ts';

const DECIMAL: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 };
const BINARY: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 };

/** OPA's extractNumAndUnit: digits, '.', signs and an exponent ("1e3") form the amount; the rest is the unit. */
function extract(s: string): [string, string] {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9.+-]/.test(c)) continue;
    if (c === 'e' || c === 'E') {
      const next = s[i + 1];
      if (next === undefined || !/[0-9+-]/.test(next)) break;
      if (next === '+' || next === '-') i++;
      continue;
    }
    break;
  }
  return [s.slice(0, i), s.slice(i)];
}

/** Strips quotes, rejects spaces, splits "10.5Ki" into [10.5, "Ki"]. */
function split(name: string, raw: string, noun: string): [number, string] {
  const s = raw.replaceAll('"', '');
  if (s.includes(' ')) fail(name, 'spaces not allowed in resource strings');
  const [amount, unit] = extract(s);
  if (amount === '') fail(name, `no ${noun}amount provided`);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(amount)) fail(name, `could not parse ${noun}amount to a number`);
  return [Number(amount), unit];
}

export function register(reg: Registry): void {
  // Decimal suffixes are case-sensitive only where SI needs it (m milli, M mega); "Ki"-style binary
  // suffixes accept any case, as OPA lowercases them.
  def(reg, 'units.parse', 1, (a) => {
    const [n, unit] = split('units.parse', str('units.parse', a, 0), '');
    if (unit === '') return n;
    if (unit.length === 2 && unit[1]!.toLowerCase() === 'i') {
      const f = BINARY[unit[0]!.toLowerCase()];
      if (f !== undefined) return n * f;
    } else if (unit === 'm') return n / 1000;
    else if (unit === 'M') return n * 1e6;
    else if (unit.length === 1 && DECIMAL[unit.toLowerCase()] !== undefined) return n * DECIMAL[unit.toLowerCase()]!;
    return fail('units.parse', `unknown unit ${JSON.stringify(unit)}`);
  });
  // Byte units are case-insensitive; the result is truncated to an integer (1.1KiB = 1126).
  def(reg, 'units.parse_bytes', 1, (a) => {
    const [n, u] = split('units.parse_bytes', str('units.parse_bytes', a, 0), 'byte ');
    const unit = u.toLowerCase();
    if (unit === '') return Math.trunc(n);
    const m = /^([kmgtpe])(i?)b?$/.exec(unit);
    if (!m) return fail('units.parse_bytes', `unknown unit ${JSON.stringify(u)}`);
    return Math.trunc(n * (m[2] ? BINARY[m[1]!]! : DECIMAL[m[1]!]!));
  });
}
