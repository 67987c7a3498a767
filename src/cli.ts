// Command-line entry point: `gatehouse <command> …`. The rego commands get the login-policy contract
// from the policies module (the engine itself knows nothing of it).
import { loginPolicyDiagnostics } from './policies/contract.ts';
import { main as rego } from './rego/cli/main.ts';

const USAGE = 'usage: gatehouse rego <eval|check|test|fmt> …';

const [command, ...args] = process.argv.slice(2);
if (command === 'rego') process.exitCode = rego(args, undefined, { loginPolicy: loginPolicyDiagnostics });
else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
