import { HttpRequest } from '@azure/functions';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAlertsHandler } from '../../src/functions/alerts';
import { createDiagnoseHandler } from '../../src/functions/diagnose';
import { LogQueryError } from '../../src/errors';
import type { Evidence } from '../../src/model';
import { fakeLogSource, fakeRuntime, testContext } from '../support/fakes';

const sampleAlert = readFileSync(join(__dirname, '..', '..', 'samples', 'alert.json'), 'utf8');

const crashEvidence: Evidence = {
  system: [
    {
      time: new Date('2026-11-24T09:20:00Z'),
      reason: 'ContainerTerminated',
      message: "Container 'orders-api' was terminated with exit code '1'",
      replica: 'orders-api--v7x2k1p-6d9c7f5b8-kq2xw',
      revision: 'orders-api--v7x2k1p',
      app: 'orders-api',
      count: 1,
    },
    {
      time: new Date('2026-11-24T09:20:10Z'),
      reason: 'ContainerBackOff',
      message: 'Persistent Failiure to start container',
      replica: 'orders-api--v7x2k1p-6d9c7f5b8-kq2xw',
      revision: 'orders-api--v7x2k1p',
      app: 'orders-api',
      count: 4,
    },
  ],
  console: [
    {
      time: new Date('2026-11-24T09:19:59Z'),
      text: "KeyError: 'DATABASE_URL'",
      stream: 'stderr',
      replica: 'orders-api--v7x2k1p-6d9c7f5b8-kq2xw',
      revision: 'orders-api--v7x2k1p',
      app: 'orders-api',
    },
  ],
  notes: [],
};

function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return new HttpRequest({ method: 'POST', url, body: { string: body }, headers });
}

