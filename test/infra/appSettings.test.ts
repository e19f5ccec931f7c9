/**
 * What the deployment actually configures: the function app's settings are computed from the compiled
 * template (infra/main.bicep, the real Bicep compiler) with stand-ins for what only Azure knows (the
 * storage account's endpoints, here a sovereign cloud's, the workspace id), and fed to the app's own
 * settings loader. The app must come up with queue intake, the managed-identity credential, the storage
 * endpoints exactly as the account reports them, and a Log Analytics bound shared by every instance that
 * fits the service's per-identity limit, with every wait inside the host's function timeout.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { LOG_ANALYTICS_CONCURRENT_QUERIES_PER_IDENTITY, QUERIES_PER_FETCH, loadSettings, type Settings } from '../../src/config';
import { DEFAULT_MEMBER_WAIT_MS } from '../../src/policy/coalesce';
import { evaluate, parameterValues, type EvalScope } from './support/armEval';
import { type ArmTemplate, compiledMain, repoRoot } from './support/bicep';

const SUBSCRIPTION = '5a1d6c2e-0b7f-4e39-9d48-2f6b1c0a7e13';
const WORKSPACE_GUID = '9c4e2b71-3d5a-4f08-b6e1-7a0c3d9f2e54';
const CLIENT_ID = '0f3b9e6d-1c2a-4d7e-8b5f-6a9c0e1d2b3c';
// A sovereign cloud's endpoints: if the app made up a host name, it would show here.
const ENDPOINTS = {
  blob: 'https://stacaenr123.blob.core.chinacloudapi.cn/',
  queue: 'https://stacaenr123.queue.core.chinacloudapi.cn/',
  table: 'https://stacaenr123.table.core.chinacloudapi.cn/',
};

const moduleOutputs: Record<string, Record<string, unknown>> = {
  workspaceReader: { customerId: WORKSPACE_GUID, location: 'chinanorth3' },
  identity: { clientId: CLIENT_ID, principalId: 'principal-of-the-identity', resourceId: '/subscriptions/x/identity' },
  storage: { deploymentContainerName: 'app-package', name: 'stacaenr123' },
  keyVault: { name: 'kvacaenr123', uri: 'https://kvacaenr123.vault.azure.cn/' },
};

const host: EvalScope['host'] = (name, args) => {
  switch (name) {
    case 'subscription':
      return { id: `/subscriptions/${SUBSCRIPTION}`, subscriptionId: SUBSCRIPTION, tenantId: 'tenant-1' };
    case 'resourceGroup':
      return { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-enricher`, name: 'rg-enricher', location: 'chinanorth3' };
    case 'tenant':
      return { tenantId: 'tenant-1' };
    case 'environment':
      return { name: 'AzureChinaCloud', resourceManager: 'https://management.chinacloudapi.cn/' };
    case 'uniqueString':
      return 'k3x9q2w7z5m1a';
    case 'resourceId':
      return args.join('/');
    case 'reference': {
      const target = String(args[0]);
      if (target in moduleOutputs) return { outputs: Object.fromEntries(Object.entries(moduleOutputs[target]).map(([k, v]) => [k, { value: v }])) };
      if (target.startsWith('Microsoft.Storage/storageAccounts/')) return { primaryEndpoints: ENDPOINTS };
      if (target.startsWith('Microsoft.Insights/components/')) return { ConnectionString: 'InstrumentationKey=stand-in;IngestionEndpoint=https://ingest.example/' };
      return undefined;
    }
    default:
      return undefined;
  }
};

type Resource = { type: string; name?: string; properties?: any };

/** The app settings the function app is deployed with, for the given main.bicep parameters. */
function deployedAppSettings(given: Record<string, unknown>): Record<string, string> {
  const main = compiledMain();
  const outer: EvalScope = { parameters: parameterValues(main, given, host), variables: main.variables, host };
  const resources = Object.values(main.resources as unknown as Record<string, Resource>);
  const module = resources.find((r) => r.type === 'Microsoft.Resources/deployments' && r.name === 'function-app')!;
  const inner = module.properties.template as ArmTemplate;
  const passed = Object.fromEntries(Object.entries(module.properties.parameters as Record<string, { value: unknown }>).map(([k, p]) => [k, evaluate(p.value, outer)]));
  const scope: EvalScope = { parameters: parameterValues(inner, passed, host), variables: inner.variables, host };
  const site = (inner.resources as unknown as Resource[]).find((r) => r.type === 'Microsoft.Web/sites')!;
  const list = evaluate(site.properties.siteConfig.appSettings, scope) as { name: string; value: unknown }[];
  return Object.fromEntries(list.map((s) => [s.name, String(s.value)]));
}

