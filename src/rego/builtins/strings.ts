// String built-ins (OPA topdown/strings.go). Indexes and lengths count Unicode code points, as Go runes.
import { RegoSet, typeName, type Value } from '../value.ts';
import { def, exactNum, fail, int, num, obj, str, strings, type Registry } from './util.ts';
import type { BuiltinContext } from './types.ts';

// Go's unicode.IsSpace set, used by trim_space.
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

function trimLeft(s: string, cut: Set<string>): string {
  const r = Array.from(s);
  let i = 0;
  while (i < r.length && cut.has(r[i]!)) i++;
  return r.slice(i).join('');
}
function trimRight(s: string, cut: Set<string>): string {
  const r = Array.from(s);
  let j = r.length;
  while (j > 0 && cut.has(r[j - 1]!)) j--;
  return r.slice(0, j).join('');
}

/** Rune indexes where `sub` starts (overlapping), in order. */
function runeIndexes(s: string, sub: string, firstOnly: boolean): number[] {
  const r = Array.from(s), n = Array.from(sub).length;
  const out: number[] = [];
  // OPA loops over the runes of `s`: an empty `s` never matches, not even an empty `sub`.
  if (r.length === 0) return out;
  for (let i = 0; i + n <= r.length; i++) {
    if (r.slice(i, i + n).join('') === sub) {
      out.push(i);
      if (firstOnly) break;
    }
  }
  return out;
}

/** Go strings.Count: non-overlapping; an empty needle counts rune boundaries. */
function countNonOverlapping(s: string, sub: string): number {
  if (sub === '') return Array.from(s).length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** Go strings.Replace with n = -1: an empty `old` inserts `new` at every rune boundary. */
function replaceAll(s: string, old: string, rep: string, ctx: BuiltinContext): string {
  // The output can be far larger than the input (every "a" replaced by a long string): charge it first.
  const hits = old === '' ? s.length + 1 : s.split(old).length - 1;
  ctx.charge(Math.ceil((s.length + hits * rep.length) / 64));
  if (old === '') return rep + Array.from(s).map((c) => c + rep).join('');
  return s.split(old).join(rep);
}

function stringOrStrings(name: string, args: Value[], i: number): string[] {
  const v = args[i]!;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) || v instanceof RegoSet) return strings(name, args, i);
  return fail(name, `operand ${i + 1} must be one of {string, array, set} but got ${typeName(v)}`);
}

