/** Text sparklines for restart timelines: one character per time bucket, ▁ (none) to █ (the busiest). */
import type { Diagnosis } from '../model';
import { MAX_SPARKLINE_BUCKETS } from './limits';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

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

export interface Timeline {
  bucketMinutes: number;
  counts: number[];
  sparkline: string;
}

function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The diagnosis' own timeline when it has one; otherwise one computed from the times of the evidence
 * lines of every finding (each line is one observed event), bucketed per minute, or per several minutes
 * when the span would need more than MAX_SPARKLINE_BUCKETS characters. Undefined when there are no times.
 */
export function timelineOf(d: Diagnosis, maxBuckets = MAX_SPARKLINE_BUCKETS): Timeline | undefined {
  if (d.timeline && d.timeline.counts.length > 0) {
    const line = d.timeline.sparkline || sparkline(d.timeline.counts);
    return { bucketMinutes: d.timeline.bucketMinutes, counts: d.timeline.counts, sparkline: line };
  }
  const times: number[] = [];
  for (const f of d.findings) {
    for (const e of f.evidence) {
      const t = parseTime(e.time);
      if (t !== undefined) times.push(t);
    }
  }
  if (times.length === 0) return undefined;
  // A loop rather than Math.min(...times): spreading a very long array overflows the call stack.
  let start = parseTime(d.window?.start) ?? Number.POSITIVE_INFINITY;
  let end = parseTime(d.window?.end) ?? Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < start) start = t;
    if (t > end) end = t;
  }
  const minute = 60_000;
  const spanMinutes = Math.max(1, Math.ceil((end - start + 1) / minute));
  const bucketMinutes = Math.max(1, Math.ceil(spanMinutes / Math.max(1, maxBuckets)));
  const buckets = Math.max(1, Math.ceil(spanMinutes / bucketMinutes));
  const counts = new Array<number>(buckets).fill(0);
  for (const t of times) {
    const i = Math.min(buckets - 1, Math.floor((t - start) / (bucketMinutes * minute)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { bucketMinutes, counts, sparkline: sparkline(counts) };
}
