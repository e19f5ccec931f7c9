/**
 * Hostile input through both HTTP functions: generated and mutated payloads (from the real sample alerts),
 * arbitrary JSON, broken JSON, wrong content types, huge strings, deep nesting and prototype-pollution
 * keys. Whatever comes in, the answer is never a 5xx and no promise is left rejected unhandled.
 * The sources are in-memory fakes that answer at once, so 10,000+ requests take seconds.
 */
import fc from 'fast-check';
import { HttpRequest, type HttpResponseInit } from '@azure/functions';
import { createAlertsHandler } from '../../src/functions/alerts';
import { createDiagnoseHandler } from '../../src/functions/diagnose';
import type { Evidence } from '../../src/model';
import { fakeLogSource, fakeRuntime, testContext } from '../support/fakes';
import { samplePayloads } from './helpers';

const ALERT_RUNS = 6000;
const DIAGNOSE_RUNS = 4000;

const evidence: Evidence = {
  system: [
    {
      time: new Date('2026-11-24T09:20:00Z'),
      reason: 'ContainerTerminated',
      message: "Container 'orders-api' was terminated with exit code '137'",
      app: 'orders-api',
      replica: 'orders-api--v7-abc',
      count: 2,
    },
  ],
  console: [{ time: new Date('2026-11-24T09:19:59Z'), text: 'Killed', app: 'orders-api', replica: 'orders-api--v7-abc' }],
  notes: [],
};

const SAMPLES = samplePayloads().map((s) => s.json);
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'APPLICATION/JSON',
  '',
  'application/jsonp',
  '*/*',
];

/** A value that may be anything the JSON grammar allows, plus the odd huge string. */
const jsonValue = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom("x' | take 1 //", '"; drop table', '\u0000\uffff\ud800', '../../etc/passwd', '${jndi:ldap://x}') },
);

/** Every object path in a JSON document, so mutations can land anywhere in the real shape. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

type Mutation = { kind: 'set'; at: number; value: unknown } | { kind: 'delete'; at: number } | { kind: 'pollute'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: jsonValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('pollute' as const), at: fc.nat(), key: fc.constantFrom(...POLLUTION_KEYS), value: jsonValue }),
);

/** Applies mutations to a copy of a sample and returns the JSON text (pollution keys become own properties). */
function mutate(sample: unknown, mutations: Mutation[]): string {
  const doc = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
  for (const m of mutations) {
    const all = paths(doc);
    if (all.length === 0) break;
    const path = all[m.at % all.length];
    let parent: any = doc;
    for (const p of path.slice(0, -1)) parent = parent?.[p];
    if (!parent || typeof parent !== 'object') continue;
    const last = path[path.length - 1];
    if (m.kind === 'set') parent[last] = m.value;
    else if (m.kind === 'delete') delete parent[last];
    else if (parent[last] && typeof parent[last] === 'object') Object.defineProperty(parent[last], m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    else parent[last] = JSON.parse(`{${JSON.stringify(m.key)}: ${JSON.stringify(m.value ?? null)}}`);
  }
  return JSON.stringify(doc);
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

interface FuzzRequest {
  body: string;
  contentType: string;
  /** Override for Content-Length, e.g. a lie. */
  contentLength?: string;
}

const alertBodies: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .record({ sample: fc.constantFrom(...SAMPLES), mutations: fc.array(mutation, { minLength: 0, maxLength: 6 }) })
      .map(({ sample, mutations }) => ({ body: mutate(sample, mutations), contentType: 'application/json' })),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ body: s, contentType: 'application/json' })) },
  {
    weight: 1,
    arbitrary: fc.record({ sample: fc.constantFrom(...SAMPLES), type: fc.constantFrom(...CONTENT_TYPES) }).map(({ sample, type }) => ({ body: JSON.stringify(sample), contentType: type })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ depth: fc.integer({ min: 50, max: 20_000 }), kind: fc.constantFrom('array', 'object', 'in-essentials') })
      .map(({ depth, kind }) => {
        if (kind === 'array') return { body: nested(depth, '[', ']'), contentType: 'application/json' };
        if (kind === 'object') return { body: nested(depth, '{"a":', '}'), contentType: 'application/json' };
        const doc = JSON.stringify(SAMPLES[0]).replace('"essentials":{', `"essentials":{"deep":${nested(depth, '[', ']')},`);
        return { body: doc, contentType: 'application/json' };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 200_000, max: 400_000 }).map((n) => ({ body: JSON.stringify({ schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: { alertId: 'x'.repeat(n) } } }), contentType: 'application/json' })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...SAMPLES).map((s) => ({ body: JSON.stringify(s), contentType: 'application/json', contentLength: '99999999' })) },
  { weight: 1, arbitrary: fc.constant({ body: '', contentType: 'application/json' }) },
);

