/**
 * The outbox: deliveries that still failed after their in-call retries wait here and are retried later
 * by a queue trigger (`handleOutboxMessage`), with a delay that grows per attempt (the message's initial
 * visibility timeout). After `maxAttempts` the message moves to `<outbox>-poison`, payload intact, where
 * an operator can read or replay it. Nothing is dropped on the way.
 *
 * The message never holds the destination URL (URLs carry credentials): it names the destination, and
 * the handler looks the URL up in the settings when it retries.
 *
 * Size: a Storage queue message holds at most 64 KiB of base64 text. In order, the outbox tries: the
 * rendered payload as is; the payload gzipped; the diagnosis itself, gzipped, with evidence lines cut
 * down step by step (re-rendered in the destination's format when retried, with a note of how many lines
 * were dropped). Only a diagnosis that does not fit with every evidence line and note removed is refused.
 */
import type { DestinationFormat } from '../config';
import { PayloadTooLargeError } from '../errors';
import type { Diagnosis } from '../model';
import type { DedupeKey } from './dedupe';
import { fitsInQueueMessage, gunzipJson, gzipJson, type QueueSender } from './queue';
import type { RenderedPayload } from './webhook';

export const OUTBOX_MESSAGE_KIND = 'aca-enricher.outbox';

export interface OutboxError {
  code: string;
  message: string;
  status?: number;
}

/** What the caller knows about a delivery that needs another try. */
export interface OutboxEntry {
  destination: string;
  format: DestinationFormat;
  dedupeKey?: DedupeKey;
  /** Attempts made so far, counting each post call (with its own retries) as one. */
  attempts: number;
  firstFailedAt: string;
  lastError?: OutboxError;
  /** The rendered payload, already redacted. */
  payload?: RenderedPayload;
  /** The diagnosis it was rendered from; kept only when the payload is too large to carry. */
  diagnosis?: Diagnosis;
  correlationId?: string;
  /** Other alert ids the same post answers (coalesced alerts): recorded as delivered with it. */
  alsoCovers?: string[];
}

/** What an entry and its queue message carry alike, under the same names. */
type SharedFields = 'destination' | 'format' | 'dedupeKey' | 'attempts' | 'firstFailedAt' | 'lastError' | 'correlationId' | 'alsoCovers';

/** The queue message itself (JSON). */
export interface OutboxMessage extends Pick<OutboxEntry, SharedFields> {
  kind: typeof OUTBOX_MESSAGE_KIND;
  v: 1;
  payload?: { contentType: string; body?: string; bodyGzip?: string };
  /** gzip+base64 of a (possibly trimmed) diagnosis, to render again on retry. */
  diagnosisGzip?: string;
  /** Evidence lines removed to make the message fit. */
  trimmedEvidenceLines?: number;
  /** Why the message was moved to the poison queue. */
  poisonReason?: string;
  poisonedAt?: string;
}

