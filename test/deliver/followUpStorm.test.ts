/**
 * The storm: one app failing 50 times in an hour, two destinations, two instances deciding in
 * turn against one Azurite table. Each destination gets one full post and then follow-ups at the
 * configured rate (one per 15 minutes), never more; the other alerts are counted, not posted.
 */
import { randomUUID } from 'node:crypto';
import type { Destination } from '../../src/config';
import { TableDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis } from '../../src/deliver/deliver';
import { FollowUps } from '../../src/deliver/followUp';
import { TableFollowUpStore } from '../../src/deliver/followUpTable';
import { Outbox, type RenderFn } from '../../src/deliver/outbox';
import { InMemoryQueue } from '../../src/deliver/queue';
import type { Diagnosis } from '../../src/model';
import { sampleDiagnosis, tableClient, useAzuriteAndReceiver } from './helpers';

const T0 = Date.parse('2026-05-14T09:14:00Z');
const ALERTS = 50;
const SPACING_MS = 72_000; // 50 alerts over 58.8 minutes

const render: RenderFn = (d: Diagnosis, format) => ({
  contentType: 'application/json',
  body: JSON.stringify({ format, alertId: d.alert?.alertId, summary: d.summary, followUp: d.followUp ?? null }),
});

function alertNo(n: number): Diagnosis {
  const d = sampleDiagnosis(`/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/storm-${n}`);
  d.target = { kind: 'containerApp', name: 'orders-api', resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps/orders-api', revision: 'orders-api--r7' };
  d.findings[0] = { ...d.findings[0]!, names: { envVar: 'DATABASE_URL' }, lastSeen: new Date(T0 + n * SPACING_MS - 5000).toISOString() };
  return d;
}

describe('repeat pages: 50 alerts in an hour (Azurite)', () => {
  const world = useAzuriteAndReceiver();

  it('posts once in full and then follow-ups at the configured rate, per destination', async () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
    const destinations: Destination[] = [
      { name: 'ops-teams', url: world.rx.url('/teams'), format: 'teams' },
      { name: 'ops-slack', url: world.rx.url('/slack'), format: 'slack' },
    ];
    const dedupe = new TableDedupeStore(tableClient(world.azurite, `dedupe${suffix}`));
    const store = new TableFollowUpStore(tableClient(world.azurite, `followups${suffix}`));
    const outbox = new Outbox({ queue: new InMemoryQueue('outbox'), poisonQueue: new InMemoryQueue('outbox-poison') });
    let clock = new Date(T0);
    const policy = { windowMinutes: 60, intervalMinutes: 15 };
    // Two instances with their own FollowUps objects: only the table is shared, as on Flex.
    const instances = [new FollowUps(store, policy, { now: () => clock }), new FollowUps(store, policy, { now: () => clock })];
    const statuses: string[] = [];
    for (let n = 0; n < ALERTS; n++) {
      clock = new Date(T0 + n * SPACING_MS);
      const report = await deliverDiagnosis(alertNo(n), destinations, {
        render,
        dedupe,
        outbox,
        followUps: instances[n % 2],
        webhookOptions: { timeoutMs: 5000, maxAttempts: 1 },
        now: () => clock,
      });
      statuses.push(...report.results.map((r) => r.status));
    }
    for (const path of ['/teams', '/slack']) {
      const posts = world.rx.acceptedOn(path).map((r) => JSON.parse(r.body) as { alertId: string; summary: string; followUp: { count: number } | null });
      expect(posts).toHaveLength(4);
      expect(posts[0]!.followUp).toBeNull();
      expect(posts[0]!.alertId).toMatch(/storm-0$/);
      // Alerts 13, 26 and 39 are the first ones 15 minutes after the previous post.
      expect(posts.slice(1).map((p) => p.followUp?.count)).toEqual([14, 27, 40]);
      expect(posts[1]!.summary).toMatch(/^orders-api is still failing: 14th alert since 09:14 UTC, same cause/);
    }
    expect(statuses.filter((s) => s === 'delivered')).toHaveLength(8);
    expect(statuses.filter((s) => s === 'suppressed')).toHaveLength(2 * ALERTS - 8);
  });
});
