// `gatehouse rego fmt`: `opa fmt` for policy files, each in its own syntax (detected as the service does,
// or forced). Prints the formatted module; `--check` lists files that are not formatted (exit 1, for CI);
// `-w` rewrites them in place.
import { readFileSync, writeFileSync } from 'node:fs';
import { formatModule } from '../format.ts';
import { expand, located, versionFlag, type Io } from './io.ts';

export const FMT_USAGE = 'gatehouse rego fmt [--v0|--v1] [--check | -w] policy.rego|dir...';

export function fmtCmd(args: string[], io: Io): number {
  let forced: 0 | 1 | undefined, check = false, write = false;
  const paths: string[] = [];
  for (const a of args) {
    if (versionFlag(a) !== undefined) forced = versionFlag(a);
    else if (a === '--check' || a === '-l' || a === '--list') check = true;
    else if (a === '-w' || a === '--write') write = true;
    else paths.push(a);
  }
  if (paths.length === 0) { io.err(`usage: ${FMT_USAGE}`); return 2; }
  let failed = false, unformatted = false;
  for (const file of paths.flatMap(expand).filter((f) => f.endsWith('.rego'))) {
    const source = readFileSync(file, 'utf8');
    let formatted: string | undefined, error: unknown;
    for (const v of forced === undefined ? [1, 0] as const : [forced]) {
      try { formatted = formatModule(source, { regoVersion: v }); break; } catch (err) { error ??= err; }
    }
    if (formatted === undefined) { io.err(located(file, error, forced ?? 1)); failed = true; continue; }
    if (check) { if (formatted !== source) { io.out(file); unformatted = true; } }
    else if (write) { if (formatted !== source) writeFileSync(file, formatted); }
    else io.out(formatted.replace(/\n$/, ''));
  }
  return failed || unformatted ? 1 : 0;
}
