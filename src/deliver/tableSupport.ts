/** Small pieces every Table-storage store here needs. */
import { RestError, type TableClient } from '@azure/data-tables';

/** The HTTP status of a Tables error (RestError, or anything carrying `statusCode`). */
export function tableStatusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : (err as { statusCode?: number } | undefined)?.statusCode;
}

/**
 * Creates the table on first use, once per client, tolerating "already exists" (409); a failure is not
 * remembered, so the next call tries again.
 */
export function tableCreator(table: TableClient, enabled = true): (signal?: AbortSignal) => Promise<void> {
  let ready: Promise<void> | undefined;
  return (signal) => {
    if (!enabled) return Promise.resolve();
    ready ??= table.createTable({ abortSignal: signal }).catch((err: unknown) => {
      ready = undefined;
      if (tableStatusOf(err) !== 409) throw err;
    });
    return ready;
  };
}
