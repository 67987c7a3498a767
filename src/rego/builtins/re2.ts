// Go RE2 syntax -> JS RegExp (with the `u` flag, so `.` and classes work on code points like Go runes).
// Rejects what RE2 rejects and JS would accept (look-around, back-references), and rewrites what RE2
// accepts and JS rejects or reads differently (inline flags, (?P<name>), \A \z \Q…\E, POSIX classes,
// escaped punctuation, literal braces, \s being ASCII-only).

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd',
  'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs', 'Any']);

export class Re2Error extends Error {}

const literal = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16)}}`;

function unicodeClass(neg: boolean, name: string): string {
  const prop = name === 'Any' ? 'Any' : CATEGORIES.has(name) ? name : `Script=${name}`;
  return `\\${neg ? 'P' : 'p'}{${prop}}`;
}

/** Translates one escape starting at pattern[i] === '\\'; returns [js, next index]. */
function escape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) throw new Re2Error('trailing backslash at end of expression');
  if (/[1-9]/.test(c)) throw new Re2Error(`invalid escape sequence: \\${c}`);
  if (c === 'A') return [inClass ? 'A' : '(?<![\\s\\S])', i + 2];
  if (c === 'z') return [inClass ? 'z' : '(?![\\s\\S])', i + 2];
  if (c === 's') return [inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]', i + 2];
  if (c === 'S') return [inClass ? '\\x00-\\x08\\x0b\\x0e-\\x1f\\x21-\\u{10ffff}' : '[^\\t\\n\\f\\r ]', i + 2];
  if (c === 'p' || c === 'P') {
    if (p[i + 2] === '{') {
      const end = p.indexOf('}', i + 3);
      if (end < 0) throw new Re2Error('invalid character class range');
      let name = p.slice(i + 3, end), neg = c === 'P';
      if (name.startsWith('^')) { neg = !neg; name = name.slice(1); }
      return [unicodeClass(neg, name), end + 1];
    }
    return [unicodeClass(c === 'P', p[i + 2] ?? ''), i + 3];
  }
  if (c === 'x') {
    if (p[i + 2] === '{') {
      const end = p.indexOf('}', i + 3);
      return [`\\u{${p.slice(i + 3, end)}}`, end + 1];
    }
    return [`\\x${p.slice(i + 2, i + 4)}`, i + 4];
  }
  if (/[dDwWbBnrtfv]/.test(c)) return [`\\${c}`, i + 2];
  if (c === 'a') return ['\\x07', i + 2];
  if (/[0-7]/.test(c)) {
    const m = /^[0-7]{1,3}/.exec(p.slice(i + 1))![0];
    return [literal(String.fromCodePoint(parseInt(m, 8))), i + 1 + m.length];
  }
  if (/[A-Za-z0-9_]/.test(c)) throw new Re2Error(`invalid escape sequence: \\${c}`);
  return [literal(String.fromCodePoint(p.codePointAt(i + 1)!)), i + 1 + (p.codePointAt(i + 1)! > 0xffff ? 2 : 1)];
}

export function translate(pattern: string): RegExp {
  let flags = 'u';
  const addFlags = (f: string) => {
    for (const ch of f) {
      if (ch === 'i' || ch === 's' || ch === 'm') { if (!flags.includes(ch)) flags += ch; }
      else if (ch !== 'U') throw new Re2Error(`invalid or unsupported Perl syntax: (?${f}`);
    }
  };
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = pattern.slice(i + 2, end < 0 ? pattern.length : end);
        out += Array.from(lit).map(literal).join('');
        i = end < 0 ? pattern.length : end + 2;
        continue;
      }
      const [js, next] = escape(pattern, i, false);
      out += js; i = next; continue;
    }
    if (c === '[') {
      let j = i + 1, cls = '[';
      if (pattern[j] === '^') { cls += '^'; j++; }
      if (pattern[j] === ']') { cls += '\\]'; j++; }
      for (; j < pattern.length && pattern[j] !== ']';) {
        const d = pattern[j]!;
        if (d === '[' && pattern[j + 1] === ':') {
          const end = pattern.indexOf(':]', j + 2);
          const name = end < 0 ? '' : pattern.slice(j + 2, end);
          if (POSIX[name] === undefined) throw new Re2Error(`invalid character class range: ${pattern.slice(j)}`);
          cls += POSIX[name]; j = end + 2; continue;
        }
        if (d === '\\') { const [js, next] = escape(pattern, j, true); cls += js; j = next; continue; }
        cls += d === '[' || d === '/' ? '\\' + d : d;
        j++;
      }
      if (j >= pattern.length) throw new Re2Error(`missing closing ]: ${pattern.slice(i)}`);
      out += cls + ']'; i = j + 1; continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
        if (named) { out += `(?<${named[1]}>`; i += 2 + named[0].length; depth++; continue; }
        const fl = /^([imsU-]*)([:)])/.exec(rest);
        if (!fl || fl[1]!.startsWith('-')) throw new Re2Error(`invalid or unsupported Perl syntax: (?${rest.slice(0, 1)}`);
        // Node 20 has no scoped modifiers: apply the flags to the whole expression (the common use is a leading (?i)).
        addFlags(fl[1]!.split('-')[0]!);
        if (fl[2] === ')') { i += 2 + fl[0].length; continue; }
        out += '(?:'; i += 2 + fl[0].length; depth++; continue;
      }
      out += '('; i++; depth++; continue;
    }
    if (c === ')') {
      if (depth === 0) throw new Re2Error(`unexpected ): ${pattern}`);
      depth--; out += ')'; i++; continue;
    }
    if (c === '{') {
      const rep = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (rep && out !== '' && !/[|(]$/.test(out)) {
        if (Number(rep[1]) > 1000 || Number(rep[3] || 0) > 1000) throw new Re2Error(`invalid repeat count: ${rep[0]}`);
        out += rep[0]; i += rep[0].length; continue;
      }
      out += '\\{'; i++; continue;
    }
    if (c === '}' || c === ']') { out += '\\' + c; i++; continue; }
    if (c === '/') { out += '\\/'; i++; continue; }
    out += c; i++;
  }
  if (depth !== 0) throw new Re2Error(`missing closing ): ${pattern}`);
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new Re2Error((e as Error).message);
  }
}

const cache = new Map<string, RegExp>();

/** Compiled, cached, with the `g` flag (callers set lastIndex). */
export function compile(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const t = translate(pattern);
    re = new RegExp(t.source, t.flags + 'g');
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** Go's FindAll: after an empty match advance one rune, and drop an empty match right after a previous match. */
export function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0, prevEnd = -1;
  while (pos <= s.length && (n < 0 || out.length < n)) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index, end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(end);
      pos = end + (cp === undefined ? 1 : cp > 0xffff ? 2 : 1);
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}
