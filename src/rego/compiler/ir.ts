// The compiled form the evaluator runs: variables resolved to frame slots, names resolved to data paths,
// built-ins and user functions resolved, bodies reordered for safety.

import type { Builtin } from '../builtins/types.ts';
import type { Loc } from '../syntax/ast.ts';
import type { Value } from '../value.ts';

export type CTerm =
  | { k: 'val'; v: Value }
  | { k: 'var'; slot: number; name: string; loc: Loc }
  | { k: 'array'; items: CTerm[] }
  | { k: 'set'; items: CTerm[] }
  | { k: 'object'; entries: [CTerm, CTerm][] }
  /** A reference rooted at a term that is not `data`/`input` (a local var, a literal, a call…). */
  | { k: 'ref'; head: CTerm; path: CTerm[]; loc: Loc }
  | { k: 'data'; path: CTerm[]; loc: Loc }
  | { k: 'input'; path: CTerm[]; loc: Loc }
  | { k: 'compr'; kind: 'array' | 'set' | 'object'; key?: CTerm; value: CTerm; body: CBody; captures: number[]; loc: Loc }
  /** `arity` is the function's; one more argument than that is an output, unified with the result. */
  | { k: 'call'; fn: FnTarget; args: CTerm[]; arity: number; loc: Loc };

export type FnTarget =
  | { kind: 'op'; name: string }
  | { kind: 'builtin'; name: string; impl: Builtin }
  /** A user function: `path` is its full data path (e.g. ["pkg","f"]). */
  | { kind: 'user'; name: string; path: string[] };

export type CWithTarget =
  | { kind: 'input'; path: Value[] }
  | { kind: 'data'; path: Value[] }
  /** Replaces a function or built-in: `name` is the built-in name or the user function's data path joined with dots. */
  | { kind: 'fn'; name: string };

export interface CWith { target: CWithTarget; value: CTerm; fnValue?: FnTarget; loc: Loc }

export type CExprBody =
  | { k: 'term'; term: CTerm }
  | { k: 'eq'; a: CTerm; b: CTerm }
  | { k: 'somein'; key?: CTerm; value: CTerm; coll: CTerm }
  | { k: 'every'; key?: CTerm; value: CTerm; coll: CTerm; body: CBody; captures: number[] }
  | { k: 'noop' };

export type CExpr = CExprBody & {
  negated: boolean; with: CWith[]; loc: Loc; index: number; assign?: boolean; capture?: boolean;
  /** A nested call taken out of a `not` expression (OPA's expansion): not reported among a query's expressions. */
  hoisted?: boolean;
};

export type CBody = CExpr[];

/** One rule definition (or one `else` branch) ready to run. */
export interface CRule {
  kind: 'single' | 'multi' | 'function';
  /** Head path terms below the tree node the rule is attached to (vars allowed). */
  suffix: CTerm[];
  key?: CTerm;
  value?: CTerm;
  /** Function argument patterns. */
  args?: CTerm[];
  body: CBody;
  nSlots: number;
  isDefault: boolean;
  elseRule?: CRule;
  /** The head value is a constant, so one solution of the body decides it. */
  constValue: boolean;
  loc: Loc;
  module?: string;
  /** The document it defines, as written in messages (`data.spacelift.deny`); set when attached to the tree. */
  name?: string;
}

export interface CQuery {
  body: CBody;
  nSlots: number;
  /** Variables reported in results: name → slot (not wildcards or generated names). */
  outputs: [string, number][];
  nExprs: number;
}
