// `gatehouse rego test`: `opa test` for policy authors. Rules named test_* are tests (mock input, data and
// functions with `with`); `--run` filters by name; failures show the failing expressions and their values;
// `--coverage` prints which lines the tests evaluated. Exit 0 when every test passes, 2 otherwise (as opa).
import { compile, compileAnyVersion } from '../index.ts';
import { runTests, type TestResult } from '../testing.ts';
import { describe, load, UsageError, versionFlag, type Io } from './io.ts';

export const TEST_USAGE = 'gatehouse rego test [--v0|--v1] [--run PATTERN] [-v] [--coverage] [--format pretty|json] [--timeout ms] path...';

const LINE = '-'.repeat(80);
const us = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}ms` : `${n}µs`);

export function testCmd(args: string[], io: Io): number {
  const paths: string[] = [];
  let regoVersion: 0 | 1 | undefined, run: string | undefined, verbose = false, coverage = false, json = false, timeoutMs: number | undefined;
  let loaded: ReturnType<typeof load>;
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = () => { const v = args[++i]; if (v === undefined) throw new UsageError(`${a} needs a value`); return v; };
      if (versionFlag(a) !== undefined) regoVersion = versionFlag(a);
      else if (a === '--run' || a === '-r') run = value();
      else if (a === '-v' || a === '--verbose') verbose = true;
      else if (a === '--coverage' || a === '-c') coverage = true;
      else if (a === '--format' || a === '-f') json = value() === 'json';
      else if (a === '--timeout') timeoutMs = Number(value());
      else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
      else paths.push(a);
    }
    if (paths.length === 0) throw new UsageError('a file or directory is required');
    loaded = load(paths);
  } catch (err) {
    io.err(err instanceof UsageError ? `${err.message}\nusage: ${TEST_USAGE}` : `error: ${(err as Error).message}`);
    return 2;
  }
  let outcome: ReturnType<typeof runTests>;
  try {
    const policy = regoVersion === undefined ? compileAnyVersion(loaded.modules) : compile(loaded.modules, { regoVersion });
    outcome = runTests(policy, { data: loaded.data, run, coverage, timeoutMs });
  } catch (err) {
    io.err(describe(err, regoVersion ?? 1));
    return 1;
  }
  const { results } = outcome;
  if (coverage) io.out(JSON.stringify(outcome.coverage, null, 2));
  else if (json) io.out(JSON.stringify(results, null, 2));
  else printPretty(results, verbose, io);
  if (results.length === 0) { io.err('no tests found'); return 2; }
  return results.every((r) => r.status === 'pass') ? 0 : 2;
}

function printPretty(results: TestResult[], verbose: boolean, io: Io): void {
  const bad = results.filter((r) => r.status !== 'pass');
  const line = (r: TestResult) => `${r.name}: ${r.status.toUpperCase()} (${us(r.durationUs)})`;
  if (bad.length) {
    io.out(`FAILURES\n${LINE}`);
    for (const r of bad) io.out(`${line(r)}\n\n${r.notes.map((n) => `  ${n}`).join('\n')}\n`);
  }
  io.out(`SUMMARY\n${LINE}`);
  let file: string | undefined;
  for (const r of results) {
    if (!verbose && r.status === 'pass') continue;
    if (r.file !== file) { file = r.file; io.out(`${file}:`); }
    io.out(line(r));
  }
  io.out(LINE);
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  for (const s of ['pass', 'fail', 'error'] as const) if (count(s)) io.out(`${s.toUpperCase()}: ${count(s)}/${results.length}`);
}
