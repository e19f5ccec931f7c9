/**
 * One POST of a rendered diagnosis to one destination, with the retries a chat webhook needs: a deadline
 * per attempt, exponential backoff with full jitter, `Retry-After` honoured, and a hard bound on attempts.
 * The CLI's `--post URL` calls this too, so the command line and the function app deliver identically.
 *
 * The destination URL is never logged or put into an error: Teams, Slack and most webhook URLs carry
 * their credential in the path or query. Logs and errors name the destination instead.
 */
import { setTimeout as sleepTimer } from 'node:timers/promises';
import type { Destination } from '../config';
import { DeliveryError } from '../errors';
import { silentLogger, type Logger } from '../logger';

export interface RenderedPayload {
  contentType: string;
  body: string;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface PostWebhookOptions {
  signal?: AbortSignal;
  /** Deadline of one attempt, connection to last byte. */
  timeoutMs: number;
  /** Attempts in total, the first included (1 = no retry). */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles per attempt. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Longest wait between two attempts, default 30 s. A `Retry-After` longer than this ends the attempts
   * early (the outbox then waits it out) rather than holding the caller for minutes.
   */
  maxDelayMs?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** Source of jitter, 0 <= x < 1. Injectable so tests can pin delays. */
  random?: () => number;
  logger?: Logger;
}

export type DeliveryAttemptResult =
  | { ok: true; status: number; attempts: number }
  | {
      ok: false;
      /** True when retrying cannot help (a 4xx other than 408/429, an unusable URL). */
      permanent: boolean;
      status?: number;
      attempts: number;
      error: DeliveryError;
      /** The wait the destination asked for, when it asked for more than this call was willing to wait. */
      retryAfterMs?: number;
    };

const DEFAULT_BASE_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 30_000;

/** Statuses worth another try: the destination is busy, throttling or briefly broken. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * `Retry-After` as milliseconds from `now`: either delta-seconds or an HTTP date. Undefined when absent
 * or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, when - now);
}

/** Full jitter: a uniform wait between 0 and the exponential ceiling of this retry. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

const defaultSleep: Sleep = async (ms, signal) => {
  await sleepTimer(ms, undefined, signal ? { signal } : undefined);
};

/**
 * Node's fetch refuses URLs with user:password in them, yet action-group style basic auth puts them
 * exactly there. Move them into an Authorization header so such destinations still work.
 */
function splitCredentials(raw: string): { url: string; authorization?: string } {
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: url.toString() };
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.toString(), authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

/** The low-level reason of a network failure (ECONNREFUSED, ...), without any message text that could echo the URL. */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  const name = (err as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : 'unknown';
}

export async function postWebhook(
  destination: Destination,
  payload: RenderedPayload,
  options: PostWebhookOptions,
): Promise<DeliveryAttemptResult> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
  const name = destination.name;

  const fail = (
    message: string,
    attempts: number,
    permanent: boolean,
    extra: { status?: number; reason: string; retryAfterMs?: number },
  ): DeliveryAttemptResult => ({
    ok: false,
    permanent,
    attempts,
    ...(extra.status !== undefined ? { status: extra.status } : {}),
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
    error: new DeliveryError(message, {
      context: { destination: name, attempts, reason: extra.reason, ...(extra.status !== undefined ? { status: extra.status } : {}) },
    }),
  });

  let target: { url: string; authorization?: string };
  try {
    target = splitCredentials(destination.url);
  } catch {
    return fail(`Destination ${name} has an invalid URL.`, 0, true, { reason: 'invalid-url' });
  }
  const headers: Record<string, string> = { 'content-type': payload.contentType };
  if (target.authorization) headers.authorization = target.authorization;

  let last: { status?: number; reason: string } = { reason: 'not-attempted' };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (options.signal?.aborted) {
      return fail(`Delivery to ${name} was cancelled.`, attempt - 1, false, { ...last, reason: 'cancelled' });
    }
    const perAttempt = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, perAttempt]) : perAttempt;
    let retryAfterMs: number | undefined;
    try {
      const res = await doFetch(target.url, { method: 'POST', headers, body: payload.body, signal });
      // The body is not needed, but it must be consumed or cancelled so the connection is freed.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        logger.info('webhook delivered', { destination: name, status: res.status, attempts: attempt });
        return { ok: true, status: res.status, attempts: attempt };
      }
      last = { status: res.status, reason: `http-${res.status}` };
      if (!isRetryableStatus(res.status)) {
        logger.warn('webhook refused the payload; not retrying', { destination: name, status: res.status, attempts: attempt });
        return fail(`Destination ${name} refused the payload with HTTP ${res.status}.`, attempt, true, last);
      }
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    } catch (err) {
      if (options.signal?.aborted) {
        return fail(`Delivery to ${name} was cancelled.`, attempt, false, { ...last, reason: 'cancelled' });
      }
      last = perAttempt.aborted ? { reason: 'timeout' } : { reason: `network-${networkCode(err)}` };
    }

    if (attempt === maxAttempts) break;
    if (retryAfterMs !== undefined && retryAfterMs > maxDelayMs) {
      // Waiting that long here would hold the queue trigger; hand the wait to the outbox instead.
      logger.warn('webhook asked to wait longer than allowed; giving up for now', {
        destination: name,
        status: last.status,
        attempts: attempt,
        retryAfterMs,
      });
      return fail(`Destination ${name} asked to retry after ${Math.ceil(retryAfterMs / 1000)} s.`, attempt, false, {
        ...last,
        retryAfterMs,
      });
    }
    const delay = retryAfterMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
    logger.warn('webhook attempt failed; retrying', { destination: name, status: last.status, reason: last.reason, attempt, delayMs: delay });
    try {
      await sleep(delay, options.signal);
    } catch {
      return fail(`Delivery to ${name} was cancelled.`, attempt, false, { ...last, reason: 'cancelled' });
    }
  }
  logger.warn('webhook failed after all attempts', { destination: name, status: last.status, reason: last.reason, attempts: maxAttempts });
  return fail(`Destination ${name} did not accept the payload after ${maxAttempts} attempts (${last.reason}).`, maxAttempts, false, last);
}
