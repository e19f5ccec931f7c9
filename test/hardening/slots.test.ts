/**
 * The Log Analytics bound across instances: slots in the dedupe table. Two "instances" (two semaphores,
 * each with its own Tables client) share one Azurite table; however many fetches they start, no more than
 * the slot count run at once. A slot whose holder died frees itself when its lease runs out, and a caller
 * that finds every slot held gives up after its wait with a typed TimeoutError (the queue retries).
 */
import { TableClient } from '@azure/data-tables';
import { TimeoutError } from '../../src/errors';
import { LOG_ANALYTICS_SLOT_PARTITION, createTableSemaphore, type SlotTable } from '../../src/policy/slots';
import { useTestStorage } from '../support/storage';

/** A deferred the test resolves itself, to hold a fetch "in flight" for as long as it wants. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('Log Analytics slots in the dedupe table', () => {
  // The run's shared Azurite; each test's table is its own (deleted after it).
  const storage = useTestStorage();
  const client = (table: string) => TableClient.fromConnectionString(storage.azurite.connectionString, table, { allowInsecureConnection: true });

  it('two instances never run more fetches together than there are slots', async () => {
    const table = storage.tableName('slots');
    const instances = [client(table), client(table)].map((t) =>
      createTableSemaphore({ table: t as unknown as SlotTable, name: 'Log Analytics', slots: 2, leaseMs: 60_000, maxWaitMs: 60_000, pollMs: 20 }),
    );
    let active = 0;
    let peak = 0;
    const running: { open: () => void }[] = [];
    let started: () => void = () => undefined;
    const fetches = Array.from({ length: 8 }, (_, i) =>
      instances[i % 2].run(async () => {
        active++;
        peak = Math.max(peak, active);
        const g = gate();
        running.push(g);
        started();
        await g.opened;
        active--;
      }),
    );
    // Let the fetches through one at a time, each only once it is running, until all eight are done.
    for (let done = 0; done < 8; done++) {
      while (running.length === 0) await new Promise<void>((r) => (started = r));
      expect(active).toBeLessThanOrEqual(2);
      running.shift()!.open();
    }
    await Promise.all(fetches);
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThan(0);
    const rows = [];
    for await (const r of client(table).listEntities({ queryOptions: { filter: `PartitionKey eq '${LOG_ANALYTICS_SLOT_PARTITION}'` } })) rows.push(r);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((r) => r.holder === '')).toBe(true);
  });

  it("a dead holder's slot is taken once its lease ran out; a live one makes the caller give up in time", async () => {
    const table = client(storage.tableName('slotsexp'));
    await table.createTable();
    let clock = Date.parse('2026-12-01T10:00:00Z');
    const semaphore = createTableSemaphore({
      table: table as unknown as SlotTable,
      name: 'Log Analytics',
      slots: 1,
      leaseMs: 120_000,
      maxWaitMs: 30_000,
      now: () => clock,
      // Waiting advances the fake clock: no real time passes in this test.
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await table.createEntity({ partitionKey: LOG_ANALYTICS_SLOT_PARTITION, rowKey: 'slot-0', holder: 'crashed-instance', expiresAt: clock - 1 });
    await expect(semaphore.run(async () => 'ran')).resolves.toBe('ran');

    await table.updateEntity({ partitionKey: LOG_ANALYTICS_SLOT_PARTITION, rowKey: 'slot-0', holder: 'busy-instance', expiresAt: clock + 600_000 }, 'Replace');
    const startedAt = clock;
    const err = await semaphore.run(async () => 'never').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(String((err as Error).message)).toMatch(/slot/);
    expect(clock - startedAt).toBeLessThanOrEqual(30_000);
  });
});
