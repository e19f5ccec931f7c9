/**
 * What the Log Analytics and ARM stand-ins can do wrong, seen from the webhook: throttling is waited out,
 * a partial answer is flagged, a missing role is named. Storage is in memory here (no Azurite needed).
 */
import type { Runtime } from '../../src/runtime';
import type { Diagnosis } from '../../src/model';
import { handleAlertMessage } from '../../src/functions/queueHandlers';
import { alertQueueDeps } from '../../src/functions/queues';
import { buildAlertMessage } from '../../src/deliver/alertMessage';
import { invocation, ordersCrashAlert, ordersCrashRows, postAlertInline, startHarness, type Harness } from './support/world';

let h: Harness;
let runtime: Runtime;
/**
 * Every pause the runtime took before retrying a throttled query, in ms. The pause is noted and ends at
 * once: what the runtime asked to wait is asserted, the test does not spend it.
 */
let pauses: number[] = [];
beforeAll(async () => {
  h = await startHarness({ azurite: false });
  runtime = await h.runtime({}, { sleep: async (ms) => void pauses.push(ms) });
  h.logAnalytics.setRows(ordersCrashRows());
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.arm.setFault('containerApp', undefined);
  pauses = [];
});

/** Posts a fresh alert inline; returns the one diagnosis the webhook got and the LA requests made. */
async function run(): Promise<{ diagnosis: Diagnosis; laRequests: number }> {
  const la = h.logAnalytics.queryRequests().length;
  const rx = h.diagnoses().length;
  const response = await postAlertInline(runtime, ordersCrashAlert());
  expect(response.status).toBe(200);
  const delivered = h.diagnoses().slice(rx);
  expect(delivered).toHaveLength(1);
  return { diagnosis: delivered[0], laRequests: h.logAnalytics.queryRequests().length - la };
}

test('429 with Retry-After on the whole request: waited out, then enriched', async () => {
  h.logAnalytics.fail({ type: 'status', status: 429, retryAfter: '1' });
  const { diagnosis, laRequests } = await run();
  expect(laRequests).toBe(2);
  expect(pauses).toEqual([1000]); // the Retry-After the service sent, before the one retry
  expect(diagnosis.status).toBe('enriched');
  expect(diagnosis.findings[0].category).toBe('missing-configuration');
});

test('429 with Retry-After on one query inside the batch: the batch is tried again, then enriched', async () => {
  h.logAnalytics.fail({ type: 'item-status', status: 429, retryAfter: '1' });
  const { diagnosis, laRequests } = await run();
  expect(laRequests).toBe(2);
  expect(pauses).toEqual([1000]);
  expect(diagnosis.status).toBe('enriched');
  expect(diagnosis.findings[0].category).toBe('missing-configuration');
});

test('PartialError: the rows that came are used and the diagnosis says part is missing', async () => {
  h.logAnalytics.fail({ type: 'partial', message: 'Query result set has exceeded the internal data size limit' });
  const { diagnosis, laRequests } = await run();
  expect(laRequests).toBe(1);
  expect(pauses).toEqual([]);
  expect(diagnosis.status).toBe('enriched');
  expect(diagnosis.findings[0].category).toBe('missing-configuration');
  expect(diagnosis.notes.join('\n')).toMatch(/only part of the .*(system events|console lines)/);
});

test('403 from Log Analytics: delivered not-enriched, naming the Log Analytics Reader role (inline and queue paths)', async () => {
  h.logAnalytics.fail({ type: 'status', status: 403 });
  const { diagnosis, laRequests } = await run();
  expect(laRequests).toBe(1);
  expect(diagnosis.status).toBe('not-enriched');
  expect(diagnosis.reasonCode).toBe('log-access-denied');
  expect(diagnosis.reason).toContain('Log Analytics Reader');
  expect(diagnosis.findings).toEqual([]);

  // The queue path does not retry a permission problem: it delivers un-enriched on the first try.
  h.logAnalytics.fail({ type: 'status', status: 403 });
  const rx = h.diagnoses().length;
  const la = h.logAnalytics.queryRequests().length;
  const message = buildAlertMessage(ordersCrashAlert(), { receivedAt: new Date().toISOString(), correlationId: 'c-403' });
  // Resolves (so the host deletes the message) instead of throwing for another try.
  await expect(handleAlertMessage(message, invocation('alertsQueue', { dequeueCount: 1 }), alertQueueDeps(runtime))).resolves.toBeDefined();
  expect(h.logAnalytics.queryRequests().length - la).toBe(1);
  const [queued, ...more] = h.diagnoses().slice(rx);
  expect(more).toEqual([]);
  expect(queued.status).toBe('not-enriched');
  expect(queued.reason).toContain('Log Analytics Reader');
});

test('403 from ARM: still enriched from the logs, with a note naming the Reader role', async () => {
  h.arm.setFault('containerApp', { kind: 'forbidden' });
  const { diagnosis } = await run();
  expect(diagnosis.status).toBe('enriched');
  expect(diagnosis.findings[0].category).toBe('missing-configuration');
  expect(diagnosis.findings.some((f) => f.category === 'configuration-change')).toBe(false);
  expect(diagnosis.notes.join('\n')).toMatch(/App configuration was not available .*Reader role on resource group rg-orders/);
});
