// `gatehouse rego eval`: shaped like `opa eval --format json`, so policies can be tried against OPA side by
// side. Without --v0/--v1 the syntax version is detected as the login-policy service detects it.
import { readFileSync } from 'node:fs';
import { compile, compileAnyVersion, toJson } from '../index.ts';
import { describe, load, UsageError, versionFlag, type Io } from './io.ts';

export const EVAL_USAGE = 'gatehouse rego eval -d policy.rego [-d more.rego | -d data.json | -d dir] [-i input.json] [--v0|--v1] [--strict] [--timeout ms] QUERY';

export function evalCmd(args: string[], io: Io): number {
  const paths: string[] = [];
  let input: unknown;
  let regoVersion: 0 | 1 | undefined;
  let strict = false;
  let timeoutMs: number | undefined;
  let query: string | undefined;
  let loaded: ReturnType<typeof load>;
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = () => { const v = args[++i]; if (v === undefined) throw new UsageError(`${a} needs a value`); return v; };
      if (a === '-d' || a === '--data') paths.push(value());
      else if (a === '-i' || a === '--input') input = JSON.parse(readFileSync(value(), 'utf8'));
      else if (versionFlag(a) !== undefined) regoVersion = versionFlag(a);
      else if (a === '--strict') strict = true;
      else if (a === '--timeout') timeoutMs = Number(value());
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else if (query === undefined) query = a;
      else throw new UsageError('only one query is accepted');
    }
    if (query === undefined) throw new UsageError('a query is required');
    loaded = load(paths);
  } catch (err) {
    io.err(err instanceof UsageError ? `${err.message}\nusage: ${EVAL_USAGE}` : `error: ${(err as Error).message}`);
    return 2;
  }
  try {
    const policy = regoVersion === undefined ? compileAnyVersion(loaded.modules) : compile(loaded.modules, { regoVersion });
    const results = policy.evaluate(query, { input, data: loaded.data, strict, timeoutMs });
    const texts = expressionTexts(query);
    const out = results.map((r) => {
      const o: Record<string, unknown> = {
        expressions: r.expressions.map((v, i) => ({ value: toJson(v), text: texts[i]?.text ?? query, location: { row: texts[i]?.row ?? 1, col: texts[i]?.col ?? 1 } })),
      };
      if (Object.keys(r.bindings).length > 0) o.bindings = Object.fromEntries(Object.entries(r.bindings).map(([k, v]) => [k, toJson(v)]));
      return o;
    });
    io.out(JSON.stringify(out.length ? { result: out } : {}, null, 2));
    return 0;
  } catch (err) {
    io.err(describe(err, regoVersion ?? 1));
    return 1;
  }
}

/** Each top-level expression of the query with its text and position (what `opa eval` reports). */
function expressionTexts(query: string): { text: string; row: number; col: number }[] {
  const out: { text: string; row: number; col: number }[] = [];
  let depth = 0, start = 0, inStr: string | undefined;
  const push = (end: number) => {
    const raw = query.slice(start, end);
    const text = raw.trim();
    if (text) {
      const offset = start + raw.indexOf(text);
      const before = query.slice(0, offset).split('\n');
      out.push({ text, row: before.length, col: before[before.length - 1]!.length + 1 });
    }
    start = end + 1;
  };
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    if (inStr) { if (c === '\\' && inStr === '"') i++; else if (c === inStr) inStr = undefined; continue; }
    if (c === '"' || c === '`') inStr = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if ((c === ';' || c === '\n') && depth === 0) push(i);
  }
  push(query.length);
  return out;
}
