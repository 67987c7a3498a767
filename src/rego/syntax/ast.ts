// The syntax tree the parser produces. Every node carries the line:column where it starts.

export interface Loc { readonly line: number; readonly col: number }

export type Scalar = null | boolean | number | bigint | string;

export type Term =
  /** `text`: the literal as written, for numbers and raw strings (the formatter keeps it). */
  | { type: 'scalar'; value: Scalar; loc: Loc; text?: string }
  | { type: 'var'; name: string; loc: Loc }
  /** head[path0][path1]…; `a.b` is stored as a path element of scalar "b". */
  | { type: 'ref'; head: Term; path: Term[]; loc: Loc }
  | { type: 'array'; items: Term[]; loc: Loc }
  | { type: 'set'; items: Term[]; loc: Loc }
  | { type: 'object'; entries: [Term, Term][]; loc: Loc }
  | { type: 'arraycompr'; term: Term; body: Body; loc: Loc }
  | { type: 'setcompr'; term: Term; body: Body; loc: Loc }
  | { type: 'objectcompr'; key: Term; value: Term; body: Body; loc: Loc }
  /**
   * A call. `op` is set for operators and is OPA's builtin name (equal, plus, internal.member_2…);
   * otherwise `fn` is the called name as written: a var or a ref of string keys (`strings.replace_n`, `data.x.f`).
   */
  | { type: 'call'; fn: Term; op?: string; args: Term[]; loc: Loc };

export type TermOf<T extends Term['type']> = Extract<Term, { type: T }>;

export interface With { target: Term; value: Term; loc: Loc }

export type ExprBody =
  | { kind: 'term'; term: Term }
  | { kind: 'some'; vars: TermOf<'var'>[] }
  /** `some v in coll` / `some k, v in coll`: key and value are patterns. */
  | { kind: 'somein'; key?: Term; value: Term; coll: Term }
  | { kind: 'every'; key?: TermOf<'var'>; value: TermOf<'var'>; coll: Term; body: Body };

export type Expr = ExprBody & { negated: boolean; with: With[]; loc: Loc };

export type Body = Expr[];

export interface RuleHead {
  /** The rule's path as written: first a var (the name), then terms (strings for `.x`, any term for `[x]`). */
  ref: Term[];
  /** Function arguments. */
  args?: Term[];
  /** The member of a multi-value (partial set) rule. */
  key?: Term;
  value?: Term;
  assign: boolean;
  /** The value `true` was not written (`allow if x`, `p { x }`). */
  implicitValue?: boolean;
  loc: Loc;
}

export interface Rule {
  kind: 'single' | 'multi' | 'function';
  head: RuleHead;
  body: Body;
  isDefault: boolean;
  /** The next `else` branch; it shares the head's ref and args. */
  elseRule?: Rule;
  /** The body was written after `if` without braces (`allow if x`): the formatter keeps it on one line. */
  oneLine?: boolean;
  /** The rule has no body in the source (`p := 1`, `default p := false`). */
  noBody?: boolean;
  /** Where its braced body closes. */
  end?: Loc;
  loc: Loc;
}

export interface Import { path: Term; alias?: string; loc: Loc }

export interface Module {
  name?: string;
  pkg: string[];
  pkgLoc: Loc;
  imports: Import[];
  rules: Rule[];
  regoVersion: 0 | 1;
  /** `import rego.v1` / `import future.keywords…`: consumed by the parser, kept for the formatter. */
  keywordImports?: { path: string; line: number }[];
  /** `import future.keywords.not`: nested calls in a `not` expression are negated with it. */
  futureNot?: boolean;
}

export const loc = (line: number, col: number): Loc => ({ line, col });
