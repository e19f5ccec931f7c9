/**
 * The whole app, end to end, against local stand-ins: the real runtime (`createAzureRuntime`) with its
 * real SDK clients talks HTTPS to the Log Analytics and ARM stand-ins, gets tokens from the managed
 * identity stand-in, keeps its dedupe table and alerts queue in Azurite, and posts to a webhook receiver.
 */
import { TableClient } from '@azure/data-tables';
import { parseAlert, resolveTarget } from '../../src/alert';
import type { Runtime } from '../../src/runtime';
import type { Diagnosis, Target } from '../../src/model';
import { startLocalServer } from '../../src/functions/serve';
import { ORDERS } from '../support/armStandIn';
import { kqlErrors } from '../support/kusto';
import type { RecordedRequest } from '../support/httpsStandIn';
import { rendezvous } from '../support/rendezvous';
import {
  ENV_WORKSPACE_ID, MISSING_DATABASE_URL, ORDERS_APP_ID, ORDERS_JOB_ID, WORKSPACE_ID, alertFiles, crashRows, freshAlert, postAlertInline,
  postAlertQueued, readAlert, resourceAlert, runQueueTrigger, startHarness, type Family, type Harness,
} from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.arm.setFault('containerApp', undefined);
  h.arm.setFault('job', undefined);
});

interface BatchItem {
  id: string;
  body: { query: string; timespan?: string };
  path: string;
  workspace?: string;
}

function batchItems(request: RecordedRequest): BatchItem[] {
  return ((request.json as { requests?: BatchItem[] }).requests ?? []) as BatchItem[];
}

/** Serves a crash loop for whatever the alert targets, and returns the replica it used. */
function serveCrashFor(target: Target, family: Family = 'custom-log'): string {
  const name = target.kind === 'environment' ? ORDERS.app : target.name;
  const revision = target.revision ?? `${name}--r8`;
  const replica = target.replica ?? (target.jobExecution ? `${target.jobExecution}-0x7kq` : `${revision}-7d9f8c6b5d-4xkqp`);
  const rows = crashRows({
    ...(target.kind === 'job' ? { job: name } : { app: name, revision }),
    replica,
    container: name,
    image: `ordersacr.azurecr.io/${name}:1.4.2`,
    end: new Date(target.window.end.getTime() - 120_000),
    family,
    consoleLines: MISSING_DATABASE_URL,
  });
  h.logAnalytics.setRows(rows);
  return replica;
}

function targetOf(alert: unknown): Target {
  return resolveTarget(parseAlert(alert), { now: new Date(), defaultLookbackMinutes: 60 });
}

/** The LA and ARM requests an action made, and the diagnoses it delivered. */
async function observe<T>(action: () => Promise<T>) {
  const la = h.logAnalytics.queryRequests().length;
  const arm = h.arm.requests.length;
  const rx = h.diagnoses().length;
  const result = await action();
  return {
    result,
    la: h.logAnalytics.queryRequests().slice(la),
    arm: h.arm.requests.slice(arm),
    delivered: h.diagnoses().slice(rx),
  };
}

function expectMissingDatabaseUrl(diagnosis: Diagnosis, replica: string) {
  expect(diagnosis.status).toBe('enriched');
  const primary = diagnosis.findings[0];
  expect(primary.category).toBe('missing-configuration');
  expect(JSON.stringify(primary.names ?? {})).toContain('DATABASE_URL');
  expect(primary.evidence.some((e) => e.source === 'console' && e.text.includes('DATABASE_URL'))).toBe(true);
  expect(primary.replicas ?? primary.evidence.map((e) => e.replica)).toContain(replica);
}

/** One `$batch` with the system and console queries, both valid KQL over the four tables. */
function expectOneValidBatch(la: RecordedRequest[]) {
  expect(la).toHaveLength(1);
  expect(la[0].path).toBe('/v1/$batch');
  const items = batchItems(la[0]);
  expect(items).toHaveLength(2);
  expect(items.map((i) => i.workspace ?? i.path)).toEqual(expect.arrayContaining([expect.stringContaining(WORKSPACE_ID)]));
  const queries = items.map((i) => i.body.query);
  expect(queries.some((q) => q.includes('ContainerAppSystemLogs'))).toBe(true);
  expect(queries.some((q) => q.includes('ContainerAppConsoleLogs'))).toBe(true);
  for (const q of queries) expect(kqlErrors(q)).toEqual([]);
  return queries;
}

const FIRING = alertFiles().filter((f) => readAlert(f).data.essentials.monitorCondition === 'Fired');

