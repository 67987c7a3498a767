// Modules: `package`, imports (which switch on future keywords), and rules in both syntaxes.
// Rule-head interpretation follows OPA's parser (v1/ast/parser.go parseRules/parseHead):
//   `p contains x`            multi-value (set) rule
//   `p[x]` with no `if`       (v0) a set rule when it has no value, else an object entry p[x] = v
//   `p[x] if …`               single-value rule at p[x] (value true when none)
//   anything else             single-value rule at its ref, value true when none.

import type { Body, Import, Loc, Module, Rule, RuleHead, Term } from './ast.ts';
import { FUTURE_KEYWORDS } from './cursor.ts';
import type { Comment } from './lexer.ts';
import { BodyParser } from './parse-body.ts';

const TRUE = (loc: Loc): Term => ({ type: 'scalar', value: true, loc });
const trueBody = (loc: Loc): Body => [{ kind: 'term', term: TRUE(loc), negated: false, with: [], loc }];

export class Parser extends BodyParser {
  parseModule(name?: string): Module {
    if (!this.isKw('package')) this.fail(`expected \`package\`, found ${this.describe(this.tok)}`);
    const pkgLoc = this.here;
    this.next();
    const pkgTerm = this.parsePrimary();
    const pkg = refToPath(pkgTerm);
    if (!pkg) this.fail('package must be a dotted name', pkgLoc);
    const imports: Import[] = [];
    const rules: Rule[] = [];
    let sawRegoV1 = false, sawFuture = false, futureNot = false;
    const keywordImports: { path: string; line: number }[] = [];
    while (!this.isEof()) {
      if (!this.tok.nlBefore) this.fail(`unexpected ${this.describe(this.tok)}, expected a new line`);
      if (this.isKw('import')) {
        const imp = this.parseImport();
        const path = refToPath(imp.path) ?? [];
        const head = path[0];
        if (head === 'rego' || head === 'future') keywordImports.push({ path: path.join('.'), line: imp.loc.line });
        if (head === 'rego' && path[1] === 'v1' && path.length === 2) {
          if (sawRegoV1 || sawFuture) this.fail('this import shadows previous import', imp.loc);
          sawRegoV1 = true;
          this.regoVersion = 1;
          for (const k of FUTURE_KEYWORDS) this.enableKeyword(k);
        } else if (head === 'future' && path[1] === 'keywords') {
          if (sawRegoV1) this.fail('this import shadows previous import', imp.loc);
          sawFuture = true;
          // `not` is a keyword everywhere; importing it (alone or with the wildcard, OPA ≥ 1.19) selects the
          // negation semantics where a `not` expression's nested calls are negated with it.
          if (path.length === 2) { for (const k of FUTURE_KEYWORDS) this.enableKeyword(k); futureNot = true; }
          else if (path.length === 3 && (FUTURE_KEYWORDS as readonly string[]).includes(path[2]!)) this.enableKeyword(path[2]!);
          else if (path.length === 3 && path[2] === 'not') futureNot = true;
          else this.fail(`unexpected future keyword import: ${path.join('.')}`, imp.loc);
        } else if (head !== 'input' && head !== 'data') {
          this.fail(`invalid import path: must begin with input or data, found ${path.join('.')}`, imp.loc);
        } else imports.push(imp);
        continue;
      }
      rules.push(...this.parseRules());
    }
    return { name, pkg, pkgLoc, imports, rules, regoVersion: this.regoVersion, futureNot, keywordImports };
  }

  private parseImport(): Import {
    const loc = this.here;
    this.next();
    if (this.tok.kind !== 'ident') this.fail('expected import path');
    const path = this.parsePrimary();
    let alias: string | undefined;
    if (this.isKw('as')) {
      this.next();
      const t = this.next();
      if (t.kind !== 'ident' || this.keywords.has(t.text)) this.fail('expected import alias', { line: t.line, col: t.col });
      alias = t.text;
    }
    return { path, alias, loc };
  }

