/**
 * A bound on Log Analytics queries that holds across every instance of the app. On Flex Consumption the
 * queue trigger scales out on its own (40 instances or more), so an in-process limiter alone would let
 * 40 x 2 evidence fetches (160 queries) run at once, while Log Analytics runs 5 per identity and queues
 * or throttles the rest (https://learn.microsoft.com/azure/azure-monitor/service-limits, log queries).
 *
 * The slots are rows in the app's dedupe table, one per allowed fetch. Taking a slot is an optimistic
 * write (ETag) of a holder and an expiry; only one of several writers wins a row. A crashed holder's slot
 * frees itself when its lease expires (longer than any query may take). A caller that finds no free slot
 * within `maxWaitMs` (well below the function timeout) fails with a TimeoutError, so the queue tries the
 * alert again later instead of the host killing a worker at functionTimeout.
 */
import { randomUUID } from 'node:crypto';
import { TimeoutError } from '../errors';
import { abortableSleep } from './abortableSleep';
import type { Limiter, LimiterStats } from './limiter';

/** The partition of the dedupe table that holds the slots; the daily prune leaves it alone. */
export const LOG_ANALYTICS_SLOT_PARTITION = 'slots log-analytics';

interface SlotRow {
  partitionKey: string;
  rowKey: string;
  holder: string;
  /** Epoch ms after which the slot counts as free, whoever holds it. */
  expiresAt: number;
}

/** The few TableClient calls the slots need (a stand-in in unit tests, Tables or Azurite otherwise). */
export interface SlotTable {
  createTable(): Promise<unknown>;
  getEntity<T extends object>(partitionKey: string, rowKey: string): Promise<T & { etag: string }>;
  createEntity(entity: SlotRow): Promise<{ etag?: string }>;
  updateEntity(entity: SlotRow, mode: 'Replace', options: { etag: string }): Promise<{ etag?: string }>;
}

export interface TableSemaphoreOptions {
  table: SlotTable;
  name: string;
  slots: number;
  /** How long a taken slot stays taken if its holder never gives it back. */
  leaseMs: number;
  /** Longest a caller waits for a free slot. */
  maxWaitMs: number;
  /** Pause between rounds while every slot is taken (jittered). */
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number } | null)?.statusCode;


export function createTableSemaphore(options: TableSemaphoreOptions): Limiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const pollMs = options.pollMs ?? 500;
  const slots = Math.max(1, Math.floor(options.slots));
  let tableReady: Promise<unknown> | undefined;
  let active = 0;
  let peakActive = 0;
  let completed = 0;
  let queued = 0;

  const ensureTable = (): Promise<unknown> =>
    (tableReady ??= options.table.createTable().catch((err: unknown) => {
      if (statusOf(err) === 409) return;
      tableReady = undefined;
      throw err;
    }));

  /** One try at one slot: the ETag of our write when we got it, undefined when it is taken. */
  async function tryTake(index: number, holder: string): Promise<string | undefined> {
    const row: SlotRow = { partitionKey: LOG_ANALYTICS_SLOT_PARTITION, rowKey: `slot-${index}`, holder, expiresAt: now() + options.leaseMs };
    let existing: (SlotRow & { etag: string }) | undefined;
    try {
      existing = await options.table.getEntity<SlotRow>(row.partitionKey, row.rowKey);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
    try {
      if (!existing) return (await options.table.createEntity(row)).etag ?? '*';
      if (existing.holder && Number(existing.expiresAt) > now()) return undefined;
      return (await options.table.updateEntity(row, 'Replace', { etag: existing.etag })).etag ?? '*';
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412) return undefined; // another instance was quicker
      throw err;
    }
  }

  async function acquire(holder: string, signal?: AbortSignal): Promise<{ index: number; etag: string }> {
    await ensureTable();
    const deadline = now() + options.maxWaitMs;
    for (;;) {
      const start = Math.floor(Math.random() * slots);
      for (let k = 0; k < slots; k++) {
        const index = (start + k) % slots;
        const etag = await tryTake(index, holder);
        if (etag) return { index, etag };
      }
      const pause = pollMs / 2 + Math.random() * pollMs;
      if (now() + pause > deadline) {
        throw new TimeoutError(
          `No ${options.name} slot came free within ${Math.round(options.maxWaitMs / 1000)} s (${slots} shared by every instance); the alert will be tried again.`,
          { context: { dependency: options.name, slots } },
        );
      }
      await sleep(pause, signal);
    }
  }

  async function release(index: number, etag: string): Promise<void> {
    const row: SlotRow = { partitionKey: LOG_ANALYTICS_SLOT_PARTITION, rowKey: `slot-${index}`, holder: '', expiresAt: 0 };
    // Only if the slot is still ours: after a lease ran out someone else may hold it now.
    await options.table.updateEntity(row, 'Replace', { etag }).catch(() => undefined);
  }

  return {
    name: options.name,
    async run<T>(fn: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      queued++;
      let slot: { index: number; etag: string };
      try {
        slot = await acquire(randomUUID(), signal);
      } finally {
        queued--;
      }
      active++;
      peakActive = Math.max(peakActive, active);
      try {
        return await fn(signal);
      } finally {
        active--;
        completed++;
        await release(slot.index, slot.etag);
      }
    },
    stats: (): LimiterStats => ({ name: options.name, concurrency: slots, active, queued, peakActive, completed }),
  };
}

/** `outer` first (in-process, cheap to wait in), then `inner` (shared through storage). */
export function chainLimiters(outer: Limiter, inner: Limiter): Limiter {
  return {
    name: inner.name,
    run: (fn, signal) => outer.run((s) => inner.run(fn, s), signal),
    stats: () => inner.stats(),
  };
}

/** A SlotTable whose client is made on first use (cold start: no storage client before the first fetch). */
export function deferredSlotTable(make: () => Promise<SlotTable>): SlotTable {
  let table: Promise<SlotTable> | undefined;
  const get = (): Promise<SlotTable> =>
    (table ??= make().catch((err: unknown) => {
      table = undefined;
      throw err;
    }));
  return {
    createTable: async () => (await get()).createTable(),
    getEntity: async (p, r) => (await get()).getEntity(p, r),
    createEntity: async (e) => (await get()).createEntity(e),
    updateEntity: async (e, m, o) => (await get()).updateEntity(e, m, o),
  };
}
