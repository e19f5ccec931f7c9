import { QueueClient } from '@azure/storage-queue';
import type { Destination } from '../../src/config';
import { TableDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis, type DeliverDeps } from '../../src/deliver/deliver';
import { buildOutboxMessage, Outbox, outboxDelaySeconds, outboxPayload, type OutboxMessage } from '../../src/deliver/outbox';
import { fitsInQueueMessage, InMemoryQueue, StorageQueueSender } from '../../src/deliver/queue';
import { handleOutboxMessage } from '../../src/functions/queueHandlers';
import { PayloadTooLargeError } from '../../src/errors';
import { useTestStorage } from '../support/storage';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { drainQueue, jsonRender, peekAll, queueLength, sampleDiagnosis } from './helpers';

describe('outbox message sizing', () => {
  const entry = { destination: 'ops-teams', format: 'teams' as const, attempts: 1, firstFailedAt: '2025-04-15T18:00:00Z' };

  it('carries a small payload as it is', () => {
    const msg = buildOutboxMessage({ ...entry, payload: { contentType: 'application/json', body: '{"a":1}' } });
    expect(msg.payload).toEqual({ contentType: 'application/json', body: '{"a":1}' });
  });

  it('gzips a payload too large for 64 KiB, and reads it back identical', async () => {
    const body = JSON.stringify({ text: 'crash loop '.repeat(20_000) });
    expect(fitsInQueueMessage({ body })).toBe(false);
    const msg = buildOutboxMessage({ ...entry, payload: { contentType: 'application/json', body } });
    expect(msg.payload?.body).toBeUndefined();
    expect(fitsInQueueMessage(msg)).toBe(true);
    expect((await outboxPayload(msg, jsonRender)).body).toBe(body);
  });

  it('falls back to the diagnosis with evidence trimmed when even gzip does not fit, and says so', async () => {
    const diagnosis = sampleDiagnosis('alert-big', { evidenceLines: 400, lineLength: 400 });
    const body = JSON.stringify(diagnosis);
    const msg = buildOutboxMessage({ ...entry, payload: { contentType: 'application/json', body }, diagnosis });
    expect(fitsInQueueMessage(msg)).toBe(true);
    expect(msg.payload).toBeUndefined();
    expect(msg.trimmedEvidenceLines).toBeGreaterThan(0);
    const rendered = JSON.parse((await outboxPayload(msg, jsonRender)).body) as { alertId: string; notes: string[]; format: string };
    expect(rendered.alertId).toBe('alert-big');
    expect(rendered.format).toBe('teams');
    expect(rendered.notes.join(' ')).toMatch(/evidence line\(s\) were left out/);
  });

  it('refuses (typed error) only when nothing it can drop makes it fit', () => {
    expect(() => buildOutboxMessage({ ...entry, payload: { contentType: 'text/plain', body: 'x'.repeat(2000) } }, 200)).toThrow(
      PayloadTooLargeError,
    );
  });

  it('grows the delay per attempt up to the cap', () => {
    const policy = { maxAttempts: 12, baseDelaySeconds: 60, maxDelaySeconds: 900 };
    expect([1, 2, 3, 4, 5, 6, 12].map((n) => outboxDelaySeconds(n, policy))).toEqual([60, 120, 240, 480, 900, 900, 900]);
    // Twelve attempts wait well over an hour in total: a destination down for an hour still gets its page.
    const total = Array.from({ length: 11 }, (_, i) => outboxDelaySeconds(i + 1, policy)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(3600);
  });

  it('an in-memory queue refuses what Storage would refuse', async () => {
    const q = new InMemoryQueue('outbox');
    await expect(q.send({ body: 'x'.repeat(70_000) })).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});

describe('outbox on Azurite', () => {
  const storage = useTestStorage();
  let rx: WebhookReceiver;
  let outboxQ: QueueClient;
  let poisonQ: QueueClient;
  let destinations: Destination[];
  let deps: DeliverDeps;
  let outbox: Outbox;

  beforeEach(async () => {
    rx = await startWebhookReceiver();
    outboxQ = storage.queue('outbox');
    poisonQ = new QueueClient(storage.azurite.connectionString, `${outboxQ.name}-poison`);
    await poisonQ.createIfNotExists();
    outbox = new Outbox({
      queue: new StorageQueueSender(outboxQ),
      poisonQueue: new StorageQueueSender(poisonQ),
      policy: { maxAttempts: 3, baseDelaySeconds: 0, maxDelaySeconds: 0 },
    });
    destinations = [{ name: 'ops-teams', url: rx.url('/teams/SECRET'), format: 'teams' }];
    deps = {
      render: jsonRender,
      dedupe: new TableDedupeStore(storage.table('deliveries')),
      outbox,
      // The receiver is local: the deadline is a last guard, never something a loaded machine could miss.
      webhookOptions: { timeoutMs: 60_000, maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    };
  });
  afterEach(async () => {
    await rx.close();
  });

  const outboxHandler = () => (message: unknown, context: Parameters<typeof handleOutboxMessage>[1]) =>
    handleOutboxMessage(message, context, { ...deps, destinations });

  it('receiver down → outbox message (no URL in it) → receiver back → delivered exactly once', async () => {
    await rx.down();
    const report = await deliverDiagnosis(sampleDiagnosis('alert-1'), destinations, deps);
    expect(report.results).toEqual([expect.objectContaining({ destination: 'ops-teams', status: 'queued-for-retry' })]);

    const [queued] = (await peekAll(outboxQ)) as OutboxMessage[];
    expect(queued).toMatchObject({ destination: 'ops-teams', format: 'teams', attempts: 1, dedupeKey: { alertId: 'alert-1' } });
    expect(JSON.stringify(queued)).not.toMatch(/SECRET|127\.0\.0\.1/);
    expect(queued.lastError?.code).toBe('delivery-failed');

    await rx.up();
    const stats = await drainQueue(outboxQ, outboxHandler());
    expect(stats.handled).toBe(1);
    expect(rx.acceptedOn('/teams/SECRET')).toHaveLength(1);
    expect(JSON.parse(rx.accepted[0].body)).toMatchObject({ alertId: 'alert-1', format: 'teams' });

    // The alert arrives again (action group retry): nothing more is posted.
    const again = await deliverDiagnosis(sampleDiagnosis('alert-1'), destinations, deps);
    expect(again.results[0].status).toBe('duplicate');
    expect(rx.accepted).toHaveLength(1);
    expect(await queueLength(outboxQ)).toBe(0);
  });

  it('goes to <outbox>-poison with the payload intact once its own bound is reached', async () => {
    await rx.down();
    await deliverDiagnosis(sampleDiagnosis('alert-2'), destinations, deps);
    const [first] = (await peekAll(outboxQ)) as OutboxMessage[];
    const stats = await drainQueue(outboxQ, outboxHandler(), { waitForDelayed: true, pollMs: 50 });
    expect(stats.handled).toBe(2); // attempts 2 and 3 (the first was the in-call one)
    expect(await queueLength(outboxQ)).toBe(0);
    const parked = (await peekAll(poisonQ)) as OutboxMessage[];
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ destination: 'ops-teams', attempts: 3, poisonReason: 'attempts-exhausted' });
    expect(parked[0].payload).toEqual(first.payload);
    expect(rx.accepted).toHaveLength(0);
  });

  it('parks a destination refusal (400) in the poison queue at once, not in the outbox', async () => {
    rx.fail(400);
    const report = await deliverDiagnosis(sampleDiagnosis('alert-3'), destinations, deps);
    expect(report.results[0]).toMatchObject({ status: 'failed', httpStatus: 400 });
    expect(await queueLength(outboxQ)).toBe(0);
    const parked = (await peekAll(poisonQ)) as OutboxMessage[];
    expect(parked[0]).toMatchObject({ poisonReason: 'refused-by-destination', lastError: { status: 400 } });
    expect(parked[0].payload?.body).toContain('alert-3');
  });

  it('honours a long Retry-After by delaying the outbox message at least that long', async () => {
    rx.throttle(120);
    await deliverDiagnosis(sampleDiagnosis('alert-4'), destinations, deps);
    expect(await queueLength(outboxQ)).toBe(1);
    // Invisible for two minutes: nothing can be received now.
    const got = await outboxQ.receiveMessages({ numberOfMessages: 1 });
    expect(got.receivedMessageItems).toHaveLength(0);
  });

  it('drops an outbox retry whose alert was delivered meanwhile by a redelivery', async () => {
    await rx.down();
    await deliverDiagnosis(sampleDiagnosis('alert-5'), destinations, deps);
    await rx.up();
    const redelivery = await deliverDiagnosis(sampleDiagnosis('alert-5'), destinations, deps);
    expect(redelivery.results[0].status).toBe('delivered');
    await drainQueue(outboxQ, outboxHandler());
    expect(rx.accepted).toHaveLength(1);
  });

  it('two concurrent deliveries of one alert: one posts, the other leaves a deferred check that finds it done', async () => {
    // The first post is held at the receiver until the second delivery has run: an event, not a delay.
    const held = rx.hold();
    const first = deliverDiagnosis(sampleDiagnosis('alert-7'), destinations, deps);
    await held.arrived;
    const b = await deliverDiagnosis(sampleDiagnosis('alert-7'), destinations, deps);
    held.release();
    const a = await first;
    expect([a.results[0].status, b.results[0].status]).toEqual(['delivered', 'duplicate']);
    expect(await queueLength(outboxQ)).toBe(1);
    const outcomes: unknown[] = [];
    await drainQueue(outboxQ, async (m, c) => outcomes.push(await handleOutboxMessage(m, c, { ...deps, destinations })));
    expect(outcomes).toEqual([{ status: 'duplicate', destination: 'ops-teams' }]);
    expect(rx.accepted).toHaveLength(1);
  });

  it('a deferred check takes over a claim whose holder died, and posts', async () => {
    let time = Date.parse('2025-04-15T18:00:00Z');
    const dedupe = new TableDedupeStore(storage.table('deliveries'), { now: () => time, staleAfterMs: 60_000 });
    const key = { alertId: 'alert-8', monitorCondition: 'Fired' as const, destination: 'ops-teams' };
    expect(await dedupe.claim(key)).toBe('claimed'); // a worker that then crashed
    const report = await deliverDiagnosis(sampleDiagnosis('alert-8'), destinations, { ...deps, dedupe });
    expect(report.results[0].status).toBe('duplicate');
    time += 120_000;
    await drainQueue(outboxQ, (m, c) => handleOutboxMessage(m, c, { ...deps, dedupe, destinations }));
    expect(rx.accepted).toHaveLength(1);
    expect(await dedupe.claim(key)).toBe('already-delivered');
  });

  it('parks a message whose destination is no longer configured', async () => {
    await rx.down();
    await deliverDiagnosis(sampleDiagnosis('alert-6'), destinations, deps);
    await drainQueue(outboxQ, (m, c) => handleOutboxMessage(m, c, { ...deps, destinations: [] }));
    const parked = (await peekAll(poisonQ)) as OutboxMessage[];
    expect(parked[0]).toMatchObject({ poisonReason: 'destination-not-configured', destination: 'ops-teams' });
  });
});
