/**
 * Console rows reach Log Analytics minutes after the system events about the same crash. A replica
 * that exited or is backing off but has no console line shortly before that is a sign the app's
 * output has not been ingested yet: the pipeline can wait and fetch again.
 */
import type { Evidence, SystemEvent } from '../model';

/** System events that mean "the container stopped", as message patterns (reasons are not reliable). */
const EXIT_PATTERNS: readonly RegExp[] = [
  /was terminated with exit code/i,
  /Persistent Fail(i)?ure to start container/i,
  /Back-off restarting failed container/i,
];
const EXIT_REASONS: ReadonlySet<string> = new Set(['ContainerBackOff', 'ContainerTerminated', 'ContainerCrashing']);

export function isExitEvent(event: SystemEvent): boolean {
  return EXIT_REASONS.has(event.reason) || EXIT_PATTERNS.some((p) => p.test(event.message));
}

export interface ConsoleGapOptions {
  /** How far before an exit a console line must be to count as that exit's output. Default 5 minutes. */
  lookbackMinutes?: number;
}

/**
 * Replicas with an exit or back-off event but no console line in the few minutes before it
 * (before any of its occurrences, when the event was folded). Sorted by name.
 */
export function consoleGaps(evidence: Evidence, options: ConsoleGapOptions = {}): string[] {
  const lookbackMs = (options.lookbackMinutes ?? 5) * 60_000;
  const linesByReplica = new Map<string, number[]>();
  for (const line of evidence.console) {
    if (!line.replica) continue;
    const times = linesByReplica.get(line.replica) ?? [];
    times.push(line.time.getTime());
    linesByReplica.set(line.replica, times);
  }
  const gaps = new Set<string>();
  for (const event of evidence.system) {
    if (!event.replica || !isExitEvent(event)) continue;
    const from = (event.firstSeen ?? event.time).getTime() - lookbackMs;
    const to = event.time.getTime();
    const times = linesByReplica.get(event.replica) ?? [];
    if (!times.some((t) => t >= from && t <= to)) gaps.add(event.replica);
  }
  return [...gaps].sort();
}