  private parseRules(): Rule[] {
    const loc = this.here;
    let isDefault = false;
    if (this.isKw('default')) { this.next(); isDefault = true; }
    const t = this.tok;
    if (t.kind !== 'ident' || this.keywords.has(t.text)) this.fail(`unexpected ${this.describe(t)}, expected a rule`);
    const headLoc = this.here;
    const written = this.parseHeadRef();
    let ref: Term[];
    let args: Term[] | undefined;
    if (written.type === 'call') {
      ref = headPath(written.fn);
      args = written.args;
    } else ref = headPath(written);
    const head: RuleHead = { ref, args, assign: false, loc: headLoc };
    let contains = false;
    if (this.isKw('contains')) {
      if (args) this.fail('the contains keyword can only be used with multi-value rule definitions');
      this.next();
      contains = true;
      head.key = this.parseTerm();
    } else if (this.isPunct('=') || this.isPunct(':=')) {
      head.assign = this.next().text === ':=';
      head.value = this.parseTerm();
    }
    if (isDefault) {
      if (!head.value) this.fail('expected default rule value term', headLoc);
      if (head.ref.some((t, i) => i > 0 && t.type !== 'scalar')) this.fail('default rules cannot have variables in their heads', headLoc);
      checkDefaultValue(head.value, (m, l) => this.fail(m, l));
      return [{ kind: args ? 'function' : 'single', head, body: trueBody(loc), isDefault, loc, noBody: true }];
    }
    const valueWritten = head.value !== undefined;
    const hasIf = this.isKw('if');
    let kind: Rule['kind'] = args ? 'function' : contains ? 'multi' : 'single';
    if (!contains && !args && ref.length === 2 && !hasIf && !head.value) {
      // v0 `p[x] { … }` / `p.q { … }`: a set rule. In v1 the `contains` keyword is required.
      if (this.regoVersion === 1 && !this.isPunct('{')) this.fail('`contains` keyword is required for partial set rules', headLoc);
      if (this.regoVersion === 0) { kind = 'multi'; head.key = ref[1]; head.ref = [ref[0]!]; }
    }
    if (!head.value && kind !== 'multi') { head.value = TRUE(headLoc); head.implicitValue = true; }
    let body: Body;
    let oneLine = false, noBody = false;
    if (hasIf) {
      this.next();
      body = this.parseIfBody();
      oneLine = !this.braced;
    } else if (this.isPunct('{') && !this.tok.nlBefore) {
      if (this.regoVersion === 1) this.fail('`if` keyword is required before rule body');
      this.next();
      body = this.parseBodyUntil('}');
    } else {
      if (!contains && !valueWritten && kind !== 'multi') {
        this.fail(ref.length === 1 && !args ? 'rule must have a body' : 'rule must have a body or assignment', headLoc);
      }
      body = trueBody(loc);
      noBody = true;
    }
    const first: Rule = { kind, head, body, isDefault: false, loc, oneLine, noBody, end: oneLine || noBody ? undefined : this.lastClose };
    const rules = [first];
    if (this.isKw('else')) {
      if (kind === 'multi') this.fail('else keyword cannot be used on multi-value rules');
      first.elseRule = this.parseElse(head);
    }
    // v0: `p { a } { b }` defines p twice.
    while (this.isPunct('{') && !this.tok.nlBefore && this.regoVersion === 0) {
      const bl = this.here;
      this.next();
      rules.push({ kind, head, body: this.parseBodyUntil('}'), isDefault: false, loc: bl, end: this.lastClose });
    }
    return rules;
  }

  /** After `if`: a braced body, or a single literal. */
  /**
   * After `if`: a single literal, or a braced body. As in OPA, `{` is first read as a literal and kept
   * unless it is a plain set literal (`p if { x }` is a body; `p if { 1 | 1 }` is a comprehension).
   */
  private parseIfBody(): Body {
    this.braced = false;
    if (this.isPunct('{')) {
      const save = this.pos;
      try {
        const lit = this.parseLiteral();
        const ends = this.tok.nlBefore || this.isEof() || this.isKw('else') || this.isPunct(';');
        if (ends && !(lit.kind === 'term' && lit.term.type === 'set' && !lit.negated)) return [lit];
      } catch { /* a body, not a literal */ }
      this.pos = save;
      this.next();
      this.braced = true;
      return this.parseBodyUntil('}');
    }
    return [this.parseLiteral()];
  }

