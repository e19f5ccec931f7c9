/**
 * Wires delivery to real storage from the settings: the dedupe table and the outbox queues live in the
 * Function app's own storage account (`AzureWebJobsStorage`, as a connection string or, identity-based,
 * the `AzureWebJobsStorage__queueServiceUri` / `__tableServiceUri` endpoints in the settings). Without any of them
 * (`npm run serve`, the CLI) it falls back to in-memory stores and says so once in the log.
 *
 * Clients are built on first use, not at import (cold start).
 */
import type { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import type { Destination, Settings } from '../config';
import { silentLogger, type Logger } from '../logger';
import type { Diagnosis } from '../model';
import { render as defaultRender } from '../render';
import { redactDiagnosis } from '../render/redact';
import { InMemoryDedupeStore, TableDedupeStore, type DedupeStore } from './dedupe';
import { deliverDiagnosis, type DestinationOutcome, type WebhookOptions } from './deliver';
import { Outbox, type OutboxPolicy, type RenderFn } from './outbox';
import type { OutboxRetryDeps } from './outboxRetry';
import { InMemoryQueue, StorageQueueSender, type QueueSender } from './queue';
import { FollowUps, InMemoryFollowUpStore, type FollowUpStore } from './followUp';
import { TableFollowUpStore } from './followUpTable';

type Env = Record<string, string | undefined>;

export interface DeliveryStores {
  dedupe: DedupeStore;
  outbox: Outbox;
  /** The alerts queue, for intakes that write it through the SDK rather than an output binding. */
  alertsQueue: QueueSender;
  /** Repeat-page state (FOLLOWUP_TABLE), shared across instances when in Table storage. */
  followUpStore: FollowUpStore;
  /** 'storage' or 'memory', for a start-up log line. */
  kind: 'storage' | 'memory';
  /** The dedupe table itself (storage only), for the daily prune and the Log Analytics slots. */
  table?: TableClient;
}

export interface DeliveryRuntimeOptions {
  env?: Env;
  render?: RenderFn;
  credential?: TokenCredential;
  outboxPolicy?: Partial<OutboxPolicy>;
  webhookOptions?: Partial<WebhookOptions>;
}

export async function createDeliveryStores(settings: Settings, options: DeliveryRuntimeOptions = {}): Promise<DeliveryStores> {
  const env = options.env ?? process.env;
  const names = settings.storage;
  const connectionString = env.AzureWebJobsStorage?.trim();
  const urls = settings.storage.endpoints;
  if (!connectionString && !urls) {
    const outbox = new Outbox({
      queue: new InMemoryQueue(names.outboxQueue),
      poisonQueue: new InMemoryQueue(`${names.outboxQueue}-poison`),
      policy: options.outboxPolicy,
      redact: redactDiagnosis,
    });
    return {
      dedupe: new InMemoryDedupeStore(),
      outbox,
      alertsQueue: new InMemoryQueue(names.alertsQueue),
      followUpStore: new InMemoryFollowUpStore(),
      kind: 'memory',
    };
  }
  const { TableClient } = await import('@azure/data-tables');
  const { QueueClient, QueueServiceClient } = await import('@azure/storage-queue');
  let table: TableClient;
  let followUpTable: TableClient;
  let queue: (name: string) => InstanceType<typeof QueueClient>;
  if (connectionString && !urls) {
    // Azurite and local development speak plain http; the Tables client refuses that unless told.
    const insecure = /UseDevelopmentStorage=true|=http:\/\//i.test(connectionString);
    table = TableClient.fromConnectionString(connectionString, names.dedupeTable, { allowInsecureConnection: insecure });
    followUpTable = TableClient.fromConnectionString(connectionString, settings.followUps.table, { allowInsecureConnection: insecure });
    const service = QueueServiceClient.fromConnectionString(connectionString);
    queue = (name) => service.getQueueClient(name);
  } else {
    // The runtime passes its one credential (the managed identity in Azure); the CLI's default otherwise.
    const credential = options.credential ?? new (await import('@azure/identity')).DefaultAzureCredential();
    table = new TableClient(urls!.table, names.dedupeTable, credential);
    followUpTable = new TableClient(urls!.table, settings.followUps.table, credential);
    queue = (name) => new QueueClient(`${urls!.queue}/${name}`, credential);
  }
  const outbox = new Outbox({
    queue: new StorageQueueSender(queue(names.outboxQueue)),
    poisonQueue: new StorageQueueSender(queue(`${names.outboxQueue}-poison`)),
    policy: options.outboxPolicy,
    redact: redactDiagnosis,
  });
  return {
    dedupe: new TableDedupeStore(table),
    outbox,
    alertsQueue: new StorageQueueSender(queue(names.alertsQueue)),
    followUpStore: new TableFollowUpStore(followUpTable),
    kind: 'storage',
    table,
  };
}

export function webhookOptionsFrom(settings: Settings, extra: Partial<WebhookOptions> = {}): WebhookOptions {
  return { timeoutMs: settings.webhook.timeoutMs, maxAttempts: settings.webhook.maxAttempts, ...extra };
}

export type Deliverer = (diagnosis: Diagnosis, options: { logger: Logger; signal?: AbortSignal; correlationId?: string }) => Promise<DestinationOutcome[]>;

/**
 * What the runtime's `deliver` is: every configured destination, exactly once, failures to the outbox.
 * The stores are built once, on the first call.
 */
export function createDeliverer(settings: Settings, options: DeliveryRuntimeOptions = {}): Deliverer {
  let stores: Promise<DeliveryStores> | undefined;
  let announced = false;
  return async (diagnosis, { logger = silentLogger, signal, correlationId }) => {
    stores ??= createDeliveryStores(settings, options).catch((err: unknown) => {
      stores = undefined;
      throw err;
    });
    const s = await stores;
    if (!announced && s.kind === 'memory') {
      announced = true;
      logger.warn('no storage configured: dedupe and outbox are in memory (not durable)');
    }
    const report = await deliverDiagnosis(diagnosis, settings.destinations, {
      render: options.render ?? defaultRender,
      dedupe: s.dedupe,
      outbox: s.outbox,
      webhookOptions: webhookOptionsFrom(settings, options.webhookOptions),
      logger,
      signal,
      correlationId,
      followUps: new FollowUps(s.followUpStore, settings.followUps, { logger }),
    });
    return report.results;
  };
}

/** Everything the outbox trigger needs, built from the same settings. */
export async function createOutboxRetryDeps(
  settings: Settings,
  options: DeliveryRuntimeOptions & { destinations?: Destination[] } = {},
): Promise<OutboxRetryDeps> {
  const s = await createDeliveryStores(settings, options);
  return {
    destinations: options.destinations ?? settings.destinations,
    outbox: s.outbox,
    dedupe: s.dedupe,
    render: options.render ?? defaultRender,
    webhookOptions: webhookOptionsFrom(settings, options.webhookOptions),
  };
}
