import assert from 'node:assert/strict';
import { builtins } from '../../../src/rego/builtins/index.ts';
import { BuiltinError } from '../../../src/rego/builtins/types.ts';
import { RegoBudgetError } from '../../../src/rego/errors.ts';
import { fromJson, RegoObject, RegoSet, toJson, type Value } from '../../../src/rego/value.ts';

export const NOW = 1_700_000_000_000_000_000;

export function call(name: string, ...args: Value[]): Value | undefined {
  const b = builtins.get(name);
  assert.ok(b, `built-in ${name} is registered`);
  assert.equal(b.arity, args.length, `${name} arity`);
  let steps = 0;
  // The evaluator's default budget: built-ins charge their work to it before doing it.
  return b.fn(args, { nowNs: NOW, charge: (n) => { if ((steps += n) > 5_000_000) throw new RegoBudgetError('evaluation exceeded 5000000 steps'); } });
}

/** Calls and compares through JSON (sets become sorted arrays). */
export function eq(name: string, args: Value[], want: unknown): void {
  const got = call(name, ...args);
  assert.deepEqual(got === undefined ? undefined : toJson(got), want, `${name}(${JSON.stringify(args.map((a) => toJson(a)))})`);
}

export function throws(name: string, ...args: Value[]): void {
  assert.throws(() => call(name, ...args), BuiltinError, `${name} should fail`);
}

export const S = (...xs: Value[]): RegoSet => new RegoSet(xs);
export const O = (o: Record<string, unknown>): RegoObject => fromJson(o) as RegoObject;
export { RegoObject, RegoSet };
