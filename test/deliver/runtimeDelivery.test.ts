import { loadSettings } from '../../src/config';
import { createDeliverer, createDeliveryStores, createOutboxRetryDeps } from '../../src/deliver/runtimeDelivery';
import type { OutboxMessage } from '../../src/deliver/outbox';
import { gunzipJson } from '../../src/deliver/queue';
import { retryOutboxMessage } from '../../src/deliver/outboxRetry';
import { drainQueue, peekAll, queueClient, sampleDiagnosis, useAzuriteAndReceiver } from './helpers';

const SECRET = 'Server=tcp:db;User ID=app;Password=hunter2-very-secret;';

describe('createDeliverer wired from settings (real render, Azurite storage)', () => {
  const world = useAzuriteAndReceiver();

  /** This test's receiver and storage, and settings naming its own outbox queue and dedupe table. */
  function setUp() {
    const { azurite, rx, storage } = world.current();
    const outboxQueue = storage.queueName('rt-outbox');
    const vars = {
      AzureWebJobsStorage: azurite.connectionString,
      OUTBOX_QUEUE: outboxQueue,
      DEDUPE_TABLE: storage.tableName('rtdeliveries'),
      DESTINATIONS: JSON.stringify([
        { name: 'ops-teams', url: rx.url('/teams'), format: 'teams' },
        { name: 'ops-json', url: rx.url('/json'), format: 'json' },
      ]),
    };
    return { rx, env: () => vars, outbox: () => queueClient(azurite, outboxQueue) };
  }

  function secretDiagnosis(id: string) {
    const d = sampleDiagnosis(id);
    d.findings[0].evidence.push({ source: 'console', text: `connecting with ${SECRET}` });
    return d;
  }

  it('posts each format once, answers duplicate the second time, and never lets a secret out', async () => {
    const { rx, env } = setUp();
    const settings = loadSettings(env());
    const deliver = createDeliverer(settings, { env: env(), webhookOptions: { maxAttempts: 1 } });
    const first = await deliver(secretDiagnosis('rt-1'), { logger: { info() {}, warn() {}, error() {} } });
    expect(first.map((r) => [r.destination, r.status])).toEqual([
      ['ops-teams', 'delivered'],
      ['ops-json', 'delivered'],
    ]);
    const again = await deliver(secretDiagnosis('rt-1'), { logger: { info() {}, warn() {}, error() {} } });
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(rx.acceptedOn('/teams')).toHaveLength(1);
    expect(rx.acceptedOn('/json')).toHaveLength(1);
    expect(rx.accepted.map((r) => r.body).join('\n')).not.toContain('hunter2');
  });

  it('queues failures in the Storage outbox, redacted, and the outbox deps built from the same settings deliver them', async () => {
    const { rx, env, outbox } = setUp();
    const settings = loadSettings(env());
    const fast = { env: env(), webhookOptions: { maxAttempts: 1 }, outboxPolicy: { baseDelaySeconds: 0, maxDelaySeconds: 0 } };
    const deliver = createDeliverer(settings, fast);
    await rx.down();
    const results = await deliver(secretDiagnosis('rt-2'), { logger: { info() {}, warn() {}, error() {} } });
    expect(results.map((r) => r.status)).toEqual(['queued-for-retry', 'queued-for-retry']);
    const queued = (await peekAll(outbox())) as OutboxMessage[];
    expect(queued).toHaveLength(2);
    const stored = queued
      .map((m) =>
        m.payload?.body ?? (m.payload?.bodyGzip ? String(gunzipJson(m.payload.bodyGzip)) : JSON.stringify(gunzipJson(m.diagnosisGzip ?? ''))),
      )
      .join('\n');
    expect(stored).toContain('rt-2');
    expect(stored).not.toContain('hunter2');
    expect(JSON.stringify(queued)).not.toContain(rx.url('/'));

    await rx.up();
    const deps = await createOutboxRetryDeps(settings, fast);
    const stats = await drainQueue(outbox(), (m) => retryOutboxMessage(m, deps));
    expect(stats.handled).toBe(2);
    // This test's own receiver (it used to share one with the test above and count its posts too):
    // the outbox posted exactly once to each destination.
    expect(rx.acceptedOn('/teams')).toHaveLength(1);
    expect(rx.acceptedOn('/json')).toHaveLength(1);
  });

  it('falls back to in-memory stores when no storage is configured', async () => {
    const { env } = setUp();
    const settings = loadSettings({ DESTINATIONS: env().DESTINATIONS });
    const stores = await createDeliveryStores(settings, { env: {} });
    expect(stores.kind).toBe('memory');
    expect((await createDeliveryStores(loadSettings(env()), { env: env() })).kind).toBe('storage');
  });
});
