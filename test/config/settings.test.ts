import { loadSettings } from '../../src/config';
import { ConfigurationError } from '../../src/errors';

test('defaults are the public cloud, function keys and inline intake outside the Functions host', () => {
  const s = loadSettings({});
  expect(s.logAnalytics).toMatchObject({ endpoint: 'https://api.loganalytics.io', scope: 'https://api.loganalytics.io/.default' });
  expect(s.arm).toEqual({ endpoint: 'https://management.azure.com', scope: 'https://management.azure.com/.default' });
  expect(s.auth.mode).toBe('function-key');
  expect(s.intake).toBe('inline');
  expect(s.destinations).toEqual([]);
  expect(loadSettings({ FUNCTIONS_WORKER_RUNTIME: 'node' }).intake).toBe('queue');
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
