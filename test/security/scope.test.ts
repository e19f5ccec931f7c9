/**
 * Findings 3, 7 and 8 of issue 12, against the real runtime (Log Analytics, ARM and identity stand-ins on
 * 127.0.0.1) and the real alerts handler: which workspaces an alert can make the enricher read.
 */
import { HttpRequest } from '@azure/functions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAlertsHandler } from '../../src/functions/alerts';
import { createDiagnoseHandler } from '../../src/functions/diagnose';
import { ORDERS } from '../support/armStandIn';
import { fakeConfigSource, fakeLogSource, fakeRuntime, testContext } from '../support/fakes';
import { ENV_WORKSPACE_ID, ordersCrashAlert, ordersCrashRows, postAlertInline, startHarness, type Harness } from '../e2e/support/world';

const FOREIGN_SUB = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const FOREIGN_WORKSPACE_GUID = 'e3f1c2d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const FOREIGN_WORKSPACE_ID = `/subscriptions/${FOREIGN_SUB}/resourceGroups/rg-secrets/providers/Microsoft.OperationalInsights/workspaces/law-secrets`;
const ORDERS_SCOPE = `/subscriptions/${ORDERS.subscriptionId}/resourceGroups/${ORDERS.resourceGroup}`;

describe('finding 3: an in-scope alert cannot point the identity at another workspace', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ azurite: false });
  });
  afterAll(() => h.close());

  test('a foreign search-results link and an appended workspace id are ignored; the app\'s environment decides', async () => {
    const rows = ordersCrashRows();
    h.logAnalytics.setRows(rows);
    const runtime = await h.runtime({ LOG_ANALYTICS_WORKSPACE_ID: undefined, ALLOWED_SCOPES: ORDERS_SCOPE });
    const alert = ordersCrashAlert();
    alert.data.alertContext.condition.allOf[0].linkToSearchResultsAPI = `https://api.loganalytics.io/v1/workspaces/${FOREIGN_WORKSPACE_GUID}/query?query=x`;
    alert.data.essentials.alertTargetIDs.push(FOREIGN_WORKSPACE_ID.toLowerCase());
    const before = h.logAnalytics.queryRequests().length;

    const res = await postAlertInline(runtime, alert);

    expect(res.status).toBe(200);
    const sent = JSON.stringify(h.logAnalytics.queryRequests().slice(before).map((r) => ({ path: r.path, body: r.json })));
    expect(sent).not.toContain(FOREIGN_WORKSPACE_GUID);
    expect(sent.toLowerCase()).not.toContain('law-secrets');
    expect(sent).toContain(ENV_WORKSPACE_ID);
  });
});

describe('finding 7: the template\'s own workspace alerts pass ALLOWED_SCOPES', () => {
  const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'alert.json'), 'utf8');
  const appsScope = '/subscriptions/3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15/resourceGroups/rg-apps';
  /** The sample's workspace (rg-observability), which the template configures as LOG_ANALYTICS_WORKSPACE_ID. */
  const SAMPLE_WORKSPACE_GUID = '8e1b4c2d-0a7f-4f3e-b6d5-2c9a1e7f4b30';
  const post = (body: string) =>
    new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: body }, headers: { 'content-type': 'application/json' } });

  test('a log alert on a workspace outside the app resource groups is enriched, not refused', async () => {
    const logs = fakeLogSource({ system: [], console: [], notes: [] });
    const runtime = fakeRuntime({
      logs,
      env: { ALLOWED_SCOPES: appsScope, LOG_ANALYTICS_WORKSPACE_ID: SAMPLE_WORKSPACE_GUID },
    });
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post(sample), testContext('alerts'));
    expect(res.status).toBe(200);
    expect(logs.calls).toHaveLength(1);
    expect(runtime.delivered[0]?.status).toBe('enriched');
  });

  test('a workspace alert whose workspace is neither configured nor in scope is still refused', async () => {
    const logs = fakeLogSource({ system: [], console: [], notes: [] });
    const runtime = fakeRuntime({ logs, env: { ALLOWED_SCOPES: appsScope, LOG_ANALYTICS_WORKSPACE_ID: FOREIGN_WORKSPACE_GUID } });
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post(sample), testContext('alerts'));
    expect(res.status).toBe(403);
    expect(logs.calls).toHaveLength(0);
  });

  test('once ARM places the app outside the allowed scopes, the alert goes out un-enriched and forbidden', async () => {
    const runtime = fakeRuntime({
      env: { ALLOWED_SCOPES: appsScope, LOG_ANALYTICS_WORKSPACE_ID: SAMPLE_WORKSPACE_GUID },
      config: fakeConfigSource({
        kind: 'containerApp',
        name: 'orders-api',
        resourceId: '/subscriptions/3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15/resourceGroups/rg-other/providers/Microsoft.App/containerApps/orders-api',
        containers: [],
      } as never),
    });
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post(sample), testContext('alerts'));
    expect(res.status).toBe(200);
    expect(runtime.delivered[0]).toMatchObject({ status: 'not-enriched' });
    expect(JSON.stringify(runtime.delivered[0])).toContain('outside the scopes');
  });
});

describe('finding 8: workspace ARM ids follow the naming rules', () => {
  const bad = [
    `/subscriptions/${FOREIGN_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/..`,
    `/subscriptions/${FOREIGN_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/%2e%2e`,
    `/subscriptions/${FOREIGN_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law%2Fx`,
    `/subscriptions/${FOREIGN_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law?api-version=1`,
    `/subscriptions/${FOREIGN_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law#x`,
    `/subscriptions/${FOREIGN_SUB}/resourceGroups/r%2e/providers/Microsoft.OperationalInsights/workspaces/lawx`,
  ];

  test.each(bad)('manual diagnose answers 400 for %s and queries nothing', async (workspaceId) => {
    const logs = fakeLogSource({ system: [], console: [], notes: [] });
    const runtime = fakeRuntime({ logs });
    const q = new URLSearchParams({ app: 'orders-api', resourceGroup: 'rg-orders', subscription: FOREIGN_SUB, workspaceId });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(
      new HttpRequest({ method: 'GET', url: `http://localhost/api/diagnose?${q}` }),
      testContext('diagnose'),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.jsonBody)).toContain('workspaceId');
    expect(logs.calls).toHaveLength(0);
  });

  test('an alert naming such a workspace is still enriched, without it', async () => {
    const logs = fakeLogSource({ system: [], console: [], notes: [] });
    const runtime = fakeRuntime({ logs });
    const alert = ordersCrashAlert();
    alert.data.essentials.alertTargetIDs.push(bad[0]);
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(
      new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: JSON.stringify(alert) }, headers: { 'content-type': 'application/json' } }),
      testContext('alerts'),
    );
    expect(res.status).toBe(200);
    expect(logs.calls[0]?.workspace?.resourceId).toBeUndefined();
  });
});
