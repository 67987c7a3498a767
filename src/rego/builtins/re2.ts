// Go RE2 syntax -> JS RegExp. Rejects what RE2 rejects and JS would accept (look-around,
// back-references), and rewrites what RE2 accepts and JS rejects or reads differently (inline flags,
// (?P<name>), \A \z \Q…\E, POSIX classes, escaped punctuation, literal braces, \s being ASCII-only).
//
// RE2 runs in linear time; V8's backtracking engine does not, so a policy's regex over a user-supplied
// claim could hang the process. Each pattern is therefore also compiled, when it can be, for V8's
// linear-time engine (flag `l`), which has no `u` mode: that variant is used for inputs without
// astral characters (where UTF-16 and code-point semantics agree); otherwise the `u` variant runs.
import { setFlagsFromString } from 'node:v8';

let linearEngine = false;
try {
  setFlagsFromString('--enable-experimental-regexp-engine');
  linearEngine = new RegExp('a', 'l').flags.includes('l');
} catch {
  linearEngine = false;
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd',
  'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs', 'Any']);

export class Re2Error extends Error {}
/** The pattern needs `u` mode (astral literals, \p classes): no linear-engine variant. */
class NeedsUnicode extends Error {}

// Placeholders for \A and \z, resolved once the flags are known.
const BEGIN = '\u0000A\u0000', END = '\u0000z\u0000';

class Emitter {
  constructor(readonly unicode: boolean) {}

  literal(cp: number): string {
    if (this.unicode) return `\\u{${cp.toString(16)}}`;
    if (cp > 0xffff) throw new NeedsUnicode();
    return `\\u${cp.toString(16).padStart(4, '0')}`;
  }

