// What every `gatehouse rego` subcommand shares: output streams, reading files and directories the way
// `opa` does, and printing errors as `file:line:col: message`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RegoBudgetError, RegoCompileError, RegoEvalError, RegoParseError, type ModuleSource, type Module } from '../index.ts';

export interface Io { out: (s: string) => void; err: (s: string) => void }
export const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

export interface Diagnostic { line: number; column: number; message: string; warning?: boolean }

/** Checks the CLI cannot make on its own (the leaf library knows no login-policy contract); src/cli.ts supplies them. */
export interface Extensions {
  /** `check --login-policy`: the contract's rules for one module (package, outputs and their shapes). */
  loginPolicy?: (module: Module) => Diagnostic[];
}

export class UsageError extends Error {}

/** A file, or (like `opa eval -d dir`) every .rego and .json file below a directory. */
export function expand(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.rego') || f.endsWith('.json'))
    .sort()
    .map((f) => join(path, f));
}

/** .rego files as modules and .json files merged into one data document. */
export function load(paths: string[]): { modules: ModuleSource[]; data: Record<string, unknown> } {
  const modules: ModuleSource[] = [];
  let data: Record<string, unknown> = {};
  for (const file of paths.flatMap(expand)) {
    if (file.endsWith('.json')) data = { ...data, ...JSON.parse(readFileSync(file, 'utf8')) };
    else modules.push({ name: file, source: readFileSync(file, 'utf8') });
  }
  return { modules, data };
}

/** A legacy-syntax policy read as OPA 1.0 fails on `{` bodies: say which flag reads it. */
const V0_HINT = /`if` keyword is required|`contains` keyword is required/;

export function describe(err: unknown, forced?: 0 | 1): string {
  const hint = forced === 1 && err instanceof RegoParseError && V0_HINT.test(err.message)
    ? ' (this is the legacy Rego syntax: pass --v0, or no version flag to detect it)' : '';
  if (err instanceof RegoCompileError) return `${err.module ? err.module + ':' : ''}${err.message}`;
  if (err instanceof RegoParseError || err instanceof RegoEvalError || err instanceof RegoBudgetError) return err.message + hint;
  return `error: ${(err as Error).message}`;
}

export function located(file: string, err: unknown, forced?: 0 | 1): string {
  if (err instanceof RegoCompileError) return `${err.module ?? file}:${err.message}`;
  if (err instanceof RegoParseError) return `${file}:${describe(err, forced)}`;
  return `${file}: ${(err as Error).message}`;
}

/** `--v0` / `--v1` when given; undefined means detect, as the service does. */
export function versionFlag(a: string): 0 | 1 | undefined {
  return a === '--v0' ? 0 : a === '--v1' ? 1 : undefined;
}