describe('alerts function', () => {
  test('enriches a fired alert inline and delivers the diagnosis', async () => {
    const logs = fakeLogSource(crashEvidence);
    const runtime = fakeRuntime({ logs });
    const handler = createAlertsHandler({ getRuntime: async () => runtime });
    const res = await handler(post('http://localhost/api/alerts', sampleAlert), testContext('alerts'));
    expect(res.status).toBe(200);
    expect(logs.calls).toHaveLength(1);
    expect(logs.calls[0]).toMatchObject({ kind: 'containerApp', name: 'orders-api', revision: 'orders-api--v7x2k1p' });
    expect(runtime.delivered).toHaveLength(1);
    const d = runtime.delivered[0];
    expect(d.status).toBe('enriched');
    expect(d.findings[0].category).toBe('missing-configuration');
    expect(JSON.stringify(d.findings[0])).toContain('DATABASE_URL');
    expect(d.alertIds).toEqual([JSON.parse(sampleAlert).data.essentials.alertId]);
  });

  test('queue intake answers 202 and puts the raw alert on the queue without querying', async () => {
    const logs = fakeLogSource(crashEvidence);
    const runtime = fakeRuntime({ logs, env: { ALERT_INTAKE: 'queue' } });
    const queued: unknown[] = [];
    const handler = createAlertsHandler({ getRuntime: async () => runtime, enqueue: (_c, m) => queued.push(m) });
    const res = await handler(post('http://localhost/api/alerts', sampleAlert), testContext('alerts'));
    expect(res.status).toBe(202);
    expect(logs.calls).toHaveLength(0);
    expect(queued).toHaveLength(1);
    expect((queued[0] as { alert: unknown }).alert).toEqual(JSON.parse(sampleAlert));
  });

  test('a Log Analytics failure still delivers the alert, marked not-enriched with the reason', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(new LogQueryError('Log Analytics answered 503 three times')) });
    const handler = createAlertsHandler({ getRuntime: async () => runtime });
    const res = await handler(post('http://localhost/api/alerts', sampleAlert), testContext('alerts'));
    expect(res.status).toBe(200);
    expect(runtime.delivered[0]).toMatchObject({ status: 'not-enriched', reasonCode: 'log-query-failed' });
    expect(runtime.delivered[0].reason).toContain('503');
    expect(runtime.delivered[0].alert?.alertRule).toBe('aca-container-backoff');
  });

  test('a resolved alert gets a short resolved message and no queries', async () => {
    const logs = fakeLogSource(crashEvidence);
    const runtime = fakeRuntime({ logs });
    const alert = JSON.parse(sampleAlert);
    alert.data.essentials.monitorCondition = 'Resolved';
    alert.data.essentials.resolvedDateTime = '2026-11-24T09:50:00Z';
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', JSON.stringify(alert)), testContext());
    expect(res.status).toBe(200);
    expect(logs.calls).toHaveLength(0);
    expect(runtime.delivered[0].status).toBe('resolved');
    expect(runtime.delivered[0].summary).toMatch(/resolved/);
  });

  test.each([
    ['invalid JSON', '{"schemaId": ', 400, /not valid JSON/],
    ['not the common schema', '{"hello": "world"}', 400, /schemaId|common alert schema/i],
    ['an array', '[1,2,3]', 400, /object|schema/i],
    ['an empty body', '', 400, /empty/],
  ])('%s gets a 400 that says what was wrong', async (_name, body, status, message) => {
    const runtime = fakeRuntime();
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', body), testContext());
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.jsonBody)).toMatch(message);
    expect(runtime.delivered).toHaveLength(0);
  });

  test('a non-JSON content type gets a 415', async () => {
    const res = await createAlertsHandler({ getRuntime: async () => fakeRuntime() })(
      post('http://localhost/api/alerts', sampleAlert, { 'content-type': 'text/plain' }),
      testContext(),
    );
    expect(res.status).toBe(415);
  });

  test('an oversize body gets a 413', async () => {
    const runtime = fakeRuntime({ env: { MAX_BODY_BYTES: '2048' } });
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', sampleAlert), testContext());
    expect(res.status).toBe(413);
    expect(JSON.stringify(res.jsonBody)).toMatch(/limit is 2048/);
  });

  test('an alert about a VM is answered 202 and forwarded un-enriched, naming the type', async () => {
    const runtime = fakeRuntime();
    const alert = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'payloads', 'msdocs-log-webhook-log-alerts-v2-full-resource-logs.json'), 'utf8'));
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', JSON.stringify(alert)), testContext());
    expect(res.status).toBe(202);
    expect(res.jsonBody).toMatchObject({ accepted: true, enriched: false });
    expect(JSON.stringify(res.jsonBody)).toMatch(/virtualmachines/i);
    expect(runtime.delivered).toHaveLength(1);
    expect(runtime.delivered[0].status).toBe('not-enriched');
  });

  // Azure's own test-action payloads: storage accounts, VMs, a workspace, placeholder ids. The sender did
  // nothing wrong, so every one is forwarded and answered 2xx, in either intake mode.
  const testActions = readdirSync(join(__dirname, '..', 'fixtures', 'payloads')).filter((f) => f.startsWith('msdocs-test-action-'));
  test.each(testActions.flatMap((f) => [[f, 'inline'], [f, 'queue']]))('%s (%s intake) is forwarded and answered 2xx', async (file, intake) => {
    const runtime = fakeRuntime({ env: { ALERT_INTAKE: intake } });
    const body = readFileSync(join(__dirname, '..', 'fixtures', 'payloads', file), 'utf8');
    const queued: unknown[] = [];
    const handler = createAlertsHandler({ getRuntime: async () => runtime, enqueue: (_c, m) => queued.push(m) });
    const res = await handler(post('http://localhost/api/alerts', body), testContext());
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    expect(runtime.delivered.length + queued.length).toBe(1);
  });

  test('when the un-enriched forward cannot be delivered, the action group is told to retry (503)', async () => {
    const runtime = fakeRuntime({
      async deliver() {
        throw new Error('storage down');
      },
    });
    const alert = readFileSync(join(__dirname, '..', 'fixtures', 'payloads', 'msdocs-test-action-metric-static.json'), 'utf8');
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', alert), testContext());
    expect(res.status).toBe(503);
  });

  test('a target outside ALLOWED_SCOPES is refused with 403 before any query', async () => {
    const logs = fakeLogSource(crashEvidence);
    const runtime = fakeRuntime({ logs, env: { ALLOWED_SCOPES: '/subscriptions/00000000-0000-0000-0000-000000000000' } });
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', sampleAlert), testContext());
    expect(res.status).toBe(403);
    expect(logs.calls).toHaveLength(0);
  });
});

