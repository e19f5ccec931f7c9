import type { ConsoleLine, EvidenceLine, SystemEvent } from '../../model';
import { cleanLine } from '../consoleMatcher';
import type { TimedLine } from '../stackTraces';

/**
 * Stage 1, normalise: the rows as the pipeline fetched them (possibly partial, possibly hostile) become
 * plain, time-ordered records the later stages can read without checking every field again.
 */

/** One platform event (a ContainerAppSystemLogs row) after normalisation. */
export interface Sys {
  ms: number;
  firstMs: number;
  reason: string;
  message: string;
  replica?: string;
  revision?: string;
  container?: string;
  count: number;
  index: number;
}

export function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).getTime();
  return Number.NaN;
}

export function iso(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** System rows in time order (input order breaks ties); rows that are not objects are dropped. */
export function normaliseSystem(rows: unknown): Sys[] {
  if (!Array.isArray(rows)) return [];
  const out: Sys[] = [];
  rows.forEach((row: Partial<SystemEvent> | null, index) => {
    if (!row || typeof row !== 'object') return;
    const ms = toMs(row.time);
    const first = toMs(row.firstSeen);
    out.push({
      ms,
      firstMs: Number.isFinite(first) ? first : ms,
      reason: typeof row.reason === 'string' ? row.reason : '',
      message: typeof row.message === 'string' ? row.message : '',
      replica: str(row.replica),
      revision: str(row.revision),
      container: str(row.container),
      count: typeof row.count === 'number' && row.count >= 1 ? Math.floor(row.count) : 1,
      index,
    });
  });
  return out.sort((a, b) => (a.ms - b.ms) || (a.index - b.index) || 0);
}

/** Console rows with their text cleaned; order is restored per replica later (stackTraces). */
export function normaliseConsole(rows: unknown): TimedLine[] {
  if (!Array.isArray(rows)) return [];
  const out: TimedLine[] = [];
  rows.forEach((row: Partial<ConsoleLine> | null, index) => {
    if (!row || typeof row !== 'object' || typeof row.text !== 'string') return;
    out.push({
      ms: toMs(row.time),
      // Rows sometimes carry the trailing newline (and a CR) of the line the app wrote, colour codes, or
      // the container runtime's own prefix.
      text: cleanLine(row.text.replace(/\r?\n$/, '')),
      replica: str(row.replica),
      revision: str(row.revision),
      container: str(row.container),
      image: str(row.image),
      index,
    });
  });
  return out;
}

export function sysLine(s: Sys): EvidenceLine {
  const count = s.count > 1 ? ` (x${s.count})` : '';
  return {
    time: iso(s.ms),
    source: 'system',
    replica: s.replica,
    revision: s.revision,
    text: `${s.reason ? `[${s.reason}] ` : ''}${s.message}${count}`.slice(0, 2000),
  };
}

export function consoleEvidence(l: TimedLine): EvidenceLine {
  return { time: iso(l.ms), source: 'console', replica: l.replica, revision: l.revision, text: l.text.slice(0, 2000) };
}

/** Same replica when both know it; otherwise same revision; otherwise assume related. */
export function sameReplica(a: { replica?: string; revision?: string }, b: { replica?: string; revision?: string }): boolean {
  if (a.replica && b.replica) return a.replica === b.replica;
  if (a.revision && b.revision) return a.revision === b.revision;
  return true;
}

/** `ms` lies in [at - before, at + after]; rows without a time are assumed to. */
export function within(ms: number, at: number, before: number, after: number): boolean {
  if (!Number.isFinite(ms) || !Number.isFinite(at)) return true;
  return ms >= at - before && ms <= at + after;
}
