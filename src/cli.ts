// Command-line entry point: `gatehouse <command> …`.
import { main as rego } from './rego/cli.ts';

const USAGE = 'usage: gatehouse rego <eval|check> …';

const [command, ...args] = process.argv.slice(2);
if (command === 'rego') process.exitCode = rego(args);
else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
