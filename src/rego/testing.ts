// `opa test` semantics: every rule named test_* is a test; it passes when it is defined and true. A failure
// is explained by the expressions of its body that found no solution, with the values of their operands;
// coverage counts the lines of rule heads and expressions the tests evaluated.
import { RE2JS } from 're2js';
import type { CExpr, CRule, CTerm } from './compiler/ir.ts';
import type { Frame, Tracer } from './eval/terms.ts';
import { RegoBudgetError, RegoEvalError } from './errors.ts';
import type { CompiledPolicy, EvalOptions } from './index.ts';
import { exprText, termText } from './term-text.ts';
import { regoText } from './value-text.ts';
import type { Value } from './value.ts';

export interface TestResult {
  /** `data.pkg.test_name` */
  name: string;
  file?: string;
  line: number;
  status: 'pass' | 'fail' | 'error';
  durationUs: number;
  /** Why it failed: `file:line: expression` then its operands' values, or the error. */
  notes: string[];
}

export interface LineRange { start: { row: number }; end: { row: number } }
export interface Coverage {
  files: Record<string, { covered: LineRange[]; not_covered: LineRange[]; coverage: number }>;
  coverage: number;
}

export interface TestOptions extends Pick<EvalOptions, 'input' | 'data' | 'maxSteps' | 'timeoutMs' | 'nowNs'> {
  /** RE2 pattern matched against the test's name (`data.pkg.test_x`), as `opa test --run`. */
  run?: string;
  coverage?: boolean;
}

const isTestRule = (r: CRule) => r.kind === 'single' && r.suffix.length === 0 && /(^|\.)test_[^.]*$/.test(r.name ?? '');

/** Runs the policy's tests; with `coverage`, also reports which lines they evaluated. */
export function runTests(policy: CompiledPolicy, opts: TestOptions = {}): { results: TestResult[]; coverage?: Coverage } {
  const filter = opts.run ? RE2JS.compile(opts.run) : undefined;
  const byName = new Map<string, CRule[]>();
  for (const r of policy.rules().filter(isTestRule)) byName.set(r.name!, [...(byName.get(r.name!) ?? []), r]);
  const hits = new Map<string, Set<number>>();
  const hit = (file: string | undefined, line: number) => addLine(hits, file, line);
  // Expressions carry no file of their own: map each to the module of the rule it belongs to.
  let files: Map<CExpr, string | undefined> | undefined;
  if (opts.coverage) {
    files = new Map();
    for (const r of policy.rules()) forEachExpr(r, (e, b) => files!.set(e, b.module));
  }
  const results: TestResult[] = [];
  for (const [name, rules] of byName) {
    if (filter && !filter.matcher(name).find()) continue;
    const own = new Set<CExpr>(rules.flatMap((r) => r.body));
    const notes: string[] = [];
    const tracer: Tracer = {
      failed: (e, f, valueOf) => { if (own.has(e)) notes.push(...explain(e, f, valueOf, rules[0]!.module)); },
      ...(files ? { expr: (e: CExpr) => hit(files.get(e), e.loc.line), fired: (r: CRule) => hit(r.module, r.loc.line) } : {}),
    };
    const started = process.hrtime.bigint();
    let status: TestResult['status'];
    try {
      const v = policy.evalRef(name, { ...opts, tracer, strict: false });
      status = v === true ? 'pass' : 'fail';
      if (v !== true && v !== undefined) notes.unshift(`the rule's value is ${regoText(v)}, not true`);
    } catch (err) {
      if (!(err instanceof RegoEvalError || err instanceof RegoBudgetError)) throw err;
      status = 'error';
      notes.splice(0, notes.length, err.message);
    }
    const durationUs = Number((process.hrtime.bigint() - started) / 1000n);
    results.push({ name, file: rules[0]!.module, line: rules[0]!.loc.line, status, durationUs, notes: status === 'pass' ? [] : [...new Set(notes)] });
  }
  return { results, coverage: opts.coverage ? coverage(policy, hits) : undefined };
}

