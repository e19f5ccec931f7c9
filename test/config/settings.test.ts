import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '../../src/config';
import { ConfigurationError } from '../../src/errors';

test('defaults are the public cloud, function keys, queue intake and the default credential', () => {
  const s = loadSettings({});
  expect(s.logAnalytics).toMatchObject({ endpoint: 'https://api.loganalytics.io', scope: 'https://api.loganalytics.io/.default' });
  expect(s.arm).toEqual({ endpoint: 'https://management.azure.com', scope: 'https://management.azure.com/.default' });
  expect(s.auth.mode).toBe('function-key');
  // Queue intake does not depend on a host-only setting (Flex rejects FUNCTIONS_WORKER_RUNTIME).
  expect(s.intake).toBe('queue');
  expect(loadSettings({ ALERT_INTAKE: 'inline' }).intake).toBe('inline');
  expect(s.destinations).toEqual([]);
  expect(s.credential).toBe('default');
  expect(s.storage).toMatchObject({ access: 'none', maxDequeueCount: 5 });
  expect(s.logAnalytics.maxConcurrentFetches).toBe(2);
});

test('AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential picks the managed identity, nothing else', () => {
  const s = loadSettings({ AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential', AZURE_CLIENT_ID: 'c1' });
  expect(s.credential).toBe('managed-identity');
  expect(s.azureClientId).toBe('c1');
  expect(loadSettings({ AZURE_TOKEN_CREDENTIALS: 'dev' }).credential).toBe('default');
});

test('identity-based storage takes the service URLs as given, and never makes up a host name', () => {
  const s = loadSettings({
    AzureWebJobsStorage__queueServiceUri: 'https://st1.queue.core.chinacloudapi.cn/',
    AzureWebJobsStorage__tableServiceUri: 'https://st1.table.core.chinacloudapi.cn/',
  });
  expect(s.storage).toMatchObject({ access: 'identity', endpoints: { queue: 'https://st1.queue.core.chinacloudapi.cn', table: 'https://st1.table.core.chinacloudapi.cn' } });
  expect(() => loadSettings({ AzureWebJobsStorage__accountName: 'st1' })).toThrow(/queueServiceUri.*tableServiceUri/);
  expect(loadSettings({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }).storage.access).toBe('connection-string');
});

test('maxDequeueCount comes from the setting the host reads, and the fetch bound stays within Log Analytics limits', () => {
  expect(loadSettings({ AzureFunctionsJobHost__extensions__queues__maxDequeueCount: '3' }).storage.maxDequeueCount).toBe(3);
  expect(() => loadSettings({ LOG_ANALYTICS_MAX_CONCURRENT_FETCHES: '3' })).toThrow(/1 to 2/);
});

test('sovereign clouds: endpoints without /v1 and the matching token scopes', () => {
  const s = loadSettings({ LOG_ANALYTICS_ENDPOINT: 'https://api.loganalytics.azure.cn/v1/', ARM_ENDPOINT: 'https://management.chinacloudapi.cn' });
  expect(s.logAnalytics.endpoint).toBe('https://api.loganalytics.azure.cn');
  expect(s.logAnalytics.scope).toBe('https://api.loganalytics.azure.cn/.default');
  expect(s.arm.scope).toBe('https://management.chinacloudapi.cn/.default');
  // The newer public host still takes tokens for the original audience.
  expect(loadSettings({ LOG_ANALYTICS_ENDPOINT: 'https://api.loganalytics.azure.com' }).logAnalytics.scope).toBe('https://api.loganalytics.io/.default');
  expect(loadSettings({ LOG_ANALYTICS_AUDIENCE: 'https://custom.example/' }).logAnalytics.scope).toBe('https://custom.example/.default');
});

test('destinations from DESTINATIONS (with urlSetting indirection) and DIAGNOSIS_WEBHOOK_URL', () => {
  const s = loadSettings({
    DESTINATIONS: JSON.stringify([{ name: 'ops', urlSetting: 'TEAMS_URL', format: 'teams' }, { url: 'https://hooks.example/x' }]),
    TEAMS_URL: 'https://teams.example/webhook',
    DIAGNOSIS_WEBHOOK_URL: 'https://json.example/in',
  });
  expect(s.destinations).toEqual([
    { name: 'ops', url: 'https://teams.example/webhook', format: 'teams' },
    { name: 'destination-2', url: 'https://hooks.example/x', format: 'json' },
    { name: 'default', url: 'https://json.example/in', format: 'json' },
  ]);
});

test.each([
  [{ LOG_QUERY_TIMEOUT_SECONDS: 'ten' }, 'LOG_QUERY_TIMEOUT_SECONDS'],
  [{ LOG_QUERY_TIMEOUT_SECONDS: '9999' }, 'LOG_QUERY_TIMEOUT_SECONDS'],
  [{ ARM_ENDPOINT: 'http://management.azure.com' }, 'ARM_ENDPOINT'],
  [{ LOG_ANALYTICS_ENDPOINT: 'not a url' }, 'LOG_ANALYTICS_ENDPOINT'],
  [{ DESTINATIONS: '{oops' }, 'DESTINATIONS'],
  [{ DESTINATIONS: '[{"format":"teams"}]' }, 'DESTINATIONS'],
  [{ DESTINATIONS: '[{"url":"https://x.example","format":"pdf"}]' }, 'DESTINATIONS'],
  [{ AUTH_MODE: 'basic' }, 'AUTH_MODE'],
  [{ AUTH_MODE: 'entra' }, 'AUTH_MODE'],
  [{ ALERT_INTAKE: 'sometimes' }, 'ALERT_INTAKE'],
])('a bad setting %j is a ConfigurationError naming %s', (env, name) => {
  let caught: unknown;
  try {
    loadSettings(env as Record<string, string>);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigurationError);
  expect((caught as ConfigurationError).message).toContain(name);
});

test('a destination whose URL is an unresolved Key Vault reference is marked, not fatal, and the others load', () => {
  const s = loadSettings({
    DESTINATIONS: JSON.stringify([
      { name: 'ops-teams', urlSetting: 'TEAMS_URL', format: 'teams' },
      { name: 'ops-slack', urlSetting: 'SLACK_URL', format: 'slack' },
    ]),
    TEAMS_URL: '@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/teams-url/)',
    SLACK_URL: 'https://hooks.slack.example/T000/B000/xyz',
    DIAGNOSIS_WEBHOOK_URL: '@Microsoft.KeyVault(VaultName=kv-x;SecretName=webhook)',
  });
  expect(s.destinations).toEqual([
    { name: 'ops-teams', url: '', format: 'teams', unresolvedSetting: 'TEAMS_URL' },
    { name: 'ops-slack', url: 'https://hooks.slack.example/T000/B000/xyz', format: 'slack' },
    { name: 'default', url: '', format: 'json', unresolvedSetting: 'DIAGNOSIS_WEBHOOK_URL' },
  ]);
});

test('local.settings.sample.json works as copied: Azurite, queue intake, the default credential, every default', () => {
  const sample = JSON.parse(readFileSync(join(__dirname, '..', '..', 'local.settings.sample.json'), 'utf8')) as { Values: Record<string, string> };
  const s = loadSettings(sample.Values);
  expect(s.intake).toBe('queue');
  expect(s.storage).toMatchObject({ access: 'connection-string', alertsQueue: 'alerts', outboxQueue: 'outbox', dedupeTable: 'deliveries', maxDequeueCount: 5 });
  expect(s.credential).toBe('default');
  expect(s.auth.mode).toBe('function-key');
  // Values are values, never explanations (those live in the README's settings table).
  for (const [name, value] of Object.entries(sample.Values)) expect([name, value.length <= 40 && !/\s/.test(value)]).toEqual([name, true]);
});