describe('diagnose function', () => {
  const url = 'http://localhost/api/diagnose?app=orders-api&resourceGroup=rg-orders-prod&subscription=3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15&since=30m';

  test('GET returns the JSON diagnosis and does not post unless asked', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(crashEvidence) });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(new HttpRequest({ method: 'GET', url }), testContext());
    expect(res.status).toBe(200);
    const body = JSON.parse(String(res.body));
    expect(body.schemaVersion).toBe('1.1');
    expect(body.target).toMatchObject({ kind: 'containerApp', name: 'orders-api', resourceGroup: 'rg-orders-prod' });
    expect(body.findings[0].category).toBe('missing-configuration');
    expect(runtime.delivered).toHaveLength(0);
  });

  test('Accept: text/markdown returns Markdown; post=true delivers', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(crashEvidence) });
    const req = new HttpRequest({ method: 'GET', url: `${url}&post=true`, headers: { accept: 'text/markdown' } });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(req, testContext());
    expect(res.status).toBe(200);
    expect((res.headers as Record<string, string>)['content-type']).toMatch(/markdown/);
    expect(String(res.body)).toContain('DATABASE_URL');
    expect(runtime.delivered).toHaveLength(1);
  });

  test('POST with a JSON body works like GET', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(crashEvidence) });
    const req = post('http://localhost/api/diagnose', JSON.stringify({ app: 'orders-api', resourceGroup: 'rg-orders-prod', since: '2026-11-24T09:00:00Z', until: '2026-11-24T09:40:00Z' }));
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(req, testContext());
    expect(res.status).toBe(200);
    expect(JSON.parse(String(res.body)).window).toEqual({ start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T09:40:00.000Z' });
  });

  test('POST honours "format" in the JSON body, as GET honours it in the query', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(crashEvidence) });
    const body = JSON.stringify({ app: 'orders-api', resourceGroup: 'rg-orders-prod', since: '2h', format: 'markdown' });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(post('http://localhost/api/diagnose', body), testContext());
    expect(res.status).toBe(200);
    expect((res.headers as Record<string, string>)['content-type']).toMatch(/markdown/);
    expect(String(res.body)).toMatch(/^## /);
  });

  test('format=teams and format=slack answer with that payload', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(crashEvidence) });
    const handler = createDiagnoseHandler({ getRuntime: async () => runtime });
    const teams = JSON.parse(String((await handler(new HttpRequest({ method: 'GET', url: `${url}&format=teams` }), testContext())).body));
    expect(teams.attachments[0].content.type).toBe('AdaptiveCard');
    const slack = JSON.parse(String((await handler(new HttpRequest({ method: 'GET', url: `${url}&format=slack` }), testContext())).body));
    expect(Array.isArray(slack.blocks)).toBe(true);
  });

  test('an unknown format is a 400 naming the field, not a silent JSON answer', async () => {
    const logs = fakeLogSource(crashEvidence);
    const res = await createDiagnoseHandler({ getRuntime: async () => fakeRuntime({ logs }) })(
      new HttpRequest({ method: 'GET', url: `${url}&format=html` }),
      testContext(),
    );
    expect(res.status).toBe(400);
    expect(res.jsonBody).toMatchObject({ error: { details: { field: 'format' } } });
    expect(logs.calls).toHaveLength(0);
  });

  test.each([
    ['no app', 'http://localhost/api/diagnose?resourceGroup=rg', /app/],
    ['an invalid app name', "http://localhost/api/diagnose?app=orders'%20|%20take%201", /app/],
    ['since after until', 'http://localhost/api/diagnose?app=orders-api&since=2026-11-24T10:00:00Z&until=2026-11-24T09:00:00Z', /since|until/],
  ])('%s is a 400 naming the field', async (_n, u, msg) => {
    const logs = fakeLogSource(crashEvidence);
    const res = await createDiagnoseHandler({ getRuntime: async () => fakeRuntime({ logs }) })(new HttpRequest({ method: 'GET', url: u }), testContext());
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.jsonBody)).toMatch(msg);
    expect(logs.calls).toHaveLength(0);
  });

  test('a manual call outside ALLOWED_SCOPES gets 403 without running a query', async () => {
    const logs = fakeLogSource(crashEvidence);
    const runtime = fakeRuntime({ logs, env: { ALLOWED_SCOPES: '/subscriptions/3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15/resourceGroups/rg-other' } });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(new HttpRequest({ method: 'GET', url }), testContext());
    expect(res.status).toBe(403);
    expect(logs.calls).toHaveLength(0);
  });

  test('a manual call naming a workspace outside ALLOWED_SCOPES gets 403 without running a query', async () => {
    const logs = fakeLogSource(crashEvidence);
    const runtime = fakeRuntime({ logs, env: { ALLOWED_SCOPES: '/subscriptions/3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15/resourceGroups/rg-orders-prod' } });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(
      new HttpRequest({ method: 'GET', url: `${url}&workspaceId=11111111-2222-3333-4444-555555555555` }),
      testContext(),
    );
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.jsonBody)).toMatch(/workspaceId/);
    expect(logs.calls).toHaveLength(0);
  });

  test('a dependency failure is a 502 whose body is the not-enriched diagnosis', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource(new LogQueryError('timed out')) });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(new HttpRequest({ method: 'GET', url }), testContext());
    expect(res.status).toBe(502);
    expect(JSON.parse(String(res.body))).toMatchObject({ status: 'not-enriched', reasonCode: 'log-query-failed' });
  });
});

describe('the function logs', () => {
  test('are structured JSON with the invocation id, and carry no secret from a failure message', async () => {
    const secretError = new LogQueryError('upstream said: Server=tcp:db;Password=Sup3r$ecret!;');
    const runtime = fakeRuntime({ logs: fakeLogSource(secretError) });
    runtime.deliver = async () => {
      throw new TypeError('boom with AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+/abcdefghij==');
    };
    const ctx = testContext('alerts');
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post('http://localhost/api/alerts', sampleAlert), ctx);
    // Delivery itself failed: 503 + Retry-After, which action groups retry, so the page is not lost.
    expect(res.status).toBe(503);
    expect((res.headers as Record<string, string>)['retry-after']).toBe('30');
    expect(ctx.lines.length).toBeGreaterThan(0);
    for (const line of ctx.lines) {
      const parsed = JSON.parse(line);
      expect(parsed.invocationId).toBe('inv-0001');
      expect(line).not.toContain('Sup3r$ecret');
      expect(line).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
    }
  });
});
