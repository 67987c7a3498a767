// A SCIM filter parser (RFC 7644 §3.4.2.2 ABNF) — hand-written because scimmy's drops clauses
// (it lost the last clause of `… and (x or y) and (active eq false)`). Precedence: not > and > or; operators and
// keywords are case-insensitive. Tolerated beyond the ABNF, because IdPs send them:
// unquoted values (`externalId eq jyoung` in Entra's tutorial, `userName sw O` in Microsoft's
// collection) and Entra's `emails[type eq "work"].value eq "x"`, read as
// `emails[type eq "work" and value eq "x"]`.
import { invalidFilter } from '../errors.ts';
import { COMPARE_OPS, type CompareOp, type Filter, type Literal } from './ast.ts';

type Token = { t: '(' | ')' | '[' | ']' } | { t: 'word'; v: string } | { t: 'string'; v: string };

const MAX_LENGTH = 10_000;
const MAX_DEPTH = 64;

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === '[' || c === ']') { out.push({ t: c }); i++; continue; }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw invalidFilter(`unterminated string starting at position ${i + 1}`);
      try {
        out.push({ t: 'string', v: JSON.parse(src.slice(i, j + 1)) as string });
      } catch {
        throw invalidFilter(`invalid escape in the string at position ${i + 1}`);
      }
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s()[\]"]/.test(src[j]!)) j++;
    out.push({ t: 'word', v: src.slice(i, j) });
    i = j;
  }
  return out;
}

const ATTR_PATH = /^(urn:[\w.:-]+:)?[A-Za-z$][\w$-]*(\.[A-Za-z$][\w$-]*)?$/;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const f = this.or();
    const extra = this.tokens[this.pos];
    if (extra) throw invalidFilter(`unexpected ${describe(extra)} after a complete expression`);
    return f;
  }

  private peekWord(): string | null {
    const t = this.tokens[this.pos];
    return t?.t === 'word' ? t.v.toLowerCase() : null;
  }

  private or(): Filter {
    let left = this.and();
    while (this.peekWord() === 'or') {
      this.pos++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.peekWord() === 'and') {
      this.pos++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    if (++this.depth > MAX_DEPTH) throw invalidFilter(`nested deeper than ${MAX_DEPTH} levels`);
    try {
      const t = this.tokens[this.pos];
      if (!t) throw invalidFilter('the filter ends where an expression was expected');
      if (t.t === 'word' && t.v.toLowerCase() === 'not') {
        this.pos++;
        return { kind: 'not', expr: this.group() };
      }
      if (t.t === '(') return this.group();
      return this.attrExpr();
    } finally {
      this.depth--;
    }
  }

  private group(): Filter {
    this.expect('(');
    const f = this.or();
    this.expect(')');
    return f;
  }

  private expect(kind: '(' | ')' | ']') {
    const t = this.tokens[this.pos];
    if (t?.t !== kind) throw invalidFilter(`expected "${kind}" but found ${t ? describe(t) : 'the end of the filter'}`);
    this.pos++;
  }

  private attrExpr(): Filter {
    const t = this.tokens[this.pos++]!;
    if (t.t !== 'word' || !ATTR_PATH.test(t.v)) throw invalidFilter(`expected an attribute name but found ${describe(t)}`);
    const path = t.v;
    if (this.tokens[this.pos]?.t === '[') {
      if (path.includes('.') && !path.toLowerCase().startsWith('urn:')) throw invalidFilter(`"${path}[…]": a value filter applies to a multi-valued attribute, not a sub-attribute`);
      this.pos++;
      const inner = this.or();
      this.expect(']');
      const next = this.tokens[this.pos];
      // Entra: emails[type eq "work"].value eq "x"
      if (next?.t === 'word' && next.v.startsWith('.')) {
        this.pos++;
        const sub = next.v.slice(1);
        if (!/^[A-Za-z$][\w$-]*$/.test(sub)) throw invalidFilter(`"${next.v}" is not a sub-attribute name`);
        return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: this.comparison(sub) } };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: string): Filter {
    const opTok = this.tokens[this.pos++];
    const op = opTok?.t === 'word' ? opTok.v.toLowerCase() : '';
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPS.includes(op as CompareOp)) {
      throw invalidFilter(`expected an operator (eq ne co sw ew gt ge lt le pr) after "${path}" but found ${opTok ? describe(opTok) : 'the end of the filter'}`);
    }
    return { kind: 'compare', path, op: op as CompareOp, value: this.value(path) };
  }

  private value(path: string): Literal {
    const t = this.tokens[this.pos++];
    if (!t) throw invalidFilter(`a value is missing after "${path}"`);
    if (t.t === 'string') return t.v;
    if (t.t !== 'word') throw invalidFilter(`expected a value after "${path}" but found ${describe(t)}`);
    const w = t.v;
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(w)) return Number(w);
    const kw = w.toLowerCase();
    if (kw === 'and' || kw === 'or' || kw === 'not') throw invalidFilter(`a value is missing after "${path}"`);
    return w; // an unquoted string (tolerated: Entra's tutorial, Microsoft's collection)
  }
}

function describe(t: Token): string {
  return t.t === 'word' ? `"${t.v}"` : t.t === 'string' ? `the string ${JSON.stringify(t.v)}` : `"${t.t}"`;
}

export function parseFilter(src: string): Filter {
  if (src.length > MAX_LENGTH) throw invalidFilter(`longer than ${MAX_LENGTH} characters`);
  if (!src.trim()) throw invalidFilter('is empty');
  return new Parser(lex(src)).parse();
}

/** A PATCH path (RFC 7644 §3.5.2): `attrPath`, `attrPath[valFilter]`, `attrPath[valFilter].subAttr`. */
export interface PatchPath {
  attr: string;
  filter?: Filter;
  sub?: string;
}

export function parsePatchPath(src: string): PatchPath {
  const path = src.trim();
  const open = path.indexOf('[');
  if (open < 0) {
    if (!ATTR_PATH.test(path)) throw new PatchPathError(`"${src}" is not an attribute path`);
    return { attr: path };
  }
  const close = path.lastIndexOf(']');
  if (close < open) throw new PatchPathError(`"${src}": unbalanced "["`);
  const attr = path.slice(0, open);
  const after = path.slice(close + 1);
  if (!ATTR_PATH.test(attr)) throw new PatchPathError(`"${src}" is not an attribute path`);
  if (after && !/^\.[A-Za-z$][\w$-]*$/.test(after)) throw new PatchPathError(`"${src}": only ".subAttribute" may follow "]"`);
  let filter: Filter;
  try {
    filter = parseFilter(path.slice(open + 1, close));
  } catch (err) {
    throw new PatchPathError(`"${src}": ${(err as Error).message}`);
  }
  return { attr, filter, ...(after ? { sub: after.slice(1) } : {}) };
}

export class PatchPathError extends Error {}
