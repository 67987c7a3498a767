// `opa fmt` for one module: the canonical layout (tabs, one expression per line in braced bodies, spaced
// operators, `:=`/`=` and literals as written, comments kept), in the module's own syntax version.
// Formatting is idempotent, and the result parses to the same policy.
import { parseModule } from './syntax/parser.ts';
import type { Body, Expr, Import, Module, Rule, Term, With } from './syntax/ast.ts';
import type { Comment } from './syntax/lexer.ts';

const INFIX: Record<string, [string, number]> = {
  'internal.member_2': ['in', 1], equal: ['==', 2], neq: ['!=', 2], lt: ['<', 2], lte: ['<=', 2], gt: ['>', 2], gte: ['>=', 2],
  or: ['|', 3], and: ['&', 4], plus: ['+', 5], minus: ['-', 5], mul: ['*', 6], div: ['/', 6], rem: ['%', 6],
};
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['package', 'import', 'default', 'not', 'with', 'as', 'some', 'else', 'true', 'false', 'null', 'in', 'every', 'contains', 'if']);

export function formatModule(source: string, opts: { regoVersion?: 0 | 1 } = {}): string {
  const comments: Comment[] = [];
  const m = parseModule(source, { regoVersion: opts.regoVersion ?? 1, comments });
  return new Printer(m, comments).module();
}

class Printer {
  private readonly out: string[] = [];
  private next = 0;

  constructor(private readonly m: Module, private readonly comments: Comment[]) {}

  module(): string {
    const m = this.m;
    this.flushBefore(m.pkgLoc.line, '');
    this.line(`package ${m.pkg.map((p, i) => (i === 0 || IDENT.test(p) ? (i ? '.' : '') + p : `[${JSON.stringify(p)}]`)).join('')}`, m.pkgLoc.line);
    const imports = this.importLines();
    if (imports.length) {
      this.blank();
      for (const [text, line] of imports) { this.flushBefore(line, ''); this.line(text, line); }
    }
    let prev: Rule | undefined;
    for (const r of this.m.rules) {
      const adjacent = prev && isSingleLine(prev) && isSingleLine(r) && r.loc.line === lastLine(prev) + 1 && !this.commentBetween(prev, r);
      if (!adjacent) this.blank();
      this.flushBefore(r.loc.line, '');
      this.rule(r);
      prev = r;
    }
    const rest = this.comments.slice(this.next);
    if (rest.length) { this.blank(); for (const c of rest) this.out.push(c.text); }
    return this.out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
  }

  // ---- comments --------------------------------------------------------------------------------

  private flushBefore(line: number, indent: string): void {
    while (this.next < this.comments.length && this.comments[this.next]!.line < line) this.out.push(indent + this.comments[this.next++]!.text);
  }

  /** A comment on `line` (after the code, before `before` when given) goes at the end of the printed line. */
  private line(text: string, srcLine?: number, before?: { line: number; col: number }): void {
    let t = text;
    const fits = (c: Comment) => c.line === srcLine && !(before && c.line === before.line && c.col > before.col);
    while (srcLine !== undefined && this.next < this.comments.length && fits(this.comments[this.next]!)) t += ' ' + this.comments[this.next++]!.text;
    this.out.push(t);
  }

  /** The closing brace of a body at `end`, with the comments that follow it on its line. */
  private close(end: { line: number; col: number } | undefined): void {
    this.line('}', end?.line);
  }

  private blank(): void { if (this.out.length && this.out[this.out.length - 1] !== '') this.out.push(''); }

  private commentBetween(a: Rule, b: Rule): boolean {
    return this.comments.slice(this.next).some((c) => c.line > a.loc.line && c.line < b.loc.line);
  }

  // ---- imports and rules -------------------------------------------------------------------------

  /** Every import in source order: data/input imports, and the keyword imports the parser consumed. */
  private importLines(): [string, number][] {
    const out: [string, number][] = this.m.imports.map((imp) => [importText(imp), imp.loc.line]);
    for (const k of this.m.keywordImports ?? []) out.push([`import ${k.path}`, k.line]);
    return out.sort((a, b) => a[1] - b[1]);
  }

  private rule(r: Rule): void {
    const v1 = this.m.regoVersion === 1;
    const kw = v1 ? ' if' : '';
    const head = (r.isDefault ? 'default ' : '') + headText(r, v1);
    if (!r.elseRule && r.noBody) { this.line(head, r.loc.line); return; }
    if (!r.elseRule && r.oneLine && r.body.length === 1) { this.line(`${head}${kw} ${this.exprText(r.body[0]!, '')}`, r.body[0]!.loc.line); return; }
    this.line(`${head}${kw} {`, r.loc.line, r.end);
    this.body(r.body, '\t', r.end);
    let end = r.end;
    for (let b = r.elseRule; b; b = b.elseRule) {
      this.flushBefore(b.loc.line, '\t');
      if (b.noBody) { this.line(`} else${elseValue(b)}`, b.loc.line); return; }
      this.line(`} else${elseValue(b)}${kw} {`, b.loc.line, b.end);
      this.body(b.body, '\t', b.end);
      end = b.end;
    }
    this.close(end);
  }

  private body(body: Body, indent: string, end?: { line: number; col: number }): void {
    for (const e of body) {
      this.flushBefore(e.loc.line, indent);
      const text = this.exprText(e, indent);
      const lines = text.split('\n');
      lines.forEach((l, i) => (i === 0 ? this.line(indent + l, e.loc.line, end) : this.out.push(indent + l)));
    }
    if (end) this.flushBefore(end.line, indent);
  }