const NAME_FIELDS = ['app', 'job', 'resourceGroup', 'subscription', 'revision', 'replica', 'container', 'environment', 'workspaceId', 'since', 'until', 'post', 'format'];
const hostileString = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('orders-api', 'orders-api--v7', 'orders-api--v7-abc', 'rg-prod', '3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15', '30m', '2026-11-24T09:00:00Z', 'P400D', '-1h', "orders' or 1==1 //", 'a"b', 'x\ny', 'true'),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'a'.repeat(n)),
);

/** Mostly valid requests with one field bent, so the enrichment path runs often too. */
const nearlyValid = fc
  .record({
    app: fc.constantFrom('orders-api', 'checkout-web', 'a1', 'x'.repeat(32)),
    since: fc.constantFrom('30m', '2h', '1d', 'PT1H', undefined),
    extra: fc.dictionary(fc.constantFrom('replica', 'container', 'environment', 'format', 'post', ...POLLUTION_KEYS), hostileString, { maxKeys: 2 }),
  })
  .map(({ app, since, extra }) => ({ method: 'GET' as const, query: { app, ...(since ? { since } : {}), ...extra }, body: undefined as string | undefined, contentType: '' }));

const diagnoseRequests = fc.oneof(
  { weight: 3, arbitrary: nearlyValid },
  {
    weight: 3,
    arbitrary: fc.dictionary(fc.constantFrom(...NAME_FIELDS, ...POLLUTION_KEYS), hostileString, { maxKeys: 6 }).map((query) => ({ method: 'GET' as const, query, body: undefined as string | undefined, contentType: '' })),
  },
  {
    weight: 3,
    arbitrary: fc
      .dictionary(fc.constantFrom(...NAME_FIELDS, ...POLLUTION_KEYS), fc.oneof(hostileString, jsonValue), { maxKeys: 6 })
      .map((obj) => ({ method: 'POST' as const, query: {}, body: JSON.stringify(obj), contentType: 'application/json' })),
  },
  { weight: 1, arbitrary: alertBodies.map((r) => ({ method: 'POST' as const, query: {}, body: r.body, contentType: r.contentType })) },
);

describe('fuzzing the HTTP functions', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  const statuses = new Map<number, number>();
  const count = (res: HttpResponseInit): number => {
    const status = res.status ?? 200;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    return status;
  };

  test(`alerts: ${ALERT_RUNS} generated and mutated payloads, zero 5xx`, async () => {
    const inline = fakeRuntime({ logs: fakeLogSource(evidence) });
    const queued = fakeRuntime({ logs: fakeLogSource(evidence), env: { ALERT_INTAKE: 'queue' } });
    const inlineHandler = createAlertsHandler({ getRuntime: async () => inline });
    const queueHandler = createAlertsHandler({ getRuntime: async () => queued, enqueue: () => undefined });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(alertBodies, async (req) => {
        const headers: Record<string, string> = {};
        if (req.contentType) headers['content-type'] = req.contentType;
        if (req.contentLength) headers['content-length'] = req.contentLength;
        const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: req.body }, headers });
        const handler = n++ % 2 === 0 ? inlineHandler : queueHandler;
        const res = await handler(request, testContext('alerts'));
        const status = count(res);
        if (status >= 500) throw new Error(`alerts answered ${status}: ${JSON.stringify(res.jsonBody)} for ${req.body.slice(0, 300)}`);
        expect([200, 202, 400, 403, 413, 415]).toContain(status);
      }),
      { numRuns: ALERT_RUNS },
    );
    // Sanity: the generator reached both the happy path and the rejections.
    expect((statuses.get(200) ?? 0) + (statuses.get(202) ?? 0)).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(415) ?? 0).toBeGreaterThan(0);
    expect(inline.delivered.length).toBeGreaterThan(0);
    await new Promise((r) => setImmediate(r));
    expect(unhandled).toEqual([]);
  });

  test(`diagnose: ${DIAGNOSE_RUNS} generated requests, zero 5xx`, async () => {
    statuses.clear();
    const runtime = fakeRuntime({ logs: fakeLogSource(evidence) });
    const handler = createDiagnoseHandler({ getRuntime: async () => runtime });
    await fc.assert(
      fc.asyncProperty(diagnoseRequests, async (req) => {
        const url = new URL('http://localhost/api/diagnose');
        for (const [k, v] of Object.entries(req.query)) url.searchParams.set(k, v);
        const headers: Record<string, string> = req.contentType ? { 'content-type': req.contentType } : {};
        const request = new HttpRequest({ method: req.method, url: url.toString(), headers, ...(req.body !== undefined ? { body: { string: req.body } } : {}) });
        const res = await handler(request, testContext('diagnose'));
        const status = count(res);
        if (status >= 500) throw new Error(`diagnose answered ${status}: ${String(res.body ?? JSON.stringify(res.jsonBody)).slice(0, 300)} for ${JSON.stringify(req).slice(0, 300)}`);
      }),
      { numRuns: DIAGNOSE_RUNS },
    );
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
    await new Promise((r) => setImmediate(r));
    expect(unhandled).toEqual([]);
  });
});
