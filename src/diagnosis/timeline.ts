/**
 * Restart timelines: failure events counted per time bucket, drawn as a text sparkline. The diagnosis
 * carries one; renderers draw it, or compute one from evidence times with the same bucketing here.
 */
import type { SystemEvent, TimeWindow } from '../model';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export interface Timeline {
  bucketMinutes: number;
  counts: number[];
  sparkline: string;
}

/**
 * One bar per count, scaled to the largest. Zero (and anything that is not a positive number) is the
 * lowest bar; any positive count is at least the second, so a single restart never looks like none.
 */
export function sparkline(counts: readonly number[]): string {
  let max = 0;
  for (const c of counts) if (Number.isFinite(c) && c > max) max = c;
  let out = '';
  for (const c of counts) {
    if (!Number.isFinite(c) || c <= 0 || max === 0) {
      out += BARS[0];
      continue;
    }
    out += BARS[1 + Math.min(6, Math.floor((c / max) * 6.999))];
  }
  return out;
}

/**
 * Counts weighted times (epoch ms) into whole-minute buckets from `start` to `end`, choosing the bucket
 * width so there are at most `maxBuckets` of them. Times outside the span are ignored.
 */
export function bucketTimeline(
  points: Iterable<{ time: number; weight: number }>,
  start: number,
  end: number,
  maxBuckets: number,
): Timeline {
  const minute = 60_000;
  const spanMinutes = Math.max(1, Math.ceil((end - start + 1) / minute));
  const bucketMinutes = Math.max(1, Math.ceil(spanMinutes / Math.max(1, maxBuckets)));
  const buckets = Math.max(1, Math.ceil(spanMinutes / bucketMinutes));
  const counts = new Array<number>(buckets).fill(0);
  for (const p of points) {
    const i = Math.floor((p.time - start) / (bucketMinutes * minute));
    if (i >= 0 && i < buckets) counts[i] += p.weight;
  }
  const whole = counts.map((c) => Math.round(c)); // spread weights can be fractional; counts are events
  return { bucketMinutes, counts: whole, sparkline: sparkline(whole) };
}

/** Events that mean "the container went down": what a restart timeline counts. */
const FAILURE_EVENT = /terminat|back-?off|fail|unhealthy|crash|oom|killed|error/i;

/** Failure events per bucket across the window, for the diagnosis' restart timeline. */
export function buildTimeline(events: SystemEvent[], window: TimeWindow, maxBuckets = 30): Timeline {
  const points: { time: number; weight: number }[] = [];
  for (const e of events) {
    if (!FAILURE_EVENT.test(e.reason) && !FAILURE_EVENT.test(e.message)) continue;
    const count = Math.max(1, e.count);
    const last = e.time.getTime();
    const first = e.firstSeen?.getTime() ?? last;
    // A row folded server-side only says "count times between first and last seen": spread it evenly,
    // so a crash loop shows as the run of restarts it was rather than one spike at the end.
    const n = first < last ? Math.min(count, 120) : 1;
    for (let i = 0; i < n; i++) {
      points.push({ time: n === 1 ? last : first + ((last - first) * i) / (n - 1), weight: count / n });
    }
  }
  return bucketTimeline(points, window.start.getTime(), window.end.getTime(), maxBuckets);
}
