import { parseAlert } from '../../src/alert';
import { LogQueryError } from '../../src/errors';
import { Coalescer, coalesceKey, type CoalescedEnrichOptions, type Deliver } from '../../src/policy/coalesce';
import type { Diagnosis, Evidence, Target } from '../../src/model';
import type { DeliveryOutcome } from '../../src/runtime';
import { silentLogger } from '../../src/logger';
import { fakeConfigSource } from '../support/fakes';
import { appAlert, gate, tick } from './helpers';

const evidence: Evidence = {
  system: [
    {
      time: new Date('2025-06-02T13:44:00Z'),
      reason: 'ContainerTerminated',
      message: "Container 'checkout-web' was terminated with exit code '1'",
      app: 'checkout-web',
      replica: 'checkout-web--r1-abc',
      count: 3,
    },
  ],
  console: [],
  notes: [],
};

/** A log source whose answers wait for `release()`, counting calls. */
function heldLogs() {
  const calls: Target[] = [];
  let held = gate();
  return {
    calls,
    release: () => held.open(),
    rearm: () => {
      held = gate();
    },
    source: {
      description: 'held logs',
      knowsWorkspace: () => true,
      async fetchEvidence(t: Target) {
        calls.push(t);
        await held.promise;
        return structuredClone(evidence);
      },
    },
  };
}

