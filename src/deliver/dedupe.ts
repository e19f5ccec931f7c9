/**
 * Exactly-once bookkeeping per `(alertId, monitorCondition, destination)`. Action groups retry their
 * webhooks and Storage queues redeliver messages, so the same alert can reach delivery several times,
 * even concurrently; whoever claims the key first posts, everyone else stands aside.
 *
 * A claim is a row written with "insert, fail if present", so exactly one writer wins. A claim whose
 * holder died (crash, timeout) would block the key for ever, so a claim older than `staleAfterMs` can be
 * taken over, with an ETag check so only one of several takers succeeds.
 *
 * Limits: between a successful POST and `markDelivered` there is a window where a crash leaves the key
 * in flight; the stale takeover then posts again. That is at-least-once in that narrow case, which is the
 * best any webhook without an idempotency key allows.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { tableCreator, tableStatusOf as statusOf } from './tableSupport';
import type { MonitorCondition } from '../model';

export interface DedupeKey {
  alertId: string;
  monitorCondition: MonitorCondition;
  /** The destination's name (never its URL). */
  destination: string;
}

export type ClaimResult = 'claimed' | 'already-delivered' | 'in-flight';

export interface DedupeCallOptions {
  signal?: AbortSignal;
}

export interface DedupeStore {
  /** Take the right to post for this key. Only `'claimed'` allows a POST. */
  claim(key: DedupeKey, options?: DedupeCallOptions): Promise<ClaimResult>;
  /** Record that the POST succeeded: later claims answer `'already-delivered'`. */
  markDelivered(key: DedupeKey, options?: DedupeCallOptions): Promise<void>;
  /** Give the claim back after a failed POST, so a later attempt (outbox, redelivery) can take it. */
  release(key: DedupeKey, options?: DedupeCallOptions): Promise<void>;
}

export const DEFAULT_STALE_AFTER_MS = 10 * 60 * 1000;

/** One string per key, for maps and logs. The alert id is an ARM-like path: fine to log, never secret. */
export function dedupeKeyString(key: DedupeKey): string {
  return `${key.alertId}|${key.monitorCondition}|${key.destination}`;
}

/**
 * Table keys forbid `/ \ # ?` and control characters, and alert ids are full of slashes, so the row key
 * is a hash of the alert part. The destination name becomes the partition so one noisy destination's
 * rows stay together; it is hashed too when it holds a forbidden character.
 */
export function tableKeys(key: DedupeKey): { partitionKey: string; rowKey: string } {
  const rowKey = createHash('sha256').update(`${key.alertId}\n${key.monitorCondition}`).digest('hex');
  const safeName = /^[A-Za-z0-9._~-]{1,200}$/.test(key.destination);
  const partitionKey = safeName ? key.destination : `h-${createHash('sha256').update(key.destination).digest('hex')}`;
  return { partitionKey, rowKey };
}

interface ClaimRow {
  partitionKey: string;
  rowKey: string;
  state: 'in-flight' | 'delivered';
  claimedAt: string;
  owner: string;
  deliveredAt?: string;
  alertId: string;
  monitorCondition: string;
  destination: string;
}


export interface TableDedupeStoreOptions {
  /** Create the table on first use (tolerates it existing). Default true. */
  createTable?: boolean;
  staleAfterMs?: number;
  now?: () => number;
}

