/**
 * Runs a child process and measures it: wall time and, through GNU time (`/usr/bin/time -v`) when the
 * machine has it, the child's peak resident set size. Without GNU time, children written for the
 * benchmarks report `process.resourceUsage().maxRSS` themselves (see `reportChildResult`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS in bytes, from GNU time or from the child's own report; undefined when neither is known. */
  maxRssBytes?: number;
}

export interface RunChildOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  signal?: AbortSignal;
  /** Send stdout here instead of keeping it (large outputs). 'ignore' drops it. */
  stdout?: 'keep' | 'ignore';
  /** Measure peak RSS with GNU time when available. Default true. */
  measureRss?: boolean;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** Runs `command args` and resolves when it exits (never rejects on a non-zero exit; the caller decides). */
export function runChild(command: string, args: string[], options: RunChildOptions = {}): Promise<ChildRun> {
  const useTime = (options.measureRss ?? true) && hasGnuTime();
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...(options.env ?? {}) } as NodeJS.ProcessEnv,
      stdio: ['ignore', options.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
      signal: options.signal,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      // GNU time appends its report to stderr; keep the tail, which holds it, if a child is chatty.
      stderr = (stderr + c.toString('utf8')).slice(-200_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let maxRssBytes: number | undefined;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) maxRssBytes = Number(m[1]) * 1024;
      const reported = childResult<{ maxRssBytes?: number }>(stdout);
      if (maxRssBytes === undefined && typeof reported?.maxRssBytes === 'number') maxRssBytes = reported.maxRssBytes;
      resolve({ code, stdout, stderr, wallMs, maxRssBytes });
    });
  });
}

const RESULT_MARK = 'BENCH_RESULT ';

/** What a benchmark child prints last: its result as one JSON line, plus its own peak RSS. */
export function reportChildResult(result: Record<string, unknown>): void {
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ...result, maxRssBytes })}\n`);
}

/** The result line a child printed, parsed; undefined if it printed none. */
export function childResult<T>(stdout: string): T | undefined {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(RESULT_MARK));
  return line ? (JSON.parse(line.slice(RESULT_MARK.length)) as T) : undefined;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A child that failed is a benchmark that failed: say so with what it printed. */
export function assertChildOk(run: ChildRun, what: string): void {
  if (run.code !== 0) {
    throw new Error(`${what} exited with ${run.code}: ${run.stderr.slice(-2000)}`);
  }
}
