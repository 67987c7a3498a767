// regex.* built-ins on Go RE2 patterns (OPA topdown/regex.go), run in linear time by re2.ts.
import { compile, findAll, quote, Re2Error, test, type Compiled, type Match } from './re2.ts';
import type { BuiltinContext } from './types.ts';
import { def, fail, int, str, type Registry } from './util.ts';

function re(name: string, pattern: string): Compiled {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof Re2Error) return fail(name, `error parsing regexp: ${e.message}`);
    throw e;
  }
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$; a name takes the longest [A-Za-z0-9_] run. */
function expand(template: string, m: Match): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, d: string, braced?: string, bare?: string) => {
    if (d === '$') return '$';
    const name = braced ?? bare!;
    if (/^\d+$/.test(name)) return m.groups[Number(name)] ?? '';
    return m.named[name] ?? '';
  });
}

function split(pattern: string, r: Compiled, s: string, ctx: BuiltinContext): string[] {
  if (pattern !== '' && s === '') return [''];
  const out: string[] = [];
  let beg = 0, end = 0;
  for (const m of findAll(r, s, -1, ctx)) {
    end = m.index;
    if (m.end !== 0) out.push(s.slice(beg, end));
    beg = m.end;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regex.template_match: delimited parts are regexes, the rest is literal (OPA topdown/regex_template.go). */
function templateRegex(name: string, tpl: string, open: string, close: string): Compiled {
  let src = '^', i = 0;
  while (i < tpl.length) {
    const start = tpl.indexOf(open, i);
    if (start < 0) { src += quote(tpl.slice(i)); break; }
    src += quote(tpl.slice(i, start));
    // Nested delimiters are allowed inside a part, as in OPA (e.g. {\d{3}}).
    let depth = 1, j = start + open.length;
    for (; j < tpl.length && depth > 0; j++) {
      if (tpl.startsWith(open, j)) depth++;
      else if (tpl.startsWith(close, j)) depth--;
    }
    if (depth !== 0) fail(name, `unbalanced braces in template ${JSON.stringify(tpl)}`);
    const part = tpl.slice(start + open.length, j - close.length);
    re(name, part);
    src += '(?:' + part + ')';
    i = j;
  }
  return re(name, src + '$');
}

export function register(reg: Registry): void {
  def(reg, 'regex.match', 2, (a, ctx) => test(re('regex.match', str('regex.match', a, 0)), str('regex.match', a, 1), ctx));
  def(reg, 're_match', 2, (a, ctx) => reg.get('regex.match')!.fn(a, ctx));
  def(reg, 'regex.is_valid', 1, ([p]) => {
    if (typeof p !== 'string') return false;
    try { compile(p); return true; } catch { return false; }
  });
  def(reg, 'regex.find_n', 3, (a, ctx) => {
    const r = re('regex.find_n', str('regex.find_n', a, 0));
    return findAll(r, str('regex.find_n', a, 1), int('regex.find_n', a, 2), ctx).map((m) => m.groups[0]!);
  });
  def(reg, 'regex.find_all_string_submatch_n', 3, (a, ctx) => {
    const name = 'regex.find_all_string_submatch_n';
    const r = re(name, str(name, a, 0));
    return findAll(r, str(name, a, 1), int(name, a, 2), ctx).map((m) => m.groups.map((g) => g ?? ''));
  });
  def(reg, 'regex.split', 2, (a, ctx) => {
    const p = str('regex.split', a, 0);
    return split(p, re('regex.split', p), str('regex.split', a, 1), ctx);
  });
  def(reg, 'regex.replace', 3, (a, ctx) => {
    const s = str('regex.replace', a, 0);
    const r = re('regex.replace', str('regex.replace', a, 1));
    const tpl = str('regex.replace', a, 2);
    let out = '', last = 0;
    for (const m of findAll(r, s, -1, ctx)) {
      const piece = expand(tpl, m);
      ctx.charge(Math.ceil(piece.length / 64));
      out += s.slice(last, m.index) + piece;
      last = m.end;
    }
    return out + s.slice(last);
  });
  def(reg, 'regex.template_match', 4, (a, ctx) => {
    const name = 'regex.template_match';
    const r = templateRegex(name, str(name, a, 0), str(name, a, 2), str(name, a, 3));
    return test(r, str(name, a, 1), ctx);
  });
}
