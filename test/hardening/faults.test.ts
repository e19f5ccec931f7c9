/**
 * Every dependency misbehaving, one at a time, on 127.0.0.1: Log Analytics and ARM (real SDK clients
 * against HTTPS stand-ins), the webhook destinations (real fetch against a local receiver), Key Vault
 * references the platform could not resolve, and Storage (real Tables/Queues clients against a stand-in
 * that fails). Each is slow, fails, answers garbage or resets the connection; the alert is still
 * delivered (un-enriched with the reason when the evidence is lost), or, when nothing could be recorded,
 * the caller is told to retry with a typed error. Never a 500.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { HttpRequest } from '@azure/functions';
import { TableClient } from '@azure/data-tables';
import { QueueClient, StorageSharedKeyCredential } from '@azure/storage-queue';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createArmConfigSource } from '../../src/appconfig/arm';
import { loadSettings } from '../../src/config';
import { TableDedupeStore } from '../../src/deliver/dedupe';
import { deliverDiagnosis } from '../../src/deliver/deliver';
import { Outbox } from '../../src/deliver/outbox';
import { StorageQueueSender } from '../../src/deliver/queue';
import { buildAlertMessage } from '../../src/deliver/alertMessage';
import { DeliveryError } from '../../src/errors';
import { createAlertsHandler } from '../../src/functions/alerts';
import { handleAlertMessage } from '../../src/functions/queueHandlers';
import { alertQueueDeps } from '../../src/functions/queues';
import { createLogAnalyticsSource } from '../../src/logs/logAnalytics';
import type { Diagnosis, Evidence } from '../../src/model';
import { render } from '../../src/render';
import { createLimiter, limitConfigSource } from '../../src/policy/limiter';
import { createAzureRuntime, type Runtime } from '../../src/runtime';
import { AZURITE_ACCOUNT, AZURITE_KEY } from '../support/azurite';
import { fakeConfigSource, fakeLogSource, fakeRuntime, testContext } from '../support/fakes';
import { startHttpsStandIn, testTlsOptions, type HttpsStandIn, type StandInResponse } from '../support/httpsStandIn';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { appAlert } from './helpers';

class FakeCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: 'fake-token', expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

const WORKSPACE = '11111111-2222-3333-4444-555555555555';
const evidence: Evidence = {
  system: [
    {
      time: new Date('2025-06-02T13:44:00Z'),
      reason: 'ContainerTerminated',
      message: "Container 'checkout-web' was terminated with exit code '137'",
      app: 'checkout-web',
      replica: 'checkout-web--r1-abc',
      count: 2,
    },
  ],
  console: [],
  notes: [],
};

let seq = 0;
async function postAlert(runtime: Runtime, app = 'checkout-web') {
  const context = testContext('alerts');
  const handler = createAlertsHandler({ getRuntime: async () => runtime });
  const body = JSON.stringify(appAlert(app, `fault-${++seq}`));
  const res = await handler(
    new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: body }, headers: { 'content-type': 'application/json' } }),
    context,
  );
  return { status: res.status ?? 200, body: res.jsonBody as any, lines: context.lines };
}

/** Every line the app logged is one JSON object with the alert id and the correlation id. */
function expectStructured(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const parsed = JSON.parse(line);
    expect(parsed).toEqual(expect.objectContaining({ message: expect.any(String), correlationId: expect.any(String) }));
    expect(parsed.alertId).toEqual(expect.stringContaining('fault-'));
  }
}

const FAULTS: { name: string; answer: StandInResponse }[] = [
  { name: 'HTTP 500', answer: { status: 500, json: { error: { code: 'InternalServerError', message: 'boom' } } } },
  { name: 'HTTP 503 with an HTML page', answer: { status: 503, body: '<html>upstream down</html>', headers: { 'content-type': 'text/html' } } },
  { name: 'malformed JSON', answer: { status: 200, body: '{"responses": [ {"id": ', headers: { 'content-type': 'application/json' } } },
  { name: 'the wrong shape', answer: { status: 200, json: { responses: 'nope', tables: 7 } } },
  { name: 'a connection reset', answer: { destroy: true } },
  { name: 'no answer in time', answer: { status: 200, json: {}, delayMs: 1500 } },
];

