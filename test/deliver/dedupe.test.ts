import { InMemoryDedupeStore, TableDedupeStore, tableKeys, type DedupeKey, type DedupeStore } from '../../src/deliver/dedupe';
import { useTestStorage } from '../support/storage';

const key = (n: number, destination = 'ops-teams'): DedupeKey => ({
  alertId: `/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a#${n}?x\\y`,
  monitorCondition: 'Fired',
  destination,
});

const storage = useTestStorage();

type Factory = (clock: () => number) => DedupeStore;

const factories: [string, Factory][] = [
  ['TableDedupeStore on Azurite', (now) => new TableDedupeStore(storage.table('dedupe'), { now, staleAfterMs: 60_000 })],
  ['InMemoryDedupeStore', (now) => new InMemoryDedupeStore({ now, staleAfterMs: 60_000 })],
];

describe.each(factories)('%s', (_name, make) => {
  let time: number;
  let store: DedupeStore;
  beforeEach(() => {
    time = Date.parse('2025-04-15T18:00:00Z');
    store = make(() => time);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => store.claim(key(1))));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'in-flight')).toHaveLength(11);
  });

  it('answers already-delivered after markDelivered, for good', async () => {
    expect(await store.claim(key(2))).toBe('claimed');
    await store.markDelivered(key(2));
    expect(await store.claim(key(2))).toBe('already-delivered');
    time += 24 * 3600_000;
    expect(await store.claim(key(2))).toBe('already-delivered');
  });

  it('makes a released key claimable again', async () => {
    expect(await store.claim(key(3))).toBe('claimed');
    await store.release(key(3));
    expect(await store.claim(key(3))).toBe('claimed');
  });

  it('keeps the three parts of the key apart: condition and destination make distinct keys', async () => {
    expect(await store.claim(key(4))).toBe('claimed');
    await store.markDelivered(key(4));
    expect(await store.claim({ ...key(4), monitorCondition: 'Resolved' })).toBe('claimed');
    expect(await store.claim(key(4, 'ops-slack'))).toBe('claimed');
  });

  it('lets a stale in-flight claim be taken over, by one taker only', async () => {
    expect(await store.claim(key(5))).toBe('claimed');
    time += 30_000;
    expect(await store.claim(key(5))).toBe('in-flight');
    time += 60_000;
    const takers = await Promise.all([store.claim(key(5)), store.claim(key(5)), store.claim(key(5))]);
    expect(takers.filter((r) => r === 'claimed')).toHaveLength(1);
  });
});

describe('TableDedupeStore specifics', () => {
  it('uses keys Azure Tables accept, for any alert id and destination name', () => {
    const { partitionKey, rowKey } = tableKeys({ alertId: 'a/b\\c#d?e\u0001', monitorCondition: 'Fired', destination: 'ops teams/#1' });
    for (const k of [partitionKey, rowKey]) {
      expect(k).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
      expect(k.length).toBeLessThanOrEqual(1024);
    }
    expect(tableKeys({ alertId: 'x', monitorCondition: 'Fired', destination: 'ops-teams' }).partitionKey).toBe('ops-teams');
  });

  it('does not release a claim another store instance took over', async () => {
    const table = storage.table('dedupe');
    let time = 0;
    const first = new TableDedupeStore(table, { now: () => time, staleAfterMs: 1000 });
    const second = new TableDedupeStore(table, { now: () => time, staleAfterMs: 1000 });
    expect(await first.claim(key(6))).toBe('claimed');
    time = 5000;
    expect(await second.claim(key(6))).toBe('claimed');
    await first.release(key(6));
    // Still held by the second instance.
    expect(await second.claim(key(6))).toBe('in-flight');
    await second.markDelivered(key(6));
    expect(await first.claim(key(6))).toBe('already-delivered');
  });

  it('records what it stored in readable columns (alert id, condition, destination, state)', async () => {
    const table = storage.table('dedupe');
    const store = new TableDedupeStore(table);
    await store.claim(key(7));
    await store.markDelivered(key(7));
    const { partitionKey, rowKey } = tableKeys(key(7));
    const row = await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    expect(row).toMatchObject({ state: 'delivered', alertId: key(7).alertId, monitorCondition: 'Fired', destination: 'ops-teams' });
  });
});
