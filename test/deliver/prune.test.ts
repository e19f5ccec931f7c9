/**
 * The daily prune of the dedupe table, on Azurite: rows last written before the cut-off go, newer rows
 * stay, and the Log Analytics slots that share the table are never touched.
 */
import type { TableClient } from '@azure/data-tables';
import { pruneDedupeTable } from '../../src/deliver/prune';
import { LOG_ANALYTICS_SLOT_PARTITION } from '../../src/policy/slots';
import { useTestStorage } from '../support/storage';

describe('pruneDedupeTable', () => {
  // The run's shared Azurite, with a table of this test's own (deleted after it).
  const storage = useTestStorage();

  async function rowsOf(table: TableClient): Promise<string[]> {
    const out: string[] = [];
    for await (const r of table.listEntities()) out.push(`${r.partitionKey}/${r.rowKey}`);
    return out.sort();
  }

  it('deletes rows written before the cut-off, keeps newer ones and the slot partition', async () => {
    const table = storage.table('prune');
    await table.createTable();
    for (const [p, r] of [['ops', 'a'], ['ops', 'b'], ['teams', 'c'], [LOG_ANALYTICS_SLOT_PARTITION, 'slot-0']]) {
      await table.createEntity({ partitionKey: p, rowKey: r, state: 'delivered' });
    }
    const written = await rowsOf(table);
    expect(written).toHaveLength(4);

    // A cut-off before the rows were written removes nothing.
    expect(await pruneDedupeTable(table, { olderThan: new Date(Date.now() - 3_600_000), keepPartitions: [LOG_ANALYTICS_SLOT_PARTITION] })).toBe(0);
    expect(await rowsOf(table)).toEqual(written);

    // A cut-off after them removes every delivery record, and only those.
    const deleted = await pruneDedupeTable(table, { olderThan: new Date(Date.now() + 3_600_000), keepPartitions: [LOG_ANALYTICS_SLOT_PARTITION] });
    expect(deleted).toBe(3);
    expect(await rowsOf(table)).toEqual([`${LOG_ANALYTICS_SLOT_PARTITION}/slot-0`]);
  });
});