const REQUIRED = {
  environmentName: 'prod',
  containerAppsWorkspaceResourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-apps`,
  containerAppResourceGroups: 'rg-apps',
};

/** "00:05:00" -> ms. */
function timeSpanMs(span: string): number {
  const [h, m, s] = span.split(':').map(Number);
  return ((h * 60 + m) * 60 + s) * 1000;
}

describe('the app settings the deployment writes, read by the app itself', () => {
  let env: Record<string, string>;
  let settings: Settings;
  beforeAll(() => {
    env = deployedAppSettings(REQUIRED);
    settings = loadSettings(env);
  });

  it('queue intake, set explicitly (Flex rejects FUNCTIONS_WORKER_RUNTIME, so nothing may hinge on it)', () => {
    expect(env.ALERT_INTAKE).toBe('queue');
    expect(env.FUNCTIONS_WORKER_RUNTIME).toBeUndefined();
    expect(settings.intake).toBe('queue');
  });

  it('exactly the user-assigned managed identity, for every Azure call', () => {
    expect(settings.credential).toBe('managed-identity');
    expect(settings.azureClientId).toBe(CLIENT_ID);
    expect(env.AzureWebJobsStorage__clientId).toBe(CLIENT_ID);
    expect(env.AzureWebJobsStorage__credential).toBe('managedidentity');
  });

  it("storage endpoints as the account reports them, nothing made up from the account's name", () => {
    expect(settings.storage.access).toBe('identity');
    expect(settings.storage.endpoints).toEqual({ queue: ENDPOINTS.queue.replace(/\/$/, ''), table: ENDPOINTS.table.replace(/\/$/, '') });
    expect(env.AzureWebJobsStorage__blobServiceUri).toBe(ENDPOINTS.blob);
    expect(env.AzureWebJobsStorage__accountName).toBeUndefined();
    expect(JSON.stringify(env)).not.toContain('core.windows.net');
    expect(settings.arm.endpoint).toBe('https://management.chinacloudapi.cn');
    expect(settings.logAnalytics.workspaceId).toBe(WORKSPACE_GUID);
  });

  it('a Log Analytics bound shared by every instance, within the per-identity limit, and waits inside the function timeout', () => {
    // Shared through the dedupe table whenever storage is configured, so the instance count does not multiply it.
    expect(settings.storage.access).not.toBe('none');
    expect(settings.logAnalytics.maxConcurrentFetches * QUERIES_PER_FETCH).toBeLessThanOrEqual(LOG_ANALYTICS_CONCURRENT_QUERIES_PER_IDENTITY);
    const functionTimeout = timeSpanMs(JSON.parse(readFileSync(path.join(repoRoot, 'host.json'), 'utf8')).functionTimeout);
    // A slot wait plus one fetch at its deadline (server timeout + 30 s) stays well below the timeout.
    const worst = settings.logAnalytics.slotWaitSeconds * 1000 + (settings.logAnalytics.serverTimeoutSeconds + 30) * 1000;
    expect(worst).toBeLessThanOrEqual(functionTimeout * 0.75);
    expect(DEFAULT_MEMBER_WAIT_MS).toBeLessThanOrEqual(functionTimeout / 2);
  });

  it('one maxDequeueCount, in the app setting the host and the app both read', () => {
    expect(env.AzureFunctionsJobHost__extensions__queues__maxDequeueCount).toBe('5');
    expect(settings.storage.maxDequeueCount).toBe(5);
    const hostJson = JSON.parse(readFileSync(path.join(repoRoot, 'host.json'), 'utf8'));
    expect(hostJson.extensions.queues.maxDequeueCount).toBeUndefined();
    expect(hostJson.logging.logLevel['Host.Results']).toBeUndefined();
  });

  it('secure webhook mode reaches the app as AUTH_MODE=entra with its tenant and audience', () => {
    const entra = loadSettings(
      deployedAppSettings({ ...REQUIRED, useSecureWebhook: true, secureWebhookObjectId: 'obj-1', secureWebhookIdentifierUri: 'api://enricher' }),
    );
    expect(entra.auth).toMatchObject({ mode: 'entra', tenantId: 'tenant-1', audience: 'api://enricher' });
  });
});
