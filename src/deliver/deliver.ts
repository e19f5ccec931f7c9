/**
 * Delivers one diagnosis to every destination, in parallel, exactly once each:
 *
 *   claim (dedupe) → render in the destination's format → POST with retries
 *     → delivered: mark the claim delivered
 *     → failed, worth retrying: release the claim, put the delivery in the outbox
 *     → refused for good (4xx): release the claim, park it in the outbox's poison queue
 *
 * A destination whose claim is held elsewhere ("in flight") gets a deferred check in the outbox rather
 * than nothing: if the holder dies, the check takes the stale claim over and posts; if the holder
 * succeeds, the check finds "already delivered" and stops. Either way nothing is lost and nothing is
 * posted twice.
 *
 * Throws only when the outbox itself cannot be written (so the queue trigger fails and the host
 * redelivers the alert: the dedupe table keeps the destinations that did succeed from a second post).
 */
import type { Destination } from '../config';
import { DeliveryError, EnricherError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { Diagnosis, MonitorCondition } from '../model';
import type { DedupeKey, DedupeStore } from './dedupe';
import type { Outbox, OutboxEntry, OutboxError, RenderFn } from './outbox';
import { asFollowUp, type FollowUps } from './followUp';
import { routeDiagnosis } from './routing';
import { postWebhook, type PostWebhookOptions, type RenderedPayload } from './webhook';

/**
 * Per destination result. `suppressed`: a repeat of a cause this destination was told about moments ago,
 * counted for the next follow-up instead of posted (src/deliver/followUp.ts).
 */
export type DestinationStatus = 'delivered' | 'duplicate' | 'queued-for-retry' | 'failed' | 'suppressed';

export interface DestinationOutcome {
  destination: string;
  status: DestinationStatus;
  /** Human-readable detail (never the URL). */
  detail?: string;
  attempts?: number;
  httpStatus?: number;
}

export interface DeliveryReport {
  /** The dedupe identity used, absent when the diagnosis names no alert (then delivery is at-least-once). */
  alertId?: string;
  monitorCondition?: MonitorCondition;
  results: DestinationOutcome[];
}

export type WebhookOptions = Omit<PostWebhookOptions, 'signal' | 'logger'>;

export interface DeliverDeps {
  render: RenderFn;
  dedupe: DedupeStore;
  outbox: Outbox;
  webhookOptions: WebhookOptions;
  logger?: Logger;
  signal?: AbortSignal;
  correlationId?: string;
  now?: () => Date;
  /** Repeat-page control; without it every diagnosis is posted in full. */
  followUps?: FollowUps;
}

/** The alert a diagnosis answers, as the dedupe key needs it. */
export function alertIdentity(d: Diagnosis): { alertId: string; monitorCondition: MonitorCondition } | undefined {
  const alertId = d.alert?.alertId ?? d.alertIds[0];
  if (!alertId) return undefined;
  const monitorCondition: MonitorCondition = d.alert?.monitorCondition ?? (d.status === 'resolved' ? 'Resolved' : 'Fired');
  return { alertId, monitorCondition };
}

function errorSummary(err: unknown): OutboxError {
  if (err instanceof EnricherError) {
    const status = typeof err.context.status === 'number' ? err.context.status : undefined;
    return { code: err.code, message: err.message, ...(status !== undefined ? { status } : {}) };
  }
  return { code: 'unexpected', message: err instanceof Error ? err.name : 'unknown error' };
}

/**
 * Delivers to the destinations whose filters take this diagnosis (src/deliver/routing.ts); the others
 * receive nothing and do not appear in the report.
 */
export async function deliverDiagnosis(diagnosis: Diagnosis, all: Destination[], deps: DeliverDeps): Promise<DeliveryReport> {
  const identity = alertIdentity(diagnosis);
  const logger = deps.logger ?? silentLogger;
  const destinations = routeDiagnosis(diagnosis, all);
  if (destinations.length < all.length) {
    logger.info('routed', { to: destinations.map((d) => d.name).join(','), skipped: all.length - destinations.length });
  }
  if (!identity) logger.warn('diagnosis names no alert; delivering without dedupe', { destinations: destinations.length });
  // allSettled, not all: one destination's storage failure must not abandon the others half-way.
  const settled = await Promise.allSettled(destinations.map((d) => deliverOne(diagnosis, d, identity, deps, logger)));
  const failed = destinations.filter((_, i) => settled[i].status === 'rejected').map((d) => d.name);
  if (failed.length > 0) {
    const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    throw new DeliveryError(`Delivery could not be completed or queued for ${failed.join(', ')}.`, {
      cause: first?.reason,
      context: { destinations: failed },
    });
  }
  return { ...(identity ?? {}), results: settled.map((s) => (s as PromiseFulfilledResult<DestinationOutcome>).value) };
}

/**
 * Alert ids a diagnosis answers besides its own (alerts coalesced into one enrichment). One post answers
 * them all, so each is recorded as delivered with it: a redelivered member message then posts nothing.
 */
export function coveredAlertIds(d: Diagnosis, own: string | undefined): string[] {
  return [...new Set(d.alertIds)].filter((id) => id && id !== own);
}

/** Records the post for the alert itself and for every alert it also answers. */
export async function markAllDelivered(
  deps: Pick<DeliverDeps, 'dedupe' | 'signal'>,
  key: DedupeKey,
  alsoCovers: readonly string[],
  logger: Logger,
): Promise<void> {
  await markDeliveredHard(deps, key, logger);
  for (const alertId of alsoCovers) await markDeliveredHard(deps, { ...key, alertId }, logger);
}

/** The POST went through: record it, trying a few times, since a lost mark could mean a second post later. */
async function markDeliveredHard(deps: Pick<DeliverDeps, 'dedupe' | 'signal'>, key: DedupeKey, logger: Logger): Promise<void> {
  for (let i = 1; i <= 3; i++) {
    try {
      await deps.dedupe.markDelivered(key, { signal: deps.signal });
      return;
    } catch (err) {
      if (i === 3 || deps.signal?.aborted) {
        // Not rethrown: the page was delivered; failing now would make the host redeliver it.
        logger.error('delivered but could not record it; a stale-claim takeover may post again', {
          destination: key.destination,
          alertId: key.alertId,
          error: err instanceof Error ? err.name : 'unknown',
        });
        return;
      }
    }
  }
}

/** What one destination's delivery of one diagnosis works with, worked out once. */
interface OneDelivery {
  destination: Destination;
  key?: DedupeKey;
  alsoCovers: string[];
  entryBase: Pick<OutboxEntry, 'destination' | 'format' | 'dedupeKey' | 'alsoCovers' | 'correlationId'>;
  deps: DeliverDeps;
  logger: Logger;
  now: () => Date;
}

function oneDelivery(
  diagnosis: Diagnosis,
  destination: Destination,
  identity: { alertId: string; monitorCondition: MonitorCondition } | undefined,
  deps: DeliverDeps,
  logger: Logger,
): OneDelivery {
  const key: DedupeKey | undefined = identity ? { ...identity, destination: destination.name } : undefined;
  const alsoCovers = coveredAlertIds(diagnosis, identity?.alertId);
  const entryBase = {
    destination: destination.name,
    format: destination.format,
    ...(key ? { dedupeKey: key } : {}),
    ...(alsoCovers.length ? { alsoCovers } : {}),
    ...(deps.correlationId ? { correlationId: deps.correlationId } : {}),
  };
  return { destination, key, alsoCovers, entryBase, deps, logger, now: deps.now ?? (() => new Date()) };
}

function renderFor(one: OneDelivery, diagnosis: Diagnosis): Promise<RenderedPayload> {
  return Promise.resolve(one.deps.render(diagnosis, one.destination.format, { routingKey: one.destination.routingKey }));
}

async function deliverOne(
  diagnosis: Diagnosis,
  destination: Destination,
  identity: { alertId: string; monitorCondition: MonitorCondition } | undefined,
  deps: DeliverDeps,
  logger: Logger,
): Promise<DestinationOutcome> {
  const one = oneDelivery(diagnosis, destination, identity, deps, logger);
  const { key, alsoCovers, entryBase } = one;
  const name = destination.name;
  const signal = deps.signal;

  if (key) {
    const claim = await deps.dedupe.claim(key, { signal });
    if (claim === 'already-delivered') {
      logger.info('already delivered; skipping', { destination: name, alertId: key.alertId });
      return { destination: name, status: 'duplicate', detail: 'already delivered' };
    }
    if (claim === 'in-flight') {
      // Render so the deferred check can post on its own should the current holder never finish.
      const payload = await renderFor(one, diagnosis);
      await deps.outbox.enqueue({ ...entryBase, attempts: 0, firstFailedAt: one.now().toISOString(), payload, diagnosis }, { signal });
      logger.info('delivery in flight elsewhere; deferred check queued', { destination: name, alertId: key.alertId });
      return { destination: name, status: 'duplicate', detail: 'in flight elsewhere; re-checked later' };
    }
  }

  const plan = deps.followUps ? await deps.followUps.plan(diagnosis, name, signal) : { kind: 'full' as const };
  if (plan.kind === 'suppress') {
    // Counted in the shared state; recording the claim keeps a redelivery from posting it after all.
    if (key) await markAllDelivered(deps, key, alsoCovers, logger);
    return { destination: name, status: 'suppressed', detail: `repeat of a cause already posted (alert ${plan.count} of this run)` };
  }
  return postAndRecord(one, plan.kind === 'follow-up' ? asFollowUp(diagnosis, plan.info) : diagnosis);
}

/** Renders and posts one diagnosis to one destination, then records the outcome (or queues the retry). */
async function postAndRecord(one: OneDelivery, diagnosis: Diagnosis): Promise<DestinationOutcome> {
  const { destination, key, alsoCovers, entryBase, deps, logger, now } = one;
  const name = destination.name;
  const signal = deps.signal;
  let payload: RenderedPayload;
  try {
    payload = await renderFor(one, diagnosis);
  } catch (err) {
    // A renderer bug must not lose the page: park the diagnosis itself where people look.
    if (key) await deps.dedupe.release(key, { signal });
    await deps.outbox.poison(
      { ...entryBase, attempts: 0, firstFailedAt: now().toISOString(), diagnosis, lastError: errorSummary(err) },
      'render-failed',
      signal,
    );
    logger.error('rendering failed; diagnosis parked in the poison queue', { destination: name, format: destination.format });
    return { destination: name, status: 'failed', detail: 'rendering failed; parked in the poison queue' };
  }

  const result = await postWebhook(destination, payload, { ...deps.webhookOptions, signal, logger });
  if (result.ok) {
    if (key) await markAllDelivered(deps, key, alsoCovers, logger);
    return { destination: name, status: 'delivered', attempts: result.attempts, httpStatus: result.status };
  }

  if (key) await deps.dedupe.release(key, { signal });
  const entry = {
    ...entryBase,
    attempts: 1,
    firstFailedAt: now().toISOString(),
    payload,
    diagnosis,
    lastError: errorSummary(result.error),
  };
  const detail = result.status !== undefined ? `HTTP ${result.status}` : String(result.error.context.reason ?? 'failed');
  if (result.permanent) {
    await deps.outbox.poison(entry, 'refused-by-destination', signal);
    logger.error('destination refused the diagnosis; parked in the poison queue', { destination: name, status: result.status });
    return { destination: name, status: 'failed', detail: `${detail}; parked in the poison queue`, attempts: result.attempts, httpStatus: result.status };
  }
  const minDelaySeconds = result.retryAfterMs !== undefined ? Math.ceil(result.retryAfterMs / 1000) : undefined;
  await deps.outbox.enqueue(entry, { minDelaySeconds, signal });
  logger.warn('delivery failed; queued in the outbox', { destination: name, reason: detail, attempts: result.attempts });
  return {
    destination: name,
    status: 'queued-for-retry',
    detail,
    attempts: result.attempts,
    ...(result.status !== undefined ? { httpStatus: result.status } : {}),
  };
}
