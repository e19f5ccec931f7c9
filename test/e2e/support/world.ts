/**
 * The end-to-end harness: every stand-in the real runtime talks to, started together on 127.0.0.1, plus
 * the small pieces of "Functions host" the e2e tests need (the alerts queue output binding and a queue
 * trigger that reads Azurite). Tests build the REAL runtime with `createAzureRuntime` pointed at these.
 *
 *   const h = await startHarness();
 *   const runtime = await h.runtime({ ALERT_INTAKE: 'queue' });
 *   ...
 *   await h.close();
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvocationContext, HttpRequest } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { TableServiceClient } from '@azure/data-tables';
import { createAzureRuntime, type Runtime, type RuntimeOptions } from '../../../src/runtime';
import { createAlertsHandler } from '../../../src/functions/alerts';
import { handleAlertMessage, type AlertHandlerResult } from '../../../src/functions/queueHandlers';
import { alertQueueDeps } from '../../../src/functions/queues';
import { encodeQueueMessage } from '../../../src/deliver/queue';
import type { AlertQueueEnvelope } from '../../../src/deliver/alertMessage';
import type { Diagnosis } from '../../../src/model';
import { startArmStandIn, fixture, ORDERS, ordersWorld, type ArmStandIn } from '../../support/armStandIn';
import { sharedAzurite, uniqueQueueName, uniqueTableName, type Azurite } from '../../support/azurite';
import { testTlsOptions } from '../../support/httpsStandIn';
import { startIdentityStandIn, type IdentityStandIn } from '../../support/identityStandIn';
import { startLogAnalyticsStandIn, type ConsoleRow, type LogAnalyticsStandIn, type SystemRow } from '../../support/logAnalyticsStandIn';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhookReceiver';

const ROOT = join(__dirname, '..', '..', '..');

/** The workspace the runtime is told about (LOG_ANALYTICS_WORKSPACE_ID). */
export const WORKSPACE_ID = '0d6f3b2a-9c41-4e7d-8a15-c2b9e4f70a36';
/** The customer id the orders environment names (from its ARM fixture). */
export const ENV_WORKSPACE_ID = 'b7e4c1a9-3d62-4f08-9a5e-0c8d2f6b1e47';

// ---------------------------------------------------------------- process.env for the managed identity

/** Variables that would steer DefaultAzureCredential to another credential or identity source. */
const IDENTITY_VARIABLES = [
  'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_USERNAME', 'AZURE_PASSWORD', 'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST', 'AZURE_TOKEN_CREDENTIALS', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER',
  'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  // The runtime must take storage from its own env, never from the process's.
  'AzureWebJobsStorage',
];

/**
 * DefaultAzureCredential reads its managed identity endpoint from process.env (not from the runtime's
 * settings), so the suite points the process at the identity stand-in and puts everything back after.
 */
