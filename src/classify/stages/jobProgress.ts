/**
 * How far a job's run had come when its replica timeout killed it, read from the progress its console
 * printed (`exported batch 12/40`, `page 300 of 1200`, `{"done":49200,"total":118000}`), and the timeout
 * the whole run needs at that pace. Doubling the timeout is a guess; the rate the rows print is not.
 */
import type { TimedLine } from '../stackTraces';

export interface JobProgress {
  done: number;
  total: number;
  /** Seconds from the replica's start to the last progress line. */
  seconds: number;
  /** The whole run at that pace, in seconds. */
  whole: number;
  /** The whole run plus a fifth as margin, rounded up to five minutes, at most a day. */
  needed: number;
}

/** `12/40`, `12 of 40` (bounded digits, one separator: linear). */
const FRACTION = /\b(\d{1,9})\s?(?:\/|of)\s?(\d{1,9})\b/g;
/** JSON or key=value progress: the count done and the total, each under its usual keys. */
const DONE_KEY = /["']?\b(?:done|processed|completed|exported|current|progress)["']?\s?[:=]\s?(\d{1,12})\b/i;
const TOTAL_KEY = /["']?\b(?:total|of|count_total|expected)["']?\s?[:=]\s?(\d{1,12})\b/i;
/** A date (`10/16/2026`) or a fraction inside a path or a version is not progress. */
const NOT_PROGRESS = /\d\/\d{1,2}\/\d|\/\d{1,9}\/|\d\.\d{1,9}\/\d|HTTP\/\d/;

interface Point {
  ms: number;
  done: number;
  total: number;
}

/** The progress points one line prints (a line may print one only: several fractions say nothing). */
function pointOf(l: Pick<TimedLine, 'ms' | 'text'>): Point | undefined {
  const text = l.text.slice(0, 500);
  if (!Number.isFinite(l.ms) || NOT_PROGRESS.test(text)) return undefined;
  const done = DONE_KEY.exec(text)?.[1];
  const total = TOTAL_KEY.exec(text)?.[1];
  if (done && total) return { ms: l.ms, done: Number(done), total: Number(total) };
  const fractions = [...text.matchAll(FRACTION)];
  if (fractions.length !== 1) return undefined;
  return { ms: l.ms, done: Number(fractions[0]![1]), total: Number(fractions[0]![2]) };
}

/**
 * The last progress of a run that was still moving: three or more lines with the same total whose count
 * grew, the last below the total. Undefined when the rows print no such series.
 */
export function jobProgress(lines: readonly Pick<TimedLine, 'ms' | 'text'>[], startMs: number | undefined, killMs: number): JobProgress | undefined {
  const points = lines.filter((l) => l.ms <= killMs).map(pointOf).filter((p): p is Point => !!p && p.total >= 2 && p.done > 0 && p.done <= p.total);
  if (points.length < 3) return undefined;
  const total = points[points.length - 1]!.total;
  const series = points.filter((p) => p.total === total);
  const last = series[series.length - 1]!;
  if (series.length < 3 || last.done >= total || !(last.done > series[0]!.done)) return undefined;
  const start = startMs !== undefined && Number.isFinite(startMs) && startMs <= series[0]!.ms ? startMs : series[0]!.ms;
  const seconds = Math.round((last.ms - start) / 1000);
  if (seconds <= 0) return undefined;
  const whole = Math.round((seconds * total) / last.done);
  const needed = Math.min(86400, Math.ceil((whole * 1.2) / 300) * 300);
  return { done: last.done, total, seconds, whole, needed };
}