describe('1. one enrichment = one Log Analytics request, with ARM in parallel, delivered to the webhook', () => {
  let inline: Runtime;
  let queued: Runtime;
  // Fresh runtimes per test: each has its own alerts queue and dedupe table on the shared Azurite.
  beforeEach(async () => {
    inline = await h.runtime({ ALERT_INTAKE: 'inline' });
    queued = await h.runtime({ ALERT_INTAKE: 'queue' });
  });

  test.each(FIRING)('inline intake: %s', async (file) => {
    const alert = freshAlert(readAlert(file));
    const target = targetOf(alert);
    const replica = serveCrashFor(target);
    // With an app or job to read from ARM, its GET and the log batch must be in flight together: each
    // stand-in holds its answer until the other request is in too.
    const armExpected = Boolean(target.subscriptionId) && target.kind !== 'environment';
    const meeting = rendezvous(['logs', 'arm']);
    if (armExpected) {
      h.logAnalytics.fail({ type: 'held', until: () => meeting.arrive('logs') });
      h.arm.setFault('containerApp', { kind: 'held', until: () => meeting.arrive('arm') });
      h.arm.setFault('job', { kind: 'held', until: () => meeting.arrive('arm') });
    }

    const seen = await observe(() => postAlertInline(inline, alert)).finally(() => meeting.release());
    expect(seen.result.status).toBe(200);
    expectOneValidBatch(seen.la);
    expect(seen.delivered).toHaveLength(1);
    expectMissingDatabaseUrl(seen.delivered[0], replica);
    expect(seen.delivered[0].alertIds).toContain(alert.data.essentials.alertId);

    if (armExpected) {
      expect(seen.arm.some((r) => r.route === 'containerApp' || r.route === 'job')).toBe(true);
      // Each request arrived while the other was still unanswered.
      expect(meeting.together).toBe(true);
    }
  });

  test.each(FIRING)('queue intake (202, Azurite, queue trigger): %s', async (file) => {
    const alert = freshAlert(readAlert(file));
    const target = targetOf(alert);
    const replica = serveCrashFor(target);

    const seen = await observe(async () => {
      const before = { la: h.logAnalytics.queryRequests().length, rx: h.diagnoses().length };
      const { response, captured } = await postAlertQueued(queued, h.azurite, alert);
      expect(response.status).toBe(202);
      expect(captured).toHaveLength(1);
      // Nothing is queried or delivered before the queue trigger runs.
      expect(h.logAnalytics.queryRequests()).toHaveLength(before.la);
      expect(h.diagnoses()).toHaveLength(before.rx);
      return runQueueTrigger(queued, h.azurite);
    });
    expect(seen.result.map((r) => r.outcome)).toEqual(['enriched']);
    expectOneValidBatch(seen.la);
    expect(seen.delivered).toHaveLength(1);
    expectMissingDatabaseUrl(seen.delivered[0], replica);
    // The message was completed: nothing left to run.
    expect(await runQueueTrigger(queued, h.azurite)).toEqual([]);
  });

  test('a resolved alert is delivered as resolved without querying anything', async () => {
    const alert = freshAlert(readAlert('test/fixtures/alerts/metric-restart-count-resolved.json'));
    const seen = await observe(() => postAlertInline(inline, alert));
    expect(seen.la).toHaveLength(0);
    expect(seen.delivered.map((d) => d.status)).toEqual(['resolved']);
  });

  test('the same alert posted twice (action group retry) reaches the webhook once', async () => {
    const alert = freshAlert(readAlert('samples/alert.json'));
    serveCrashFor(targetOf(alert));
    const seen = await observe(async () => {
      await postAlertInline(inline, alert);
      return postAlertInline(inline, alert);
    });
    expect(seen.delivered).toHaveLength(1);
    expect((seen.result.jsonBody as { deliveries: { status: string }[] }).deliveries.map((d) => d.status)).toEqual(['duplicate']);
    // The claim lives in the Azurite dedupe table (AzureWebJobsStorage from the runtime's env), not in memory.
    const table = TableClient.fromConnectionString(h.azurite.connectionString, inline.settings.storage.dedupeTable, { allowInsecureConnection: true });
    const rows: { alertId?: string; state?: string }[] = [];
    for await (const row of table.listEntities<{ alertId?: string; state?: string }>()) rows.push(row);
    expect(rows.filter((r) => r.alertId === alert.data.essentials.alertId).map((r) => r.state)).toEqual(['delivered']);
  });
});

describe('1b. no workspace in the settings or the alert', () => {
  test('the app\'s environment names the workspace: ARM first, then one batch against that workspace', async () => {
    const runtime = await h.runtime({ LOG_ANALYTICS_WORKSPACE_ID: undefined });
    const alert = freshAlert(readAlert('test/fixtures/alerts/metric-restart-count-container-app.json'));
    const replica = serveCrashFor(targetOf(alert));
    const seen = await observe(() => postAlertInline(runtime, alert));
    expect(seen.la).toHaveLength(1);
    const items = batchItems(seen.la[0]);
    expect(items.map((i) => JSON.stringify(i))).toEqual([expect.stringContaining(ENV_WORKSPACE_ID), expect.stringContaining(ENV_WORKSPACE_ID)]);
    const env = seen.arm.find((r) => r.route === 'managedEnvironment');
    expect(env!.receivedAt).toBeLessThanOrEqual(seen.la[0].receivedAt);
    expectMissingDatabaseUrl(seen.delivered[0], replica);
  });
});

