// The shape of a built-in function. The evaluator looks built-ins up by their dotted name.
import type { Value } from '../value.ts';

export interface BuiltinContext {
  /** time.now_ns for this whole evaluation: fixed once, so an evaluation is deterministic. */
  readonly nowNs: number;
  /**
   * Counts `steps` of work against the evaluation budget, checking the deadline too; throws when the
   * budget is exhausted. A built-in whose work grows with its input calls it before doing that work.
   */
  charge(steps: number): void;
}

/** Returns the value, or undefined when the call is undefined (e.g. object.get on a missing path is not; regex.match never is). */
export type BuiltinImpl = (args: Value[], ctx: BuiltinContext) => Value | undefined;

export interface Builtin {
  /** Number of arguments (the output is not counted). */
  readonly arity: number;
  readonly fn: BuiltinImpl;
}

/**
 * Thrown for a built-in's runtime error (wrong operand type, bad format, division by zero…).
 * In strict mode it fails the evaluation; otherwise the expression is undefined, as OPA does.
 */
export class BuiltinError extends Error {
  constructor(readonly builtin: string, message: string) {
    super(`${builtin}: ${message}`);
  }
}
