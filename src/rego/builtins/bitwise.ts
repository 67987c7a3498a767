// bits.* on integers (OPA topdown/bits.go works on big.Int; BigInt keeps values beyond 32 bits exact).
import { def, fail, int, type Registry } from './util.ts';
import type { Value } from '../value.ts';

const big = (name: string, a: Value[], i: number): bigint => BigInt(int(name, a, i));

export function register(reg: Registry): void {
  const binary = (op: string, f: (x: bigint, y: bigint) => bigint) =>
    def(reg, `bits.${op}`, 2, (a) => Number(f(big(`bits.${op}`, a, 0), big(`bits.${op}`, a, 1))));
  binary('and', (x, y) => x & y);
  binary('or', (x, y) => x | y);
  binary('xor', (x, y) => x ^ y);
  def(reg, 'bits.negate', 1, (a) => Number(~big('bits.negate', a, 0)));
  const shift = (op: 'lsh' | 'rsh') =>
    def(reg, `bits.${op}`, 2, (a) => {
      const name = `bits.${op}`;
      const x = big(name, a, 0), s = big(name, a, 1);
      if (s < 0n) fail(name, 'operand 2 must be an unsigned integer number but got a negative integer');
      return Number(op === 'lsh' ? x << s : x >> s);
    });
  shift('lsh');
  shift('rsh');
}