describe('Log Analytics faults', () => {
  let server: HttpsStandIn;
  beforeAll(async () => {
    server = await startHttpsStandIn(() => ({ status: 200 }));
  });
  afterAll(() => server.close());

  test.each(FAULTS)('$name: the alert is delivered un-enriched with the reason', async ({ answer }) => {
    server.setHandler(() => answer);
    const runtime = fakeRuntime({
      logs: createLogAnalyticsSource({
        credential: new FakeCredential(),
        endpoint: server.url,
        scope: 'https://api.loganalytics.io/.default',
        workspaceId: WORKSPACE,
        serverTimeoutSeconds: 5,
        clientTimeoutMs: 300,
        consoleLinesPerReplica: 10,
        tlsOptions: testTlsOptions,
        retry: { maxRetries: 0, maxBatchAttempts: 1, retryDelayInMs: 1 },
      }),
    });
    const res = await postAlert(runtime);
    expect(res.status).toBe(200);
    expect(runtime.delivered).toHaveLength(1);
    const d = runtime.delivered[0];
    expect(d.status).toBe('not-enriched');
    expect(d.reason).toEqual(expect.any(String));
    expect(d.reasonCode).toMatch(/^(log-query-failed|timeout|internal-error)$/);
    expect(d.alertIds).toEqual([expect.stringContaining('fault-')]);
    expectStructured(res.lines);
  });
});

describe('ARM faults', () => {
  let server: HttpsStandIn;
  beforeAll(async () => {
    server = await startHttpsStandIn(() => ({ status: 200 }));
  });
  afterAll(() => server.close());

  test.each(FAULTS)('$name: the diagnosis is still enriched from the logs, noting the missing configuration', async ({ answer }) => {
    server.setHandler(() => answer);
    const arm = createArmConfigSource({
      credential: new FakeCredential(),
      endpoint: server.url,
      scope: 'https://management.azure.com/.default',
      tlsOptions: testTlsOptions,
      retryOptions: { maxRetries: 0 },
    });
    const runtime = fakeRuntime({
      logs: fakeLogSource(evidence),
      // The runtime's deadline on ARM reads, shortened.
      config: limitConfigSource(arm, createLimiter({ concurrency: 4, name: 'ARM' }), { timeoutMs: 300 }),
    });
    const res = await postAlert(runtime);
    expect(res.status).toBe(200);
    expect(runtime.delivered).toHaveLength(1);
    const d = runtime.delivered[0];
    expect(d.status).toBe('enriched');
    expect(d.findings.length).toBeGreaterThan(0);
    if (answer.status !== 200 || answer.destroy || answer.delayMs) {
      expect(d.notes.join(' ')).toMatch(/configuration was not available/i);
      expectStructured(res.lines);
    }
  });
});

