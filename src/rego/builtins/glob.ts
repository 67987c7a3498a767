// glob.match / glob.quote_meta with gobwas/glob semantics (OPA topdown/glob.go):
// `*` any run of non-delimiter characters, `**` any run at all, `?` one non-delimiter character,
// `[abc]` `[a-z]` `[!abc]` character lists, `{a,b}` alternatives, `\` escapes.
// Delimiters: null means none; an empty array means ["."] (OPA's default).
// A glob is translated into an RE2 pattern and matched by re2.ts in linear time: `*a*a*a…b` over a long
// string would take exponential time in a backtracking engine.
import { RegoSet, typeName, type Value } from '../value.ts';
import { compile, test, type Compiled } from './re2.ts';
import { def, fail, str, type Registry } from './util.ts';

const SPECIAL = new Set(['*', '?', '\\', '[', ']', '{', '}']);
const reEsc = (ch: string) => `\\x{${ch.codePointAt(0)!.toString(16)}}`;

function compileGlob(pattern: string, delims: string[]): Compiled {
  const r = Array.from(pattern);
  const notDelim = delims.length ? `[^${delims.map(reEsc).join('')}]` : '(?s:.)';
  let i = 0;
  const bad = () => fail('glob.match', `unexpected end of input in pattern ${JSON.stringify(pattern)}`);
  // Parses until one of the `stops` characters at this nesting level; returns the JS source.
  const seq = (stops: string): string => {
    let out = '';
    while (i < r.length && !stops.includes(r[i]!)) {
      const c = r[i]!;
      if (c === '*') {
        if (r[i + 1] === '*') { out += '(?s:.)*'; i += 2; } else { out += notDelim + '*'; i++; }
      } else if (c === '?') { out += notDelim; i++; }
      else if (c === '\\') {
        if (i + 1 >= r.length) bad();
        out += reEsc(r[i + 1]!); i += 2;
      } else if (c === '[') {
        i++;
        let cls = '[';
        if (r[i] === '!') { cls += '^'; i++; }
        while (i < r.length && r[i] !== ']') {
          if (r[i] === '-' && cls.length > 1 && r[i + 1] !== ']') cls += '-';
          else cls += reEsc(r[i]!);
          i++;
        }
        if (i >= r.length) bad();
        i++;
        out += cls + ']';
      } else if (c === '{') {
        i++;
        const alts: string[] = [];
        for (;;) {
          alts.push(seq(',}'));
          if (i >= r.length) bad();
          if (r[i++] === '}') break;
        }
        out += '(?:' + alts.join('|') + ')';
      } else { out += reEsc(c); i++; }
    }
    return out;
  };
  const src = seq('');
  try {
    return compile('^' + src + '$');
  } catch (e) {
    return fail('glob.match', `invalid pattern ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}

const cache = new Map<string, Compiled>();

export function register(reg: Registry): void {
  def(reg, 'glob.match', 3, (a, ctx) => {
    const pattern = str('glob.match', a, 0);
    const d = a[1]!;
    let delims: string[];
    if (d === null) delims = [];
    else if (Array.isArray(d) || d instanceof RegoSet) {
      delims = [];
      for (const x of Array.isArray(d) ? d : d.sorted()) {
        if (typeof x !== 'string') fail('glob.match', `operand 2 must be array of strings but got ${typeName(x)} element`);
        delims.push(...Array.from(x as string));
      }
      if (delims.length === 0) delims = ['.'];
    } else return fail('glob.match', `operand 2 must be one of {array, null} but got ${typeName(d as Value)}`);
    const key = JSON.stringify([pattern, delims]);
    let re = cache.get(key);
    if (!re) {
      re = compileGlob(pattern, delims);
      if (cache.size > 500) cache.clear();
      cache.set(key, re);
    }
    return test(re, str('glob.match', a, 2), ctx);
  });
  def(reg, 'glob.quote_meta', 1, (a) =>
    Array.from(str('glob.quote_meta', a, 0)).map((c) => (SPECIAL.has(c) ? '\\' + c : c)).join(''));
}
