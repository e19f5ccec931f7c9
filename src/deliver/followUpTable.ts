/**
 * Follow-up state in Azure Table storage (`FOLLOWUP_TABLE`, default `followups`), so every instance sees
 * the same count. One row per app and destination: the partition is a hash of the app (ARM ids hold
 * characters table keys forbid), the row key a hash of the destination name. Writes are conditional:
 * an insert fails if someone inserted first (409), a replace fails if the row changed since it was read
 * (412); either way `write` answers false and the caller decides again.
 */
import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { FollowUpKey, FollowUpState, FollowUpStore, StoredState } from './followUp';
import { tableCreator, tableStatusOf } from './tableSupport';

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 40);

interface FollowUpRow extends FollowUpState {
  partitionKey: string;
  rowKey: string;
  app: string;
  destination: string;
}

export class TableFollowUpStore implements FollowUpStore {
  private readonly ensureTable: (signal?: AbortSignal) => Promise<void>;

  constructor(
    private readonly table: TableClient,
    options: { createTable?: boolean } = {},
  ) {
    this.ensureTable = tableCreator(table, options.createTable !== false);
  }

  async read(key: FollowUpKey, signal?: AbortSignal): Promise<StoredState> {
    await this.ensureTable(signal);
    try {
      const row = await this.table.getEntity<FollowUpRow>(hash(key.app), hash(key.destination), { abortSignal: signal });
      const state: FollowUpState = {
        signature: row.signature,
        revision: row.revision ?? '',
        firstAt: row.firstAt,
        lastAt: row.lastAt,
        lastPostAt: row.lastPostAt,
        count: Number(row.count),
      };
      if (row.lastExit) state.lastExit = row.lastExit;
      if (row.firstAlertId) state.firstAlertId = row.firstAlertId;
      return { state, etag: row.etag };
    } catch (err) {
      if (tableStatusOf(err) === 404) return {};
      throw err;
    }
  }

  async write(key: FollowUpKey, state: FollowUpState, etag: string | undefined, signal?: AbortSignal): Promise<boolean> {
    await this.ensureTable(signal);
    const row: FollowUpRow = { partitionKey: hash(key.app), rowKey: hash(key.destination), app: key.app, destination: key.destination, ...state };
    try {
      if (etag === undefined) await this.table.createEntity(row, { abortSignal: signal });
      else await this.table.updateEntity(row, 'Replace', { etag, abortSignal: signal });
      return true;
    } catch (err) {
      const status = tableStatusOf(err);
      if (status === 409 || status === 412 || status === 404) return false;
      throw err;
    }
  }
}