export interface OutboxPolicy {
  /** Outbox attempts before the poison queue. Default 12. */
  maxAttempts: number;
  /** Delay before the first outbox retry, seconds. Default 60. */
  baseDelaySeconds: number;
  /** Cap of the growing delay, seconds. Default 900 (15 min): 12 attempts then span about two hours. */
  maxDelaySeconds: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = { maxAttempts: 12, baseDelaySeconds: 60, maxDelaySeconds: 900 };

/** Delay before outbox attempt `attempt + 1`: doubling from the base, capped. */
export function outboxDelaySeconds(attempts: number, policy: OutboxPolicy): number {
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
}

/** Evidence caps per finding tried in turn when the diagnosis must be carried instead of the payload. */
const EVIDENCE_CAPS = [50, 20, 10, 5, 2, 1, 0];

function trimDiagnosis(d: Diagnosis, cap: number): { diagnosis: Diagnosis; removed: number } {
  let removed = 0;
  const findings = d.findings.map((f) => {
    if (f.evidence.length <= cap) return f;
    removed += f.evidence.length - cap;
    return { ...f, evidence: f.evidence.slice(0, cap) };
  });
  if (removed === 0) return { diagnosis: d, removed };
  const note = `${removed} evidence line(s) were left out so the retry message fits in a queue message.`;
  return { diagnosis: { ...d, findings, notes: [...d.notes, note] }, removed };
}

/** Build a queue message that fits, or throw PayloadTooLargeError. Exported for tests. */
export function buildOutboxMessage(entry: OutboxEntry, maxBytes?: number): OutboxMessage {
  const base: OutboxMessage = {
    kind: OUTBOX_MESSAGE_KIND,
    v: 1,
    destination: entry.destination,
    format: entry.format,
    attempts: entry.attempts,
    firstFailedAt: entry.firstFailedAt,
    ...(entry.dedupeKey ? { dedupeKey: entry.dedupeKey } : {}),
    ...(entry.lastError ? { lastError: entry.lastError } : {}),
    ...(entry.correlationId ? { correlationId: entry.correlationId } : {}),
    ...(entry.alsoCovers?.length ? { alsoCovers: entry.alsoCovers } : {}),
  };
  if (entry.payload) {
    const plain: OutboxMessage = { ...base, payload: { contentType: entry.payload.contentType, body: entry.payload.body } };
    if (fitsInQueueMessage(plain, maxBytes)) return plain;
    const packed: OutboxMessage = {
      ...base,
      payload: { contentType: entry.payload.contentType, bodyGzip: gzipJson(entry.payload.body) },
    };
    if (fitsInQueueMessage(packed, maxBytes)) return packed;
  }
  if (entry.diagnosis) {
    for (const cap of EVIDENCE_CAPS) {
      const { diagnosis, removed } = trimDiagnosis(entry.diagnosis, cap);
      const msg: OutboxMessage = { ...base, diagnosisGzip: gzipJson(diagnosis), ...(removed ? { trimmedEvidenceLines: removed } : {}) };
      if (fitsInQueueMessage(msg, maxBytes)) return msg;
    }
  }
  throw new PayloadTooLargeError(`The delivery for ${entry.destination} does not fit in a queue message, even trimmed.`, {
    context: { destination: entry.destination },
  });
}

export type RenderFn = (
  diagnosis: Diagnosis,
  format: DestinationFormat,
  options?: { routingKey?: string },
) => RenderedPayload | Promise<RenderedPayload>;

/** The payload to post for a message: the stored one, or the stored diagnosis rendered again. */
export async function outboxPayload(message: OutboxMessage, render: RenderFn, routingKey?: string): Promise<RenderedPayload> {
  if (message.payload?.body !== undefined) return { contentType: message.payload.contentType, body: message.payload.body };
  if (message.payload?.bodyGzip !== undefined) {
    return { contentType: message.payload.contentType, body: String(gunzipJson(message.payload.bodyGzip)) };
  }
  if (message.diagnosisGzip !== undefined) return render(gunzipJson(message.diagnosisGzip) as Diagnosis, message.format, { routingKey });
  throw new PayloadTooLargeError('The outbox message carries neither a payload nor a diagnosis.', {
    context: { destination: message.destination },
  });
}

/** Shape check of what the outbox trigger received; undefined when it is not an outbox message. */
export function asOutboxMessage(value: unknown): OutboxMessage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Partial<OutboxMessage>;
  if (m.kind !== OUTBOX_MESSAGE_KIND || typeof m.destination !== 'string' || typeof m.format !== 'string') return undefined;
  if (typeof m.attempts !== 'number' || typeof m.firstFailedAt !== 'string') return undefined;
  return m as OutboxMessage;
}

export interface OutboxOptions {
  queue: QueueSender;
  /** `<outbox>-poison`; the same queue the Functions host moves a repeatedly failing outbox message to. */
  poisonQueue: QueueSender;
  policy?: Partial<OutboxPolicy>;
  /** For tests: a smaller size limit than 64 KiB. */
  maxMessageBytes?: number;
  /**
   * Applied to a diagnosis before it is stored in a message (the payload fallback and render failures),
   * so the queues hold no secret either. The runtime passes `redactDiagnosis` from src/render.
   */
  redact?: (d: Diagnosis) => Diagnosis;
}

export class Outbox {
  readonly policy: OutboxPolicy;

  constructor(private readonly options: OutboxOptions) {
    this.policy = { ...DEFAULT_OUTBOX_POLICY, ...(options.policy ?? {}) };
  }

  get queueName(): string {
    return this.options.queue.name;
  }

  /**
   * Queue a retry. The delay is the grown outbox delay for `entry.attempts`, or longer when the
   * destination asked for more (`minDelaySeconds`, from Retry-After).
   */
  private build(entry: OutboxEntry): OutboxMessage {
    const redact = this.options.redact;
    const safe = redact && entry.diagnosis ? { ...entry, diagnosis: redact(entry.diagnosis) } : entry;
    return buildOutboxMessage(safe, this.options.maxMessageBytes);
  }

  async enqueue(entry: OutboxEntry, options: { minDelaySeconds?: number; signal?: AbortSignal } = {}): Promise<OutboxMessage> {
    const message = this.build(entry);
    const delay = Math.max(outboxDelaySeconds(Math.max(1, entry.attempts), this.policy), options.minDelaySeconds ?? 0);
    await this.options.queue.send(message, { visibilityTimeoutSeconds: delay, signal: options.signal });
    return message;
  }

  /** Re-queue a message as it is (already built), with a delay. */
  async requeue(message: OutboxMessage, delaySeconds: number, signal?: AbortSignal): Promise<void> {
    await this.options.queue.send(message, { visibilityTimeoutSeconds: delaySeconds, signal });
  }

  /** Park a delivery for people: the payload stays intact so it can be read or replayed. */
  async poison(entryOrMessage: OutboxEntry | OutboxMessage, reason: string, signal?: AbortSignal): Promise<OutboxMessage> {
    const message = asOutboxMessage(entryOrMessage) ?? this.build(entryOrMessage as OutboxEntry);
    const parked: OutboxMessage = { ...message, poisonReason: reason, poisonedAt: new Date().toISOString() };
    await this.options.poisonQueue.send(parked, { signal });
    return parked;
  }
}
