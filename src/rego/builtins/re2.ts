// Go RE2 patterns, run by re2js: the same syntax Go's regexp accepts (and rejects: no look-around, no
// back-references) and matching in time linear in the input, whatever the pattern. A policy's pattern
// runs over claims the identity provider sends, so a backtracking engine would let one tenant stall the
// process; no process-wide engine flag is needed either.
//
// Each call charges the evaluation budget before it runs, in proportion to the input's length times the
// size of the compiled program (the bound of the NFA simulation), so no single call can outrun it.
import { RE2JS } from 're2js';
import type { BuiltinContext } from './types.ts';

export class Re2Error extends Error {}

export interface Compiled {
  readonly re: RE2JS;
  /** Budget steps per 64 characters of input: the program's size, at least 1. */
  readonly weight: number;
}

export interface Match {
  index: number;
  end: number;
  /** Group 0 (the whole match), then each capturing group; undefined when a group did not take part. */
  groups: (string | undefined)[];
  named: Record<string, string | undefined>;
}

const cache = new Map<string, Compiled>();
const MATCH_STEPS = 8;

/** Compiles an RE2 pattern; throws Re2Error with Go's message ("error parsing regexp: …") when RE2 rejects it. */
export function compile(pattern: string): Compiled {
  let c = cache.get(pattern);
  if (!c) {
    let re: RE2JS;
    try {
      re = RE2JS.compile(pattern);
    } catch (e) {
      throw new Re2Error(String((e as Error).message).replace(/^error parsing regexp: /, ''));
    }
    c = { re, weight: Math.max(1, re.programSize()) };
    if (cache.size > 500) cache.clear();
    cache.set(pattern, c);
  }
  return c;
}

/** Charges the budget for one scan of `s` (done before scanning, so an over-budget call never starts). */
export function charge(c: Compiled, s: string, ctx: BuiltinContext): void {
  ctx.charge(Math.ceil(((s.length + 1) * c.weight) / 64));
}

export function test(c: Compiled, s: string, ctx: BuiltinContext): boolean {
  charge(c, s, ctx);
  return c.re.matcher(s).find();
}

/**
 * Go's FindAll: leftmost-first matches left to right; after an empty match advance one rune, and drop an
 * empty match right after the previous match. n < 0 means all.
 */
export function findAll(c: Compiled, s: string, n: number, ctx: BuiltinContext): Match[] {
  const out: Match[] = [];
  const m = c.re.matcher(s);
  const names = Object.keys(c.re.namedGroups());
  // One scan of the whole input, plus the submatch extraction over each match.
  charge(c, s, ctx);
  let pos = 0, prevEnd = -1;
  while (pos <= s.length && (n < 0 || out.length < n)) {
    if (!m.find(pos)) break;
    const start = m.start(), end = m.end();
    // Each match costs a search restart and its groups' extraction (a few µs) besides its length.
    ctx.charge(MATCH_STEPS + Math.ceil(((end - start + 1) * c.weight) / 64));
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(end);
      pos = end + (cp === undefined ? 1 : cp > 0xffff ? 2 : 1);
    } else pos = end;
    prevEnd = end;
    if (accept) {
      const groups: (string | undefined)[] = [];
      for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
      const named: Record<string, string | undefined> = {};
      for (const name of names) named[name] = m.group(name) ?? undefined;
      out.push({ index: start, end, groups, named });
    }
  }
  return out;
}

/** RE2's quoting of a literal (what Go's regexp.QuoteMeta produces). */
export const quote = (s: string): string => RE2JS.quote(s);
