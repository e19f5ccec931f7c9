import { createCredential } from '../../src/logs/credential';
import { createLogAnalyticsSource } from '../../src/logs/logAnalytics';
import { testTlsOptions } from '../support/httpsStandIn';
import { startIdentityStandIn, withManagedIdentityEnv, type IdentityStandIn } from '../support/identityStandIn';
import { startLogAnalyticsStandIn, type LogAnalyticsStandIn } from '../support/logAnalyticsStandIn';

let identity: IdentityStandIn;
let logAnalytics: LogAnalyticsStandIn;
beforeEach(async () => {
  identity = await startIdentityStandIn();
  logAnalytics = await startLogAnalyticsStandIn();
});
afterEach(async () => {
  await identity.close();
  await logAnalytics.close();
});

test('the managed identity token for the Log Analytics audience reaches the query API as a bearer token', async () => {
  const clientId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const envBefore = { ...process.env };
  const evidence = await withManagedIdentityEnv(identity, async () => {
    const credential = createCredential({ clientId });
    const source = createLogAnalyticsSource({
      credential,
      endpoint: logAnalytics.url,
      scope: 'https://api.loganalytics.io/.default',
      workspaceId: '11111111-2222-3333-4444-555555555555',
      serverTimeoutSeconds: 30,
      consoleLinesPerReplica: 20,
      tlsOptions: testTlsOptions,
    });
    return source.fetchEvidence({
      kind: 'containerApp',
      name: 'orders-api',
      window: { start: new Date('2024-05-02T09:50:00Z'), end: new Date('2024-05-02T10:10:00Z') },
    });
  });
  // process.env is exactly as it was.
  expect(process.env).toEqual(envBefore);

  const tokenCalls = identity.requests.filter((r) => r.path === '/msi/token');
  expect(tokenCalls).toHaveLength(1);
  const [call] = tokenCalls;
  expect(call.method).toBe('GET');
  expect(call.headers['x-identity-header']).toBe(identity.secret);
  expect(call.query.get('api-version')).toBe('2019-08-01');
  expect(call.query.get('resource')).toBe('https://api.loganalytics.io');
  expect(call.query.get('client_id')).toBe(clientId);

  const [query] = logAnalytics.queryRequests();
  expect(query.headers.authorization).toBe(`Bearer ${identity.tokenFor('https://api.loganalytics.io')}`);
  expect(evidence.system.length).toBeGreaterThan(0);
});
