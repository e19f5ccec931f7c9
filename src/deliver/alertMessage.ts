/**
 * The alerts queue message: the raw common-alert JSON plus when and under which correlation id it came
 * in. Common-schema alerts may be up to 256 KB, a queue message only 64 KiB (base64), so a large alert
 * is gzipped; if even that is too large, its bulky parts go in order: embedded search results, then the
 * whole `alertContext` (the `essentials` that identify the alert and its target always stay). What was
 * dropped is listed in `trimmed`, so the diagnosis can say so.
 */
import { InvalidRequestError, PayloadTooLargeError } from '../errors';
import { decodeQueueMessage, fitsInQueueMessage, gunzipJson, gzipJson, type QueueSender } from './queue';

export interface AlertQueueMeta {
  receivedAt: string;
  correlationId: string;
}

/** The plain form, as the lead's intake writes it. */
export interface AlertQueueMessage extends AlertQueueMeta {
  alert: unknown;
  /** Parts of the alert removed to fit in a queue message. */
  trimmed?: string[];
}

/** The compressed form, for alerts that do not fit as they are. */
export interface CompressedAlertQueueMessage extends AlertQueueMeta {
  alertGzip: string;
  trimmed?: string[];
}

export type AlertQueueEnvelope = AlertQueueMessage | CompressedAlertQueueMessage;

function withoutSearchResults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSearchResults);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // V1 log alerts embed the query's rows as SearchResults (SearchResult in the legacy schema).
    if (/^searchresults?$/i.test(k)) continue;
    out[k] = withoutSearchResults(v);
  }
  return out;
}

function withoutAlertContext(alert: unknown): unknown {
  const a = alert as { data?: Record<string, unknown> } | undefined;
  if (!a?.data || typeof a.data !== 'object') return alert;
  return { ...a, data: { ...a.data, alertContext: {} } };
}

/** Steps tried in order until the message fits. */
const TRIM_STEPS: { name: string; apply: (alert: unknown) => unknown }[] = [
  { name: 'alertContext.searchResults', apply: withoutSearchResults },
  { name: 'alertContext', apply: (a) => withoutAlertContext(withoutSearchResults(a)) },
];

/** A message for the alerts queue that fits in 64 KiB, or PayloadTooLargeError. */
export function buildAlertMessage(alert: unknown, meta: AlertQueueMeta, maxBytes?: number): AlertQueueEnvelope {
  const plain: AlertQueueMessage = { alert, receivedAt: meta.receivedAt, correlationId: meta.correlationId };
  if (fitsInQueueMessage(plain, maxBytes)) return plain;
  const packed: CompressedAlertQueueMessage = { alertGzip: gzipJson(alert), receivedAt: meta.receivedAt, correlationId: meta.correlationId };
  if (fitsInQueueMessage(packed, maxBytes)) return packed;
  const trimmed: string[] = [];
  for (const step of TRIM_STEPS) {
    trimmed.push(step.name);
    const smaller: CompressedAlertQueueMessage = { ...packed, alertGzip: gzipJson(step.apply(alert)), trimmed: [...trimmed] };
    if (fitsInQueueMessage(smaller, maxBytes)) return smaller;
  }
  throw new PayloadTooLargeError('The alert does not fit in a queue message, even without its alert context.', {
    context: { correlationId: meta.correlationId },
  });
}

/** Read an alerts-queue message in either form. Throws on anything else (the host then retries and parks it). */
export function readAlertMessage(raw: unknown): AlertQueueMessage {
  let parsed: unknown;
  try {
    parsed = decodeQueueMessage(raw);
  } catch {
    throw new InvalidRequestError('The alerts queue message is not JSON.');
  }
  const decoded = parsed as Partial<AlertQueueMessage & CompressedAlertQueueMessage> | undefined;
  if (!decoded || typeof decoded !== 'object') throw new InvalidRequestError('The alerts queue message is empty.');
  const meta = {
    receivedAt: typeof decoded.receivedAt === 'string' ? decoded.receivedAt : new Date(0).toISOString(),
    correlationId: typeof decoded.correlationId === 'string' ? decoded.correlationId : 'unknown',
    ...(Array.isArray(decoded.trimmed) ? { trimmed: decoded.trimmed } : {}),
  };
  if (typeof decoded.alertGzip === 'string') return { alert: gunzipJson(decoded.alertGzip), ...meta };
  if ('alert' in decoded && decoded.alert !== undefined) return { alert: decoded.alert, ...meta };
  // A bare common-alert payload (someone wrote the alert itself on the queue): accept it as such.
  if ('data' in decoded && 'schemaId' in decoded) return { alert: decoded, ...meta };
  throw new InvalidRequestError('The alerts queue message holds no alert.');
}

/** Put an alert on the alerts queue (the HTTP intake answers 202 once this resolves). */
export async function enqueueAlert(
  queue: QueueSender,
  alertJson: unknown,
  meta: AlertQueueMeta & { signal?: AbortSignal },
): Promise<AlertQueueEnvelope> {
  const message = buildAlertMessage(alertJson, meta);
  // Alerts keep the queue's default lifetime (7 days): enrichment that late would be pointless.
  await queue.send(message, { signal: meta.signal, timeToLiveSeconds: 7 * 24 * 3600 });
  return message;
}
