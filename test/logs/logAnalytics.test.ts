import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ConfigurationError, LogAccessDeniedError, LogQueryError, TimeoutError } from '../../src/errors';
import { createLogAnalyticsSource, type LogAnalyticsSourceOptions } from '../../src/logs/logAnalytics';
import type { Target } from '../../src/model';
import { testTlsOptions } from '../support/httpsStandIn';
import { kqlErrors } from '../support/kusto';
import { SAMPLE_CONSOLE_ROWS, SAMPLE_SYSTEM_ROWS, startLogAnalyticsStandIn, type LogAnalyticsStandIn } from '../support/logAnalyticsStandIn';

const WORKSPACE = '11111111-2222-3333-4444-555555555555';
const SCOPE = 'https://api.loganalytics.io/.default';

/** Hands out a token naming the scope it was asked for, and counts the asks. */
class FakeCredential implements TokenCredential {
  scopes: string[][] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const list = Array.isArray(scopes) ? scopes : [scopes];
    this.scopes.push(list);
    return { token: `fake-token:${list.join(' ')}`, expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

const target = (over: Partial<Target> = {}): Target => ({
  kind: 'containerApp',
  name: 'orders-api',
  workspace: { customerId: WORKSPACE },
  window: { start: new Date('2024-05-02T09:50:00Z'), end: new Date('2024-05-02T10:10:00Z') },
  ...over,
});

let standIn: LogAnalyticsStandIn;
beforeEach(async () => {
  standIn = await startLogAnalyticsStandIn();
});
afterEach(async () => {
  await standIn.close();
});

/** Pauses the source took before a retry, in ms; noted and ended at once (nothing here waits them out). */
let pauses: number[] = [];
beforeEach(() => {
  pauses = [];
});

function source(over: Partial<LogAnalyticsSourceOptions> = {}) {
  return createLogAnalyticsSource({
    sleep: async (ms) => void pauses.push(ms),
    credential: new FakeCredential(),
    endpoint: standIn.url,
    scope: SCOPE,
    serverTimeoutSeconds: 60,
    consoleLinesPerReplica: 50,
    tlsOptions: testTlsOptions,
    retry: { retryDelayInMs: 20, maxRetryDelayInMs: 2000 },
    ...over,
  });
}

interface BatchBody {
  requests: { id: string; method: string; path: string; workspace: string; headers?: Record<string, string>; body: { query: string; timespan: string } }[];
}

describe('Log Analytics source against the query API stand-in', () => {
  test('sends both evidence queries in one $batch request and normalises the answer', async () => {
    const credential = new FakeCredential();
    const evidence = await source({ credential }).fetchEvidence(target());

    const requests = standIn.queryRequests();
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req.path).toBe('/v1/$batch');
    expect(req.headers.authorization).toBe(`Bearer fake-token:${SCOPE}`);
    expect(credential.scopes).toEqual([[SCOPE]]);
    const body = req.json as BatchBody;
    expect(body.requests).toHaveLength(2);
    for (const item of body.requests) {
      expect(item).toMatchObject({ method: 'POST', path: '/query', workspace: WORKSPACE });
      expect(item.body.timespan).toBe('2024-05-02T09:50:00.000Z/2024-05-02T10:10:00.000Z');
      expect(item.headers?.prefer).toBe('wait=60');
      expect(item.body.query).toContain('== "orders-api"');
      expect(item.body.query).toContain('datetime(2024-05-02T09:50:00.000Z) .. datetime(2024-05-02T10:10:00.000Z)');
      expect(kqlErrors(item.body.query)).toEqual([]);
    }
    expect(body.requests[0].body.query).toContain('ContainerAppSystemLogs_CL');
    expect(body.requests[1].body.query).toContain('ContainerAppConsoleLogs_CL');

    expect(evidence.system.map((e) => [e.reason, e.message, e.count])).toEqual([
      ['ContainerBackOff', 'Persistent Failure to start container', 2],
      ['ContainerTerminated', "Container 'orders-api' was terminated with exit code '1'", 4],
      ['ContainerBackOff', 'Persistent Failiure to start container', 12],
    ]);
    expect(evidence.system[2]).toMatchObject({
      severity: 'Warning',
      replica: 'orders-api--v7-6d8f9c7b5-x2k9p',
      revision: 'orders-api--v7',
      firstSeen: new Date('2024-05-02T10:02:00Z'),
      time: new Date('2024-05-02T10:09:00Z'),
    });
    expect(evidence.console.map((l) => [l.stream, l.text, l.replica])).toEqual([
      ['stdout', 'Starting orders-api 1.4.2', 'orders-api--v7-6d8f9c7b5-x2k9p'],
      ['stderr', "KeyError: 'DATABASE_URL'", 'orders-api--v7-6d8f9c7b5-x2k9p'],
    ]);
    expect(evidence.console[0].time).toEqual(new Date('2024-05-02T10:08:38.120Z'));
    expect(evidence.tableFamily).toBe('custom-log');
    expect(evidence.query).toMatchObject({ workspaceId: WORKSPACE });
    expect(evidence.query?.kql).toContain('let SystemRows');
    expect(evidence.notes).toEqual([]);
  });

  test('reports both families when rows came from both', async () => {
    standIn.setRows({ console: [{ ...SAMPLE_CONSOLE_ROWS[0], Family: 'resource-specific' }] });
    const evidence = await source().fetchEvidence(target());
    expect(evidence.tableFamily).toBe('both');
  });

  test('the workspaceId setting wins over the workspace the alert names', async () => {
    const other = '99999999-8888-7777-6666-555555555555';
    await source({ workspaceId: other }).fetchEvidence(target());
    const body = standIn.queryRequests()[0].json as BatchBody;
    expect(body.requests.map((r) => r.workspace)).toEqual([other, other]);
  });

  test('429 with Retry-After is retried after the delay the service asked for', async () => {
    standIn.fail({ type: 'status', status: 429, retryAfter: '1' });
    const evidence = await source().fetchEvidence(target());
    const requests = standIn.queryRequests();
    expect(requests).toHaveLength(2);
    // The one pause before the retry is the second the service asked for (not the 20 ms back-off).
    expect(pauses).toEqual([1000]);
    expect(evidence.system).toHaveLength(3);
  });

  test('a 429 that persists is paused on before every retry but the last try, then reported', async () => {
    standIn.fail(...Array.from({ length: 5 }, () => ({ type: 'status' as const, status: 429, retryAfter: '2' })));
    const err = await source({ retry: { maxRetries: 2, retryDelayInMs: 10 } }).fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(LogQueryError);
    expect(err.context).toMatchObject({ status: 429 });
    expect(standIn.queryRequests()).toHaveLength(3);
    expect(pauses).toEqual([2000, 2000]);
  });

  test('500 is retried and then succeeds', async () => {
    standIn.fail({ type: 'status', status: 500 });
    const evidence = await source().fetchEvidence(target());
    expect(standIn.queryRequests()).toHaveLength(2);
    expect(evidence.console).toHaveLength(2);
  });

  test('persistent 503 gives up after the bounded retries with a LogQueryError', async () => {
    standIn.fail(...Array.from({ length: 10 }, () => ({ type: 'status' as const, status: 503 })));
    const err = await source({ retry: { maxRetries: 2, retryDelayInMs: 10 } }).fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(LogQueryError);
    expect(err.context).toMatchObject({ status: 503 });
    expect(standIn.queryRequests()).toHaveLength(3);
  });

  test('a query throttled inside the batch is retried, honouring its own Retry-After', async () => {
    standIn.fail({ type: 'item-status', status: 429, itemId: 'query-1', retryAfter: '1' });
    const evidence = await source().fetchEvidence(target());
    const requests = standIn.queryRequests();
    expect(requests).toHaveLength(2);
    expect(pauses).toEqual([1000]);
    expect(evidence.console).toHaveLength(2);
  });

  test('403 becomes LogAccessDeniedError naming the workspace and the role', async () => {
    standIn.fail({ type: 'status', status: 403 });
    const err = await source().fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(LogAccessDeniedError);
    expect(err.context).toMatchObject({ role: 'Log Analytics Reader', status: 403, serviceCode: 'InsufficientAccessError' });
    expect(err.message).toContain(WORKSPACE);
    expect(err.message).toContain('Log Analytics Reader');
    expect(standIn.queryRequests()).toHaveLength(1);
  });

  test('403 on a query inside the batch is an access error too, not retried', async () => {
    standIn.fail({ type: 'item-status', status: 403, itemId: 'query-0' });
    const err = await source().fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(LogAccessDeniedError);
    expect(err.context.role).toBe('Log Analytics Reader');
    expect(standIn.queryRequests()).toHaveLength(1);
  });

  test('401 says the token was refused and which scope was used', async () => {
    standIn.fail({ type: 'status', status: 401 });
    const err = await source().fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(LogAccessDeniedError);
    expect(err.context).toMatchObject({ status: 401, scope: SCOPE, serviceCode: 'AuthenticationFailed' });
    expect(err.message).toMatch(/did not accept the enricher's token/);
  });

  test('a 400 is a LogQueryError carrying the service code, with the cause kept', async () => {
    standIn.fail({ type: 'status', status: 400, body: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties' } } });
    const err = await source().fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(LogQueryError);
    expect(err.context).toMatchObject({ status: 400, serviceCode: 'BadArgumentError' });
    expect(err.cause).toBeDefined();
  });

  test('PartialError keeps the rows and adds a partial-failure note', async () => {
    standIn.fail({ type: 'partial' });
    const evidence = await source().fetchEvidence(target());
    expect(evidence.system).toHaveLength(3);
    expect(evidence.notes.filter((n) => n.kind === 'partial-failure')).toHaveLength(2);
    expect(evidence.notes[0].message).toMatch(/PartialError/);
  });

  test('hitting the group cap is reported as a result-cap note', async () => {
    const evidence = await source({ maxSystemGroups: 3 }).fetchEvidence(target());
    expect(evidence.notes).toEqual([expect.objectContaining({ kind: 'result-cap' })]);
    const body = standIn.queryRequests()[0].json as BatchBody;
    expect(body.requests[0].body.query).toContain('| top 3 by TimeGenerated desc');
  });

  test("the caller's abort signal cancels a slow query", async () => {
    // Aborted once the query is at the stand-in (an event, not a delay), which then never answers it.
    const controller = new AbortController();
    let answer!: () => void;
    standIn.fail({
      type: 'held',
      until: () => {
        controller.abort();
        return new Promise<void>((r) => (answer = r));
      },
    });
    const err = await source().fetchEvidence(target(), { signal: controller.signal }).catch((e) => e);
    answer();
    expect(err).toBeInstanceOf(LogQueryError);
    expect(err.context).toMatchObject({ aborted: true });
    expect(standIn.queryRequests()).toHaveLength(1);
  });

  test('a query that outlives the client deadline is a TimeoutError', async () => {
    standIn.fail({ type: 'slow', delayMs: 10_000 });
    const err = await source({ clientTimeoutMs: 200 }).fetchEvidence(target()).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toContain(WORKSPACE);
  });

  test('without any workspace it says which setting to set, and sends nothing', async () => {
    const err = await source().fetchEvidence(target({ workspace: undefined })).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.context.setting).toBe('LOG_ANALYTICS_WORKSPACE_ID');
    expect(err.message).toContain('LOG_ANALYTICS_WORKSPACE_ID');
    // Written for a person: "container app", not the internal kind id, and the per-request way out too.
    expect(err.message).not.toContain('containerApp');
    expect(err.message).toMatch(/container app|job/);
    expect(err.message).toContain('workspaceId');
    expect(standIn.queryRequests()).toHaveLength(0);
  });

  test('with only a resource id it runs one resource-centric query', async () => {
    const envId = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/prod-env';
    const evidence = await source().fetchEvidence(target({ workspace: undefined, environmentId: envId }));
    const requests = standIn.queryRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe(`/v1${envId}/query`);
    const body = requests[0].json as { query: string; timespan: string };
    expect(kqlErrors(body.query)).toEqual([]);
    expect(body.timespan).toBe('2024-05-02T09:50:00.000Z/2024-05-02T10:10:00.000Z');
    expect(requests[0].headers.prefer).toBe('wait=60');
    expect(evidence.system).toHaveLength(SAMPLE_SYSTEM_ROWS.length);
    expect(evidence.console).toHaveLength(SAMPLE_CONSOLE_ROWS.length);
    expect(evidence.query).toEqual({ kql: body.query, resourceId: envId });
  });
});
