/**
 * A worker's own shutdown timeout longer than the platform's grace period (v23 review B 54: `sidekiq -t 120`
 * against 30 s). The worker waits for its jobs up to its timeout after SIGTERM, and the platform kills it
 * first: the generic "check the stop request between units of work" misses the setting that decides it.
 * The flags are each server's documented ones: Sidekiq `-t`/`--timeout` (seconds it waits for jobs to
 * finish), Gunicorn and Hypercorn `--graceful-timeout`, Uvicorn `--timeout-graceful-shutdown`.
 */
import type { FindingStep } from '../../model';
import { commandWords, mainContainer } from '../stages/configChecks';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';

interface WorkerTimeout {
  server: string;
  flag: string;
  seconds: number;
}

/** The server a word starts, and the flags that carry its shutdown timeout. */
const SERVERS: readonly { server: string; word: RegExp; flags: RegExp }[] = [
  { server: 'Sidekiq', word: /^(?:.{0,100}\/)?sidekiq$/, flags: /^(?:-t|--timeout)$/ },
  { server: 'Gunicorn', word: /^(?:.{0,100}\/)?gunicorn$/, flags: /^--graceful-timeout$/ },
  { server: 'Hypercorn', word: /^(?:.{0,100}\/)?hypercorn$/, flags: /^--graceful-timeout$/ },
  { server: 'Uvicorn', word: /^(?:.{0,100}\/)?uvicorn$/, flags: /^--timeout-graceful-shutdown$/ },
];

/** The worker's timeout in the start command words (`-t 120`, `--timeout=120`); none when unset. */
export function workerTimeout(words: readonly string[]): WorkerTimeout | undefined {
  // A shell form (`sh -c "bundle exec sidekiq -t 120"`) is one word: its words are read too.
  const split = words.flatMap((w) => w.slice(0, 2000).split(/\s+/)).filter(Boolean).slice(0, 60);
  for (const s of SERVERS) {
    const at = split.findIndex((w) => s.word.test(w));
    if (at < 0) continue;
    for (let i = at + 1; i < split.length; i++) {
      const [flag, inline] = split[i]!.split('=', 2) as [string, string | undefined];
      if (!s.flags.test(flag)) continue;
      const value = inline ?? split[i + 1];
      if (value && /^\d{1,5}$/.test(value)) return { server: s.server, flag, seconds: Number(value) };
    }
  }
  return undefined;
}

/** The generic shutdown advice this step replaces (fixCommands' shutdownLogged wording and the category's). */
const GENERIC = /make the work loop check the stop request|^Handle SIGTERM: stop accepting work/;
const GRACE = /raise terminationGracePeriodSeconds/;

function shutdownTimeout(input: FixInput): FindingStep[] {
  const { f, steps, names, config } = input;
  if (f.benign || f.category !== 'forced-kill') return steps;
  const grace = /^\d{1,5}$/.test(names.gracePeriod ?? '') ? Number(names.gracePeriod) : typeof config?.terminationGracePeriodSeconds === 'number' ? config.terminationGracePeriodSeconds : 30;
  const t = workerTimeout(commandWords(mainContainer(config, names.container ?? input.target.container)));
  if (!t || t.seconds < grace) return steps;
  const lower = Math.max(1, grace - 5);
  const step = input.make({
    text: `The start command sets ${t.server}'s own shutdown timeout to ${t.seconds}s (\`${t.flag} ${t.seconds}\`): after SIGTERM it waits that long for running jobs, and the platform kills the replica after ${grace}s, mid-job. Lower it below the grace period (\`${t.flag} ${lower}\`) in the container's command, or raise terminationGracePeriodSeconds above ${t.seconds}; make long jobs safe to retry, since a job cut off is run again. ${viaYaml(input, "edit the container's command")}`,
    command: APPLY_YAML,
  });
  const at = steps.findIndex((s) => GENERIC.test(s.text) && !s.command);
  if (at >= 0) return steps.map((s, i) => (i === at ? step : s));
  const before = steps.findIndex((s) => GRACE.test(s.text));
  return before >= 0 ? [...steps.slice(0, before), step, ...steps.slice(before)] : [step, ...steps];
}

export const SHUTDOWN_TIMEOUT_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [shutdownTimeout];
