// Rego numbers. OPA keeps integers exact (big.Int) and the text of literals; a JS double does not hold
// integers beyond 2^53. So a number is a JS double, or — for an integer beyond the safe range — a bigint:
// `9223372036854775807 + 1` and `1e30 + 1` are exact. Decimals stay doubles (a deviation, see README).
// Invariant: a bigint is never within the safe range (`norm`), so each integer has one representation.

export type Num = number | bigint;

export const isNum = (v: unknown): v is Num => typeof v === 'number' || typeof v === 'bigint';

/** A bigint back to a double when it fits exactly. */
export function norm(b: bigint): Num {
  return b >= -BigInt(Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** A literal as written: integers (also `1e30`, `5.0e3`) exactly; other decimals as doubles. */
export function fromLiteral(raw: string): Num {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  const n = Number(raw);
  if (!m || Number.isSafeInteger(n) || !Number.isFinite(n)) return n;
  const [, sign, int, frac = '', expS = '0'] = m;
  const exp = Number(expS);
  const digits = (int! + frac).replace(/^0+(?=\d)/, '');
  const shift = exp - frac.length;
  if (shift < 0) {
    // Integral only if the dropped digits are zeros.
    if (!/^0*$/.test(digits.slice(digits.length + shift))) return n;
    return norm(BigInt(sign + (digits.slice(0, digits.length + shift) || '0')));
  }
  if (shift > 400) return n;
  return norm(BigInt(sign + digits + '0'.repeat(shift)));
}

/** A double that holds an integer beyond the safe range, as its exact bigint (so keys and equality agree). */
export function canonical(n: number): Num {
  return Number.isInteger(n) && !Number.isSafeInteger(n) && Math.abs(n) < 1e300 ? BigInt(n) : n;
}

export const toNumber = (v: Num): number => (typeof v === 'bigint' ? Number(v) : v);

const isIntegral = (v: Num) => typeof v === 'bigint' || Number.isInteger(v);

type Op = '+' | '-' | '*';

function float(op: Op, x: number, y: number): number {
  return op === '+' ? x + y : op === '-' ? x - y : x * y;
}

/** Exact when both operands are integers; doubles otherwise (OPA: big.Int, else big.Float). */
function exact(op: Op, a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = float(op, a, b);
    if (Number.isSafeInteger(r) || !Number.isInteger(a) || !Number.isInteger(b)) return r;
  }
  if (isIntegral(a) && isIntegral(b) && Number.isFinite(toNumber(a)) && Number.isFinite(toNumber(b))) {
    const x = BigInt(a), y = BigInt(b);
    return norm(op === '+' ? x + y : op === '-' ? x - y : x * y);
  }
  return float(op, toNumber(a), toNumber(b));
}

export const add = (a: Num, b: Num): Num => exact('+', a, b);
export const sub = (a: Num, b: Num): Num => exact('-', a, b);
export const mul = (a: Num, b: Num): Num => exact('*', a, b);

/** a / b, exact when b divides a. The caller rejects b == 0. */
export function div(a: Num, b: Num): Num {
  if ((typeof a === 'bigint' || typeof b === 'bigint') && isIntegral(a) && isIntegral(b)) {
    const x = BigInt(a), y = BigInt(b);
    if (x % y === 0n) return norm(x / y);
  }
  return toNumber(a) / toNumber(b);
}

/** a % b on integers (the sign of the dividend, as Go). The caller checks integrality and b != 0. */
export function rem(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') { const r = a % b; return Object.is(r, -0) ? 0 : r; }
  return norm(BigInt(a) % BigInt(b));
}

export const neg = (a: Num): Num => (typeof a === 'bigint' ? norm(-a) : -a);

/** Numeric order, exact between bigints and doubles. */
export function cmp(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const [big, n, flip] = typeof a === 'bigint' ? [a, b as number, 1] : [b as bigint, a as number, -1];
  let c: number;
  if (!Number.isFinite(n)) c = n > 0 ? -1 : 1;
  else {
    const t = BigInt(Math.trunc(n));
    c = big < t ? -1 : big > t ? 1 : Number.isInteger(n) ? 0 : n > 0 ? -1 : 1;
  }
  return c * flip;
}
