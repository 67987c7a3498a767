// abs ceil floor round numbers.range numbers.range_step rand.intn to_number (OPA topdown/arithmetic.go, numbers.go, casts.go).
import { typeName, type Value } from '../value.ts';
import type { BuiltinContext } from './types.ts';
import { canonical, fromLiteral } from '../num.ts';
import { def, exactNum, fail, int, num, str, type Registry } from './util.ts';

// Go's strconv.ParseFloat decimal syntax (OPA rejects Inf/NaN spellings in to_number).
const DECIMAL = /^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The numbers are charged to the evaluation budget before any is made: a huge range fails the budget, not the heap. */
function range(a: number, b: number, step: number, ctx: BuiltinContext): number[] {
  ctx.charge(Math.floor(Math.abs(b - a) / step) + 1);
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i += step) out.push(i);
  else for (let i = a; i >= b; i -= step) out.push(i);
  return out;
}

/** FNV-1a over the seed string: rand.intn must give the same value for the same (str, n) within one evaluation. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function register(reg: Registry): void {
  // Integers beyond 2^53 are exact and already integral.
  def(reg, 'abs', 1, (a) => { const n = exactNum('abs', a, 0); return typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n); });
  def(reg, 'ceil', 1, (a) => { const n = exactNum('ceil', a, 0); return typeof n === 'bigint' ? n : canonical(Math.ceil(n) + 0); });
  def(reg, 'floor', 1, (a) => { const n = exactNum('floor', a, 0); return typeof n === 'bigint' ? n : canonical(Math.floor(n) + 0); });
  // Go's math.Round rounds half away from zero (-9.5 -> -10); Math.round would give -9.
  def(reg, 'round', 1, (a) => {
    const n = exactNum('round', a, 0);
    return typeof n === 'bigint' ? n : canonical((Math.sign(n) * Math.round(Math.abs(n))) + 0);
  });
  def(reg, 'numbers.range', 2, (a, ctx) => range(int('numbers.range', a, 0), int('numbers.range', a, 1), 1, ctx));
  def(reg, 'numbers.range_step', 3, (a, ctx) => {
    const name = 'numbers.range_step';
    const from = int(name, a, 0), to = int(name, a, 1), step = int(name, a, 2);
    if (step <= 0) fail(name, 'step must be a positive integer');
    return range(from, to, step, ctx);
  });
  def(reg, 'rand.intn', 2, (a, ctx) => {
    const s = str('rand.intn', a, 0);
    // OPA errors on a non-integer bound; the regorus cases expect undefined (as non-strict OPA shows).
    if (!Number.isInteger(num('rand.intn', a, 1))) return undefined;
    const n = int('rand.intn', a, 1);
    if (n === 0) return 0;
    const m = Math.abs(n);
    return hash(`${ctx.nowNs}\u0000${s}\u0000${m}`) % m;
  });
  def(reg, 'to_number', 1, ([v]) => {
    if (v === null) return 0;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number' || typeof v === 'bigint') return v;
    if (typeof v === 'string') {
      if (!DECIMAL.test(v) || /_/.test(v)) fail('to_number', `strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
      const n = Number(v);
      if (/^[+-]?\d+$/.test(v)) return fromLiteral(v.replace(/^\+/, ''));
      if (!Number.isFinite(n)) fail('to_number', `strconv.ParseFloat: parsing ${JSON.stringify(v)}: value out of range`);
      return n;
    }
    return fail('to_number', `operand 1 must be one of {boolean, null, number, string} but got ${typeName(v as Value)}`);
  });
}
