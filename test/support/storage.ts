/**
 * Queues and tables for one test on the run's shared Azurite. Every name handed out is unique to the
 * test (so a test that timed out and is still running in the background only ever touches its own
 * queues) and is deleted after the test, with its `-poison` companion.
 *
 *   const storage = useTestStorage();           // in a describe block (or at file level)
 *   const outbox = storage.queue('outbox');     // inside a test: QueueClient on a fresh queue
 *   env.DEDUPE_TABLE = storage.tableName('deliveries');
 */
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { sharedAzurite, uniqueQueueName, uniqueTableName, type Azurite } from './azurite';

export interface TestStorage {
  /** The shared Azurite (set once the describe's beforeAll ran). */
  readonly azurite: Azurite;
  queueName(prefix: string): string;
  tableName(prefix: string): string;
  queue(prefix: string): QueueClient;
  table(prefix: string): TableClient;
}

export function useTestStorage(): TestStorage {
  let azurite: Azurite | undefined;
  let queues: string[] = [];
  let tables: string[] = [];
  const need = (): Azurite => {
    if (!azurite) throw new Error('useTestStorage: Azurite is not started yet (use it inside a test or hook)');
    return azurite;
  };
  beforeAll(async () => {
    azurite = await sharedAzurite();
  });
  afterEach(async () => {
    const [q, t] = [queues, tables];
    queues = [];
    tables = [];
    if (!azurite) return;
    const queueService = QueueServiceClient.fromConnectionString(azurite.connectionString);
    const tableService = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
    // Best effort: a queue the test never created is simply not there.
    await Promise.all([
      ...q.flatMap((name) => [name, `${name}-poison`]).map((name) => queueService.getQueueClient(name).deleteIfExists().catch(() => undefined)),
      ...t.map((name) => tableService.deleteTable(name).catch(() => undefined)),
    ]);
  });
  const storage: TestStorage = {
    get azurite() {
      return need();
    },
    queueName(prefix) {
      const name = uniqueQueueName(prefix);
      queues.push(name);
      return name;
    },
    tableName(prefix) {
      const name = uniqueTableName(prefix);
      tables.push(name);
      return name;
    },
    queue: (prefix) => QueueServiceClient.fromConnectionString(need().connectionString).getQueueClient(storage.queueName(prefix)),
    table: (prefix) => TableClient.fromConnectionString(need().connectionString, storage.tableName(prefix), { allowInsecureConnection: true }),
  };
  return storage;
}
