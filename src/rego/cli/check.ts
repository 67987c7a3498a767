// `gatehouse rego check`: parse and compile, printing `file:line:col: message` (exit 1), like `opa check`.
// `--login-policy` also applies the login-policy contract, as the API does when a policy is saved.
import { readFileSync } from 'node:fs';
import { compile, parseModule, type Module, type ModuleSource } from '../index.ts';
import { located, versionFlag, type Extensions, type Io } from './io.ts';

export const CHECK_USAGE = 'gatehouse rego check [--v0|--v1] [--login-policy] policy.rego...';

export function checkCmd(args: string[], io: Io, ext: Extensions): number {
  let forced: 0 | 1 | undefined;
  let loginPolicy = false;
  const files: string[] = [];
  for (const a of args) {
    if (versionFlag(a) !== undefined) forced = versionFlag(a);
    else if (a === '--login-policy') loginPolicy = true;
    else files.push(a);
  }
  if (files.length === 0) { io.err(`usage: ${CHECK_USAGE}`); return 2; }
  const modules: (ModuleSource & { version: 0 | 1; parsed: Module })[] = [];
  let failed = false;
  for (const file of files) {
    let source: string;
    try { source = readFileSync(file, 'utf8'); } catch (err) { io.err(`${file}: ${(err as Error).message}`); failed = true; continue; }
    const parsed = parseDetecting(source, file, forced);
    if ('error' in parsed) { io.err(located(file, parsed.error, forced ?? 1)); failed = true; continue; }
    modules.push({ name: file, source, version: parsed.version, parsed: parsed.module });
  }
  for (const version of [0, 1] as const) {
    const group = modules.filter((m) => m.version === version);
    if (group.length === 0) continue;
    try { compile(group, { regoVersion: version }); } catch (err) { io.err(located(group[0]!.name!, err)); failed = true; }
  }
  if (loginPolicy) {
    if (!ext.loginPolicy) throw new Error('--login-policy needs the service’s contract (run it through bin/gatehouse.mjs)');
    for (const m of modules) {
      for (const d of ext.loginPolicy(m.parsed)) {
        io.err(`${m.name}:${d.line}:${d.column}: ${d.warning ? 'warning: ' : ''}${d.message}`);
        if (!d.warning) failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}

/** A module in the version given, or detected (v1 first, then v0) as the service does. */
function parseDetecting(source: string, name: string, forced?: 0 | 1): { module: Module; version: 0 | 1 } | { error: unknown } {
  const versions: (0 | 1)[] = forced === undefined ? [1, 0] : [forced];
  let first: unknown;
  for (const v of versions) {
    try { return { module: parseModule(source, { name, regoVersion: v }), version: v }; } catch (err) { first ??= err; }
  }
  return { error: first };
}