describe('2. both table families give the same findings', () => {
  test('a workspace with only _CL tables and one with only resource-specific tables', async () => {
    const runtime = await h.runtime();
    const findings: Record<string, Diagnosis> = {};
    for (const family of ['custom-log', 'resource-specific'] as const) {
      const alert = freshAlert(readAlert('test/fixtures/alerts/log-v2-workspace-custom-log-dimensions.json'));
      const replica = serveCrashFor(targetOf(alert), family);
      const seen = await observe(() => postAlertInline(runtime, alert));
      const queries = expectOneValidBatch(seen.la);
      // Each query reads both families, so the same query works whichever one the workspace has.
      for (const q of queries) expect(q).toMatch(/ContainerApp\w+Logs_CL[\s\S]*ContainerApp\w+Logs\b(?!_CL)/);
      expectMissingDatabaseUrl(seen.delivered[0], replica);
      findings[family] = seen.delivered[0];
    }
    const strip = (d: Diagnosis) => d.findings.map(({ ...f }) => f);
    expect(strip(findings['resource-specific'])).toEqual(strip(findings['custom-log']));
    expect(findings['resource-specific'].summary).toBe(findings['custom-log'].summary);
  });
});

describe('3. jobs', () => {
  test('a job alert reads the job and its executions from ARM and the execution\'s console rows', async () => {
    const runtime = await h.runtime();
    const execution = 'nightly-export-29145720';
    const replica = `${execution}-0x7kq`;
    const alert = resourceAlert({
      resourceId: ORDERS_JOB_ID,
      dimensions: { ReplicaName: replica },
      windowStart: '2025-06-03T01:55:00Z',
      windowEnd: '2025-06-03T02:10:00Z',
    });
    const target = targetOf(alert);
    expect(target).toMatchObject({ kind: 'job', name: ORDERS.job, jobExecution: execution });
    h.logAnalytics.setRows(
      crashRows({
        job: ORDERS.job, replica, container: 'exporter', end: new Date('2025-06-03T02:06:30Z'), family: 'custom-log', exitCode: 137,
        consoleLines: ['exporting orders for 2025-06-02', 'wrote 1200000 rows to buffer'],
      }),
    );
    const seen = await observe(() => postAlertInline(runtime, alert));
    expect(seen.arm.map((r) => r.route).sort()).toEqual(expect.arrayContaining(['job', 'jobExecutions', 'managedEnvironment']));
    const consoleQuery = expectOneValidBatch(seen.la).find((q) => q.includes('ContainerAppConsoleLogs'))!;
    // The console rows are those of the failing execution: its replicas' names start with it.
    expect(consoleQuery).toContain(`startswith "${execution}-"`);
    const diagnosis = seen.delivered[0];
    expect(diagnosis.status).toBe('enriched');
    expect(diagnosis.target).toMatchObject({ kind: 'job', name: ORDERS.job, jobExecution: execution });
    const primary = diagnosis.findings[0];
    // A SIGKILL with no memory line and no stop before it: read as possibly out of memory, with low
    // confidence and the other readings named (the majority of blind labels; see docs/classify-blind-v15.md).
    expect(primary.category).toBe('out-of-memory');
    expect(primary.title).toMatch(/possibly out of memory/);
    expect(primary.confidence).toBeLessThan(0.5);
    expect(primary.alternatives).toEqual(expect.arrayContaining(['unknown', 'forced-kill']));
    expect(primary.exitCode).toBe(137);
    expect(diagnosis.stats?.consoleLines).toBe(4);
  });
});

