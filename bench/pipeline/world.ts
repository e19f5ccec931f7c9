/**
 * The local world the pipeline benchmarks run against: the managed identity endpoint, Log Analytics and
 * ARM stand-ins (HTTPS on 127.0.0.1, trusted through `testTlsOptions`) and a webhook receiver, each with
 * a fixed delay, plus the app settings that point the real runtime at them. Several apps can exist: each
 * is the orders-api fixture renamed, so ARM answers for every alert of a storm.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORDERS, ORDERS_PATHS, ordersWorld, startArmStandIn, type ArmStandIn } from '../../test/support/armStandIn';
import { testTlsOptions } from '../../test/support/httpsStandIn';
import { startIdentityStandIn, type IdentityStandIn } from '../../test/support/identityStandIn';
import { startLogAnalyticsStandIn, type LogAnalyticsStandIn } from '../../test/support/logAnalyticsStandIn';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhookReceiver';

export { testTlsOptions };

export interface WorldOptions {
  apps: number;
  logAnalyticsDelayMs: number;
  armDelayMs: number;
  webhookDelayMs: number;
}

export interface World {
  identity: IdentityStandIn;
  logAnalytics: LogAnalyticsStandIn;
  arm: ArmStandIn;
  receiver: WebhookReceiver;
  /** App settings for `createAzureRuntime({ env })`. */
  env: Record<string, string>;
  appName(index: number): string;
  /** A fired metric alert (common schema) on app `appIndex`, with its own alert id. */
  alertFor(appIndex: number, id: string): unknown;
  /** Log Analytics requests so far (query endpoints only). */
  logRequests(): number;
  close(): Promise<void>;
}

const WORKSPACE_ID = '0b6a3f1e-9c2d-4e8f-a7b5-3c1d9e2f4a60';
const ALERT_FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'alerts', 'metric-restart-count-container-app.json');

/** Variables that would steer DefaultAzureCredential away from the managed identity stand-in. */
const CREDENTIAL_VARIABLES = [
  'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_USERNAME',
  'AZURE_PASSWORD', 'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_AUTHORITY_HOST', 'AZURE_TOKEN_CREDENTIALS',
  'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET',
];

function appResources(count: number): Record<string, unknown> {
  const base = ordersWorld();
  const resources: Record<string, unknown> = { [ORDERS_PATHS.environment]: base[ORDERS_PATHS.environment] };
  const perApp = [ORDERS_PATHS.app, ORDERS_PATHS.revisions, ORDERS_PATHS.replicas];
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? ORDERS.app : `${ORDERS.app}-${i}`;
    for (const path of perApp) {
      // Renaming the app everywhere keeps its revisions, replicas and ids consistent with each other.
      const body = JSON.stringify(base[path]).split(ORDERS.app).join(name);
      resources[path.split(ORDERS.app).join(name)] = JSON.parse(body);
    }
  }
  return resources;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const identity = await startIdentityStandIn();
  const logAnalytics = await startLogAnalyticsStandIn();
  const arm = await startArmStandIn({ resources: appResources(options.apps), gate: () => sleep(options.armDelayMs) });
  const receiver = await startWebhookReceiver();
  if (options.webhookDelayMs > 0) receiver.slow(options.webhookDelayMs);
  // Every Log Analytics request waits the same: queue far more slow answers than any run makes.
  const topUp = (): void => logAnalytics.fail(...Array.from({ length: 10_000 }, () => ({ type: 'slow' as const, delayMs: options.logAnalyticsDelayMs })));
  if (options.logAnalyticsDelayMs > 0) topUp();

  // DefaultAzureCredential reads the process environment: this process exists only for the benchmark.
  for (const k of CREDENTIAL_VARIABLES) delete process.env[k];
  process.env.IDENTITY_ENDPOINT = identity.endpoint;
  process.env.IDENTITY_HEADER = identity.secret;

  const alertTemplate = JSON.parse(readFileSync(ALERT_FIXTURE, 'utf8')) as { data: { essentials: Record<string, unknown> } };
  const appName = (i: number): string => (i === 0 ? ORDERS.app : `${ORDERS.app}-${i}`);
  return {
    identity,
    logAnalytics,
    arm,
    receiver,
    env: {
      LOG_ANALYTICS_ENDPOINT: logAnalytics.url,
      LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE_ID,
      ARM_ENDPOINT: arm.url,
      DIAGNOSIS_WEBHOOK_URL: receiver.url('/diagnoses'),
      DIAGNOSIS_WEBHOOK_FORMAT: 'json',
      // Never park an alert to wait for late console rows: the stand-in has all the rows it will ever have.
      CONSOLE_LAG_MAX_SECONDS: '0',
    },
    appName,
    alertFor(appIndex, id) {
      const alert = structuredClone(alertTemplate);
      const e = alert.data.essentials;
      const resourceId = `/subscriptions/${ORDERS.subscriptionId}/resourceGroups/${ORDERS.resourceGroup}/providers/Microsoft.App/containerApps/${appName(appIndex)}`;
      e.alertId = `/subscriptions/${ORDERS.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${id}`;
      e.alertTargetIDs = [resourceId];
      e.configurationItems = [appName(appIndex)];
      e.alertRule = `${appName(appIndex)} restarts`;
      e.firedDateTime = new Date().toISOString();
      return alert;
    },
    logRequests: () => logAnalytics.queryRequests().length,
    async close() {
      await Promise.all([identity.close(), logAnalytics.close(), arm.close(), receiver.close()]);
    },
  };
}
