// Compiled terms and expressions back to Rego text, for explanations (`input.session.teams[_] == "QA"`).
import type { CExpr, CTerm } from './compiler/ir.ts';
import { regoText } from './value-text.ts';

const INFIX: Record<string, string> = {
  equal: '==', neq: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=', plus: '+', minus: '-', mul: '*', div: '/', rem: '%',
  and: '&', or: '|', 'internal.member_2': 'in',
};
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function path(head: string, p: CTerm[]): string {
  return head + p.map((x) => (x.k === 'val' && typeof x.v === 'string' && NAME.test(x.v) ? `.${x.v}` : `[${termText(x)}]`)).join('');
}

export function termText(t: CTerm): string {
  switch (t.k) {
    case 'val': return regoText(t.v);
    case 'var': return t.name.startsWith('$') ? '_' : t.name;
    case 'array': return `[${t.items.map(termText).join(', ')}]`;
    case 'set': return t.items.length ? `{${t.items.map(termText).join(', ')}}` : 'set()';
    case 'object': return `{${t.entries.map(([k, v]) => `${termText(k)}: ${termText(v)}`).join(', ')}}`;
    case 'ref': return path(termText(t.head), t.path);
    case 'data': return path('data', t.path);
    case 'input': return path('input', t.path);
    case 'compr': return t.kind === 'object' ? '{…: … | …}' : t.kind === 'set' ? '{… | …}' : '[… | …]';
    case 'call': {
      const op = t.fn.kind === 'op' ? INFIX[t.fn.name] : undefined;
      if (op && t.args.length === 2) return `${termText(t.args[0]!)} ${op} ${termText(t.args[1]!)}`;
      return `${t.fn.name}(${t.args.map(termText).join(', ')})`;
    }
  }
}

export function exprText(e: CExpr): string {
  const withs = e.with.map((w) => ` with ${w.target.kind === 'fn' ? w.target.name : [w.target.kind, ...w.target.path.map(String)].join('.')} as ${w.fnValue ? w.fnValue.name : termText(w.value)}`).join('');
  return exprBodyText(e) + withs;
}

function exprBodyText(e: CExpr): string {
  const not = e.negated ? 'not ' : '';
  switch (e.k) {
    case 'term': return not + termText(e.term);
    case 'eq': return `${not}${termText(e.a)} ${e.assign ? ':=' : '='} ${termText(e.b)}`;
    case 'somein': return `some ${e.key ? `${termText(e.key)}, ` : ''}${termText(e.value)} in ${termText(e.coll)}`;
    case 'every': return `every ${e.key ? `${termText(e.key)}, ` : ''}${termText(e.value)} in ${termText(e.coll)} { … }`;
    case 'noop': return 'some …';
  }
}
