import { decideFollowUp, FollowUps, InMemoryFollowUpStore, asFollowUp, type FollowUpPolicy, type FollowUpState, type FollowUpStore } from '../../src/deliver/followUp';
import type { Diagnosis } from '../../src/model';
import { sampleDiagnosis } from './helpers';

const POLICY: FollowUpPolicy = { windowMinutes: 60, intervalMinutes: 15 };
const T0 = Date.parse('2026-05-14T09:14:00Z');
const at = (min: number) => new Date(T0 + min * 60_000);

function crash(n: number, o: { rule?: string; envVar?: string; revision?: string; lastSeen?: string } = {}): Diagnosis {
  const d = sampleDiagnosis(`/alerts/a-${n}`);
  d.target = { kind: 'containerApp', name: 'orders-api', resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps/orders-api', revision: o.revision ?? 'orders-api--r7' };
  d.findings[0] = { ...d.findings[0]!, ruleId: o.rule ?? 'console.python.keyerror-env', names: { envVar: o.envVar ?? 'DATABASE_URL' }, lastSeen: o.lastSeen };
  return d;
}

/** Runs decisions in order on one remembered state, as the store would. */
function run(steps: [number, Diagnosis][], policy = POLICY) {
  let state: FollowUpState | undefined;
  return steps.map(([min, d]) => {
    const { plan, next } = decideFollowUp(state, d, at(min), policy);
    if (next) state = next;
    return plan.kind;
  });
}

describe('decideFollowUp', () => {
  it('posts the first alert in full, then a follow-up per interval, counting the ones in between', () => {
    expect(run([[0, crash(1)], [5, crash(2)], [10, crash(3)], [16, crash(4)], [20, crash(5)], [32, crash(6)]])).toEqual([
      'full', 'suppress', 'suppress', 'follow-up', 'suppress', 'follow-up',
    ]);
  });

  it('posts in full again for a new cause, new names, a new revision, or after a quiet spell', () => {
    expect(run([[0, crash(1)], [20, crash(2, { rule: 'console.node.econnrefused' })]])).toEqual(['full', 'full']);
    expect(run([[0, crash(1)], [20, crash(2, { envVar: 'REDIS_URL' })]])).toEqual(['full', 'full']);
    expect(run([[0, crash(1)], [20, crash(2, { revision: 'orders-api--r8' })]])).toEqual(['full', 'full']);
    expect(run([[0, crash(1)], [61, crash(2)]])).toEqual(['full', 'full']);
  });

  it('treats a resolved alert as news, and the next failure after it as news too', () => {
    const resolved: Diagnosis = { ...crash(1), status: 'resolved', findings: [] };
    expect(run([[0, crash(1)], [5, resolved], [6, crash(2)]])).toEqual(['full', 'full', 'full']);
  });

  it('says how many alerts, since when, and the last exit in the follow-up', () => {
    let state: FollowUpState | undefined;
    for (const [min, d] of [[0, crash(1)], [5, crash(2)], [10, crash(3)]] as const) state = decideFollowUp(state, d, at(min), POLICY).next;
    const { plan } = decideFollowUp(state, crash(4, { lastSeen: '2026-05-14T10:02:00Z' }), at(16), POLICY);
    expect(plan).toEqual({ kind: 'follow-up', info: { count: 4, since: '2026-05-14T09:14:00.000Z', lastExit: '2026-05-14T10:02:00Z', firstAlertId: '/alerts/a-1' } });
    if (plan.kind !== 'follow-up') throw new Error('unreachable');
    const short = asFollowUp(crash(4), plan.info);
    expect(short.summary).toBe('orders-api is still failing: 4th alert since 09:14 UTC, same cause (DATABASE_URL is not set), last exit 10:02');
    expect(short.findings[0]!.actions).toEqual([]);
    expect(short.followUp?.count).toBe(4);
  });
});

describe('FollowUps against a store', () => {
  it('posts in full when the store fails: a repeated page beats a lost one', async () => {
    const broken: FollowUpStore = { read: async () => Promise.reject(new Error('table down')), write: async () => true };
    const f = new FollowUps(broken, POLICY, { now: () => at(0) });
    expect(await f.plan(crash(1), 'ops')).toEqual({ kind: 'full' });
  });

  it('decides again when another instance wrote in between, so only one follow-up goes out', async () => {
    const store = new InMemoryFollowUpStore();
    let clock = at(0);
    const a = new FollowUps(store, POLICY, { now: () => clock });
    const b = new FollowUps(store, POLICY, { now: () => clock });
    expect((await a.plan(crash(1), 'ops')).kind).toBe('full');
    clock = at(16);
    const plans = await Promise.all([a.plan(crash(2), 'ops'), b.plan(crash(3), 'ops')]);
    expect(plans.map((p) => p.kind).sort()).toEqual(['follow-up', 'suppress']);
  });

  it('keeps destinations apart and does nothing when turned off', async () => {
    const store = new InMemoryFollowUpStore();
    const f = new FollowUps(store, POLICY, { now: () => at(1) });
    expect((await f.plan(crash(1), 'teams')).kind).toBe('full');
    expect((await f.plan(crash(1), 'slack')).kind).toBe('full');
    const off = new FollowUps(store, { windowMinutes: 0, intervalMinutes: 15 }, { now: () => at(2) });
    expect((await off.plan(crash(2), 'teams')).kind).toBe('full');
  });
});
