/**
 * The "done when": a 200-alert burst against a receiver that is down for the first half is
 * delivered exactly once per destination (two destinations) after it recovers, on Azurite, with the
 * real queue handlers, Table dedupe and Storage outbox. Action-group retries (the same alert queued
 * twice) and queue redelivery (a handler run twice) are mixed in.
 *
 * Time is compressed, not waited for: the outbox retries with no delay (production waits minutes), and
 * "the receiver recovers" is an event the test makes happen, so every loop ends when its queue is empty
 * and nothing here depends on how fast the machine is.
 */
import type { QueueClient } from '@azure/storage-queue';
import type { Destination } from '../../src/config';
import { TableDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis } from '../../src/deliver/deliver';
import { Outbox } from '../../src/deliver/outbox';
import { StorageQueueSender } from '../../src/deliver/queue';
import { enqueueAlert, handleAlertMessage, handleOutboxMessage, type AlertHandlerDeps } from '../../src/functions/queueHandlers';
import type { Diagnosis } from '../../src/model';
import { alertIdOf, drainQueue, jsonRender, queueLength, sampleAlert, sampleDiagnosis, useAzuriteAndReceiver } from './helpers';

const ALERTS = 200;

// A last guard for a stuck run, not a speed requirement (the loops end when their queues are empty).
jest.setTimeout(600_000);

describe('200-alert burst, receiver down for the first half (Azurite)', () => {
  const world = useAzuriteAndReceiver();

  it('delivers every alert exactly once to each of two destinations after the receiver recovers', async () => {
    const started = Date.now();
    const { rx, storage } = world.current();
    const alertsQ: QueueClient = storage.queue('alerts');
    const alertsPoisonQ = storage.queue('alerts-poison');
    const outboxQ = storage.queue('outbox');
    const outboxPoisonQ = storage.queue('outbox-poison');
    const alerts = new StorageQueueSender(alertsQ);
    const destinations: Destination[] = [
      { name: 'ops-teams', url: rx.url('/teams'), format: 'teams' },
      { name: 'ops-slack', url: rx.url('/slack'), format: 'slack' },
    ];
    const dedupe = new TableDedupeStore(storage.table('deliveries'));
    const outbox = new Outbox({
      queue: new StorageQueueSender(outboxQ),
      poisonQueue: new StorageQueueSender(outboxPoisonQ),
      // Compressed time: outbox retries are visible at once (production waits minutes between them).
      policy: { maxAttempts: 12, baseDelaySeconds: 0, maxDelaySeconds: 0 },
    });
    // The receiver is local: a deadline that a loaded machine could miss would make the sender give up
    // on a post the receiver then accepts, and the retry would post twice. So only a last guard.
    const webhookOptions = { timeoutMs: 60_000, maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 };
    let redeliveries = 0;
    const alertDeps: AlertHandlerDeps = {
      enrich: async (alert) => sampleDiagnosis(alertIdOf(alert)),
      deliver: (d: Diagnosis, o) => deliverDiagnosis(d, destinations, { render: jsonRender, dedupe, outbox, webhookOptions, ...o }),
      notEnriched: (alert, reason) => ({ ...sampleDiagnosis(alertIdOf(alert)), status: 'not-enriched', reason }),
    };
    // Every 10th message is handled twice, as when the host redelivers after a lost delete.
    const alertHandler = async (message: unknown, context: Parameters<typeof handleAlertMessage>[1]) => {
      const result = await handleAlertMessage(message, context, alertDeps);
      const n = Number(/alert-(\d+)$/.exec(alertIdOf((message as { alert: unknown }).alert))?.[1]);
      if (n % 10 === 0) {
        redeliveries++;
        await handleAlertMessage(message, context, alertDeps);
      }
      return result;
    };
    const meta = (i: number) => ({ receivedAt: new Date().toISOString(), correlationId: `burst-${i}` });

    // First half: the receiver is down (connection refused). Every 5th alert also arrives twice (action group retry).
    await rx.down();
    for (let i = 0; i < ALERTS / 2; i++) {
      await enqueueAlert(alerts, sampleAlert(i), meta(i));
      if (i % 5 === 0) await enqueueAlert(alerts, sampleAlert(i), meta(i));
    }
    await drainQueue(alertsQ, alertHandler, { poison: alertsPoisonQ, concurrency: 16 });
    expect(rx.accepted).toHaveLength(0);
    expect(await queueLength(outboxQ)).toBeGreaterThanOrEqual(ALERTS); // two destinations × 100 alerts, plus deferred checks

    // The receiver recovers; the second half arrives, with late action-group retries of first-half alerts.
    await rx.up();
    for (let i = ALERTS / 2; i < ALERTS; i++) {
      await enqueueAlert(alerts, sampleAlert(i), meta(i));
      if (i % 5 === 0) await enqueueAlert(alerts, sampleAlert(i - ALERTS / 2), meta(i));
    }
    await drainQueue(alertsQ, alertHandler, { poison: alertsPoisonQ, concurrency: 16 });

    // The outbox trigger catches up on the first half.
    const outboxStats = await drainQueue(outboxQ, (m, c) => handleOutboxMessage(m, c, { destinations, outbox, dedupe, render: jsonRender, webhookOptions }), {
      poison: outboxPoisonQ,
      concurrency: 16,
    });

    const expected = Array.from({ length: ALERTS }, (_, i) => alertIdOf(sampleAlert(i))).sort();
    for (const path of ['/teams', '/slack']) {
      const ids = rx.acceptedOn(path).map((r) => JSON.parse(r.body).alertId as string);
      expect(ids).toHaveLength(ALERTS); // nothing doubled
      expect([...ids].sort()).toEqual(expected); // nothing lost
    }
    expect(rx.acceptedOn('/teams').every((r) => JSON.parse(r.body).format === 'teams')).toBe(true);
    expect(await queueLength(alertsQ)).toBe(0);
    expect(await queueLength(outboxQ)).toBe(0);
    expect(await queueLength(alertsPoisonQ)).toBe(0);
    expect(await queueLength(outboxPoisonQ)).toBe(0);
    expect(redeliveries).toBeGreaterThan(0);

    // A measurement for the report, not an assertion: timing depends on the machine.
    console.info(
      `burst: ${ALERTS} alerts × 2 destinations delivered exactly once in ${Date.now() - started} ms; ` +
        `${rx.requests.length} webhook requests reached the receiver, ${outboxStats.handled} outbox messages handled`,
    );
  });
});