export function register(reg: Registry): void {
  def(reg, 'concat', 2, (a) => strings('concat', a, 1).join(str('concat', a, 0)));
  def(reg, 'contains', 2, (a) => str('contains', a, 0).includes(str('contains', a, 1)));
  def(reg, 'startswith', 2, (a) => str('startswith', a, 0).startsWith(str('startswith', a, 1)));
  def(reg, 'endswith', 2, (a) => str('endswith', a, 0).endsWith(str('endswith', a, 1)));
  def(reg, 'lower', 1, (a) => str('lower', a, 0).toLowerCase());
  def(reg, 'upper', 1, (a) => str('upper', a, 0).toUpperCase());
  def(reg, 'split', 2, (a) => {
    const s = str('split', a, 0), d = str('split', a, 1);
    return d === '' ? Array.from(s) : s.split(d);
  });
  // OPA 1.19: the first n parts of split(s, d) for n > 0, the last |n| for n < 0, none for 0, all when |n| is larger.
  def(reg, 'strings.split_n', 3, (a) => {
    const name = 'strings.split_n';
    const s = str(name, a, 0), d = str(name, a, 1), n = int(name, a, 2);
    const parts = d === '' ? Array.from(s) : s.split(d);
    return n >= 0 ? parts.slice(0, n) : parts.slice(Math.max(parts.length + n, 0));
  });
  def(reg, 'trim', 2, (a) => {
    const cut = new Set(Array.from(str('trim', a, 1)));
    return trimRight(trimLeft(str('trim', a, 0), cut), cut);
  });
  def(reg, 'trim_left', 2, (a) => trimLeft(str('trim_left', a, 0), new Set(Array.from(str('trim_left', a, 1)))));
  def(reg, 'trim_right', 2, (a) => trimRight(str('trim_right', a, 0), new Set(Array.from(str('trim_right', a, 1)))));
  def(reg, 'trim_prefix', 2, (a) => {
    const s = str('trim_prefix', a, 0), p = str('trim_prefix', a, 1);
    return s.startsWith(p) ? s.slice(p.length) : s;
  });
  def(reg, 'trim_suffix', 2, (a) => {
    const s = str('trim_suffix', a, 0), p = str('trim_suffix', a, 1);
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  });
  def(reg, 'trim_space', 1, (a) => str('trim_space', a, 0).replace(SPACE, ''));
  def(reg, 'replace', 3, (a, ctx) => replaceAll(str('replace', a, 0), str('replace', a, 1), str('replace', a, 2), ctx));
  // Go's strings.NewReplacer over the pairs in key order: at each position the first matching key wins.
  def(reg, 'strings.replace_n', 2, (a, ctx) => {
    const pats = obj('strings.replace_n', a, 0);
    const s = str('strings.replace_n', a, 1);
    const longest = Math.max(0, ...[...pats.entries()].map(([, v]) => (typeof v === 'string' ? v.length : 0)));
    ctx.charge(Math.ceil((s.length * (pats.size + longest)) / 64));
    const pairs: [string, string][] = [];
    for (const [k, v] of pats.sortedEntries()) {
      if (typeof k !== 'string') fail('strings.replace_n', `operand 1 keys must be strings but got ${typeName(k)}`);
      if (typeof v !== 'string') fail('strings.replace_n', `operand 1 values must be strings but got ${typeName(v)}`);
      pairs.push([k as string, v as string]);
    }
    let out = '';
    for (let i = 0; i < s.length;) {
      const hit = pairs.find(([k]) => k !== '' && s.startsWith(k, i));
      if (hit) { out += hit[1]; i += hit[0].length; } else { out += s[i]; i++; }
    }
    return out;
  });
  def(reg, 'format_int', 2, (a) => {
    const n = exactNum('format_int', a, 0), base = num('format_int', a, 1);
    if (![2, 8, 10, 16].includes(base)) fail('format_int', 'operand 2 must be one of {2, 8, 10, 16}');
    return (typeof n === 'bigint' ? n : BigInt(Math.trunc(n))).toString(base);
  });
  def(reg, 'indexof', 2, (a) => runeIndexes(str('indexof', a, 0), str('indexof', a, 1), true)[0] ?? -1);
  def(reg, 'indexof_n', 2, (a) => {
    const sub = str('indexof_n', a, 1);
    if (sub === '') fail('indexof_n', 'empty search character');
    return runeIndexes(str('indexof_n', a, 0), sub, false);
  });
  def(reg, 'substring', 3, (a) => {
    const r = Array.from(str('substring', a, 0));
    const start = int('substring', a, 1), len = int('substring', a, 2);
    if (start < 0) fail('substring', 'negative offset');
    if (start >= r.length) return '';
    return (len < 0 ? r.slice(start) : r.slice(start, start + len)).join('');
  });
  def(reg, 'strings.reverse', 1, (a) => Array.from(str('strings.reverse', a, 0)).reverse().join(''));
  def(reg, 'strings.count', 2, (a) => countNonOverlapping(str('strings.count', a, 0), str('strings.count', a, 1)));
  def(reg, 'strings.any_prefix_match', 2, (a) => {
    const ss = stringOrStrings('strings.any_prefix_match', a, 0), ps = stringOrStrings('strings.any_prefix_match', a, 1);
    return ss.some((s) => ps.some((p) => s.startsWith(p)));
  });
  def(reg, 'strings.any_suffix_match', 2, (a) => {
    const ss = stringOrStrings('strings.any_suffix_match', a, 0), ps = stringOrStrings('strings.any_suffix_match', a, 1);
    return ss.some((s) => ps.some((p) => s.endsWith(p)));
  });
}
