/**
 * A small concurrency limiter for calls to rate-limited dependencies. Log Analytics runs at most five
 * queries at once per identity (more wait in its own queue, and time out there with a 429 after three
 * minutes) and takes 200 requests per 30 s; ARM throttles per principal too. During an alert storm one
 * Functions process could otherwise start hundreds of queries at the same moment and have most of them
 * throttled. The limiter makes callers wait in-process, first come first served, where a caller that gives
 * up (its AbortSignal fires) simply leaves the line without ever taking a slot.
 */
import type { ConfigSource, FetchConfigOptions } from '../appconfig/ConfigSource';
import { TimeoutError } from '../errors';
import type { FetchEvidenceOptions, LogSource } from '../logs/LogSource';
import type { AppConfig, Evidence, Target } from '../model';

/**
 * Evidence fetches allowed at once per process. One fetch is one `$batch` request carrying two queries
 * (system and console rows), so 2 fetches keep at most 4 queries running: under Log Analytics' limit of 5
 * concurrent queries per identity, with one left for people using the same identity by hand.
 */
export const DEFAULT_LOG_ANALYTICS_CONCURRENCY = 2;

/** Configuration reads allowed at once per process. One read is up to four ARM GETs (app, revisions, replicas, environment). */
export const DEFAULT_ARM_CONCURRENCY = 4;

export interface LimiterOptions {
  /** Calls allowed in flight at once (at least 1). */
  concurrency: number;
  /** For messages and stats, e.g. "log-analytics". */
  name: string;
}

export interface LimiterStats {
  name: string;
  concurrency: number;
  active: number;
  queued: number;
  /** The most calls that were ever in flight together (for tests and benchmarks). */
  peakActive: number;
  completed: number;
}

export interface Limiter {
  readonly name: string;
  /**
   * Runs `fn` once a slot is free. When `signal` fires while the call is still waiting, the call leaves
   * the queue and rejects with the signal's reason; `fn` then never runs. Once running, `fn` gets the
   * same signal and is responsible for stopping.
   */
  run<T>(fn: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  stats(): LimiterStats;
}

interface Waiter {
  start: () => void;
}

export function createLimiter(options: LimiterOptions): Limiter {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const queue: Waiter[] = [];
  let active = 0;
  let peakActive = 0;
  let completed = 0;

  const release = (): void => {
    active--;
    completed++;
    const next = queue.shift();
    if (next) next.start();
  };

  const acquire = (signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(abortReason(signal, options.name));
    if (active < concurrency) {
      active++;
      peakActive = Math.max(peakActive, active);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(abortReason(signal, options.name));
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          active++;
          peakActive = Math.max(peakActive, active);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  };

  return {
    name: options.name,
    async run<T>(fn: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquire(signal);
      try {
        return await fn(signal);
      } finally {
        release();
      }
    },
    stats: () => ({ name: options.name, concurrency, active, queued: queue.length, peakActive, completed }),
  };
}

/** The caller's own abort reason when it gave one, else a typed timeout naming the dependency. */
function abortReason(signal: AbortSignal | undefined, name: string): unknown {
  const reason = signal?.reason as unknown;
  if (reason instanceof Error && reason.name !== 'AbortError' && reason.name !== 'TimeoutError') return reason;
  return new TimeoutError(`Gave up waiting for a free ${name} slot (the caller's deadline passed).`, {
    cause: reason,
    context: { dependency: name },
  });
}

/** How long one configuration read may take once it has its slot; ARM calls carry no deadline of their own. */
export const DEFAULT_ARM_TIMEOUT_MS = 30_000;

export interface LimitOptions {
  /**
   * Deadline of one call once it runs (waiting for a slot does not count). When it passes, the call's
   * signal aborts with a TimeoutError naming the dependency, and the caller gets that error even if the
   * source ignores its signal.
   */
  timeoutMs?: number;
}

/** Runs `fn` with a signal that also fires after `timeoutMs`, rejecting with a typed TimeoutError then. */
export async function withDeadline<T>(
  name: string,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
  fn: (signal?: AbortSignal) => Promise<T>,
): Promise<T> {
  if (!timeoutMs || timeoutMs <= 0) return fn(signal);
  const controller = new AbortController();
  const within = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  const timeout = new TimeoutError(`${name} did not answer within ${within}.`, {
    context: { dependency: name, timeoutMs },
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([fn(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The same LogSource, with every evidence fetch going through the limiter. */
export function limitLogSource(source: LogSource, limiter: Limiter, options: LimitOptions = {}): LogSource {
  const limited: LogSource = {
    description: source.description,
    fetchEvidence: (target: Target, fetchOptions: FetchEvidenceOptions = {}): Promise<Evidence> =>
      limiter.run(
        () => withDeadline(limiter.name, options.timeoutMs, fetchOptions.signal, (signal) => source.fetchEvidence(target, { ...fetchOptions, signal })),
        fetchOptions.signal,
      ),
  };
  if (source.knowsWorkspace) limited.knowsWorkspace = (target) => source.knowsWorkspace!(target);
  return limited;
}

/** The same ConfigSource, with every configuration read going through the limiter (and its deadline). */
export function limitConfigSource(source: ConfigSource, limiter: Limiter, options: LimitOptions = {}): ConfigSource {
  return {
    description: source.description,
    fetchConfig: (target: Target, fetchOptions: FetchConfigOptions = {}): Promise<AppConfig | undefined> =>
      limiter.run(
        () => withDeadline(limiter.name, options.timeoutMs, fetchOptions.signal, (signal) => source.fetchConfig(target, { ...fetchOptions, signal })),
        fetchOptions.signal,
      ),
  };
}
