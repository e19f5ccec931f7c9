/**
 * Shared pieces of the delivery suites: a sample diagnosis, a JSON renderer standing in for src/render,
 * alert payloads built from the docs' sample, and a tiny stand-in for the Functions host's queue trigger
 * loop (receive, call the handler with dequeueCount, delete on success, poison after maxDequeueCount).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvocationContext } from '@azure/functions';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { TableClient } from '@azure/data-tables';
import type { DestinationFormat } from '../../src/config';
import type { Diagnosis } from '../../src/model';
import { decodeQueueMessage, encodeQueueMessage } from '../../src/deliver/queue';
import type { RenderedPayload } from '../../src/deliver/webhook';
import { startAzurite, type Azurite } from '../support/azurite';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

const SAMPLE_ALERT = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'payloads', 'msdocs-test-action-log-alert-v2.json'), 'utf8'),
) as { data: { essentials: Record<string, unknown>; alertContext: Record<string, unknown> } };

/** A common-schema alert with its own id. */
export function sampleAlert(n: number, monitorCondition: 'Fired' | 'Resolved' = 'Fired'): unknown {
  const a = structuredClone(SAMPLE_ALERT);
  a.data.essentials.alertId = `/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/providers/Microsoft.AlertsManagement/alerts/alert-${n}`;
  a.data.essentials.monitorCondition = monitorCondition;
  return a;
}

export function alertIdOf(alert: unknown): string {
  return (alert as { data: { essentials: { alertId: string } } }).data.essentials.alertId;
}

/** Deterministic hex noise (an LCG), so gzip cannot shrink large test diagnoses to nothing. */
export function noise(seed: number, len: number): string {
  let x = (seed * 2654435761 + 1) >>> 0;
  let out = '';
  while (out.length < len) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, len);
}

export function sampleDiagnosis(alertId: string, options: { evidenceLines?: number; lineLength?: number } = {}): Diagnosis {
  const lines = options.evidenceLines ?? 3;
  const len = options.lineLength ?? 60;
  return {
    schemaVersion: '1.1',
    status: 'enriched',
    summary: 'orders-api is crash-looping: DATABASE_URL is not set',
    findings: [
      {
        ruleId: 'console.python.keyerror-env',
        category: 'missing-configuration',
        title: 'DATABASE_URL is not set',
        confidence: 0.9,
        benign: false,
        evidence: Array.from({ length: lines }, (_, i) => ({
          source: 'console' as const,
          time: new Date(Date.UTC(2025, 3, 15, 18, 0, i)).toISOString(),
          text: `line ${i} ${noise(i, len)}`,
        })),
        explanation: 'The app reads DATABASE_URL at start-up and exits when it is missing.',
        actions: ['Add DATABASE_URL to the container app.'],
      },
    ],
    alert: {
      alertId,
      monitorCondition: 'Fired',
      kind: 'log-v2',
      alertTargetIDs: [],
      configurationItems: [],
    },
    alertIds: [alertId],
    links: {},
    notes: [],
    generatedAt: '2025-04-15T18:10:00.000Z',
  };
}

/** Stand-in for src/render: the JSON format with the destination format recorded, so tests can see it. */
export function jsonRender(d: Diagnosis, format: DestinationFormat): RenderedPayload {
  return {
    contentType: 'application/json',
    body: JSON.stringify({ format, alertId: d.alert?.alertId, status: d.status, summary: d.summary, reason: d.reason, notes: d.notes }),
  };
}

export function queueClient(azurite: Azurite, name: string): QueueClient {
  return QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(name);
}

export function tableClient(azurite: Azurite, name: string): TableClient {
  return TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
}

/** Every message in a queue (visible or not is not distinguishable by peek: peek only sees visible ones). */
export async function peekAll(queue: QueueClient): Promise<unknown[]> {
  const res = await queue.peekMessages({ numberOfMessages: 32 });
  return res.peekedMessageItems.map((m) => decodeQueueMessage(m.messageText));
}

export async function queueLength(queue: QueueClient): Promise<number> {
  if (!(await queue.exists())) return 0;
  const props = await queue.getProperties();
  return props.approximateMessagesCount ?? 0;
}

export type QueueHandler = (message: unknown, context: InvocationContext) => Promise<unknown>;

