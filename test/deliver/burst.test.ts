/**
 * The "done when": a 200-alert burst against a receiver that is down for the first half is
 * delivered exactly once per destination (two destinations) after it recovers, on Azurite, with the
 * real queue handlers, Table dedupe and Storage outbox. Action-group retries (the same alert queued
 * twice) and queue redelivery (a handler run twice) are mixed in.
 */
import type { QueueClient } from '@azure/storage-queue';
import type { Destination } from '../../src/config';
import { TableDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis } from '../../src/deliver/deliver';
import { Outbox } from '../../src/deliver/outbox';
import { StorageQueueSender } from '../../src/deliver/queue';
import { enqueueAlert, handleAlertMessage, handleOutboxMessage, type AlertHandlerDeps } from '../../src/functions/queueHandlers';
import type { Diagnosis } from '../../src/model';
import { alertIdOf, drainQueue, jsonRender, queueClient, queueLength, sampleAlert, sampleDiagnosis, tableClient, useAzuriteAndReceiver } from './helpers';

const ALERTS = 200;

describe('200-alert burst, receiver down for the first half (Azurite)', () => {
  const world = useAzuriteAndReceiver();

  it('delivers every alert exactly once to each of two destinations after the receiver recovers', async () => {
    const started = Date.now();
    const alertsQ: QueueClient = queueClient(world.azurite, 'alerts');
    const alertsPoisonQ = queueClient(world.azurite, 'alerts-poison');
    const outboxQ = queueClient(world.azurite, 'outbox');
    const outboxPoisonQ = queueClient(world.azurite, 'outbox-poison');
    const alerts = new StorageQueueSender(alertsQ);
    const destinations: Destination[] = [
      { name: 'ops-teams', url: world.rx.url('/teams'), format: 'teams' },
      { name: 'ops-slack', url: world.rx.url('/slack'), format: 'slack' },
    ];
    const dedupe = new TableDedupeStore(tableClient(world.azurite, 'deliveries'));
    const outbox = new Outbox({
      queue: new StorageQueueSender(outboxQ),
      poisonQueue: new StorageQueueSender(outboxPoisonQ),
      // One second between outbox tries keeps the test short; production waits minutes.
      policy: { maxAttempts: 12, baseDelaySeconds: 1, maxDelaySeconds: 1 },
    });
    const webhookOptions = { timeoutMs: 2000, maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 };
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
    await world.rx.down();
    for (let i = 0; i < ALERTS / 2; i++) {
      await enqueueAlert(alerts, sampleAlert(i), meta(i));
      if (i % 5 === 0) await enqueueAlert(alerts, sampleAlert(i), meta(i));
    }
    await drainQueue(alertsQ, alertHandler, { poison: alertsPoisonQ, concurrency: 16 });
    expect(world.rx.accepted).toHaveLength(0);
    expect(await queueLength(outboxQ)).toBeGreaterThanOrEqual(ALERTS); // two destinations × 100 alerts, plus deferred checks

    // The receiver recovers; the second half arrives, with late action-group retries of first-half alerts.
    await world.rx.up();
    for (let i = ALERTS / 2; i < ALERTS; i++) {
      await enqueueAlert(alerts, sampleAlert(i), meta(i));
      if (i % 5 === 0) await enqueueAlert(alerts, sampleAlert(i - ALERTS / 2), meta(i));
    }
    await drainQueue(alertsQ, alertHandler, { poison: alertsPoisonQ, concurrency: 16 });

    // The outbox trigger catches up on the first half.
    const outboxStats = await drainQueue(outboxQ, (m, c) => handleOutboxMessage(m, c, { destinations, outbox, dedupe, render: jsonRender, webhookOptions }), {
      poison: outboxPoisonQ,
      concurrency: 16,
      waitForDelayedMs: 20_000,
      pollMs: 100,
    });

    const expected = Array.from({ length: ALERTS }, (_, i) => alertIdOf(sampleAlert(i))).sort();
    for (const path of ['/teams', '/slack']) {
      const ids = world.rx.acceptedOn(path).map((r) => JSON.parse(r.body).alertId as string);
      expect(ids).toHaveLength(ALERTS); // nothing doubled
      expect([...ids].sort()).toEqual(expected); // nothing lost
    }
    expect(world.rx.acceptedOn('/teams').every((r) => JSON.parse(r.body).format === 'teams')).toBe(true);
    expect(await queueLength(alertsQ)).toBe(0);
    expect(await queueLength(outboxQ)).toBe(0);
    expect(await queueLength(alertsPoisonQ)).toBe(0);
    expect(await queueLength(outboxPoisonQ)).toBe(0);
    expect(redeliveries).toBeGreaterThan(0);

    // A measurement for the report, not an assertion: timing depends on the machine.
    console.info(
      `burst: ${ALERTS} alerts × 2 destinations delivered exactly once in ${Date.now() - started} ms; ` +
        `${world.rx.requests.length} webhook requests reached the receiver, ${outboxStats.handled} outbox messages handled`,
    );
  });
});
