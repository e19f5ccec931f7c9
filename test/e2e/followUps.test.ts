/**
 * Repeat pages end to end: the real runtime with follow-ups on, its follow-up table in Azurite, the
 * same crash alerted three times. The first alert is posted in full, the next within the interval is
 * counted and not posted, and a "resolved" is posted again.
 */
import type { Diagnosis } from '../../src/model';
import { ordersCrashAlert, ordersCrashRows, postAlertInline, startHarness, type Harness } from './support/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('the same cause again within the window is counted, not posted; a resolved alert is posted', async () => {
  const runtime = await h.runtime({ FOLLOWUP_WINDOW_MINUTES: '60', FOLLOWUP_INTERVAL_MINUTES: '15' });
  h.logAnalytics.setRows(ordersCrashRows());
  const before = h.diagnoses().length;
  const statuses: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await postAlertInline(runtime, ordersCrashAlert());
    const body = res.jsonBody as { deliveries: { status: string }[] };
    statuses.push(...body.deliveries.map((d) => d.status));
  }
  expect(statuses).toEqual(['delivered', 'suppressed']);
  const posted = h.diagnoses().slice(before) as Diagnosis[];
  expect(posted).toHaveLength(1);
  expect(posted[0]!.followUp).toBeUndefined();

  const resolved = ordersCrashAlert();
  resolved.data.essentials.monitorCondition = 'Resolved';
  const res = await postAlertInline(runtime, resolved);
  expect((res.jsonBody as { deliveries: { status: string }[] }).deliveries.map((d) => d.status)).toEqual(['delivered']);
  expect(h.diagnoses().slice(before).map((d) => d.status)).toEqual(['enriched', 'resolved']);
});