describe('4. revision diff', () => {
  test('failing r8 vs healthy r7: a configuration-change finding naming both, next to the cause', async () => {
    const runtime = await h.runtime();
    const replica = 'orders-api--r8-7d9f8c6b5d-4xkqp';
    const alert = resourceAlert({
      resourceId: ORDERS_APP_ID,
      dimensions: { RevisionName: ORDERS.failingRevision },
      windowStart: '2025-06-03T08:40:00Z',
      windowEnd: '2025-06-03T08:55:00Z',
    });
    h.logAnalytics.setRows(
      crashRows({
        app: ORDERS.app, revision: ORDERS.failingRevision, replica, container: ORDERS.app, image: 'ordersacr.azurecr.io/orders:1.4.2',
        end: new Date('2025-06-03T08:50:00Z'), family: 'resource-specific', consoleLines: MISSING_DATABASE_URL,
      }),
    );
    const seen = await observe(() => postAlertInline(runtime, alert));
    expect(seen.arm.map((r) => r.route)).toEqual(expect.arrayContaining(['containerApp', 'revisions', 'replicas', 'managedEnvironment']));
    const diagnosis = seen.delivered[0];
    expectMissingDatabaseUrl(diagnosis, replica);
    const change = diagnosis.findings.find((f) => f.category === 'configuration-change');
    expect(change).toBeDefined();
    const text = JSON.stringify(change);
    expect(text).toContain(ORDERS.failingRevision);
    expect(text).toContain(ORDERS.healthyRevision);
    expect(text).toContain('DATABASE_URL');
    expect(text).toMatch(/1\.4\.1/);
    expect(text).toMatch(/1\.4\.2/);
  });
});

describe('7. sovereign cloud settings', () => {
  test('LOG_ANALYTICS_ENDPOINT without /v1 is called at /v1, with a token for the endpoint\'s own audience', async () => {
    const runtime = await h.runtime({ LOG_ANALYTICS_ENDPOINT: `${h.logAnalytics.url}/` });
    const alert = freshAlert(readAlert('samples/alert.json'));
    serveCrashFor(targetOf(alert));
    const seen = await observe(() => postAlertInline(runtime, alert));
    expect(seen.la.map((r) => r.path)).toEqual(['/v1/$batch']);
    const audience = h.logAnalytics.url;
    expect(h.identity.requests.map((r) => r.query.get('resource'))).toContain(audience);
    expect(seen.la[0].headers.authorization).toBe(`Bearer ${h.identity.tokenFor(audience)}`);
  });

  test('a base URL given with /v1 is not doubled; LOG_ANALYTICS_AUDIENCE sets the token scope', async () => {
    const audience = 'https://api.loganalytics.us';
    const runtime = await h.runtime({ LOG_ANALYTICS_ENDPOINT: `${h.logAnalytics.url}/v1`, LOG_ANALYTICS_AUDIENCE: audience });
    expect(runtime.settings.logAnalytics.scope).toBe(`${audience}/.default`);
    const alert = freshAlert(readAlert('samples/alert.json'));
    serveCrashFor(targetOf(alert));
    const seen = await observe(() => postAlertInline(runtime, alert));
    expect(seen.la.map((r) => r.path)).toEqual(['/v1/$batch']);
    expect(h.identity.requests.map((r) => r.query.get('resource'))).toContain(audience);
    expect(seen.la[0].headers.authorization).toBe(`Bearer ${h.identity.tokenFor(audience)}`);
    // ARM takes tokens for its own endpoint.
    expect(h.identity.requests.map((r) => r.query.get('resource'))).toContain(h.arm.url);
  });
});

describe('8. the local server (`npm run serve`) over real HTTP', () => {
  test('POST /api/alerts enriches and delivers; GET /api/diagnose answers with the diagnosis', async () => {
    const runtime = await h.runtime();
    const server = await startLocalServer({ port: 0, getRuntime: async () => runtime });
    try {
      const alert = freshAlert(readAlert('samples/alert.json'));
      const replica = serveCrashFor(targetOf(alert));
      const seen = await observe(() =>
        fetch(`${server.url}/api/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alert) }),
      );
      expect(seen.result.status).toBe(200);
      const body = (await seen.result.json()) as { status: string; deliveries: { status: string }[] };
      expect(body.status).toBe('enriched');
      expect(body.deliveries.map((d) => d.status)).toEqual(['delivered']);
      expectMissingDatabaseUrl(seen.delivered[0], replica);

      const query = new URLSearchParams({
        app: ORDERS.app, resourceGroup: ORDERS.resourceGroup, subscription: ORDERS.subscriptionId, since: '2025-06-03T08:40:00Z', until: '2025-06-03T08:55:00Z',
      });
      const manual = await observe(() => fetch(`${server.url}/api/diagnose?${query}`));
      expect(manual.result.status).toBe(200);
      expect(manual.result.headers.get('x-diagnosis-status')).toBe('enriched');
      const diagnosis = (await manual.result.json()) as Diagnosis;
      expect(diagnosis.findings[0].category).toBe('missing-configuration');
      expect(manual.la).toHaveLength(1);
      expect(manual.arm.some((r) => r.route === 'containerApp')).toBe(true);
      // Not posted unless asked.
      expect(manual.delivered).toHaveLength(0);

      const md = await fetch(`${server.url}/api/diagnose?${query}&format=markdown`);
      expect(md.headers.get('content-type')).toMatch(/markdown/);
      expect(await md.text()).toContain('DATABASE_URL');
    } finally {
      await server.close();
    }
  });
});
