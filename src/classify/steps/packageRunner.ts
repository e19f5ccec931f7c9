/**
 * A container whose command is a package manager's script runner (`npm start`, `yarn start`, `pnpm run
 * serve`): npm runs the script as a child process and does not pass SIGTERM on to it, so the app never
 * hears the platform's stop and is killed at the end of the grace period. The names let the shutdown step
 * say so and, when the rows print the script's command line (npm's `> node app.js`), give the program to
 * start directly (v24 review, case 95).
 */
import type { ContainerSpec } from '../../model';
import { commandWords } from '../stages/configChecks';

const RUNNER = /^(?:npm|yarn|pnpm)$/;
/** npm echoes the script it runs (`> node app.js`); only a single plain program line is taken. */
const SCRIPT_LINE = /^> ((?:node|bun|deno|tsx|ts-node) [\w.\/@=-]{1,100}(?: [\w.\/@=-]{1,100}){0,5})$/;

export function packageRunnerNames(spec: ContainerSpec | undefined, rows: readonly string[]): Record<string, string> {
  const words = commandWords(spec);
  const runner = words[0]?.split('/').pop() ?? '';
  if (!RUNNER.test(runner)) return {};
  const out: Record<string, string> = { packageRunner: [runner, ...words.slice(1, 3)].join(' ') };
  const line = rows.flatMap((r) => r.split('\n')).map((l) => SCRIPT_LINE.exec(l.trim())?.[1]).find(Boolean);
  if (line) {
    const [program, ...args] = line.split(' ');
    out.runnerProgram = program!;
    out.runnerArgs = args.join(' ');
  }
  return out;
}