/** Every expression of a rule, its else branches, `every` bodies and comprehensions included. */
function forEachExpr(r: CRule, cb: (e: CExpr, rule: CRule) => void): void {
  const term = (t: CTerm | undefined, rule: CRule): void => {
    if (!t) return;
    switch (t.k) {
      case 'array': case 'set': t.items.forEach((x) => term(x, rule)); return;
      case 'object': for (const [k, v] of t.entries) { term(k, rule); term(v, rule); } return;
      case 'ref': term(t.head, rule); t.path.forEach((x) => term(x, rule)); return;
      case 'data': case 'input': t.path.forEach((x) => term(x, rule)); return;
      case 'call': t.args.forEach((x) => term(x, rule)); return;
      case 'compr': body(t.body, rule); term(t.key, rule); term(t.value, rule); return;
      default: return;
    }
  };
  const body = (b: CExpr[], rule: CRule): void => {
    for (const e of b) {
      cb(e, rule);
      for (const w of e.with) term(w.value, rule);
      if (e.k === 'term') term(e.term, rule);
      else if (e.k === 'eq') { term(e.a, rule); term(e.b, rule); }
      else if (e.k === 'somein') term(e.coll, rule);
      else if (e.k === 'every') { term(e.coll, rule); body(e.body, rule); }
    }
  };
  for (let b: CRule | undefined = r; b; b = b.elseRule) body(b.body, b);
}

function explain(e: CExpr, f: Frame, valueOf: (t: CTerm) => Value | undefined, file?: string): string[] {
  const out = [`${file ? `${file}:` : ''}${e.loc.line}: ${exprText(e)}`];
  const show = (t: CTerm) => {
    if (t.k === 'val') return;
    const v = t.k === 'var' ? f[t.slot] : valueOf(t);
    out.push(`    ${termText(t)} = ${v === undefined ? 'undefined' : regoText(v)}`);
  };
  if (e.k === 'term' && e.term.k === 'call') e.term.args.forEach(show);
  else if (e.k === 'term') show(e.term);
  else if (e.k === 'eq') { show(e.a); show(e.b); }
  else if (e.k === 'somein' || e.k === 'every') show(e.coll);
  return out;
}

/** Lines of every rule head and expression, per file, split into evaluated and not. */
function coverage(policy: CompiledPolicy, hits: Map<string, Set<number>>): Coverage {
  const all = new Map<string, Set<number>>();
  const add = (file: string | undefined, line: number) => addLine(all, file, line);
  for (const r of policy.rules()) {
    if (isTestRule(r)) continue;
    for (let b: CRule | undefined = r; b; b = b.elseRule) add(b.module, b.loc.line);
    forEachExpr(r, (e, b) => add(b.module, e.loc.line));
  }
  const files: Coverage['files'] = {};
  let covered = 0, total = 0;
  for (const [file, lines] of all) {
    const seen = hits.get(file) ?? new Set<number>();
    const sorted = [...lines].sort((a, b) => a - b);
    const yes = sorted.filter((l) => seen.has(l)), no = sorted.filter((l) => !seen.has(l));
    covered += yes.length;
    total += sorted.length;
    files[file] = { covered: ranges(yes), not_covered: ranges(no), coverage: pct(yes.length, sorted.length) };
  }
  return { files, coverage: pct(covered, total) };
}

function addLine(lines: Map<string, Set<number>>, file: string | undefined, line: number): void {
  const k = file ?? '';
  let set = lines.get(k);
  if (!set) lines.set(k, (set = new Set()));
  set.add(line);
}

const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((10000 * a) / b) / 100);

function ranges(lines: number[]): LineRange[] {
  const out: LineRange[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last && last.end.row === l - 1) last.end.row = l;
    else out.push({ start: { row: l }, end: { row: l } });
  }
  return out;
}
