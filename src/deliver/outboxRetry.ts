/**
 * One outbox retry: the body of the outbox queue trigger. Claims the dedupe key again (a redelivered
 * alert may have delivered meanwhile), posts, and on failure either queues the next try with a longer
 * delay or, past the bound, parks the message in the poison queue with its payload intact.
 *
 * Requeueing a new message (rather than throwing and letting the host make the message visible again)
 * is what lets the delay grow per attempt: the host's own retry uses one fixed visibility timeout.
 * Storage failures still throw, so the host's retry and its `<outbox>-poison` remain the safety net.
 */
import type { Destination } from '../config';
import { EnricherError, InvalidRequestError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { DedupeStore } from './dedupe';
import { markAllDelivered, type WebhookOptions } from './deliver';
import { asOutboxMessage, outboxDelaySeconds, outboxPayload, type Outbox, type OutboxError, type OutboxMessage, type RenderFn } from './outbox';
import { decodeQueueMessage } from './queue';
import { postWebhook, type RenderedPayload } from './webhook';

export interface OutboxRetryDeps {
  /** The configured destinations; the message names one, its URL comes from here. */
  destinations: Destination[];
  outbox: Outbox;
  dedupe: DedupeStore;
  render: RenderFn;
  webhookOptions: WebhookOptions;
  logger?: Logger;
  signal?: AbortSignal;
}

export type OutboxRetryOutcome =
  | { status: 'delivered'; destination: string; attempts: number }
  | { status: 'duplicate'; destination: string }
  | { status: 'requeued'; destination: string; attempts: number; delaySeconds: number }
  | { status: 'poisoned'; destination: string; attempts: number; reason: string };

function errorSummary(err: unknown): OutboxError {
  if (err instanceof EnricherError) {
    const status = typeof err.context.status === 'number' ? err.context.status : undefined;
    return { code: err.code, message: err.message, ...(status !== undefined ? { status } : {}) };
  }
  return { code: 'unexpected', message: err instanceof Error ? err.name : 'unknown error' };
}

/** Parse what the trigger received; throws InvalidRequestError (the host then parks it in its poison queue). */
export function parseOutboxMessage(raw: unknown): OutboxMessage {
  let decoded: unknown;
  try {
    decoded = decodeQueueMessage(raw);
  } catch {
    throw new InvalidRequestError('The outbox message is not JSON.');
  }
  const message = asOutboxMessage(decoded);
  if (!message) throw new InvalidRequestError('The message is not an outbox message.');
  return message;
}

export async function retryOutboxMessage(raw: unknown, deps: OutboxRetryDeps): Promise<OutboxRetryOutcome> {
  const logger = deps.logger ?? silentLogger;
  const signal = deps.signal;
  const message = parseOutboxMessage(raw);
  const name = message.destination;
  const attempt = message.attempts + 1;
  const max = deps.outbox.policy.maxAttempts;

  const poison = async (reason: string, lastError?: OutboxError): Promise<OutboxRetryOutcome> => {
    await deps.outbox.poison({ ...message, attempts: attempt, ...(lastError ? { lastError } : {}) }, reason, signal);
    logger.error('outbox delivery parked in the poison queue', { destination: name, attempts: attempt, reason });
    return { status: 'poisoned', destination: name, attempts: attempt, reason };
  };
  const requeue = async (lastError: OutboxError | undefined, minDelaySeconds = 0): Promise<OutboxRetryOutcome> => {
    const delaySeconds = Math.max(outboxDelaySeconds(attempt, deps.outbox.policy), minDelaySeconds);
    await deps.outbox.requeue({ ...message, attempts: attempt, ...(lastError ? { lastError } : {}) }, delaySeconds, signal);
    logger.warn('outbox delivery failed again; retry queued', { destination: name, attempts: attempt, delaySeconds });
    return { status: 'requeued', destination: name, attempts: attempt, delaySeconds };
  };

  const destination = deps.destinations.find((d) => d.name === name);
  if (!destination) return poison('destination-not-configured');
  // The format is the one the payload was rendered in; a destination whose format changed since then
  // still gets the stored payload (re-rendering is only possible when the diagnosis was stored).
  const key = message.dedupeKey;

  if (key) {
    const claim = await deps.dedupe.claim(key, { signal });
    if (claim === 'already-delivered') {
      logger.info('outbox delivery already done elsewhere; dropping', { destination: name, alertId: key.alertId });
      return { status: 'duplicate', destination: name };
    }
    if (claim === 'in-flight') {
      return attempt >= max ? poison('still-in-flight') : requeue(message.lastError);
    }
  }

  let payload: RenderedPayload;
  try {
    payload = await outboxPayload(message, deps.render, destination.routingKey);
  } catch (err) {
    if (key) await deps.dedupe.release(key, { signal });
    return poison('payload-unreadable', errorSummary(err));
  }

  const result = await postWebhook(destination, payload, { ...deps.webhookOptions, signal, logger });
  if (result.ok) {
    if (key) await markAllDelivered({ dedupe: deps.dedupe, signal }, key, message.alsoCovers ?? [], logger);
    logger.info('outbox delivery succeeded', { destination: name, attempts: attempt });
    return { status: 'delivered', destination: name, attempts: attempt };
  }
  if (key) await deps.dedupe.release(key, { signal });
  const lastError = errorSummary(result.error);
  if (result.permanent) return poison('refused-by-destination', lastError);
  if (attempt >= max) return poison('attempts-exhausted', lastError);
  return requeue(lastError, result.retryAfterMs !== undefined ? Math.ceil(result.retryAfterMs / 1000) : 0);
}