function setup(options: { windowMs?: number; deliver?: Deliver } = {}) {
  let now = new Date('2025-06-02T13:47:00Z');
  const coalescer = new Coalescer({ windowMs: options.windowMs ?? 60_000, now: () => now });
  const logs = heldLogs();
  const config = fakeConfigSource(undefined);
  const posted: Diagnosis[] = [];
  const deliver: Deliver =
    options.deliver ??
    (async (d) => {
      posted.push(d);
      return [{ destination: 'ops', status: 'delivered' } satisfies DeliveryOutcome];
    });
  const opts = (over: Partial<CoalescedEnrichOptions> = {}): CoalescedEnrichOptions => ({
    deps: { logs: logs.source, config, now: () => now, defaultLookbackMinutes: 60 },
    logger: silentLogger,
    settle: async (r) => r.diagnosis,
    ...over,
  });
  /** Enrich then deliver, as a queue message or an inline call does. */
  const handle = async (alert: unknown, over: Partial<CoalescedEnrichOptions> = {}) => {
    const d = await coalescer.enrich(parseAlert(alert), opts(over));
    if (!d) return { diagnosis: undefined, outcomes: [] as DeliveryOutcome[] };
    return { diagnosis: d, outcomes: await coalescer.deliver(d, deliver, { logger: silentLogger }) };
  };
  return { coalescer, logs, config, posted, handle, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('coalescing alerts for the same target and window', () => {
  test('alerts arriving while the leader enriches share one query and one post listing every alert id', async () => {
    const s = setup();
    const ids = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
    const runs = ids.map((id) => s.handle(appAlert('checkout-web', id)));
    await tick();
    s.logs.release();
    const results = await Promise.all(runs);
    expect(s.logs.calls).toHaveLength(1);
    expect(s.config.calls).toHaveLength(1);
    expect(s.posted).toHaveLength(1);
    const full = (id: string) => `/subscriptions/3f6c2a1e-8b7d-4c55-9e21-0a4d7b9c1e55/providers/Microsoft.AlertsManagement/alerts/${id}`;
    expect([...s.posted[0].alertIds].sort()).toEqual(ids.map(full).sort());
    expect(s.posted[0].alert?.alertId).toBe(full('a-1'));
    expect(s.posted[0].notes.join(' ')).toMatch(/4 more alerts/);
    // Members report the leader's post as theirs, without posting.
    for (const r of results.slice(1)) expect(r.outcomes).toEqual([expect.objectContaining({ destination: 'ops', status: 'duplicate' })]);
    expect(results[0].outcomes).toEqual([{ destination: 'ops', status: 'delivered' }]);
    expect(s.coalescer.stats()).toMatchObject({ leaders: 1, members: 4 });
  });

  test('when the leader cannot deliver, its members fail too (so the queue retries them) and the next try starts afresh', async () => {
    let fail = true;
    const posted: Diagnosis[] = [];
    const s = setup({
      deliver: async (d) => {
        if (fail) throw new Error('storage down');
        posted.push(d);
        return [{ destination: 'ops', status: 'delivered' }];
      },
    });
    const runs = ['b-1', 'b-2', 'b-3'].map((id) => s.handle(appAlert('checkout-web', id)));
    await tick();
    s.logs.release();
    const settled = await Promise.allSettled(runs);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);

    fail = false;
    const retry = await Promise.all(['b-2', 'b-3', 'b-1'].map((id) => s.handle(appAlert('checkout-web', id))));
    expect(s.logs.calls).toHaveLength(2); // a new group, a new query
    expect(posted).toHaveLength(1);
    expect(posted[0].alertIds).toHaveLength(3);
    expect(retry.every((r) => r.diagnosis)).toBe(true);
  });

  test('a transient enrichment failure of the leader fails every member with the same error', async () => {
    const s = setup();
    const err = new LogQueryError('Log Analytics answered 503');
    const settle: CoalescedEnrichOptions['settle'] = async () => {
      throw err;
    };
    const runs = ['c-1', 'c-2'].map((id) => s.handle(appAlert('checkout-web', id), { settle }));
    await tick();
    s.logs.release();
    const settled = await Promise.allSettled(runs);
    expect(settled).toEqual([
      { status: 'rejected', reason: err },
      { status: 'rejected', reason: err },
    ]);
    expect(s.posted).toHaveLength(0);
  });

  test('an alert after the leader delivered, within the period, reuses the evidence and is posted with a note naming the leader', async () => {
    const s = setup();
    s.logs.release();
    await s.handle(appAlert('checkout-web', 'd-1'));
    s.advance(20_000);
    const late = await s.handle(appAlert('checkout-web', 'd-2'));
    expect(s.logs.calls).toHaveLength(1);
    expect(s.config.calls).toHaveLength(1);
    expect(s.posted).toHaveLength(2);
    expect(late.diagnosis?.alertIds).toEqual([expect.stringMatching(/d-2$/)]);
    expect(late.diagnosis?.status).toBe('enriched');
    expect(late.diagnosis?.notes.join(' ')).toMatch(/matches alert .*d-1 .*20 s earlier.*no new query/);
    expect(late.outcomes).toEqual([{ destination: 'ops', status: 'delivered' }]);
    expect(s.coalescer.stats().late).toBe(1);
  });

  test('a repeat of an alert id already delivered posts nothing new', async () => {
    const s = setup();
    s.logs.release();
    await s.handle(appAlert('checkout-web', 'e-1'));
    const again = await s.handle(appAlert('checkout-web', 'e-1'));
    expect(s.posted).toHaveLength(1);
    expect(again.outcomes).toEqual([expect.objectContaining({ status: 'duplicate' })]);
    expect(s.coalescer.stats().repeats).toBe(1);
  });

  test('after the coalescing period, another app, or with coalescing off, a new query runs', async () => {
    const s = setup();
    s.logs.release();
    await s.handle(appAlert('checkout-web', 'f-1'));
    await s.handle(appAlert('orders-api', 'f-2'));
    expect(s.logs.calls).toHaveLength(2);
    s.advance(61_000);
    await s.handle(appAlert('checkout-web', 'f-3'));
    expect(s.logs.calls).toHaveLength(3);

    const off = setup({ windowMs: 0 });
    off.logs.release();
    await off.handle(appAlert('checkout-web', 'g-1'));
    await off.handle(appAlert('checkout-web', 'g-2'));
    expect(off.logs.calls).toHaveLength(2);
  });

  test('a leader that defers (console rows still missing) makes its members defer too', async () => {
    const s = setup();
    let deferred = 0;
    const over: Partial<CoalescedEnrichOptions> = {
      settle: async () => undefined,
      defer: async () => {
        deferred++;
      },
    };
    const runs = ['h-1', 'h-2', 'h-3'].map((id) => s.handle(appAlert('checkout-web', id), over));
    await tick();
    s.logs.release();
    const results = await Promise.all(runs);
    expect(results.every((r) => r.diagnosis === undefined)).toBe(true);
    expect(deferred).toBe(2);
    expect(s.posted).toHaveLength(0);
  });

  test('the key separates revisions, replicas, resource groups and workspaces, and ignores case and the window', () => {
    const base: Target = { kind: 'containerApp', name: 'web', subscriptionId: 'S', resourceGroup: 'RG', window: { start: new Date(0), end: new Date(1) } };
    expect(coalesceKey(base)).toBe(coalesceKey({ ...base, resourceGroup: 'rg', window: { start: new Date(5), end: new Date(9) } }));
    expect(coalesceKey(base)).not.toBe(coalesceKey({ ...base, revision: 'web--r2' }));
    expect(coalesceKey(base)).not.toBe(coalesceKey({ ...base, replica: 'web--r2-x' }));
    expect(coalesceKey(base)).not.toBe(coalesceKey({ ...base, resourceGroup: 'other' }));
    expect(coalesceKey(base)).not.toBe(coalesceKey({ ...base, workspace: { customerId: 'w' } }));
    expect(coalesceKey(base)).not.toBe(coalesceKey({ ...base, kind: 'job' }));
  });
});
