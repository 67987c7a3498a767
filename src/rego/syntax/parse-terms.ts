// Terms and operator expressions, with OPA's precedence (loosest first):
//   in  <  == != < <= > >=  <  |  <  &  <  + -  <  * / %  <  refs, calls, literals.

import type { Body, Loc, Term } from './ast.ts';
import { BASE_KEYWORDS, Cursor } from './cursor.ts';
import { fromLiteral } from '../num.ts';

const RELATION_OPS: Record<string, string> = { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const ARITH_OPS: Record<string, string> = { '+': 'plus', '-': 'minus' };
const FACTOR_OPS: Record<string, string> = { '*': 'mul', '/': 'div', '%': 'rem' };

export const opCall = (op: string, args: Term[], loc: Loc): Term => ({ type: 'call', op, fn: { type: 'var', name: op, loc }, args, loc });

export abstract class TermParser extends Cursor {
  /** Bodies are parsed by the layer above; comprehensions need them. */
  protected abstract parseBodyUntil(end: string): Body;

  /** A full term including `x in xs`. `noOr` stops before `|` (a comprehension's head). */
  parseTerm(noOr = false): Term {
    let lhs = this.parseRelation(noOr);
    while (this.isKw('in')) {
      const loc = this.here;
      this.next();
      const rhs = this.parseRelation(noOr);
      lhs = opCall('internal.member_2', [lhs, rhs], loc);
    }
    return lhs;
  }

  /** A term, or `k, v in xs` (allowed inside parentheses and at expression level). */
  protected parseTermOrMember(): Term {
    const lhs = this.parseTerm();
    if (!this.isPunct(',') || !this.keywords.has('in')) return lhs;
    const save = this.pos;
    this.next();
    const value = this.parseRelation();
    if (!this.isKw('in')) { this.pos = save; return lhs; }
    const loc = this.here;
    this.next();
    // `k, v in xs` binds tighter than a following `in`: `"a", 1 in o in [true]`.
    let t = opCall('internal.member_3', [lhs, value, this.parseRelation()], loc);
    while (this.isKw('in')) {
      const l = this.here;
      this.next();
      t = opCall('internal.member_2', [t, this.parseRelation()], l);
    }
    return t;
  }

  protected parseRelation(noOr = false): Term {
    let lhs = this.parseOr(noOr);
    while (this.tok.kind === 'punct' && RELATION_OPS[this.tok.text]) {
      const t = this.next();
      const rhs = this.parseOr(noOr);
      lhs = opCall(RELATION_OPS[t.text]!, [lhs, rhs], { line: t.line, col: t.col });
    }
    return lhs;
  }

  private parseOr(noOr: boolean): Term {
    let lhs = this.parseAnd();
    while (!noOr && this.isPunct('|')) {
      const t = this.next();
      lhs = opCall('or', [lhs, this.parseAnd()], { line: t.line, col: t.col });
    }
    return lhs;
  }

  private parseAnd(): Term {
    let lhs = this.parseArith();
    while (this.isPunct('&')) {
      const t = this.next();
      lhs = opCall('and', [lhs, this.parseArith()], { line: t.line, col: t.col });
    }
    return lhs;
  }

  private parseArith(): Term {
    let lhs = this.parseFactor();
    while (this.tok.kind === 'punct' && ARITH_OPS[this.tok.text]) {
      const t = this.next();
      lhs = opCall(ARITH_OPS[t.text]!, [lhs, this.parseFactor()], { line: t.line, col: t.col });
    }
    return lhs;
  }

  private parseFactor(): Term {
    let lhs = this.parsePrimary();
    while (this.tok.kind === 'punct' && FACTOR_OPS[this.tok.text]) {
      const t = this.next();
      lhs = opCall(FACTOR_OPS[t.text]!, [lhs, this.parsePrimary()], { line: t.line, col: t.col });
    }
    return lhs;
  }

  protected parsePrimary(): Term {
    const t = this.tok;
    const loc = this.here;
    let term: Term;
    switch (t.kind) {
      case 'number':
        this.next();
        return { type: 'scalar', value: fromLiteral(t.raw!), loc, text: t.raw };
      case 'string':
        this.next();
        term = t.raw ? { type: 'scalar', value: t.text, loc, text: t.raw } : { type: 'scalar', value: t.text, loc };
        break;
      case 'eof':
        return this.fail('unexpected end of input, expected a term');
      case 'ident':
        term = this.parseIdentTerm();
        break;
      default:
        if (t.text === '-') {
          this.next();
          const n = this.tok;
          // OPA only folds a minus into a number literal; `-x` is not an expression.
          if (n.kind !== 'number') this.fail('unary - can only be used with numeric literals', loc);
          this.next();
          return { type: 'scalar', value: fromLiteral(`-${n.raw}`), loc, text: `-${n.raw}` };
        }
        if (t.text === '[') term = this.parseArrayLike();
        else if (t.text === '{') term = this.parseBraceTerm();
        else if (t.text === '(') {
          this.next();
          term = this.parseTermOrMember();
          this.expectPunct(')');
        } else return this.fail(`unexpected ${this.describe(t)}, expected a term`);
    }
    return this.parseRefTail(term);
  }

  private parseIdentTerm(): Term {
    const t = this.next();
    const loc = { line: t.line, col: t.col };
    switch (t.text) {
      case 'true': return { type: 'scalar', value: true, loc };
      case 'false': return { type: 'scalar', value: false, loc };
      case 'null': return { type: 'scalar', value: null, loc };
      case 'set':
        if (this.isPunct('(') && this.isPunct(')', this.peek()) && !this.tok.wsBefore) {
          this.next(); this.next();
          return { type: 'set', items: [], loc };
        }
    }
    // Future keywords stay usable as function names: `contains("abc", "b")`.
    const callable = this.isPunct('(') && !this.tok.wsBefore && !BASE_KEYWORDS.has(t.text);
    if (this.keywords.has(t.text) && !callable) this.fail(`unexpected keyword \`${t.text}\``, loc);
    return { type: 'var', name: t.text === '_' ? this.genWildcard() : t.text, loc };
  }

  /** `.name`, `[term]` and `(args)` right after a term (no whitespace before `.` or `[`). */
  protected parseRefTail(head: Term): Term {
    let term = head;
    for (;;) {
      const t = this.tok;
      if (t.kind === 'punct' && t.text === '.' && !t.wsBefore) {
        const n = this.peek();
        if (n.kind !== 'ident' || n.wsBefore) this.fail(n.kind === 'ident' ? 'invalid whitespace between . and identifier' : `expected identifier after \`.\`, found ${this.describe(n)}`, { line: n.line, col: n.col });
        this.next(); this.next();
        term = this.appendRef(term, { type: 'scalar', value: n.text, loc: { line: n.line, col: n.col } });
      } else if (t.kind === 'punct' && t.text === '[' && !t.wsBefore) {
        this.next();
        const key = this.parseTerm();
        this.expectPunct(']');
        term = this.appendRef(term, key);
      } else if (t.kind === 'punct' && t.text === '(' && !t.nlBefore && isCallable(term)) {
        this.next();
        const args = this.parseTermList(')');
        term = { type: 'call', fn: term, args, loc: term.loc };
      } else return term;
    }
  }

  private appendRef(term: Term, key: Term): Term {
    if (term.type === 'ref') return { ...term, path: [...term.path, key] };
    return { type: 'ref', head: term, path: [key], loc: term.loc };
  }

  protected parseTermList(end: string): Term[] {
    const items: Term[] = [];
    while (!this.isPunct(end)) {
      items.push(this.parseTerm());
      if (!this.isPunct(',')) break;
      this.next();
    }
    this.expectPunct(end);
    return items;
  }

  private parseArrayLike(): Term {
    const loc = this.here;
    this.next();
    if (this.isPunct(']')) { this.next(); return { type: 'array', items: [], loc }; }
    const start = this.pos;
    let first = this.parseTerm(true);
    if (this.isPunct('|')) {
      const afterHead = this.pos;
      this.next();
      try {
        const body = this.parseBodyUntil(']');
        return { type: 'arraycompr', term: first, body, loc };
      } catch (err) {
        // `[x | y, 5]` is an array whose first item is the union `x | y` (OPA retries the same way).
        this.pos = start;
        first = this.parseTerm();
        if (!this.isPunct(',')) { this.pos = afterHead; throw err; }
      }
    }
    const items = [first];
    while (this.isPunct(',')) {
      this.next();
      if (this.isPunct(']')) break;
      items.push(this.parseTerm());
    }
    this.expectPunct(']', '`]` or `,`');
    return { type: 'array', items, loc };
  }

  private parseBraceTerm(): Term {
    const loc = this.here;
    this.next();
    if (this.isPunct('}')) { this.next(); return { type: 'object', entries: [], loc }; }
    const first = this.parseTerm(true);
    if (this.isPunct(':')) {
      this.next();
      const value = this.parseTerm(true);
      if (this.isPunct('|')) {
        this.next();
        return { type: 'objectcompr', key: first, value, body: this.parseBodyUntil('}'), loc };
      }
      const entries: [Term, Term][] = [[first, value]];
      while (this.isPunct(',')) {
        this.next();
        if (this.isPunct('}')) break;
        const k = this.parseTerm();
        this.expectPunct(':');
        entries.push([k, this.parseTerm()]);
      }
      this.expectPunct('}', '`}` or `,`');
      return { type: 'object', entries, loc };
    }
    if (this.isPunct('|')) {
      this.next();
      return { type: 'setcompr', term: first, body: this.parseBodyUntil('}'), loc };
    }
    const items = [first];
    while (this.isPunct(',')) {
      this.next();
      if (this.isPunct('}')) break;
      items.push(this.parseTerm());
    }
    this.expectPunct('}', '`}` or `,`');
    return { type: 'set', items, loc };
  }
}

/** Only names (`f`, `a.b.f`) can be called. */
function isCallable(t: Term): boolean {
  if (t.type === 'var') return true;
  return t.type === 'ref' && t.head.type === 'var' && t.path.every((p) => p.type === 'scalar' && typeof p.value === 'string');
}