  /** Whether the last body read after `if` had braces. */
  private braced = false;

  private parseElse(head: RuleHead): Rule {
    const loc = this.here;
    this.next();
    const h: RuleHead = { ...head, loc, value: TRUE(loc), implicitValue: true };
    if (this.isPunct('=') || this.isPunct(':=')) {
      h.assign = this.next().text === ':=';
      h.value = this.parseTerm();
      h.implicitValue = false;
    }
    let body: Body;
    let oneLine = false, noBody = false;
    if (this.isKw('if')) { this.next(); body = this.parseIfBody(); oneLine = !this.braced; }
    else if (this.isPunct('{')) {
      if (this.regoVersion === 1) this.fail('`if` keyword is required before rule body');
      this.next();
      body = this.parseBodyUntil('}');
    } else { body = trueBody(loc); noBody = true; }
    const rule: Rule = { kind: head.args ? 'function' : 'single', head: h, body, isDefault: false, loc, oneLine, noBody, end: oneLine || noBody ? undefined : this.lastClose };
    if (this.isKw('else')) rule.elseRule = this.parseElse(head);
    return rule;
  }

  /** The rule name with its ref path or call arguments. */
  private parseHeadRef(): Term {
    const t = this.next();
    return this.parseRefTail({ type: 'var', name: t.text, loc: { line: t.line, col: t.col } });
  }
}

function headPath(t: Term): Term[] {
  if (t.type === 'var') return [t];
  if (t.type === 'ref' && t.head.type === 'var') return [t.head, ...t.path];
  throw new Error('invalid rule head');
}

/** `a.b["c"]` → ["a","b","c"]; undefined if any part is not a name or string. */
export function refToPath(t: Term): string[] | undefined {
  if (t.type === 'var') return [t.name];
  if (t.type !== 'ref' || t.head.type !== 'var') return undefined;
  const out = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    out.push(p.value);
  }
  return out;
}

const KIND_NAMES: Record<string, string> = {
  var: 'var', ref: 'ref',
};
function checkDefaultValue(t: Term, fail: (m: string, l: Loc) => never): void {
  switch (t.type) {
    case 'scalar': return;
    case 'array': case 'set': t.items.forEach((x) => checkDefaultValue(x, fail)); return;
    case 'object': for (const [k, v] of t.entries) { checkDefaultValue(k, fail); checkDefaultValue(v, fail); } return;
    case 'arraycompr': case 'setcompr': case 'objectcompr': return; // evaluated like any rule value
    case 'call': {
      const op = t.op;
      const what = !op ? 'call' : ['plus', 'minus', 'mul', 'div', 'rem'].includes(op) ? 'arithexpr'
        : ['and', 'or'].includes(op) ? 'binexpr' : ['equal', 'neq', 'lt', 'lte', 'gt', 'gte'].includes(op) ? 'boolexpr' : 'expr';
      fail(`invalid \`${what}\` in default value`, t.loc);
    }
    // falls through (fail never returns)
    default: fail(`invalid \`${KIND_NAMES[t.type] ?? t.type}\` in default value`, t.loc);
  }
}

export function parseModule(src: string, opts: { name?: string; regoVersion?: 0 | 1; comments?: Comment[] } = {}): Module {
  return new Parser(src, opts.regoVersion ?? 1, opts.comments).parseModule(opts.name);
}

export function parseQuery(src: string, opts: { regoVersion?: 0 | 1; futureKeywords?: boolean } = {}): Body {
  const p = new Parser(src, opts.regoVersion ?? 1);
  if (opts.futureKeywords) for (const k of FUTURE_KEYWORDS) p.enableKeyword(k);
  return p.parseQueryBody();
}
