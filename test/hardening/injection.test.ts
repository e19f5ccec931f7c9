/**
 * KQL injection and scope on the manual endpoint, through the REAL Log Analytics source (the SDK's
 * `$batch` call) against the query API stand-in on 127.0.0.1:
 *  - hostile app / revision / replica / container values are a 400 naming the field, and no query is sent;
 *  - valid-but-odd names produce queries with exactly the syntax tree of a plain request (values are
 *    literals, never syntax);
 *  - ALLOWED_SCOPES is enforced: 403, and the stand-in receives nothing.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import fc from 'fast-check';
import { HttpRequest } from '@azure/functions';
import { createAlertsHandler } from '../../src/functions/alerts';
import { createDiagnoseHandler } from '../../src/functions/diagnose';
import { createLogAnalyticsSource } from '../../src/logs/logAnalytics';
import { fakeRuntime, testContext, type FakeRuntime } from '../support/fakes';
import { testTlsOptions } from '../support/httpsStandIn';
import { kqlErrors, kqlShape } from '../support/kusto';
import { startLogAnalyticsStandIn, type LogAnalyticsStandIn } from '../support/logAnalyticsStandIn';
import { appAlert, RESOURCE_GROUP, SUBSCRIPTION } from './helpers';

const WORKSPACE = '11111111-2222-3333-4444-555555555555';

class FakeCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: 'fake-token', expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

/**
 * What one test owns: its own stand-in and the runtime pointed at it. Opened before each test and closed
 * after it; a test takes it once (`const w = world()`) and uses only that, so a test that outlived its
 * timeout can neither send to nor be counted by the next test's stand-in (its own is closed, and
 * `diagnose` refuses to run for it).
 */
interface World {
  standIn: LogAnalyticsStandIn;
  runtime: FakeRuntime;
  closed: boolean;
}

let current: World | undefined;

