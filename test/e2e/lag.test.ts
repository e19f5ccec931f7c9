/**
 * Console rows reach Log Analytics minutes after the system events of the same crash. The queue path
 * waits for them: the alert goes back on the (Azurite) alerts queue, invisible for a while, and the next
 * run either finds the rows or, once CONSOLE_LAG_MAX_SECONDS has passed, delivers what it has and says so.
 *
 * The test does not sleep through the app's requeue delay (at least 5 s): the app's own send goes to
 * Azurite as a delayed message (hidden for longer than asked, so load cannot end the delay early), the
 * test asserts the delay the app asked for, notes the receipt Azurite gave, checks the message really is
 * invisible, and then ends the wait itself by making it visible (what the delay running out would do).
 */
import { QueueClient } from '@azure/storage-queue';
import type { Runtime } from '../../src/runtime';
import type { Diagnosis } from '../../src/model';
import { startLogAnalyticsStandIn, type LogAnalyticsStandIn } from '../support/logAnalyticsStandIn';
import {
  ORDERS_CRASH_REPLICA, alertsQueue, ordersCrashAlert, ordersCrashRows, postAlertQueued, runQueueTrigger,
  startHarness, type Harness,
} from './support/world';

const LAG_BUDGET_SECONDS = 5;
/** The shortest requeue delay the app asks for (src/functions/queues.ts). */
const MIN_REQUEUE_DELAY_SECONDS = 5;

/**
 * How long Azurite keeps a requeued message hidden here. Longer than the app asks (its delay is asserted
 * as asked): the test ends the wait itself, and a loaded machine must not end it first, before the test
 * has checked that the message is hidden.
 */
const HIDDEN_SECONDS = 600;

/** A message put on a queue through the Storage SDK during this test, with what Azurite answered. */
interface SentMessage {
  queue: string;
  messageId: string;
  popReceipt: string;
  /** The visibility timeout the caller asked for. */
  visibilityTimeout?: number;
}
const sent: SentMessage[] = [];
beforeEach(() => {
  // Calls through to the real client: the app's requeue reaches Azurite as a delayed message.
  const send = QueueClient.prototype.sendMessage;
  jest.spyOn(QueueClient.prototype, 'sendMessage').mockImplementation(async function (this: QueueClient, text, options) {
    const delayed = (options?.visibilityTimeout ?? 0) > 0;
    const answer = await send.call(this, text, delayed ? { ...options, visibilityTimeout: HIDDEN_SECONDS } : options);
    sent.push({ queue: this.name, messageId: answer.messageId, popReceipt: answer.popReceipt, visibilityTimeout: options?.visibilityTimeout });
    return answer;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** The delayed messages sent to `queue`; each is made visible now, as if its delay had run out. */
async function endRequeueDelays(queue: QueueClient): Promise<SentMessage[]> {
  const delayed = sent.filter((m) => m.queue === queue.name && (m.visibilityTimeout ?? 0) > 0);
  for (const m of delayed) await queue.updateMessage(m.messageId, m.popReceipt, undefined, 0);
  return delayed;
}

let h: Harness;
let second: LogAnalyticsStandIn | undefined;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await second?.close();
  await h?.close();
});

/**
 * One scenario on its own queue and Log Analytics stand-in: the first run defers; `between` runs while
 * the message is invisible; the second run's diagnosis is returned.
 */
async function scenario(runtime: Runtime, logs: LogAnalyticsStandIn, between: () => void) {
  const sent = ordersCrashAlert();
  const { response } = await postAlertQueued(runtime, h.azurite, sent);
  expect(response.status).toBe(202);

  const first = await runQueueTrigger(runtime, h.azurite);
  expect(first.map((r) => r.outcome)).toEqual(['deferred']);
  expect(logs.queryRequests()).toHaveLength(1);
  const delivered = () => h.diagnoses().filter((d) => d.alertIds.includes(sent.data.essentials.alertId));
  expect(delivered()).toHaveLength(0);

  // Back on the queue, but not visible yet.
  const queue = alertsQueue(runtime, h.azurite);
  expect((await queue.getProperties()).approximateMessagesCount).toBe(1);
  expect(await runQueueTrigger(runtime, h.azurite)).toEqual([]);

  between();
  // The app asked for its minimum delay (the alert had waited no time on the runtime's clock).
  const delayed = await endRequeueDelays(queue);
  expect(delayed.map((m) => m.visibilityTimeout)).toEqual([MIN_REQUEUE_DELAY_SECONDS]);
  const secondRun = await runQueueTrigger(runtime, h.azurite);
  expect(secondRun.map((r) => r.outcome)).toEqual(['enriched']);
  expect(logs.queryRequests()).toHaveLength(2);
  expect((await queue.getProperties()).approximateMessagesCount).toBe(0);
  const out = delivered();
  expect(out).toHaveLength(1);
  return out[0] as Diagnosis;
}

test('deferred while console rows are missing; delivered with them once they arrive, or without them and a note when the budget runs out', async () => {
  // Scenario A reads the harness's Log Analytics stand-in; B gets its own, so both run at the same time.
  second = await startLogAnalyticsStandIn({ system: ordersCrashRows().system, console: [] });
  h.logAnalytics.setRows({ system: ordersCrashRows().system, console: [] });
  // Coalescing on (its default period): a deferred alert must still query again on its next run.
  const settings = { ALERT_INTAKE: 'queue', CONSOLE_LAG_MAX_SECONDS: String(LAG_BUDGET_SECONDS), COALESCE_SECONDS: '60' };
  const runtimeA = await h.runtime(settings);
  const runtimeB = await h.runtime({ ...settings, LOG_ANALYTICS_ENDPOINT: second.url });
  // The lag budget is judged on the runtimes' clock, not the machine's: on a loaded machine the first
  // queue run could otherwise come after the budget had already run out. The clock stands still until
  // scenario B moves it past the budget while its message waits on the queue.
  let clockMs = Date.now();
  runtimeA.now = runtimeB.now = () => new Date(clockMs);

  const [arrived, neverCame] = await Promise.all([
    scenario(runtimeA, h.logAnalytics, () => h.logAnalytics.setRows({ console: ordersCrashRows().console })),
    scenario(runtimeB, second, () => {
      clockMs += (LAG_BUDGET_SECONDS + 1) * 1000;
    }),
  ]);

  // A: the late console rows made it into the diagnosis, and nothing says they were missing.
  expect(arrived.status).toBe('enriched');
  expect(arrived.findings[0].category).toBe('missing-configuration');
  expect(arrived.stats?.consoleLines).toBe(ordersCrashRows().console.length);
  expect(arrived.notes.join('\n')).not.toMatch(/not in Log Analytics yet/);

  // B: delivered anyway from the system events, saying which replica's console rows were missing.
  expect(neverCame.status).toBe('enriched');
  expect(neverCame.stats?.consoleLines).toBe(0);
  expect(neverCame.findings[0].category).not.toBe('missing-configuration');
  expect(neverCame.notes.join('\n')).toMatch(new RegExp(`Console rows for ${ORDERS_CRASH_REPLICA}.*not in Log Analytics yet`));
});
