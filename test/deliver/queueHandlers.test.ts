import type { Destination } from '../../src/config';
import { InMemoryDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis } from '../../src/deliver/deliver';
import { Outbox } from '../../src/deliver/outbox';
import { encodeQueueMessage, fitsInQueueMessage, InMemoryQueue } from '../../src/deliver/queue';
import { InvalidRequestError, LogQueryError, TargetNotFoundError } from '../../src/errors';
import type { Diagnosis } from '../../src/model';
import {
  buildAlertMessage,
  enqueueAlert,
  handleAlertMessage,
  handlePoisonAlertMessage,
  POISON_REASON,
  readAlertMessage,
  type AlertHandlerDeps,
} from '../../src/functions/queueHandlers';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { alertIdOf, fakeContext, jsonRender, noise, sampleAlert, sampleDiagnosis } from './helpers';

const meta = { receivedAt: '2025-04-15T18:08:04.000Z', correlationId: 'corr-1' };

function notEnriched(alert: unknown, reason: string): Diagnosis {
  return { ...sampleDiagnosis(alertIdOf(alert)), status: 'not-enriched', reason, findings: [] };
}

function makeDeps(enrich: AlertHandlerDeps['enrich']) {
  const delivered: Diagnosis[] = [];
  const deps: AlertHandlerDeps = {
    enrich,
    deliver: async (d) => {
      delivered.push(d);
      return [{ destination: 'x', status: 'delivered' }];
    },
    notEnriched,
  };
  return { deps, delivered };
}

