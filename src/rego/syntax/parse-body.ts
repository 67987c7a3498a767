// Body literals: expressions, `not`, `some`, `some … in`, `every`, `=`/`:=`, and `with` modifiers.

import type { Body, Expr, ExprBody, Loc, Term, TermOf, With } from './ast.ts';
import { opCall, TermParser } from './parse-terms.ts';

export abstract class BodyParser extends TermParser {
  /** Where the last body read was closed (the formatter places comments after it). */
  protected lastClose: Loc | undefined;

  /** `{` has been consumed by the caller when `end` is `}` or `]`; this consumes `end`. */
  protected parseBodyUntil(end: string): Body {
    const body: Body = [];
    if (this.isPunct(end)) this.fail('found empty body');
    for (;;) {
      body.push(this.parseLiteral());
      if (this.isPunct(';')) { this.next(); continue; }
      if (this.isPunct(end)) { this.lastClose = this.here; this.next(); return body; }
      if (!this.tok.nlBefore) this.fail(`expected \\n or ; or ${end}, found ${this.describe(this.tok)}`);
    }
  }

  /** A query: literals up to the end of input. */
  parseQueryBody(): Body {
    const body: Body = [];
    if (this.isEof()) this.fail('empty query');
    for (;;) {
      body.push(this.parseLiteral());
      if (this.isPunct(';')) { this.next(); if (this.isEof()) return body; continue; }
      if (this.isEof()) return body;
      if (!this.tok.nlBefore) this.fail(`expected \\n or ; or end of query, found ${this.describe(this.tok)}`);
    }
  }

  protected parseLiteral(): Expr {
    const loc = this.here;
    let negated = false;
    // `not.x` / `not[0]` would be refs, but `not` is reserved so they cannot be written anyway.
    if (this.isKw('not')) { this.next(); negated = true; }
    let body: ExprBody;
    if (this.isKw('some')) {
      if (negated) this.fail("illegal negation of 'some'", loc);
      body = this.parseSome();
    } else if (this.isKw('every')) {
      if (negated) this.fail("illegal negation of 'every'", loc);
      body = this.parseEvery();
    } else {
      body = { kind: 'term', term: this.parseExprTerm() };
    }
    const withs: With[] = [];
    while (this.isKw('with')) {
      const wloc = this.here;
      this.next();
      if (this.tok.kind !== 'ident') this.fail('expected with target path');
      const target = this.parsePrimary();
      if (target.type !== 'var' && target.type !== 'ref') this.fail('expected with target path', wloc);
      if (!this.isKw('as')) this.fail('expected as keyword');
      this.next();
      withs.push({ target, value: this.parseTerm(), loc: wloc });
    }
    return { ...body, negated, with: withs, loc };
  }

  /** An expression: a term, optionally `k, v in xs`, optionally `= rhs` / `:= rhs`. */
  private parseExprTerm(): Term {
    const lhs = this.parseTermOrMember();
    if (this.isPunct('=') || this.isPunct(':=')) {
      const t = this.next();
      const rhs = this.parseTermOrMember();
      return opCall(t.text === '=' ? 'eq' : 'assign', [lhs, rhs], { line: t.line, col: t.col });
    }
    return lhs;
  }

  private parseSome(): ExprBody {
    const someLoc = this.here;
    this.next();
    if (this.keywords.has('in')) {
      const save = this.pos;
      try {
        const first = this.parseTerm();
        if (first.type === 'call' && first.op === 'internal.member_2') {
          return { kind: 'somein', value: first.args[0]!, coll: first.args[1]! };
        }
        if (this.isPunct(',')) {
          this.next();
          const second = this.parseTerm();
          if (second.type === 'call' && second.op === 'internal.member_2') {
            return { kind: 'somein', key: first, value: second.args[0]!, coll: second.args[1]! };
          }
        }
      } catch { /* not the `in` form: read a list of vars below */ }
      this.pos = save;
    }
    const vars: TermOf<'var'>[] = [];
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'ident' || this.keywords.has(t.text)) this.fail('expected var', { line: t.line, col: t.col });
      this.next();
      vars.push({ type: 'var', name: t.text === '_' ? this.genWildcard() : t.text, loc: { line: t.line, col: t.col } });
      if (!this.isPunct(',')) break;
      this.next();
    }
    if (this.isKw('in')) this.fail('unexpected keyword `in`', someLoc);
    return { kind: 'some', vars };
  }

  private parseEvery(): ExprBody {
    this.next();
    const v1 = this.parseEveryVar();
    let key: TermOf<'var'> | undefined;
    let value = v1;
    if (this.isPunct(',')) {
      this.next();
      key = v1;
      value = this.parseEveryVar();
    }
    if (!this.isKw('in')) this.fail('expected `in` in every expression');
    this.next();
    const coll = this.parseRelation();
    this.expectPunct('{', '`{` after every domain');
    const body = this.parseBodyUntil('}');
    return { kind: 'every', key, value, coll, body };
  }

  private parseEveryVar(): TermOf<'var'> {
    const t = this.tok;
    if (t.kind !== 'ident' || this.keywords.has(t.text)) this.fail('expected var in every expression');
    this.next();
    return { type: 'var', name: t.text === '_' ? this.genWildcard() : t.text, loc: { line: t.line, col: t.col } };
  }
}