  /** Translates one escape at pattern[i] === '\\'; returns [js, next index]. */
  escape(p: string, i: number, inClass: boolean): [string, number] {
    const c = p[i + 1];
    if (c === undefined) throw new Re2Error('trailing backslash at end of expression');
    if (/[1-9]/.test(c)) throw new Re2Error(`invalid escape sequence: \\${c}`);
    if (c === 'A') return [inClass ? 'A' : BEGIN, i + 2];
    if (c === 'z') return [inClass ? 'z' : END, i + 2];
    if (c === 's') return [inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]', i + 2];
    if (c === 'S') {
      const top = this.unicode ? '\\u{10ffff}' : '\\uffff';
      return [inClass ? `\\x00-\\x08\\x0b\\x0e-\\x1f\\x21-${top}` : '[^\\t\\n\\f\\r ]', i + 2];
    }
    if (c === 'p' || c === 'P') {
      if (!this.unicode) throw new NeedsUnicode();
      let name: string, next: number, neg = c === 'P';
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        if (end < 0) throw new Re2Error('invalid character class range');
        name = p.slice(i + 3, end); next = end + 1;
      } else { name = p[i + 2] ?? ''; next = i + 3; }
      if (name.startsWith('^')) { neg = !neg; name = name.slice(1); }
      const prop = name === 'Any' ? 'Any' : CATEGORIES.has(name) ? name : `Script=${name}`;
      return [`\\${neg ? 'P' : 'p'}{${prop}}`, next];
    }
    if (c === 'x') {
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        if (end < 0) throw new Re2Error('invalid escape sequence');
        return [this.literal(parseInt(p.slice(i + 3, end), 16)), end + 1];
      }
      return [`\\x${p.slice(i + 2, i + 4)}`, i + 4];
    }
    if (/[dDwWbBnrtfv]/.test(c)) return [`\\${c}`, i + 2];
    if (c === 'a') return ['\\x07', i + 2];
    if (/[0-7]/.test(c)) {
      const m = /^[0-7]{1,3}/.exec(p.slice(i + 1))![0];
      return [this.literal(parseInt(m, 8)), i + 1 + m.length];
    }
    if (/[A-Za-z0-9_]/.test(c)) throw new Re2Error(`invalid escape sequence: \\${c}`);
    const cp = p.codePointAt(i + 1)!;
    return [this.literal(cp), i + 1 + (cp > 0xffff ? 2 : 1)];
  }

  /** A literal pattern character (astral ones need `u` mode). */
  char(p: string, i: number): [string, number] {
    const cp = p.codePointAt(i)!;
    if (cp > 0xffff) return [this.literal(cp), i + 2];
    return [p[i]!, i + 1];
  }

  translate(pattern: string): { source: string; flags: string } {
    let flags = '';
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
          out += Array.from(lit).map((ch) => this.literal(ch.codePointAt(0)!)).join('');
          i = end < 0 ? pattern.length : end + 2;
          continue;
        }
        const [js, next] = this.escape(pattern, i, false);
        out += js; i = next; continue;
      }
      if (c === '[') {
        let j = i + 1, cls = '[';
        if (pattern[j] === '^') { cls += '^'; j++; }
        if (pattern[j] === ']') { cls += '\\]'; j++; }
        while (j < pattern.length && pattern[j] !== ']') {
          const d = pattern[j]!;
          if (d === '[' && pattern[j + 1] === ':') {
            const end = pattern.indexOf(':]', j + 2);
            const name = end < 0 ? '' : pattern.slice(j + 2, end);
            if (POSIX[name] === undefined) throw new Re2Error(`invalid character class range: ${pattern.slice(j)}`);
            cls += POSIX[name]; j = end + 2; continue;
          }
          if (d === '\\') { const [js, next] = this.escape(pattern, j, true); cls += js; j = next; continue; }
          if (d === '[' || d === '/') { cls += '\\' + d; j++; continue; }
          const [js, next] = this.char(pattern, j);
          cls += js; j = next;
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
      if (c === '}' || c === ']' || c === '/') { out += '\\' + c; i++; continue; }
      const [js, next] = this.char(pattern, i);
      out += js; i = next;
    }
    if (depth !== 0) throw new Re2Error(`missing closing ): ${pattern}`);
    // Without (?m), \A and \z are just ^ and $ (JS `$` does not match before a final newline, like RE2).
    const multi = flags.includes('m');
    out = out.replaceAll(BEGIN, multi ? '(?<![\\s\\S])' : '^').replaceAll(END, multi ? '(?![\\s\\S])' : '$');
    return { source: out, flags };
  }
}

/** JS source and flags (`u` mode) of an RE2 pattern; throws Re2Error when RE2 would reject it. */
export function translate(pattern: string): RegExp {
  const t = new Emitter(true).translate(pattern);
  try {
    return new RegExp(t.source, t.flags + 'u');
  } catch (e) {
    throw new Re2Error((e as Error).message);
  }
}

export interface Compiled {
  /** The variant to run on `input` (both carry the `g` flag: callers set lastIndex). */
  for(input: string): RegExp;
}

const SURROGATE = /[\ud800-\udfff]/;

function linear(pattern: string): RegExp | undefined {
  if (!linearEngine) return undefined;
  try {
    const t = new Emitter(false).translate(pattern);
    return new RegExp(t.source, t.flags + 'gl');
  } catch {
    return undefined; // needs `u` mode, or beyond what the linear engine supports (large counted repeats)
  }
}

const cache = new Map<string, Compiled>();

export function compile(pattern: string): Compiled {
  let c = cache.get(pattern);
  if (!c) {
    const t = translate(pattern);
    const uni = new RegExp(t.source, t.flags + 'g');
    const lin = linear(pattern);
    c = { for: (input) => (lin && !SURROGATE.test(input) ? lin : uni) };
    if (cache.size > 500) cache.clear();
    cache.set(pattern, c);
  }
  return c;
}

/** Go's FindAll: after an empty match advance one rune, and drop an empty match right after a previous match. */
export function findAll(c: Compiled, s: string, n: number): RegExpExecArray[] {
  const re = c.for(s);
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
