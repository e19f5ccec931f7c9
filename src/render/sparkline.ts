/** The restart timeline a renderer draws: the diagnosis' own, or one computed from evidence times. */
import { bucketTimeline, sparkline, type Timeline } from '../diagnosis/timeline';
import type { Diagnosis } from '../model';
import { MAX_SPARKLINE_BUCKETS } from './limits';

export { sparkline, type Timeline };

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
  return bucketTimeline(
    times.map((time) => ({ time, weight: 1 })),
    start,
    end,
    maxBuckets,
  );
}