beforeEach(async () => {
  const standIn = await startLogAnalyticsStandIn();
  const runtime = fakeRuntime({
    logs: createLogAnalyticsSource({
      credential: new FakeCredential(),
      endpoint: standIn.url,
      scope: 'https://api.loganalytics.io/.default',
      workspaceId: WORKSPACE,
      serverTimeoutSeconds: 30,
      consoleLinesPerReplica: 50,
      tlsOptions: testTlsOptions,
      retry: { maxRetries: 0, maxBatchAttempts: 1 },
    }),
    env: { LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE, ALLOWED_SCOPES: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}` },
  });
  current = { standIn, runtime, closed: false };
});
afterEach(async () => {
  const w = current;
  current = undefined;
  if (!w) return;
  w.closed = true;
  await w.standIn.close();
});

function world(): World {
  if (!current) throw new Error('world() is only available inside a test');
  return current;
}

const inScope = { subscription: SUBSCRIPTION, resourceGroup: RESOURCE_GROUP };

async function diagnose(w: World, query: Record<string, string>) {
  if (w.closed) throw new Error('this test has already ended (timed out?): no more requests from it');
  const url = new URL('http://localhost/api/diagnose');
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const handler = createDiagnoseHandler({ getRuntime: async () => w.runtime });
  const res = await handler(new HttpRequest({ method: 'GET', url: url.toString() }), testContext('diagnose'));
  return { status: res.status ?? 200, body: typeof res.body === 'string' ? JSON.parse(res.body) : res.jsonBody };
}

/** The KQL texts the stand-in received (both queries of each `$batch`). */
function receivedQueries(w: World): string[] {
  return w.standIn.queryRequests().flatMap((r) => ((r.json as { requests?: { body: { query: string } }[] })?.requests ?? []).map((q) => q.body.query));
}

const HOSTILE: { field: string; value: string }[] = [
  { field: 'app', value: "orders-api' | take 1 //" },
  { field: 'app', value: 'orders-api" or 1==1 or "' },
  { field: 'app', value: 'orders-api\n| union ContainerAppConsoleLogs_CL' },
  { field: 'app', value: 'Orders-API' },
  { field: 'app', value: 'orders-api;' },
  { field: 'app', value: 'a'.repeat(33) },
  { field: 'app', value: 'orders--api' },
  { field: 'revision', value: "orders-api--v1' or true or '" },
  { field: 'revision', value: 'orders-api--v1 | project *' },
  { field: 'revision', value: 'billing-api--v1' },
  { field: 'replica', value: "x' | union (ContainerAppConsoleLogs_CL) | where '1'=='1" },
  { field: 'replica', value: 'replica name' },
  { field: 'replica', value: 'r\\' },
  { field: 'container', value: "c' | take 1" },
  { field: 'container', value: 'c/*' },
  { field: 'environment', value: 'env" | getschema' },
  { field: 'workspaceId', value: "1' | union *" },
];

describe('manual endpoint: hostile names', () => {
  test.each(HOSTILE)('$field = $value is a 400 naming the field, without a query', async ({ field, value }) => {
    const w = world();
    const res = await diagnose(w, { app: 'orders-api', ...inScope, [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-request');
    expect(res.body.error.details).toEqual({ field });
    expect(w.standIn.queryRequests()).toHaveLength(0);
  });

  test('generated hostile values: every one either is refused without a query or is a valid name', async () => {
    const w = world();
    const invalid = fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(..."abcXYZ09-_'\"|;/\\*(). \n\t=".split('')) });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('app', 'revision', 'replica', 'container'), invalid, async (field, value) => {
        const before = w.standIn.queryRequests().length;
        const res = await diagnose(w, { app: 'orders-api', ...inScope, [field]: value });
        if (res.status === 400) expect(w.standIn.queryRequests().length).toBe(before);
        else {
          expect(res.status).toBe(200);
          expect(value.trim()).toMatch(/^[a-z0-9-]*$/); // only plain names (or blank: not given) get through
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('manual endpoint: valid but odd names', () => {
  const plain = { app: 'orders-api', revision: 'orders-api--v7', replica: 'orders-api--v7-6d8f9c7b5-x2k9p', container: 'orders-api' };

  async function shapesFor(w: World, query: Record<string, string>, validate = false): Promise<string[]> {
    w.standIn.requests.length = 0;
    const res = await diagnose(w, { ...inScope, ...query });
    expect(res.status).toBe(200);
    const queries = receivedQueries(w);
    expect(queries).toHaveLength(2);
    if (validate) for (const q of queries) expect(kqlErrors(q)).toEqual([]);
    return queries.map(kqlShape);
  }

  test('produce queries whose syntax tree equals the plain request’s', async () => {
    const w = world();
    const plainShapes = await shapesFor(w, plain, true);
    const odd = fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,4}){0,3}$/), fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/))
      .filter(([app]) => app.length >= 2 && app.length <= 32);
    await fc.assert(
      fc.asyncProperty(odd, async ([app, suffix, container]) => {
        const revision = `${app}--${suffix}`;
        const shapes = await shapesFor(w, { app, revision, replica: `${revision}-0-0`, container });
        expect(shapes).toEqual(plainShapes);
      }),
      { numRuns: 8 },
    );
    // Hand-picked corner cases: digits only after the first letter, the longest names, hyphen runs.
    for (const app of ['a0', 'z'.repeat(32), 'a-0-b-1']) {
      expect(await shapesFor(w, { app, revision: `${app}--0`, replica: `${app}--0-${'9'.repeat(40)}`, container: '0' })).toEqual(plainShapes);
    }
  });
});

describe('scope', () => {
  test('a target outside ALLOWED_SCOPES is 403 and the stand-in receives nothing', async () => {
    const w = world();
    const other = await diagnose(w, { app: 'orders-api', subscription: SUBSCRIPTION, resourceGroup: 'rg-someone-else' });
    expect(other.status).toBe(403);
    const otherSub = await diagnose(w, { app: 'orders-api', subscription: '00000000-0000-0000-0000-000000000000', resourceGroup: RESOURCE_GROUP });
    expect(otherSub.status).toBe(403);
    // A prefix of an allowed group is not that group.
    const prefix = await diagnose(w, { app: 'orders-api', subscription: SUBSCRIPTION, resourceGroup: `${RESOURCE_GROUP}-2` });
    expect(prefix.status).toBe(403);
    const unknown = await diagnose(w, { app: 'orders-api' });
    expect(unknown.status).toBe(403);
    expect(w.standIn.requests).toHaveLength(0);
  });

  test('inside the scope the query runs (case of the resource group does not matter)', async () => {
    const w = world();
    const ok = await diagnose(w, { app: 'orders-api', subscription: SUBSCRIPTION, resourceGroup: RESOURCE_GROUP.toUpperCase() });
    expect(ok.status).toBe(200);
    expect(w.standIn.queryRequests()).toHaveLength(1);
  });

  test('an alert about an app outside the scope is 403 on the alerts endpoint, and no query runs', async () => {
    const w = world();
    const handler = createAlertsHandler({ getRuntime: async () => w.runtime });
    const body = JSON.stringify(appAlert('orders-api', 'scope-1', { resourceGroup: 'rg-someone-else' }));
    const res = await handler(
      new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: body }, headers: { 'content-type': 'application/json' } }),
      testContext('alerts'),
    );
    expect(res.status).toBe(403);
    expect(w.standIn.requests).toHaveLength(0);
    // The page still went out, un-enriched, saying why.
    expect(w.runtime.delivered).toHaveLength(1);
    expect(w.runtime.delivered[0]).toMatchObject({ status: 'not-enriched', reasonCode: 'forbidden' });
  });
});
