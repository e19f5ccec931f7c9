import { InvocationContext } from '@azure/functions';
import type { Destination } from '../../src/config';
import { InMemoryDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis, type DeliverDeps } from '../../src/deliver/deliver';
import { Outbox } from '../../src/deliver/outbox';
import { InMemoryQueue } from '../../src/deliver/queue';
import { handleOutboxMessage } from '../../src/functions/queueHandlers';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { jsonRender, sampleDiagnosis } from './helpers';

/**
 * Alerts coalesced into one enrichment are answered by one post whose diagnosis lists all their ids.
 * Each of those ids must then count as delivered, so a member's redelivered queue message posts nothing.
 */
describe('one post answers every coalesced alert', () => {
  let rx: WebhookReceiver;
  let deps: DeliverDeps;
  let outboxQueue: InMemoryQueue;
  let dedupe: InMemoryDedupeStore;
  let destinations: Destination[];

  beforeEach(async () => {
    rx = await startWebhookReceiver();
    outboxQueue = new InMemoryQueue('outbox');
    dedupe = new InMemoryDedupeStore();
    const outbox = new Outbox({ queue: outboxQueue, poisonQueue: new InMemoryQueue('outbox-poison'), policy: { maxAttempts: 3, baseDelaySeconds: 0, maxDelaySeconds: 0 } });
    destinations = [{ name: 'ops', url: rx.url('/hook'), format: 'json' }];
    deps = { render: jsonRender, dedupe, outbox, webhookOptions: { timeoutMs: 2000, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } };
  });
  afterEach(() => rx.close());

  const leader = () => ({ ...sampleDiagnosis('alert-A'), alertIds: ['alert-A', 'alert-B', 'alert-C'] });

  it('a direct post records the members, and their own diagnoses are then duplicates', async () => {
    const first = await deliverDiagnosis(leader(), destinations, deps);
    expect(first.results.map((r) => r.status)).toEqual(['delivered']);
    for (const member of ['alert-B', 'alert-C']) {
      const again = await deliverDiagnosis(sampleDiagnosis(member), destinations, deps);
      expect(again.results.map((r) => r.status)).toEqual(['duplicate']);
    }
    expect(rx.accepted).toHaveLength(1);
    // An alert the post did not answer is still delivered.
    const other = await deliverDiagnosis(sampleDiagnosis('alert-Z'), destinations, deps);
    expect(other.results.map((r) => r.status)).toEqual(['delivered']);
  });

  it('a post that succeeds only from the outbox records the members too', async () => {
    await rx.down();
    const first = await deliverDiagnosis(leader(), destinations, deps);
    expect(first.results.map((r) => r.status)).toEqual(['queued-for-retry']);
    const [message] = outboxQueue.receive();
    expect((message.body as { alsoCovers?: string[] }).alsoCovers).toEqual(['alert-B', 'alert-C']);
    await rx.up();
    const context = new InvocationContext({ invocationId: 'o1', functionName: 'outbox' });
    const outcome = await handleOutboxMessage(message.body, context, { ...deps, destinations });
    expect(outcome.status).toBe('delivered');
    const member = await deliverDiagnosis(sampleDiagnosis('alert-C'), destinations, deps);
    expect(member.results.map((r) => r.status)).toEqual(['duplicate']);
    expect(rx.accepted).toHaveLength(1);
  });
});
