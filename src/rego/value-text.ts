// Rego values as text, the way OPA prints them (ast.Value.String()), for messages and sprintf:
// strings quoted inside composites, sets as {…} or set(), numbers in Go's shortest %g form.
import { RegoObject, RegoSet, type Value } from './value.ts';

/** A value as Rego prints it: `{"a": [1, true]}`, `{"x", "y"}`, `set()`. */
export function regoText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(regoText).join(', ') + ']';
  if (v instanceof RegoSet) return v.size === 0 ? 'set()' : '{' + v.sorted().map(regoText).join(', ') + '}';
  return '{' + (v as RegoObject).sortedEntries().map(([k, x]) => regoText(k) + ': ' + regoText(x)).join(', ') + '}';
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return gFormat(n, -1, 21, false);
}

/** Go's exponent style: at least two digits ("1e+06"). */
export function fixExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g (and %v): exponent form when exp < -4 || exp >= eprec (the precision, or 6 when shortest). Rego text uses 21. */
export function gFormat(f: number, prec: number, shortestEprec: number, sharp: boolean): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  if (prec === 0) prec = 1;
  const e = prec < 0 ? f.toExponential() : f.toExponential(prec - 1);
  const [mant, expS] = e.split('e') as [string, string];
  const exp = Number(expS);
  const eprec = prec < 0 ? shortestEprec : prec;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    let m = mant;
    if (!sharp && m.includes('.')) m = m.replace(/\.?0+$/, '');
    out = fixExp(`${m}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`);
  } else {
    const digits = mant.replace('-', '').replace('.', '');
    const decimals = Math.max(digits.length - 1 - exp, 0);
    out = f.toFixed(decimals);
    if (!sharp && out.includes('.')) out = out.replace(/\.?0+$/, '');
  }
  return out;
}

