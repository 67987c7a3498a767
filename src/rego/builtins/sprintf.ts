// sprintf with Go fmt verbs, as OPA calls fmt.Sprintf: integral numbers are passed as integers, other
// numbers as float64, strings as Go strings, and every other value as its Rego text (so booleans are
// strings: sprintf("%t", [true]) is "%!t(string=true)" in OPA too).
import type { Value } from '../value.ts';
import { fixExp, gFormat, regoText } from '../value-text.ts';
import type { BuiltinContext } from './types.ts';
import { arr, def, str, type Registry } from './util.ts';

type Arg = { kind: 'int'; v: bigint } | { kind: 'float'; v: number } | { kind: 'string'; v: string };

function toArg(v: Value): Arg {
  // Integral numbers whose decimal text is plain digits become Go integers (OPA: big.Int from the literal).
  if (typeof v === 'bigint') return { kind: 'int', v };
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? { kind: 'int', v: BigInt(String(v)) } : { kind: 'float', v };
  if (typeof v === 'string') return { kind: 'string', v };
  return { kind: 'string', v: regoText(v) };
}

/** %e with precision (-1 = shortest). */
function eFormat(f: number, prec: number): string {
  return fixExp(prec < 0 ? f.toExponential() : f.toExponential(prec));
}

/** %f with precision; toFixed switches to exponent form at 1e21, Go never does. */
function fFormat(f: number, prec: number): string {
  if (Math.abs(f) >= 1e21 && Number.isFinite(f)) {
    const i = BigInt(Math.trunc(f)).toString();
    return prec > 0 ? `${i}.${'0'.repeat(prec)}` : i;
  }
  return prec < 0 ? String(f) : f.toFixed(prec);
}

function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-7][0-9a-f])/g, '\\x$1').replace(/\u007f/g, '\\x7f');
}

interface Spec { minus: boolean; plus: boolean; space: boolean; zero: boolean; sharp: boolean; width: number; prec: number }

function pad(s: string, sp: Spec, numeric: boolean): string {
  if (s.length >= sp.width) return s;
  if (sp.minus) return s + ' '.repeat(sp.width - s.length);
  if (sp.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(sp.width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(sp.width - s.length) + s;
}

function signed(s: string, neg: boolean, sp: Spec): string {
  return (neg ? '-' : sp.plus ? '+' : sp.space ? ' ' : '') + s;
}

const goType = (a: Arg) => (a.kind === 'int' ? 'int' : a.kind === 'float' ? 'float64' : 'string');
const plain = (a: Arg) => (a.kind === 'int' ? a.v.toString() : a.kind === 'float' ? gFormat(a.v, -1, 6, false) : a.v);
const bad = (verb: string, a: Arg) => `%!${verb}(${goType(a)}=${plain(a)})`;

function formatOne(verb: string, a: Arg, sp: Spec): string {
  switch (a.kind) {
    case 'string':
      if (verb === 's' || verb === 'v') return pad(sp.prec >= 0 ? Array.from(a.v).slice(0, sp.prec).join('') : a.v, sp, false);
      if (verb === 'q') return pad(goQuote(a.v), sp, false);
      if (verb === 'x' || verb === 'X') {
        const hex = Buffer.from(a.v, 'utf8').toString('hex');
        return pad(verb === 'X' ? hex.toUpperCase() : hex, sp, false);
      }
      return bad(verb, a);
    case 'int': {
      const neg = a.v < 0n, abs = neg ? -a.v : a.v;
      const radix: Record<string, number> = { d: 10, v: 10, x: 16, X: 16, o: 8, b: 2, O: 8 };
      if (verb in radix) {
        let s = abs.toString(radix[verb]!);
        if (verb === 'X') s = s.toUpperCase();
        if (sp.sharp && (verb === 'x' || verb === 'X')) s = (verb === 'x' ? '0x' : '0X') + s;
        if (verb === 'O' || (sp.sharp && verb === 'o')) s = (verb === 'O' ? '0o' : '0') + s;
        if (sp.prec >= 0 && s.length < sp.prec) s = '0'.repeat(sp.prec - s.length) + s;
        return pad(signed(s, neg, sp), sp, sp.prec < 0);
      }
      // Go prints U+FFFD for an integer that is not a code point.
      const ch = a.v >= 0n && a.v <= 0x10ffffn ? String.fromCodePoint(Number(a.v)) : '\ufffd';
      if (verb === 'c') return pad(ch, sp, false);
      if (verb === 'q') return pad(`'${ch}'`, sp, false);
      return bad(verb, a);
    }
    case 'float': {
      const neg = a.v < 0 || Object.is(a.v, -0), f = Math.abs(a.v);
      let s: string;
      switch (verb) {
        case 'f': case 'F': s = fFormat(f, sp.prec < 0 ? 6 : sp.prec); break;
        case 'e': case 'E': s = eFormat(f, sp.prec < 0 ? 6 : sp.prec); break;
        case 'g': case 'G': s = gFormat(f, sp.prec, 6, sp.sharp); break;
        case 'v': s = gFormat(f, sp.prec, 6, sp.sharp); break;
        default: return bad(verb, a);
      }
      if (verb === 'E' || verb === 'G') s = s.toUpperCase();
      return pad(signed(s, neg, sp), sp, true);
    }
  }
}

export function sprintf(format: string, values: Value[], ctx: BuiltinContext): string {
  const args = values.map(toArg);
  let out = '', next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') { out += c; continue; }
    const sp: Spec = { minus: false, plus: false, space: false, zero: false, sharp: false, width: 0, prec: -1 };
    let j = i + 1;
    for (; j < format.length && '-+ 0#'.includes(format[j]!); j++) {
      const f = format[j]!;
      if (f === '-') sp.minus = true; else if (f === '+') sp.plus = true; else if (f === ' ') sp.space = true;
      else if (f === '0') sp.zero = true; else sp.sharp = true;
    }
    const w = /^\d+/.exec(format.slice(j));
    if (w) { sp.width = Number(w[0]); j += w[0].length; }
    if (format[j] === '.') {
      const p = /^\d*/.exec(format.slice(j + 1))![0];
      sp.prec = p === '' ? 0 : Number(p);
      j += 1 + p.length;
    }
    // A width or precision of a billion would allocate before returning: charge the padding first.
    ctx.charge(Math.ceil((sp.width + Math.max(sp.prec, 0)) / 64));
    const verb = format[j];
    i = j;
    if (verb === undefined) { out += '%!(NOVERB)'; break; }
    if (verb === '%') { out += '%'; continue; }
    const arg = args[next++];
    out += arg === undefined ? `%!${verb}(MISSING)` : formatOne(verb, arg, sp);
  }
  if (next < args.length) out += '%!(EXTRA ' + args.slice(next).map((a) => `${goType(a)}=${plain(a)}`).join(', ') + ')';
  return out;
}

export function register(reg: Registry): void {
  def(reg, 'sprintf', 2, (a, ctx) => sprintf(str('sprintf', a, 0), arr('sprintf', a, 1), ctx));
}