export function useManagedIdentityEnv(identity: IdentityStandIn): () => void {
  const saved = new Map(IDENTITY_VARIABLES.map((k) => [k, process.env[k]] as const));
  for (const k of IDENTITY_VARIABLES) delete process.env[k];
  process.env.IDENTITY_ENDPOINT = identity.endpoint;
  process.env.IDENTITY_HEADER = identity.secret;
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

// ---------------------------------------------------------------- ARM world

export const SHOP = {
  subscriptionId: '3f6c2a1e-8b7d-4c55-9e21-0a4d7b9c1e55',
  resourceGroup: 'rg-shop-prod',
  environment: 'cae-shop-prod',
};

const providers = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.App`;

/**
 * The orders fixtures renamed into the "shop" subscription of test/fixtures/alerts, so every fixture
 * alert with an ARM id finds its app (or job) and environment: ARM reads really happen for each.
 */
export function shopWorld(apps: string[], jobs: string[]): Record<string, unknown> {
  const rename = (value: unknown, from: string, to: string): any =>
    JSON.parse(
      JSON.stringify(value)
        .split(ORDERS.subscriptionId).join(SHOP.subscriptionId)
        .split(ORDERS.environmentResourceGroup).join(SHOP.resourceGroup)
        .split(ORDERS.resourceGroup).join(SHOP.resourceGroup)
        .split(ORDERS.environment).join(SHOP.environment)
        .split(from).join(to),
    );
  const base = providers(SHOP.subscriptionId, SHOP.resourceGroup);
  const out: Record<string, unknown> = {};
  const strip = (body: any) => {
    const { resourceGroup: _rg, ...rest } = body;
    return rest;
  };
  for (const app of apps) {
    out[`${base}/containerApps/${app}`] = strip(rename(fixture('orders-api.containerapp.json'), ORDERS.app, app));
    out[`${base}/containerApps/${app}/revisions`] = { value: rename(fixture('orders-api.revisions.json'), ORDERS.app, app).value.map(strip) };
    out[`${base}/containerApps/${app}/revisions/${app}--r8/replicas`] = rename(fixture('orders-api.r8.replicas.json'), ORDERS.app, app);
  }
  for (const job of jobs) {
    out[`${base}/jobs/${job}`] = strip(rename(fixture('nightly-export.job.json'), ORDERS.job, job));
    out[`${base}/jobs/${job}/executions`] = rename(fixture('nightly-export.executions.json'), ORDERS.job, job);
  }
  out[`${base}/managedEnvironments/${SHOP.environment}`] = rename(fixture('orders-env.managedenvironment.json'), 'x', 'x');
  return out;
}

export function allResources(): Record<string, unknown> {
  return { ...ordersWorld(), ...shopWorld(['orders-api', 'checkout-web', 'payments-worker'], ['nightly-report']) };
}

// ---------------------------------------------------------------- alerts

export function readAlert(relative: string): any {
  return JSON.parse(readFileSync(join(ROOT, relative), 'utf8'));
}

/** samples/alert.json and every fixture under test/fixtures/alerts, by path. */
export function alertFiles(): string[] {
  const dir = 'test/fixtures/alerts';
  return ['samples/alert.json', ...readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.json')).sort().map((f) => `${dir}/${f}`)];
}

/** A copy with a fresh alert id, so the dedupe table (shared across tests) never swallows a delivery. */
export function freshAlert(alert: any): any {
  const copy = JSON.parse(JSON.stringify(alert));
  copy.data.essentials.alertId = `/subscriptions/${SHOP.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`;
  return copy;
}

/** A log search alert scoped to a resource, with dimensions, over a fixed window. */
export function resourceAlert(options: {
  resourceId: string;
  dimensions?: Record<string, string>;
  windowStart: string;
  windowEnd: string;
}): any {
  const alert = freshAlert(readAlert('test/fixtures/alerts/log-v2-container-app-resource.json'));
  alert.data.essentials.alertTargetIDs = [options.resourceId.toLowerCase()];
  alert.data.essentials.configurationItems = [options.resourceId.toLowerCase()];
  alert.data.essentials.firedDateTime = options.windowEnd;
  const condition = alert.data.alertContext.condition;
  condition.windowStartTime = options.windowStart;
  condition.windowEndTime = options.windowEnd;
  condition.allOf[0].dimensions = Object.entries(options.dimensions ?? {}).map(([name, value]) => ({ name, value }));
  return alert;
}

export const ORDERS_APP_ID = `${providers(ORDERS.subscriptionId, ORDERS.resourceGroup)}/containerApps/${ORDERS.app}`;
export const ORDERS_JOB_ID = `${providers(ORDERS.subscriptionId, ORDERS.resourceGroup)}/jobs/${ORDERS.job}`;

// ---------------------------------------------------------------- log rows

export type Family = 'custom-log' | 'resource-specific';

export interface CrashSpec {
  app?: string;
  job?: string;
  revision?: string;
  replica: string;
  container: string;
  image?: string;
  /** Time of the last exit. */
  end: Date;
  family: Family;
  exitCode?: number;
  /** Lines the app printed before each exit (stderr). */
  consoleLines: string[];
}

const iso = (d: Date, offsetMs: number) => new Date(d.getTime() + offsetMs).toISOString();

/** Rows of a crash loop as the evidence queries return them: exits, a back-off, and the app's last words. */
export function crashRows(spec: CrashSpec): { system: SystemRow[]; console: ConsoleRow[] } {
  const who = {
    ContainerAppName: spec.app ?? '',
    JobName: spec.job ?? '',
    RevisionName: spec.revision ?? '',
    EnvironmentName: 'orders-env',
    Family: spec.family,
  };
  const system: SystemRow[] = [
    {
      ...who, ReplicaName: spec.replica, ContainerName: spec.container, Reason: 'ContainerTerminated',
      Log: `Container '${spec.container}' was terminated with exit code '${spec.exitCode ?? 1}'`, Severity: 'Warning',
      EventSource: 'ContainerAppController', Count: 3, Rows: 3, FirstSeen: iso(spec.end, -240_000), TimeGenerated: iso(spec.end, 0),
    },
    {
      ...who, ReplicaName: spec.replica, Reason: 'ContainerBackOff', Log: 'Persistent Failiure to start container',
      Severity: 'Warning', EventSource: 'ContainerAppController', Count: 5, Rows: 2,
      FirstSeen: iso(spec.end, -180_000), TimeGenerated: iso(spec.end, 20_000),
    },
  ];
  const consoleRows: ConsoleRow[] = [];
  for (const [run, at] of [[0, -240_000], [1, -2_000]] as const) {
    spec.consoleLines.forEach((text, i) => {
      consoleRows.push({
        ...who, TimeGenerated: iso(spec.end, at + i * 5 + run), ContainerGroupName: spec.replica, ContainerName: spec.container,
        Stream: 'stderr', ContainerImage: spec.image ?? '', Log: text,
      });
    });
  }
  return { system, console: consoleRows };
}

export const MISSING_DATABASE_URL = [
  '> orders-api@1.4.2 start',
  '> node dist/server.js',
  'Error: Missing required environment variable: DATABASE_URL',
  '    at requireEnv (/app/dist/env.js:8:15)',
  '    at Object.<anonymous> (/app/dist/server.js:5:20)',
];

/** The crash the failure and lag scenarios replay: the orders app's failing revision, DATABASE_URL gone. */
export const ORDERS_CRASH_REPLICA = 'orders-api--r8-7d9f8c6b5d-4xkqp';

export function ordersCrashRows(): { system: SystemRow[]; console: ConsoleRow[] } {
  return crashRows({
    app: ORDERS.app, revision: ORDERS.failingRevision, replica: ORDERS_CRASH_REPLICA, container: ORDERS.app,
    end: new Date('2025-06-03T08:50:00Z'), family: 'custom-log', consoleLines: MISSING_DATABASE_URL,
  });
}

/** A fresh alert (new id) about that crash, scoped to the orders app and split by its failing revision. */
export function ordersCrashAlert(): any {
  return resourceAlert({
    resourceId: ORDERS_APP_ID,
    dimensions: { RevisionName: ORDERS.failingRevision },
    windowStart: '2025-06-03T08:40:00Z',
    windowEnd: '2025-06-03T08:55:00Z',
  });
}

// ---------------------------------------------------------------- harness

export interface Harness {
  identity: IdentityStandIn;
  logAnalytics: LogAnalyticsStandIn;
  arm: ArmStandIn;
  receiver: WebhookReceiver;
  azurite: Azurite;
  /** The env the runtime is built from; `extra` wins. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  runtime(extra?: Record<string, string | undefined>, options?: Pick<RuntimeOptions, 'sleep'>): Promise<Runtime>;
  /** Diagnoses the webhook receiver accepted (JSON destination), in arrival order. */
  diagnoses(): Diagnosis[];
  close(): Promise<void>;
}

export async function startHarness(options: { azurite?: boolean } = {}): Promise<Harness> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const identity = await startIdentityStandIn();
    started.push(identity);
    const logAnalytics = await startLogAnalyticsStandIn();
    started.push(logAnalytics);
    const arm = await startArmStandIn({ resources: allResources() });
    started.push(arm);
    const receiver = await startWebhookReceiver();
    started.push(receiver);
    // The run's shared Azurite: every runtime gets queues and a dedupe table of its own (deleted on close).
    const azurite = options.azurite === false ? undefined : await sharedAzurite();
    if (azurite) started.push({ close: () => deleteStorage(azurite, queues, tables) });
    const queues: string[] = [];
    const tables: string[] = [];
    const ownStorage = () => {
      const names = {
        ALERTS_QUEUE: uniqueQueueName('alerts'),
        OUTBOX_QUEUE: uniqueQueueName('outbox'),
        DEDUPE_TABLE: uniqueTableName('deliveries'),
        FOLLOWUP_TABLE: uniqueTableName('followups'),
      };
      queues.push(names.ALERTS_QUEUE, names.OUTBOX_QUEUE);
      tables.push(names.DEDUPE_TABLE, names.FOLLOWUP_TABLE);
      return names;
    };
    const restoreEnv = useManagedIdentityEnv(identity);
    const env = (extra: Record<string, string | undefined> = {}) => ({
      LOG_ANALYTICS_ENDPOINT: logAnalytics.url,
      LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE_ID,
      ARM_ENDPOINT: arm.url,
      DESTINATIONS: JSON.stringify([{ name: 'ops', url: receiver.url('/ops'), format: 'json' }]),
      AzureWebJobsStorage: azurite?.connectionString,
      ALERT_INTAKE: 'inline',
      WEBHOOK_MAX_ATTEMPTS: '1',
      // Off by default: most tests count one enrichment per alert. The lag test turns it back on.
      COALESCE_SECONDS: '0',
      // Off by default too: most tests count one post per alert, and repeat the same cause on purpose.
      // test/e2e/followUps.test.ts turns it on.
      FOLLOWUP_WINDOW_MINUTES: '0',
      ...ownStorage(),
      ...extra,
    });
    return {
      identity,
      logAnalytics,
      arm,
      receiver,
      azurite: azurite as Azurite,
      env,
      runtime: (extra, options) => createAzureRuntime({ env: env(extra), tlsOptions: testTlsOptions, ...options }),
      diagnoses: () => receiver.acceptedOn('/ops').map((r) => JSON.parse(r.body) as Diagnosis),
      async close() {
        restoreEnv();
        for (const s of started.reverse()) await s.close();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    throw err;
  }
}

/** Best effort: a queue or table a test never used is simply not there. */
async function deleteStorage(azurite: Azurite, queues: string[], tables: string[]): Promise<void> {
  const tableService = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
  await Promise.all([
    ...queues.flatMap((q) => [q, `${q}-poison`]).map((q) => new QueueClient(azurite.connectionString, q).deleteIfExists().catch(() => undefined)),
    ...tables.map((t) => tableService.deleteTable(t).catch(() => undefined)),
  ]);
}

// ---------------------------------------------------------------- the bits of the Functions host we play

export function invocation(functionName: string, triggerMetadata?: Record<string, unknown>): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: () => undefined,
    ...(triggerMetadata ? { triggerMetadata } : {}),
  });
}

export function alertRequest(alert: unknown): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://127.0.0.1/api/alerts',
    headers: { 'content-type': 'application/json' },
    body: { string: JSON.stringify(alert) },
  });
}

/** POST /api/alerts with inline intake: enrich and deliver inside the call. */
export async function postAlertInline(runtime: Runtime, alert: unknown) {
  const handler = createAlertsHandler({ getRuntime: async () => runtime });
  return handler(alertRequest(alert), invocation('alerts'));
}

/**
 * POST /api/alerts with queue intake: the handler answers 202 and hands its message to the output
 * binding; here the "binding" writes it to the Azurite alerts queue as the host would (base64 JSON).
 */
export async function postAlertQueued(runtime: Runtime, azurite: Azurite, alert: unknown) {
  const captured: AlertQueueEnvelope[] = [];
  const handler = createAlertsHandler({ getRuntime: async () => runtime, enqueue: (_ctx, message) => captured.push(message) });
  const response = await handler(alertRequest(alert), invocation('alerts'));
  const queue = alertsQueue(runtime, azurite);
  await queue.createIfNotExists();
  for (const message of captured) await queue.sendMessage(encodeQueueMessage(message));
  return { response, captured };
}

export function alertsQueue(runtime: Runtime, azurite: Azurite): QueueClient {
  return new QueueClient(azurite.connectionString, runtime.settings.storage.alertsQueue);
}

/**
 * One pass of the queue trigger over the Azurite alerts queue: every visible message goes through
 * `handleAlertMessage` with the host's dequeue count; a message that returns is deleted, one that throws
 * is left to show again after its visibility timeout (as the host does).
 */
export async function runQueueTrigger(runtime: Runtime, azurite: Azurite): Promise<AlertHandlerResult[]> {
  const queue = alertsQueue(runtime, azurite);
  await queue.createIfNotExists();
  const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 30 });
  const results: AlertHandlerResult[] = [];
  for (const item of receivedMessageItems) {
    const context = invocation('alertsQueue', { dequeueCount: item.dequeueCount, id: item.messageId });
    try {
      results.push(await handleAlertMessage(item.messageText, context, alertQueueDeps(runtime)));
      await queue.deleteMessage(item.messageId, item.popReceipt);
    } catch {
      // Left on the queue: visible again once its visibility timeout lapses.
    }
  }
  return results;
}
