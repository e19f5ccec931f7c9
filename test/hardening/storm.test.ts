/**
 * An alert storm on Azurite: 1,000 alerts for 50 apps (plus action-group retries) through the queue path
 * (`handleAlertMessage` with `alertQueueDeps`) over a runtime built from the real Log Analytics source
 * against the stand-in, with real delivery (Table dedupe, Storage outbox) to two destinations whose
 * receiver is down for the first half. Afterwards every alert id is in exactly one accepted post per
 * destination, and the stand-in saw far fewer queries than alerts (coalescing). Loops are bounded by
 * the drain helper's round limit; nothing asserts on time.
 *
 * Time is compressed, not waited for: the runtime's clock is the test's own (frozen at the storm's
 * start, so the coalescing period cannot run out on a slow machine), outbox retries are visible at once,
 * and the receiver's recovery is an event the test makes happen. Queues and the dedupe table are this
 * test's own, on the run's shared Azurite.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { QueueClient } from '@azure/storage-queue';
import { loadSettings } from '../../src/config';
import { enqueueAlert, handleAlertMessage, handleOutboxMessage } from '../../src/functions/queueHandlers';
import { alertQueueDeps } from '../../src/functions/queues';
import { createDeliverer, createOutboxRetryDeps, type DeliveryRuntimeOptions } from '../../src/deliver/runtimeDelivery';
import { StorageQueueSender } from '../../src/deliver/queue';
import { createLogAnalyticsSource } from '../../src/logs/logAnalytics';
import type { Diagnosis } from '../../src/model';
import { coalescerFor } from '../../src/policy/coalesce';
import { createLimiter, limitLogSource, DEFAULT_LOG_ANALYTICS_CONCURRENCY } from '../../src/policy/limiter';
import type { Runtime } from '../../src/runtime';
import { useTestStorage } from '../support/storage';
import { testTlsOptions } from '../support/httpsStandIn';
import { startLogAnalyticsStandIn, type LogAnalyticsStandIn } from '../support/logAnalyticsStandIn';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { drainQueue, queueLength } from '../deliver/helpers';
import { alertIdOf, appAlert } from './helpers';

const ALERTS = 1000;
const APPS = 50;
const WORKSPACE = '11111111-2222-3333-4444-555555555555';

class FakeCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: 'fake-token', expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

// A last guard for a stuck run, not a speed requirement (the loops end when their queues are empty).
jest.setTimeout(600_000);

describe(`storm: ${ALERTS} alerts for ${APPS} apps, receiver down for the first half (Azurite)`, () => {
  const storage = useTestStorage();
  /** This test's stand-ins, closed after it (even when it timed out). */
  let opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    const closing = opened;
    opened = [];
    await Promise.all(closing.map((s) => s.close()));
  });

  it('delivers every alert id exactly once per destination, with far fewer queries than alerts', async () => {
    const started = Date.now();
    const [standIn, rx]: [LogAnalyticsStandIn, WebhookReceiver] = await Promise.all([startLogAnalyticsStandIn(), startWebhookReceiver()]);
    opened.push(standIn, rx);
    const azurite = storage.azurite;
    // The storm happens "at" one instant of the test's clock: coalescing depends on it, not on machine speed.
    const clock = new Date('2025-06-02T13:50:00Z');
    const alertsQ = storage.queue('alerts');
    const outboxQ = storage.queue('outbox');
    const [alertsPoisonQ, outboxPoisonQ] = [alertsQ, outboxQ].map((q) => new QueueClient(azurite.connectionString, `${q.name}-poison`));
    const settings = loadSettings({
      LOG_ANALYTICS_ENDPOINT: standIn.url,
      LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE,
      ALERT_INTAKE: 'queue',
      ALERTS_QUEUE: alertsQ.name,
      OUTBOX_QUEUE: outboxQ.name,
      DEDUPE_TABLE: storage.tableName('deliveries'),
      COALESCE_SECONDS: '600',
      // This test counts a post per alert id (exactly once); repeat-page follow-ups, which deliberately
      // post fewer, are tested on their own storm in test/deliver/followUpStorm.test.ts.
      FOLLOWUP_WINDOW_MINUTES: '0',
      // A last guard only: a deadline a loaded machine could miss makes the sender give up on a post the
      // local receiver then accepts, and the outbox would post it a second time.
      WEBHOOK_TIMEOUT_MS: '60000',
      WEBHOOK_MAX_ATTEMPTS: '1',
      DESTINATIONS: JSON.stringify([
        { name: 'ops-a', url: rx.url('/a'), format: 'json' },
        { name: 'ops-b', url: rx.url('/b'), format: 'json' },
      ]),
    });
    const deliveryOptions: DeliveryRuntimeOptions = {
      env: { AzureWebJobsStorage: azurite.connectionString },
      // Compressed time: outbox retries are visible at once (production waits minutes between them).
      outboxPolicy: { maxAttempts: 12, baseDelaySeconds: 0, maxDelaySeconds: 0 },
      webhookOptions: { baseDelayMs: 1, maxDelayMs: 5 },
    };
    const limiter = createLimiter({ concurrency: DEFAULT_LOG_ANALYTICS_CONCURRENCY, name: 'Log Analytics' });
    const runtime: Runtime = {
      settings,
      logs: limitLogSource(
        createLogAnalyticsSource({
          credential: new FakeCredential(),
          endpoint: standIn.url,
          scope: settings.logAnalytics.scope,
          workspaceId: WORKSPACE,
          serverTimeoutSeconds: 30,
          consoleLinesPerReplica: 50,
          tlsOptions: testTlsOptions,
        }),
        limiter,
      ),
      now: () => clock,
      deliver: createDeliverer(settings, deliveryOptions),
    };

    await alertsQ.createIfNotExists();
    const sender = new StorageQueueSender(alertsQ);
    const handler = (m: unknown, c: Parameters<typeof handleAlertMessage>[1]) => handleAlertMessage(m, c, alertQueueDeps(runtime));

    const alerts = Array.from({ length: ALERTS }, (_, i) =>
      // Alerts for one app come in runs of 20, as a crash-looping app fires them.
      appAlert(`storm-app-${String(Math.floor(i / (ALERTS / APPS)) % APPS).padStart(2, '0')}`, `storm-${i}`, { firedDateTime: '2025-06-02T13:46:03Z' }),
    );
    const enqueue = async (from: number, to: number): Promise<number> => {
      let retries = 0;
      for (let i = from; i < to; i += 50) {
        const chunk = alerts.slice(i, Math.min(to, i + 50));
        await Promise.all(chunk.map((a, j) => enqueueAlert(sender, a, { receivedAt: clock.toISOString(), correlationId: `storm-${i + j}` })));
        // Every 20th alert arrives twice, as action groups retry a webhook that answered slowly.
        const again = chunk.filter((_, j) => (i + j) % 20 === 0);
        retries += again.length;
        await Promise.all(again.map((a) => enqueueAlert(sender, a, { receivedAt: clock.toISOString(), correlationId: 'retry' })));
      }
      return retries;
    };

    // First half: the receiver is down (connection refused).
    await rx.down();
    let retries = await enqueue(0, ALERTS / 2);
    const first = await drainQueue(alertsQ, handler, { poison: alertsPoisonQ, concurrency: 16 });
    expect(rx.accepted).toHaveLength(0);

    // The receiver recovers; the second half arrives.
    await rx.up();
    retries += await enqueue(ALERTS / 2, ALERTS);
    const second = await drainQueue(alertsQ, handler, { poison: alertsPoisonQ, concurrency: 16 });

    // The outbox trigger catches up on the first half.
    const outboxDeps = await createOutboxRetryDeps(settings, deliveryOptions);
    const outboxStats = await drainQueue(outboxQ, (m, c) => handleOutboxMessage(m, c, outboxDeps), {
      poison: outboxPoisonQ,
      concurrency: 16,
    });

    const expected = alerts.map(alertIdOf).sort();
    for (const path of ['/a', '/b']) {
      const ids = rx.acceptedOn(path).flatMap((r) => (JSON.parse(r.body) as Diagnosis).alertIds);
      expect(ids).toHaveLength(ALERTS); // nothing doubled
      expect([...ids].sort()).toEqual(expected); // nothing lost
    }
    expect(await queueLength(alertsQ)).toBe(0);
    expect(await queueLength(outboxQ)).toBe(0);
    expect(await queueLength(alertsPoisonQ)).toBe(0);
    expect(await queueLength(outboxPoisonQ)).toBe(0);

    const queries = standIn.queryRequests().length;
    expect(queries).toBeGreaterThanOrEqual(APPS);
    expect(queries).toBeLessThanOrEqual(APPS * 2); // far fewer than the 1,000 alerts
    expect(limiter.stats().peakActive).toBeLessThanOrEqual(DEFAULT_LOG_ANALYTICS_CONCURRENCY);

    const stats = coalescerFor(runtime).stats();
    expect(stats.members).toBeGreaterThan(0); // alerts folded into a running enrichment (one post for several ids)
    expect(stats.late).toBeGreaterThan(0); // alerts that reused a finished enrichment's evidence
    // A measurement for the report, not an assertion: timing depends on the machine.
    console.info(
      `storm: ${ALERTS} alerts (+${retries} action-group retries) for ${APPS} apps → ${queries} Log Analytics requests; ` +
        `coalescer ${JSON.stringify(stats)}; posts accepted /a=${rx.acceptedOn('/a').length} /b=${rx.acceptedOn('/b').length}; ` +
        `alert messages handled ${first.handled + second.handled} (failed ${first.failed + second.failed}), outbox handled ${outboxStats.handled}; ` +
        `peak in-flight queries ${limiter.stats().peakActive}; ${Date.now() - started} ms`,
    );
  });
});
