/**
 * Keeps the dedupe table from growing forever: a daily timer deletes rows last written before the
 * retention period. A row only matters while an alert can still be retried (action-group retries, queue
 * redeliveries, the outbox's delays: hours at most), so a week keeps every useful answer with room to
 * spare. Rows of other partitions that share the table (the Log Analytics slots) are left alone.
 */
import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';

/** Days a delivery record is kept after it was last written. */
export const DEFAULT_DEDUPE_RETENTION_DAYS = 7;

export interface PruneOptions {
  /** Rows last written before this instant go. */
  olderThan: Date;
  /** Partitions never pruned (shared-table coordination rows). */
  keepPartitions?: readonly string[];
  signal?: AbortSignal;
}

export async function pruneDedupeTable(table: TableClient, options: PruneOptions): Promise<number> {
  let filter = odata`Timestamp lt ${options.olderThan}`;
  for (const p of options.keepPartitions ?? []) filter += ` and ${odata`PartitionKey ne ${p}`}`;
  let deleted = 0;
  const rows = table.listEntities<{ partitionKey: string; rowKey: string }>({
    queryOptions: { filter, select: ['PartitionKey', 'RowKey'] },
    abortSignal: options.signal,
  });
  for await (const row of rows) {
    try {
      await table.deleteEntity(row.partitionKey, row.rowKey, { abortSignal: options.signal });
      deleted++;
    } catch (err) {
      // Deleted meanwhile by another run: what we wanted.
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
  }
  return deleted;
}