describe('handleAlertMessage', () => {
  it('enriches and delivers the diagnosis, with the correlation id passed on', async () => {
    const seen: string[] = [];
    const { deps, delivered } = makeDeps(async (alert, m) => {
      seen.push(m.correlationId);
      return sampleDiagnosis(alertIdOf(alert));
    });
    const result = await handleAlertMessage({ alert: sampleAlert(1), ...meta }, fakeContext(1), deps);
    expect(result.outcome).toBe('enriched');
    expect(seen).toEqual(['corr-1']);
    expect(delivered.map((d) => d.status)).toEqual(['enriched']);
  });

  it('reads the message the way the host may hand it: base64 text of the JSON', async () => {
    const { deps, delivered } = makeDeps(async (alert) => sampleDiagnosis(alertIdOf(alert)));
    await handleAlertMessage(encodeQueueMessage({ alert: sampleAlert(2), ...meta }), fakeContext(1), deps);
    expect(delivered[0].alert?.alertId).toMatch(/alert-2$/);
  });

  it('throws a transient enrichment failure before the last try, so the host tries again (no delivery)', async () => {
    const { deps, delivered } = makeDeps(async () => {
      throw new LogQueryError('Log Analytics answered 503.');
    });
    await expect(handleAlertMessage({ alert: sampleAlert(3), ...meta }, fakeContext(1), deps)).rejects.toBeInstanceOf(LogQueryError);
    await expect(handleAlertMessage({ alert: sampleAlert(3), ...meta }, fakeContext(4), deps)).rejects.toBeInstanceOf(LogQueryError);
    expect(delivered).toHaveLength(0);
  });

  it('delivers the original alert un-enriched on the last try before poison', async () => {
    const { deps, delivered } = makeDeps(async () => {
      throw new LogQueryError('Log Analytics answered 503.');
    });
    const result = await handleAlertMessage({ alert: sampleAlert(4), ...meta }, fakeContext(5), deps);
    expect(result).toMatchObject({ outcome: 'not-enriched', reason: 'Log Analytics answered 503.' });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ status: 'not-enriched', reason: 'Log Analytics answered 503.' });
    expect(delivered[0].alert?.alertId).toMatch(/alert-4$/);
  });

  it('respects a custom maxDequeueCount and a string dequeueCount', async () => {
    const { deps, delivered } = makeDeps(async () => {
      throw new Error('boom');
    });
    const context = fakeContext(1);
    context.triggerMetadata = { dequeueCount: '3' };
    const result = await handleAlertMessage({ alert: sampleAlert(5), ...meta }, context, { ...deps, maxDequeueCount: 3 });
    expect(result.outcome).toBe('not-enriched');
    expect(delivered).toHaveLength(1);
    // An unexpected error's message is not shown to readers: it could hold anything.
    expect(delivered[0].reason).not.toContain('boom');
  });

  it('delivers un-enriched at once when another try cannot help (target not found)', async () => {
    const { deps, delivered } = makeDeps(async () => {
      throw new TargetNotFoundError('The alert names no container app.');
    });
    const result = await handleAlertMessage({ alert: sampleAlert(6), ...meta }, fakeContext(1), deps);
    expect(result.outcome).toBe('not-enriched');
    expect(delivered[0].reason).toBe('The alert names no container app.');
  });

  it('rejects a message that holds no alert with a typed error', async () => {
    const { deps } = makeDeps(async (alert) => sampleDiagnosis(alertIdOf(alert)));
    await expect(handleAlertMessage({ nothing: true }, fakeContext(1), deps)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(handleAlertMessage('%%%not base64 json', fakeContext(1), deps)).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('a redelivered message does not post twice (dedupe), and the retry after a failure posts once', async () => {
    const rx: WebhookReceiver = await startWebhookReceiver();
    try {
      const destinations: Destination[] = [
        { name: 'a', url: rx.url('/a'), format: 'json' },
        { name: 'b', url: rx.url('/b'), format: 'slack' },
      ];
      const dedupe = new InMemoryDedupeStore();
      const outbox = new Outbox({ queue: new InMemoryQueue('outbox'), poisonQueue: new InMemoryQueue('outbox-poison') });
      const deps: AlertHandlerDeps = {
        enrich: async (alert) => sampleDiagnosis(alertIdOf(alert)),
        deliver: (d, o) =>
          deliverDiagnosis(d, destinations, { render: jsonRender, dedupe, outbox, webhookOptions: { timeoutMs: 1000, maxAttempts: 1 }, ...o }),
        notEnriched,
      };
      const message = { alert: sampleAlert(7), ...meta };
      await handleAlertMessage(message, fakeContext(1), deps);
      await handleAlertMessage(message, fakeContext(2), deps);
      await handlePoisonAlertMessage(message, fakeContext(1), deps);
      expect(rx.acceptedOn('/a')).toHaveLength(1);
      expect(rx.acceptedOn('/b')).toHaveLength(1);
      expect(JSON.parse(rx.acceptedOn('/b')[0].body).format).toBe('slack');
    } finally {
      await rx.close();
    }
  });
});

describe('handlePoisonAlertMessage', () => {
  it('delivers the alert un-enriched with the poison reason', async () => {
    const { deps, delivered } = makeDeps(async () => {
      throw new Error('not called');
    });
    const result = await handlePoisonAlertMessage({ alert: sampleAlert(8), ...meta }, fakeContext(1), deps);
    expect(result).toMatchObject({ outcome: 'not-enriched', reason: POISON_REASON });
    expect(delivered[0]).toMatchObject({ status: 'not-enriched', reason: 'enrichment failed repeatedly' });
  });
});

describe('alert queue messages', () => {
  it('carries an ordinary alert as it is', () => {
    const msg = buildAlertMessage(sampleAlert(9), meta);
    expect(msg).toEqual({ alert: sampleAlert(9), ...meta });
  });

  it('gzips a large alert (up to the 256 KB Azure Monitor allows) and reads it back identical', () => {
    const alert = sampleAlert(10) as { data: { alertContext: Record<string, unknown> } };
    alert.data.alertContext.note = 'repeated text compresses well '.repeat(8000);
    expect(fitsInQueueMessage({ alert })).toBe(false);
    const msg = buildAlertMessage(alert, meta);
    expect(fitsInQueueMessage(msg)).toBe(true);
    expect('alertGzip' in msg).toBe(true);
    expect(readAlertMessage(msg)).toEqual({ alert, ...meta });
  });

  it('drops embedded search results, then the alert context, when gzip is not enough; essentials stay', () => {
    const alert = sampleAlert(11) as { data: { essentials: unknown; alertContext: Record<string, unknown> } };
    const rows = Array.from({ length: 2500 }, (_, i) => [i, noise(i, 64)]);
    alert.data.alertContext.SearchResults = { tables: [{ name: 'PrimaryResult', rows }] };
    const msg = buildAlertMessage(alert, meta);
    expect(fitsInQueueMessage(msg)).toBe(true);
    expect(msg.trimmed).toEqual(['alertContext.searchResults']);
    const back = readAlertMessage(msg).alert as typeof alert;
    expect(back.data.essentials).toEqual(alert.data.essentials);
    expect(back.data.alertContext.SearchResults).toBeUndefined();
    expect(back.data.alertContext.conditionType).toBe('LogQueryCriteria');
  });

  it('enqueueAlert puts a message the alerts handler can read', async () => {
    const queue = new InMemoryQueue('alerts');
    await enqueueAlert(queue, sampleAlert(12), meta);
    expect(queue.length).toBe(1);
    expect(readAlertMessage(queue.messages[0].body).alert).toEqual(sampleAlert(12));
  });
});
