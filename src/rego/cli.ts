// `gatehouse rego eval|check`: the engine from the command line, shaped like `opa eval --format json`
// and `opa check` so policies can be tried against OPA side by side.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, parseModule, RegoBudgetError, RegoCompileError, RegoEvalError, RegoParseError, toJson, type ModuleSource } from './index.ts';

const USAGE = `usage:
  gatehouse rego eval -d policy.rego [-d more.rego | -d data.json | -d dir] [-i input.json] [--v0] [--strict] [--timeout ms] QUERY
  gatehouse rego check [--v0] policy.rego...`;

interface Io { out: (s: string) => void; err: (s: string) => void }
const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** Runs the rego subcommand; returns the exit code. */
export function main(argv: string[], io: Io = stdio): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'eval') return evalCmd(rest, io);
  if (cmd === 'check') return checkCmd(rest, io);
  io.err(USAGE);
  return 2;
}

function evalCmd(args: string[], io: Io): number {
  const modules: ModuleSource[] = [];
  let data: Record<string, unknown> = {};
  let input: unknown;
  let regoVersion: 0 | 1 = 1;
  let strict = false;
  let timeoutMs: number | undefined;
  let query: string | undefined;
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = () => { const v = args[++i]; if (v === undefined) throw new UsageError(`${a} needs a value`); return v; };
      if (a === '-d' || a === '--data') {
        for (const file of expand(value())) {
          if (file.endsWith('.json')) data = { ...data, ...JSON.parse(readFileSync(file, 'utf8')) };
          else modules.push({ name: file, source: readFileSync(file, 'utf8') });
        }
      } else if (a === '-i' || a === '--input') input = JSON.parse(readFileSync(value(), 'utf8'));
      else if (a === '--v0') regoVersion = 0;
      else if (a === '--v1') regoVersion = 1;
      else if (a === '--strict') strict = true;
      else if (a === '--timeout') timeoutMs = Number(value());
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else if (query === undefined) query = a;
      else throw new UsageError('only one query is accepted');
    }
    if (query === undefined) throw new UsageError('a query is required');
  } catch (err) {
    io.err(err instanceof UsageError ? `${err.message}\n${USAGE}` : `error: ${(err as Error).message}`);
    return 2;
  }
  try {
    const policy = compile(modules, { regoVersion });
    const results = policy.evaluate(query, { input, data, strict, timeoutMs });
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
    io.err(describe(err));
    return 1;
  }
}

function checkCmd(args: string[], io: Io): number {
  let regoVersion: 0 | 1 = 1;
  const files: string[] = [];
  for (const a of args) {
    if (a === '--v0') regoVersion = 0;
    else if (a === '--v1') regoVersion = 1;
    else files.push(a);
  }
  if (files.length === 0) { io.err(USAGE); return 2; }
  const modules: ModuleSource[] = [];
  let failed = false;
  for (const file of files) {
    let source: string;
    try { source = readFileSync(file, 'utf8'); } catch (err) { io.err(`${file}: ${(err as Error).message}`); failed = true; continue; }
    try {
      parseModule(source, { name: file, regoVersion });
      modules.push({ name: file, source });
    } catch (err) {
      io.err(located(file, err));
      failed = true;
    }
  }
  if (modules.length > 0) {
    try {
      compile(modules, { regoVersion });
    } catch (err) {
      io.err(located(err instanceof RegoCompileError && err.module ? err.module : files[0]!, err));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

function located(file: string, err: unknown): string {
  if (err instanceof RegoParseError || err instanceof RegoCompileError) return `${file}:${err.message}`;
  return `${file}: ${(err as Error).message}`;
}

function describe(err: unknown): string {
  if (err instanceof RegoCompileError) return `${err.module ? err.module + ':' : ''}${err.message}`;
  if (err instanceof RegoParseError || err instanceof RegoEvalError || err instanceof RegoBudgetError) return err.message;
  return `error: ${(err as Error).message}`;
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

/** A file, or (like `opa eval -d dir`) every .rego and .json file below a directory. */
function expand(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.rego') || f.endsWith('.json'))
    .sort()
    .map((f) => join(path, f));
}

class UsageError extends Error {}