describe('webhook destination faults and unresolved Key Vault references', () => {
  let good: WebhookReceiver;
  let bad: WebhookReceiver;
  beforeAll(async () => {
    good = await startWebhookReceiver();
    bad = await startWebhookReceiver();
  });
  afterAll(async () => {
    await good.close();
    await bad.close();
  });
  beforeEach(() => {
    good.ok();
    bad.ok();
    good.accepted.length = 0;
    bad.accepted.length = 0;
  });

  async function runtimeWith(env: Record<string, string>): Promise<Runtime> {
    const base = await createAzureRuntime({
      // The good destination must answer within the deadline even on a loaded machine, and the slow one
      // must not: 3 s against an answer held for a minute leaves room both ways.
      env: { ALERT_INTAKE: 'inline', WEBHOOK_TIMEOUT_MS: '3000', WEBHOOK_MAX_ATTEMPTS: '2', ...env },
    });
    // Real delivery; instant evidence (this test is about the destinations).
    return { ...base, logs: fakeLogSource(evidence), config: fakeConfigSource(undefined) };
  }

  const destinations = () =>
    JSON.stringify([
      { name: 'ops-good', url: good.url('/hook'), format: 'json' },
      { name: 'ops-bad', url: bad.url('/hook'), format: 'teams' },
    ]);

  test.each([
    { name: 'HTTP 500', setup: () => bad.fail(500) },
    { name: 'slow beyond the timeout', setup: () => bad.slow(60_000) },
    { name: 'a connection reset', setup: () => bad.script([{ status: 200, destroy: true }, { status: 200, destroy: true }]) },
  ])('$name on one destination: the other is delivered, the failing one is queued for retry', async ({ setup }) => {
    setup();
    const runtime = await runtimeWith({ DESTINATIONS: destinations() });
    const res = await postAlert(runtime);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.deliveries.map((d: { destination: string }) => [d.destination, d]));
    expect(byName['ops-good'].status).toBe('delivered');
    expect(byName['ops-bad'].status).toBe('queued-for-retry');
    expect(good.accepted).toHaveLength(1);
    expectStructured(res.lines);
    expect(res.lines.join('\n')).not.toContain(bad.url('/hook'));
  });

  test('a destination answering garbage with 200 counts as delivered', async () => {
    bad.script([{ status: 202, headers: { 'content-type': 'application/octet-stream' } }]);
    const runtime = await runtimeWith({ DESTINATIONS: destinations() });
    const res = await postAlert(runtime);
    expect(res.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  test('a URL setting left as an unresolved Key Vault reference fails that destination by name; the others are delivered', async () => {
    const env = {
      OPS_TEAMS_URL: '@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/ops-teams-url/)',
      DIAGNOSIS_WEBHOOK_URL: '@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=default-hook)',
      DESTINATIONS: JSON.stringify([
        { name: 'ops-teams', urlSetting: 'OPS_TEAMS_URL', format: 'teams' },
        { name: 'ops-good', url: good.url('/hook'), format: 'json' },
      ]),
    };
    // One unresolved reference must not stop the settings from loading (it once did: nothing was delivered).
    expect(loadSettings(env).destinations.map((d) => d.unresolvedSetting)).toEqual(['OPS_TEAMS_URL', undefined, 'DIAGNOSIS_WEBHOOK_URL']);
    const runtime = await runtimeWith(env);
    const res = await postAlert(runtime);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.deliveries.map((d: { destination: string }) => [d.destination, d]));
    expect(byName['ops-good'].status).toBe('delivered');
    expect(byName['ops-teams']).toMatchObject({ status: 'failed', detail: expect.stringContaining('OPS_TEAMS_URL is still the literal Key Vault reference') });
    expect(byName.default).toMatchObject({ status: 'failed', detail: expect.stringContaining('DIAGNOSIS_WEBHOOK_URL') });
    expect(good.accepted).toHaveLength(1);
    const skipped = res.lines.map((l) => JSON.parse(l)).filter((l) => /unresolved Key Vault reference/.test(l.message));
    expect(skipped.map((l) => l.destination).sort()).toEqual(['default', 'ops-teams']);
    expect(res.lines.join('\n')).not.toMatch(/contoso-kv|SecretUri/);
    expectStructured(res.lines);
  });
});

describe('Storage faults', () => {
  let server: Server;
  let port = 0;
  let answer: 'reset' | 'garbage' | '500' = '500';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (answer === 'reset') return void req.socket.destroy();
      if (answer === 'garbage') return void res.writeHead(200, { 'content-type': 'application/xml' }).end('<<not xml');
      res.writeHead(500, { 'content-type': 'application/xml' }).end('<Error><Code>InternalError</Code></Error>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** Delivery over real Tables/Queues clients against the failing service, without SDK retries (speed). */
  function failingDeliver(rx: WebhookReceiver) {
    const base = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
    const table = TableClient.fromConnectionString(
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${base};`,
      'deliveries',
      { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } },
    );
    const queue = (name: string) =>
      new QueueClient(`${base}/${name}`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY), { retryOptions: { maxTries: 1 } });
    const outbox = new Outbox({ queue: new StorageQueueSender(queue('outbox')), poisonQueue: new StorageQueueSender(queue('outbox-poison')) });
    const dedupe = new TableDedupeStore(table);
    return (d: Diagnosis) =>
      deliverDiagnosis(d, [{ name: 'ops', url: rx.url('/hook'), format: 'json' }], {
        render,
        dedupe,
        outbox,
        // A last guard: the receiver is local and answers at once; a tight deadline would only race the load.
        webhookOptions: { timeoutMs: 30_000, maxAttempts: 1 },
      }).then((r) => r.results);
  }

  test.each(['500', 'garbage', 'reset'] as const)('storage answering %s: the queue message fails with a typed error (the host retries it), nothing is posted twice', async (mode) => {
    answer = mode;
    const rx = await startWebhookReceiver();
    try {
      const deliver = failingDeliver(rx);
      const runtime = fakeRuntime({ logs: fakeLogSource(evidence), deliver: (d) => deliver(d) });
      const message = buildAlertMessage(appAlert('checkout-web', `storage-${mode}`), { receivedAt: new Date().toISOString(), correlationId: `c-${mode}` });
      const context = testContext('alertsQueue');
      await expect(handleAlertMessage(message, context, alertQueueDeps(runtime))).rejects.toBeInstanceOf(DeliveryError);
      // The claim could not be recorded, so nothing was posted: a retry cannot double it.
      expect(rx.accepted).toHaveLength(0);
      for (const line of context.lines) expect(JSON.parse(line)).toEqual(expect.objectContaining({ correlationId: `c-${mode}` }));

      // Inline intake: the action group is told to retry (503), never a 500.
      const res = await postAlert(runtime);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('service-unavailable');
    } finally {
      await rx.close();
    }
  });
});