  // ---- expressions and terms -----------------------------------------------------------------------

  private exprText(e: Expr, indent: string): string {
    let s = e.negated ? 'not ' : '';
    switch (e.kind) {
      case 'term': s += termText(e.term); break;
      case 'some': s += `some ${e.vars.map((v) => varName(v.name)).join(', ')}`; break;
      case 'somein': s += `some ${e.key ? `${termText(e.key)}, ` : ''}${termText(e.value)} in ${termText(e.coll, 2)}`; break;
      case 'every': {
        const inner: string[] = [];
        const saved = this.out.length;
        this.body(e.body, indent + '\t');
        inner.push(...this.out.splice(saved).map((l) => l.slice(indent.length)));
        s += `every ${e.key ? `${varName(e.key.name)}, ` : ''}${varName(e.value.name)} in ${termText(e.coll, 2)} {\n${inner.join('\n')}\n}`;
        break;
      }
    }
    return s + e.with.map(withText).join('');
  }
}

const withText = (w: With) => ` with ${termText(w.target)} as ${termText(w.value)}`;

function importText(imp: Import): string {
  return `import ${termText(imp.path)}${imp.alias ? ` as ${imp.alias}` : ''}`;
}

function headText(r: Rule, v1: boolean): string {
  const h = r.head;
  const [name, ...path] = h.ref;
  let s = termText(name!) + path.map(pathElem).join('');
  if (h.args) s += `(${h.args.map((a) => termText(a)).join(', ')})`;
  if (r.kind === 'multi') s += v1 ? ` contains ${termText(h.key!)}` : `[${termText(h.key!)}]`;
  if (h.value && !h.implicitValue) s += ` ${h.assign ? ':=' : '='} ${termText(h.value)}`;
  return s;
}

function elseValue(b: Rule): string {
  const h = b.head;
  return h.value && !h.implicitValue ? ` ${h.assign ? ':=' : '='} ${termText(h.value)}` : '';
}

function pathElem(t: Term): string {
  if (t.type === 'scalar' && typeof t.value === 'string' && IDENT.test(t.value) && !KEYWORDS.has(t.value) && !t.text) return `.${t.value}`;
  return `[${termText(t)}]`;
}

const varName = (n: string) => (n.startsWith('$') ? '_' : n);

function scalarText(t: Extract<Term, { type: 'scalar' }>): string {
  if (t.text !== undefined) return t.text;
  if (typeof t.value === 'string') return JSON.stringify(t.value);
  return String(t.value);
}

/** A term; `ctx` is the precedence of the operator it is an operand of (parentheses when looser). */
function termText(t: Term, ctx = 0): string {
  switch (t.type) {
    case 'scalar': return scalarText(t);
    case 'var': return varName(t.name);
    case 'ref': {
      const head = t.head.type === 'var' || t.head.type === 'ref' ? termText(t.head) : termText(t.head, 7);
      return head + t.path.map(pathElem).join('');
    }
    case 'array': return `[${t.items.map((x) => termText(x)).join(', ')}]`;
    case 'set': return t.items.length ? `{${t.items.map((x) => termText(x)).join(', ')}}` : 'set()';
    case 'object': return `{${t.entries.map(([k, v]) => `${termText(k)}: ${termText(v)}`).join(', ')}}`;
    case 'arraycompr': return `[${termText(t.term, 3.5)} | ${inlineBody(t.body)}]`;
    case 'setcompr': return `{${termText(t.term, 3.5)} | ${inlineBody(t.body)}}`;
    case 'objectcompr': return `{${termText(t.key, 3.5)}: ${termText(t.value, 3.5)} | ${inlineBody(t.body)}}`;
    case 'call': {
      if (t.op === 'eq' || t.op === 'assign') return `${termText(t.args[0]!)} ${t.op === 'eq' ? '=' : ':='} ${termText(t.args[1]!)}`;
      if (t.op === 'internal.member_3') {
        const s = `${termText(t.args[0]!, 1.5)}, ${termText(t.args[1]!, 1.5)} in ${termText(t.args[2]!, 1.5)}`;
        return ctx > 0 ? `(${s})` : s;
      }
      const infix = t.op ? INFIX[t.op] : undefined;
      if (infix) {
        const [sym, prec] = infix;
        const s = `${termText(t.args[0]!, prec)} ${sym} ${termText(t.args[1]!, prec + 0.5)}`;
        return prec < ctx ? `(${s})` : s;
      }
      return `${termText(t.fn)}(${t.args.map((a) => termText(a)).join(', ')})`;
    }
  }
}

function inlineBody(b: Body): string {
  return b.map((e) => {
    const p = new Printer({ pkg: [], pkgLoc: { line: 0, col: 0 }, imports: [], rules: [], regoVersion: 1 }, []);
    return (p as unknown as { exprText(e: Expr, i: string): string }).exprText(e, '').replace(/\n\s*/g, '; ');
  }).join('; ');
}

const isSingleLine = (r: Rule) => !r.elseRule && (r.noBody || (r.oneLine === true && r.body[0]?.kind !== 'every'));

/** A single-line rule's line (only single-line rules are asked). */
const lastLine = (r: Rule): number => r.loc.line;