export interface DrainOptions {
  /** The host's maxDequeueCount: after that many failed tries, the message goes to `poison`. */
  maxDequeueCount?: number;
  poison?: QueueClient;
  /** Messages handled at once, like the host's batchSize. */
  concurrency?: number;
  /** Keep polling while invisible (delayed) messages remain, up to this long. 0 = stop at the first empty receive. */
  waitForDelayedMs?: number;
  pollMs?: number;
  /** Hard bound on receive rounds, so a bug cannot loop for ever. */
  maxRounds?: number;
}

export interface DrainStats {
  handled: number;
  failed: number;
  poisoned: number;
  rounds: number;
}

/**
 * What the Functions host does for a queue trigger, cut down: messages are base64 JSON, the handler gets
 * the parsed object and `triggerMetadata.dequeueCount`; success deletes, failure makes the message
 * visible again at once, and the maxDequeueCount-th failure moves it to the poison queue.
 */
export async function drainQueue(queue: QueueClient, handler: QueueHandler, options: DrainOptions = {}): Promise<DrainStats> {
  const maxDequeueCount = options.maxDequeueCount ?? 5;
  const concurrency = options.concurrency ?? 16;
  const deadline = Date.now() + (options.waitForDelayedMs ?? 0);
  const stats: DrainStats = { handled: 0, failed: 0, poisoned: 0, rounds: 0 };
  const maxRounds = options.maxRounds ?? 500;
  while (stats.rounds < maxRounds) {
    stats.rounds++;
    const batch = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 60 });
    if (batch.receivedMessageItems.length === 0) {
      if (Date.now() < deadline && (await queueLength(queue)) > 0) {
        await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
        continue;
      }
      break;
    }
    const items = [...batch.receivedMessageItems];
    const worker = async (): Promise<void> => {
      for (let item = items.shift(); item; item = items.shift()) {
        const context = new InvocationContext({
          invocationId: `test-${item.messageId}`,
          triggerMetadata: { dequeueCount: item.dequeueCount, id: item.messageId },
          logHandler: () => undefined,
        });
        try {
          await handler(decodeQueueMessage(item.messageText), context);
          stats.handled++;
          await queue.deleteMessage(item.messageId, item.popReceipt);
        } catch {
          stats.failed++;
          if (item.dequeueCount >= maxDequeueCount && options.poison) {
            await options.poison.createIfNotExists();
            await options.poison.sendMessage(item.messageText, { messageTimeToLive: -1 });
            await queue.deleteMessage(item.messageId, item.popReceipt);
            stats.poisoned++;
          } else {
            await queue.updateMessage(item.messageId, item.popReceipt, undefined, 0);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  }
  return stats;
}

/** Put a message on a queue the way the host's output binding would. */
export async function sendRaw(queue: QueueClient, message: unknown): Promise<void> {
  await queue.createIfNotExists();
  await queue.sendMessage(encodeQueueMessage(message));
}

/** A logger that keeps every line, to assert what was (and was not) logged. */
export function collectingLogger(): { lines: string[]; logger: import('../../src/logger').Logger } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, p?: Record<string, unknown>) => lines.push(`${level} ${m} ${JSON.stringify(p ?? {})}`);
  return { lines, logger: { info: push('info'), warn: push('warn'), error: push('error') } };
}

/** An InvocationContext like the host's, with dequeueCount and its log calls kept. */
export function fakeContext(dequeueCount = 1): InvocationContext {
  return new InvocationContext({ invocationId: 'test', triggerMetadata: { dequeueCount }, logHandler: () => undefined });
}

/**
 * Azurite and a webhook receiver for the enclosing describe block: started before its first test and
 * stopped after its last. Read them as `world.azurite` / `world.rx` inside tests (set once started).
 */
export function useAzuriteAndReceiver(): { readonly azurite: Azurite; readonly rx: WebhookReceiver } {
  const world = {} as { azurite: Azurite; rx: WebhookReceiver };
  beforeAll(async () => {
    world.azurite = await startAzurite();
    world.rx = await startWebhookReceiver();
  });
  afterAll(async () => {
    await world.rx?.close();
    await world.azurite?.stop();
  });
  return world;
}