/** The production store: one Azure Table (`DEDUPE_TABLE`, default `deliveries`). */
export class TableDedupeStore implements DedupeStore {
  private readonly staleAfterMs: number;
  private readonly now: () => number;
  /** Creates the table on first use (tolerating it existing), unless `createTable` is false. */
  private readonly ensureTable: (signal?: AbortSignal) => Promise<void>;
  /** The owner token of each claim this instance holds, so `release` never drops someone else's claim. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly table: TableClient,
    private readonly options: TableDedupeStoreOptions = {},
  ) {
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.now = options.now ?? Date.now;
    this.ensureTable = tableCreator(table, options.createTable !== false);
  }

  async claim(key: DedupeKey, options: DedupeCallOptions = {}): Promise<ClaimResult> {
    await this.ensureTable(options.signal);
    const { partitionKey, rowKey } = tableKeys(key);
    const owner = randomUUID();
    const row: ClaimRow = {
      partitionKey,
      rowKey,
      state: 'in-flight',
      claimedAt: new Date(this.now()).toISOString(),
      owner,
      alertId: key.alertId,
      monitorCondition: key.monitorCondition,
      destination: key.destination,
    };
    // A few rounds cover the races: the row vanishes (released) between our insert and our read.
    for (let round = 0; round < 3; round++) {
      try {
        await this.table.createEntity(row, { abortSignal: options.signal });
        this.owners.set(dedupeKeyString(key), owner);
        return 'claimed';
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
      }
      let existing: ClaimRow & { etag: string };
      try {
        existing = (await this.table.getEntity<ClaimRow>(partitionKey, rowKey, { abortSignal: options.signal })) as ClaimRow & {
          etag: string;
        };
      } catch (err) {
        if (statusOf(err) === 404) continue;
        throw err;
      }
      if (existing.state === 'delivered') return 'already-delivered';
      const claimedAt = Date.parse(existing.claimedAt);
      if (Number.isFinite(claimedAt) && this.now() - claimedAt < this.staleAfterMs) return 'in-flight';
      try {
        // Take over a stale claim; the ETag makes sure only one of several takers wins.
        await this.table.updateEntity(row, 'Replace', { etag: existing.etag, abortSignal: options.signal });
        this.owners.set(dedupeKeyString(key), owner);
        return 'claimed';
      } catch (err) {
        const status = statusOf(err);
        if (status === 412) return 'in-flight';
        if (status === 404) continue;
        throw err;
      }
    }
    return 'in-flight';
  }

  async markDelivered(key: DedupeKey, options: DedupeCallOptions = {}): Promise<void> {
    await this.ensureTable(options.signal);
    const { partitionKey, rowKey } = tableKeys(key);
    const name = dedupeKeyString(key);
    // Upsert, not update: "delivered" is the truth even if our claim was meanwhile taken over.
    await this.table.upsertEntity(
      {
        partitionKey,
        rowKey,
        state: 'delivered',
        deliveredAt: new Date(this.now()).toISOString(),
        owner: this.owners.get(name) ?? 'unknown',
        alertId: key.alertId,
        monitorCondition: key.monitorCondition,
        destination: key.destination,
      },
      'Merge',
      { abortSignal: options.signal },
    );
    this.owners.delete(name);
  }

  async release(key: DedupeKey, options: DedupeCallOptions = {}): Promise<void> {
    const name = dedupeKeyString(key);
    const owner = this.owners.get(name);
    this.owners.delete(name);
    if (!owner) return;
    const { partitionKey, rowKey } = tableKeys(key);
    try {
      const existing = await this.table.getEntity<ClaimRow>(partitionKey, rowKey, { abortSignal: options.signal });
      if (existing.state !== 'in-flight' || existing.owner !== owner) return;
      await this.table.deleteEntity(partitionKey, rowKey, { etag: existing.etag, abortSignal: options.signal });
    } catch (err) {
      const status = statusOf(err);
      // Gone or changed meanwhile: someone else owns the key now, which is what release wants anyway.
      if (status === 404 || status === 412) return;
      throw err;
    }
  }
}

/** Same rules in memory, for tests and the CLI (one process, nothing shared). */
export class InMemoryDedupeStore implements DedupeStore {
  private readonly rows = new Map<string, { state: 'in-flight' | 'delivered'; claimedAt: number }>();
  private readonly staleAfterMs: number;
  private readonly now: () => number;

  constructor(options: { staleAfterMs?: number; now?: () => number } = {}) {
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.now = options.now ?? Date.now;
  }

  async claim(key: DedupeKey): Promise<ClaimResult> {
    const name = dedupeKeyString(key);
    const row = this.rows.get(name);
    if (row?.state === 'delivered') return 'already-delivered';
    if (row && this.now() - row.claimedAt < this.staleAfterMs) return 'in-flight';
    this.rows.set(name, { state: 'in-flight', claimedAt: this.now() });
    return 'claimed';
  }

  async markDelivered(key: DedupeKey): Promise<void> {
    this.rows.set(dedupeKeyString(key), { state: 'delivered', claimedAt: this.now() });
  }

  async release(key: DedupeKey): Promise<void> {
    const name = dedupeKeyString(key);
    if (this.rows.get(name)?.state === 'in-flight') this.rows.delete(name);
  }

  /** What the store holds, for assertions. */
  state(key: DedupeKey): 'in-flight' | 'delivered' | undefined {
    return this.rows.get(dedupeKeyString(key))?.state;
  }
}
