// Token cursor shared by the parser layers, plus which words are keywords in the current module.

import { RegoParseError } from '../errors.ts';
import type { Loc } from './ast.ts';
import { tokenize, type Comment, type Token } from './lexer.ts';

/** Keywords in every version. `in`, `every`, `contains`, `if` are added by rego.v1 or future imports. */
export const BASE_KEYWORDS = new Set(['package', 'import', 'default', 'not', 'with', 'as', 'some', 'else', 'true', 'false', 'null']);
export const FUTURE_KEYWORDS = ['in', 'every', 'contains', 'if'] as const;

export class Cursor {
  protected toks: Token[];
  protected pos = 0;
  protected keywords = new Set(BASE_KEYWORDS);
  private wildcard = 0;

  constructor(src: string, protected regoVersion: 0 | 1, comments?: Comment[]) {
    this.toks = tokenize(src, comments);
    if (regoVersion === 1) for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
  }

  enableKeyword(k: string): void {
    this.keywords.add(k);
    if (k === 'every') this.keywords.add('in'); // OPA: `every x in xs` brings `in` along
  }
  isKeyword(word: string): boolean { return this.keywords.has(word); }

  protected get tok(): Token { return this.toks[this.pos]!; }
  protected peek(k = 1): Token { return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!; }
  protected next(): Token { const t = this.tok; if (this.pos < this.toks.length - 1) this.pos++; return t; }
  protected get here(): Loc { return { line: this.tok.line, col: this.tok.col }; }

  protected isPunct(p: string, t: Token = this.tok): boolean { return t.kind === 'punct' && t.text === p; }
  /** The current token is the keyword `w` (only when `w` is a keyword in this module). */
  protected isKw(w: string, t: Token = this.tok): boolean { return t.kind === 'ident' && t.text === w && this.keywords.has(w); }
  protected isEof(): boolean { return this.tok.kind === 'eof'; }

  protected expectPunct(p: string, what?: string): Token {
    if (!this.isPunct(p)) this.fail(`expected ${what ?? `\`${p}\``}, found ${this.describe(this.tok)}`);
    return this.next();
  }

  protected describe(t: Token): string {
    switch (t.kind) {
      case 'eof': return 'end of input';
      case 'string': return `string ${JSON.stringify(t.text)}`;
      case 'number': return `number ${t.raw}`;
      case 'ident': return this.keywords.has(t.text) ? `keyword \`${t.text}\`` : `identifier \`${t.text}\``;
      default: return `\`${t.text}\``;
    }
  }

  protected fail(reason: string, at: Loc = this.here): never {
    throw new RegoParseError(reason, at.line, at.col);
  }

  /** A fresh name for `_`: each wildcard is its own variable. */
  protected genWildcard(): string { return `$_${this.wildcard++}`; }
}
