import type { SystemEvent, TimeWindow } from '../model';

const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline: one bar per bucket, scaled to the largest; an empty bucket is a space-like lowest bar. */
export function sparkline(counts: number[]): string {
  const max = Math.max(0, ...counts);
  if (max === 0) return BARS[0].repeat(counts.length);
  return counts.map((c) => (c === 0 ? BARS[0] : BARS[Math.max(1, Math.ceil((c / max) * (BARS.length - 1)))])).join('');
}

/** Events that mean "the container went down": what a restart timeline counts. */
const FAILURE_EVENT = /terminat|back-?off|fail|unhealthy|crash|oom|killed|error/i;

/**
 * Failure events per bucket across the window, for the diagnosis' restart timeline. Buckets are a whole
 * number of minutes, chosen so the line is at most `maxBuckets` wide.
 */
export function buildTimeline(
  events: SystemEvent[],
  window: TimeWindow,
  maxBuckets = 30,
): { bucketMinutes: number; counts: number[]; sparkline: string } {
  const spanMinutes = Math.max(1, Math.ceil((window.end.getTime() - window.start.getTime()) / 60000));
  const bucketMinutes = Math.max(1, Math.ceil(spanMinutes / maxBuckets));
  const buckets = Math.max(1, Math.ceil(spanMinutes / bucketMinutes));
  const counts = new Array<number>(buckets).fill(0);
  for (const e of events) {
    if (!FAILURE_EVENT.test(e.reason) && !FAILURE_EVENT.test(e.message)) continue;
    const i = Math.floor((e.time.getTime() - window.start.getTime()) / (bucketMinutes * 60000));
    if (i >= 0 && i < buckets) counts[i] += Math.max(1, e.count);
  }
  return { bucketMinutes, counts, sparkline: sparkline(counts) };
}
