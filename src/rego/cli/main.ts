// `gatehouse rego <eval|check|test|fmt>`: the engine from the command line, shaped like the `opa` commands.
import { CHECK_USAGE, checkCmd } from './check.ts';
import { EVAL_USAGE, evalCmd } from './eval.ts';
import { FMT_USAGE, fmtCmd } from './fmt.ts';
import { stdio, type Extensions, type Io } from './io.ts';
import { TEST_USAGE, testCmd } from './test.ts';

export type { Diagnostic, Extensions, Io } from './io.ts';

const USAGE = `usage:\n  ${[EVAL_USAGE, CHECK_USAGE, TEST_USAGE, FMT_USAGE].join('\n  ')}`;

/** Runs the rego subcommand; returns the exit code. */
export function main(argv: string[], io: Io = stdio, ext: Extensions = {}): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'eval') return evalCmd(rest, io);
  if (cmd === 'check') return checkCmd(rest, io, ext);
  if (cmd === 'test') return testCmd(rest, io);
  if (cmd === 'fmt') return fmtCmd(rest, io);
  io.err(USAGE);
  return 2;
}
