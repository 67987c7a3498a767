// A login policy's saved tests: compiled with its body (each in its own syntax, detected), run with
// `opa test` semantics. A policy whose tests fail cannot be enabled; the workbench runs them on demand.
import { compileAnyVersion, RegoCompileError, RegoParseError, type CompiledPolicy } from '../rego/index.ts';
import { runTests, type TestResult } from '../rego/testing.ts';
import { invalidFields } from '../http/errors.ts';

export interface PolicyTestRun {
  passed: boolean;
  results: { name: string; line: number; status: TestResult['status']; durationUs: number; notes: string[] }[];
}

export interface TestLimits { loginPolicyTimeoutMs: number; loginPolicyMaxSteps: number }

/** Compiles body + tests (a syntax or compile error in the tests is a 400 naming `tests`) and runs every test. */
export function runPolicyTests(body: string, tests: string, regoVersion: 0 | 1, limits: TestLimits): PolicyTestRun {
  let policy: CompiledPolicy;
  try {
    policy = compileAnyVersion([{ name: 'policy.rego', source: body, regoVersion }, { name: 'policy_test.rego', source: tests }]);
  } catch (err) {
    if ((err instanceof RegoParseError || err instanceof RegoCompileError) && (!(err instanceof RegoCompileError) || err.module !== 'policy.rego')) {
      throw invalidFields([{ field: 'tests', reason: err.message, line: err.line, column: err.column }]);
    }
    throw err;
  }
  const { results } = runTests(policy, { timeoutMs: limits.loginPolicyTimeoutMs, maxSteps: limits.loginPolicyMaxSteps });
  if (results.length === 0) throw invalidFields([{ field: 'tests', reason: 'defines no test (rules named test_…)' }]);
  return {
    passed: results.every((r) => r.status === 'pass'),
    results: results.map((r) => ({ name: r.name, line: r.line, status: r.status, durationUs: r.durationUs, notes: r.notes })),
  };
}

/** Enabling needs passing tests: the failures are the 400's reasons, one per failed test. */
export function requirePassing(run: PolicyTestRun): void {
  const failed = run.results.filter((r) => r.status !== 'pass');
  if (failed.length === 0) return;
  throw invalidFields(failed.map((r) => ({
    field: 'tests', line: r.line,
    reason: `${r.name} ${r.status === 'error' ? 'errored' : 'failed'}, so the policy cannot be enabled${r.notes.length ? `: ${r.notes.join(' | ')}` : ''}`,
  })));
}
