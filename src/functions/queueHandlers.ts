/**
 * Bodies of the queue-triggered functions, as plain functions so tests run them without the Functions
 * host. `index.ts` registers them with `app.storageQueue` (see docs/deliver.md for the exact code).
 *
 * Contract with the host: returning resolves the message (the host deletes it); throwing makes the host
 * show it again later and, after `maxDequeueCount` tries (the app setting
 * AzureFunctionsJobHost__extensions__queues__maxDequeueCount, default 5), move it to
 * `<queue>-poison`. The handlers use that on purpose: a transient enrichment failure is thrown so the
 * alert is tried again, but never on its last try, where the page is delivered un-enriched instead.
 */
import type { InvocationContext } from '@azure/functions';
import { DEFAULT_MAX_DEQUEUE_COUNT } from '../config';
import { contextLogger } from './contextLogger';
import { EnricherError } from '../errors';
import type { Logger } from '../logger';
import type { Diagnosis } from '../model';
import { readAlertMessage, type AlertQueueMessage } from '../deliver/alertMessage';
import { retryOutboxMessage, type OutboxRetryDeps, type OutboxRetryOutcome } from '../deliver/outboxRetry';

export { enqueueAlert, buildAlertMessage, readAlertMessage } from '../deliver/alertMessage';
export type { AlertQueueMessage, AlertQueueEnvelope, CompressedAlertQueueMessage } from '../deliver/alertMessage';

/** The host's maxDequeueCount when AzureFunctionsJobHost__extensions__queues__maxDequeueCount is not set. */
export { DEFAULT_MAX_DEQUEUE_COUNT } from '../config';

/** Reason given to the un-enriched delivery made from the alerts poison queue. */
export const POISON_REASON = 'enrichment failed repeatedly';

/**
 * Enrichment errors that another try cannot fix: the alert itself or the app's permissions are wrong.
 * These deliver un-enriched at once instead of waiting for the last try. Matched by error code; any
 * other 4xx-class EnricherError counts as permanent too.
 */
export const PERMANENT_ENRICH_ERROR_CODES: readonly string[] = [
  'invalid-alert',
  'invalid-request',
  'target-not-found',
  'unsupported-target',
  'forbidden',
  'log-access-denied',
  'configuration-error',
];

export function isPermanentEnrichError(err: unknown): boolean {
  if (!(err instanceof EnricherError)) return false;
  return PERMANENT_ENRICH_ERROR_CODES.includes(err.code) || (err.httpStatus >= 400 && err.httpStatus < 500);
}

export interface EnrichMeta {
  correlationId: string;
  receivedAt: string;
  /** Parts of the alert dropped to fit in a queue message, if any. */
  trimmed?: string[];
  logger: Logger;
  signal?: AbortSignal;
}

export interface AlertHandlerDeps {
  /**
   * Parse and enrich the raw alert into a diagnosis (the lead's `enrich`). Undefined means the enrichment
   * was deferred (the alert went back on the queue to wait for late console rows): nothing to deliver yet.
   */
  enrich: (alert: unknown, meta: EnrichMeta) => Promise<Diagnosis | undefined>;
  /** Deliver to every destination (`deliverDiagnosis` bound to the settings; the runtime's `deliver`). */
  deliver: (diagnosis: Diagnosis, options: { logger: Logger; signal?: AbortSignal }) => Promise<unknown>;
  /** The un-enriched diagnosis of the original alert, with why enrichment did not happen. */
  notEnriched: (alert: unknown, reason: string, error?: unknown) => Diagnosis;
  /** The host's maxDequeueCount, to know the last try. Default 5. */
  maxDequeueCount?: number;
  isPermanent?: (err: unknown) => boolean;
  logger?: Logger;
  signal?: AbortSignal;
}

export type AlertHandlerResult =
  | { outcome: 'enriched'; deliveries: unknown }
  | { outcome: 'deferred' }
  | { outcome: 'not-enriched'; reason: string; deliveries: unknown };

/** How many times the host has handed out this message, 1 on the first try. */
export function dequeueCountOf(context: InvocationContext): number {
  const raw = context.triggerMetadata?.dequeueCount;
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

function describe(err: unknown): string {
  if (err instanceof EnricherError) return err.message;
  return 'an unexpected error occurred during enrichment';
}

export async function handleAlertMessage(message: unknown, context: InvocationContext, deps: AlertHandlerDeps): Promise<AlertHandlerResult> {
  const envelope: AlertQueueMessage = readAlertMessage(message);
  const logger = deps.logger ?? contextLogger(context, { function: 'alertsQueue', correlationId: envelope.correlationId });
  const dequeueCount = dequeueCountOf(context);
  const lastTry = dequeueCount >= (deps.maxDequeueCount ?? DEFAULT_MAX_DEQUEUE_COUNT);
  const isPermanent = deps.isPermanent ?? isPermanentEnrichError;

  let diagnosis: Diagnosis | undefined;
  try {
    diagnosis = await deps.enrich(envelope.alert, {
      correlationId: envelope.correlationId,
      receivedAt: envelope.receivedAt,
      ...(envelope.trimmed ? { trimmed: envelope.trimmed } : {}),
      logger,
      signal: deps.signal,
    });
  } catch (err) {
    const code = err instanceof EnricherError ? err.code : 'unexpected';
    if (!lastTry && !isPermanent(err)) {
      logger.warn('enrichment failed; the host will try again', { code, dequeueCount });
      throw err;
    }
    const reason = describe(err);
    logger.warn('enrichment failed; delivering the alert un-enriched', { code, dequeueCount, lastTry });
    const fallback = deps.notEnriched(envelope.alert, reason, err);
    const deliveries = await deps.deliver(fallback, { logger, signal: deps.signal });
    return { outcome: 'not-enriched', reason, deliveries };
  }
  if (!diagnosis) {
    logger.info('enrichment deferred: waiting for console rows still being ingested', { dequeueCount });
    return { outcome: 'deferred' };
  }
  // Delivery errors (storage down) propagate: the host retries, and dedupe stops second posts.
  const deliveries = await deps.deliver(diagnosis, { logger, signal: deps.signal });
  return { outcome: 'enriched', deliveries };
}

export type PoisonHandlerDeps = Pick<AlertHandlerDeps, 'deliver' | 'notEnriched' | 'logger' | 'signal'>;

/** `<alerts>-poison`: every try failed; the page still goes out, un-enriched. */
export async function handlePoisonAlertMessage(message: unknown, context: InvocationContext, deps: PoisonHandlerDeps): Promise<AlertHandlerResult> {
  const envelope = readAlertMessage(message);
  const logger = deps.logger ?? contextLogger(context, { function: 'alertsPoison', correlationId: envelope.correlationId });
  logger.warn('alert reached the poison queue; delivering it un-enriched');
  const diagnosis = deps.notEnriched(envelope.alert, POISON_REASON);
  const deliveries = await deps.deliver(diagnosis, { logger, signal: deps.signal });
  return { outcome: 'not-enriched', reason: POISON_REASON, deliveries };
}

export type OutboxHandlerDeps = OutboxRetryDeps;

/** The outbox queue: one more try of a delivery that failed before. */
export async function handleOutboxMessage(message: unknown, context: InvocationContext, deps: OutboxHandlerDeps): Promise<OutboxRetryOutcome> {
  const logger = deps.logger ?? contextLogger(context, { function: 'outbox' });
  return retryOutboxMessage(message, { ...deps, logger });
}
