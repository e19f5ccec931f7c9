/**
 * Benchmark 4 (child process): an alert storm through the queue path on Azurite. N alerts for M apps
 * are put on the alerts queue the way the HTTP intake does, then a loop that behaves like the Functions
 * host's queue trigger (batches of 32, 16 at once, delete on success, retry on failure) runs the real
 * handler with the real runtime: Log Analytics, ARM and identity stand-ins, the webhook receiver, dedupe
 * table and outbox on Azurite.
 */
import { InvocationContext } from '@azure/functions';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { decodeQueueMessage, StorageQueueSender } from '../../src/deliver/queue';
import { enqueueAlert, handleAlertMessage } from '../../src/functions/queueHandlers';
import { alertQueueDeps } from '../../src/functions/queues';
import { silentLogger } from '../../src/logger';
import { createAzureRuntime } from '../../src/runtime';
import { startAzurite } from '../../test/support/azurite';
import { reportChildResult } from '../lib/proc';
import { startWorld, testTlsOptions } from './world';

export interface StormOptions {
  alerts: number;
  apps: number;
  /** Messages handled at once (the host's batchSize; 16 by default). */
  concurrency: number;
  delays: { logAnalyticsMs: number; armMs: number; webhookMs: number };
}

export interface StormResult {
  alerts: number;
  apps: number;
  concurrency: number;
  enqueueMs: number;
  drainMs: number;
  alertsPerSecond: number;
  /** What the delays allow at this concurrency with no coalescing: concurrency / per-alert critical path. */
  idealAlertsPerSecond: number;
  logRequests: number;
  armRequests: number;
  webhookPosts: number;
  handled: number;
  failed: number;
  outcomes: Record<string, number>;
  delays: StormOptions['delays'];
}

async function drain(queue: QueueClient, handle: (message: unknown, context: InvocationContext) => Promise<string>, concurrency: number, outcomes: Record<string, number>) {
  let handled = 0;
  let failed = 0;
  for (let round = 0; round < 10_000; round++) {
    const batch = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 120 });
    if (batch.receivedMessageItems.length === 0) break;
    const items = [...batch.receivedMessageItems];
    const worker = async (): Promise<void> => {
      for (let item = items.shift(); item; item = items.shift()) {
        const context = new InvocationContext({
          invocationId: `storm-${item.messageId}`,
          triggerMetadata: { dequeueCount: item.dequeueCount, id: item.messageId },
          logHandler: () => undefined,
        });
        try {
          const outcome = await handle(decodeQueueMessage(item.messageText), context);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          handled++;
          await queue.deleteMessage(item.messageId, item.popReceipt);
        } catch {
          failed++;
          await queue.updateMessage(item.messageId, item.popReceipt, undefined, 0);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  }
  return { handled, failed };
}

export async function storm(options: StormOptions): Promise<StormResult> {
  const azurite = await startAzurite();
  const world = await startWorld({
    apps: options.apps,
    logAnalyticsDelayMs: options.delays.logAnalyticsMs,
    armDelayMs: options.delays.armMs,
    webhookDelayMs: options.delays.webhookMs,
  });
  try {
    const env = { ...world.env, AzureWebJobsStorage: azurite.connectionString, ALERTS_QUEUE: 'alerts', COALESCE_SECONDS: '300' };
    // Older runtimes read storage from the process environment rather than from `env`.
    process.env.AzureWebJobsStorage = azurite.connectionString;
    const runtime = await createAzureRuntime({ env, tlsOptions: testTlsOptions });
    const deps = { ...alertQueueDeps(runtime), logger: silentLogger };
    const queue = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient('alerts');
    await queue.createIfNotExists();
    const sender = new StorageQueueSender(queue);

    const enqueueStarted = Date.now();
    const ids = Array.from({ length: options.alerts }, (_, i) => i);
    // Several senders at once, like many HTTP intakes answering the action group in parallel.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = ids.shift(); i !== undefined; i = ids.shift()) {
          await enqueueAlert(sender, world.alertFor(i % options.apps, `storm-${i}`), { receivedAt: new Date().toISOString(), correlationId: `storm-${i}` });
        }
      }),
    );
    const enqueueMs = Date.now() - enqueueStarted;
    const before = { log: world.logRequests(), arm: world.arm.requests.length, posts: world.receiver.accepted.length };

    const outcomes: Record<string, number> = {};
    const drainStarted = Date.now();
    const { handled, failed } = await drain(queue, async (m, c) => (await handleAlertMessage(m, c, deps)).outcome, options.concurrency, outcomes);
    const drainMs = Date.now() - drainStarted;
    const perAlertMs = Math.max(options.delays.logAnalyticsMs, 2 * options.delays.armMs) + options.delays.webhookMs;
    return {
      alerts: options.alerts,
      apps: options.apps,
      concurrency: options.concurrency,
      enqueueMs,
      drainMs,
      alertsPerSecond: handled / (drainMs / 1000),
      idealAlertsPerSecond: options.concurrency / (perAlertMs / 1000),
      logRequests: world.logRequests() - before.log,
      armRequests: world.arm.requests.length - before.arm,
      webhookPosts: world.receiver.accepted.length - before.posts,
      handled,
      failed,
      outcomes,
      delays: options.delays,
    };
  } finally {
    await world.close();
    await azurite.stop();
  }
}

if (require.main === module) {
  const [alerts, apps] = [Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 50)];
  storm({ alerts, apps, concurrency: 16, delays: { logAnalyticsMs: 200, armMs: 50, webhookMs: 20 } }).then(
    (r) => reportChildResult({ ...r }),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
