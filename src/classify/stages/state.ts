import type { DiagnosisState, Finding } from '../../model';
import type { TimedLine } from '../stackTraces';
import { iso, sameReplica, type Sys } from './evidence';
import type { Exit, SystemHit } from './platformEvents';

/**
 * Stage 7, state: is the app still down? A container that exited and was started again with no later
 * failure has recovered (a transient failure); a persistent back-off is an outage (crash-looping); a
 * container that was never created or never pulled is failing to start. Routing and follow-ups use it.
 */

export interface StateAssessment {
  state: DiagnosisState;
  /** When the replica was started again and has run since (state `recovered`). */
  since?: string;
  /** One clause for titles and summaries, e.g. "restarted at 09:14:40 UTC and running since". */
  phrase?: string;
  /**
   * For a recovered app whose container had already gone down more than once in the window: how many
   * times (exits, back-offs, probe restarts, each row's count). A failure that keeps coming back is not
   * "no action needed" even while the app runs again. Absent after a single failure.
   */
  failures?: number;
}

export interface StateInput {
  exits: Exit[];
  hits: SystemHit[];
  starts: Sys[];
  consoleLines: TimedLine[];
  primary?: Finding;
}

const START_FAILURE_CATEGORIES = new Set(['image-pull-failure', 'quota-exceeded']);
const START_FAILURE_RULES = /^system\.(?:create-failure|replica-never-started|operation-expired|max-cores|exceeded-quota|node-group-max|nodes-unavailable|volume-mount|provisioning-image-pull|provisioning-timeout|image-pull|keyvault-secret)|^config\.(?:command-one-string|volume-)/;

function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** Pulls and mounts that decide whether a container can start at all. */
const PULL_OR_MOUNT = /^system\.(?:image-pull|volume-mount)/;

/**
 * A pull or a mount that failed and was then got past: the container started on that replica afterwards
 * and nothing failed since (no exit, back-off or another pull or mount failure). A first pull that timed
 * out, or a share that did not exist yet, passes by itself; the start row says it did.
 */
function startedLater(input: StateInput, failures: Sys[]): StateAssessment | undefined {
  const pulls = input.hits.filter((h) => PULL_OR_MOUNT.test(h.rule.id) && Number.isFinite(h.sys.ms)).map((h) => h.sys);
  if (pulls.length === 0 || input.primary?.category === 'quota-exceeded') return undefined;
  const last = pulls.reduce((a, b) => (b.ms > a.ms ? b : a));
  const later = [...pulls, ...failures];
  const start = input.starts.find((st) => st.ms > last.ms && sameReplica(st, last) && !later.some((f) => f.ms > st.ms));
  return start ? { state: 'recovered', since: iso(start.ms), phrase: `started at ${clock(start.ms)} and running since` } : undefined;
}

/**
 * How many times containers went down in these rows. A row's Count is a running total for its replica
 * (`(x3)` on the third exit), so each replica counts its largest Count or its number of rows, whichever is more.
 */
function timesDown(rows: readonly Sys[]): number {
  const perReplica = new Map<string, { rows: number; count: number }>();
  for (const r of rows) {
    const key = `${r.replica ?? ''}|${r.reason}`;
    const seen = perReplica.get(key) ?? { rows: 0, count: 0 };
    perReplica.set(key, { rows: seen.rows + 1, count: Math.max(seen.count, Number.isFinite(r.count) ? r.count : 1) });
  }
  // An exit and the back-off after it are one failure: the kind with the most counts for the replica.
  const byReplica = new Map<string, number>();
  for (const [key, v] of perReplica) {
    const replica = key.slice(0, key.lastIndexOf('|'));
    byReplica.set(replica, Math.max(byReplica.get(replica) ?? 0, v.rows, v.count));
  }
  return [...byReplica.values()].reduce((a, b) => a + b, 0);
}

/**
 * A probe that restarted a replica (Startup or Liveness) failing again on that replica after it started
 * again. A wrong port or path fails on every start, so each restart is followed by the next kill.
 */
function probeFailsAgain(hits: readonly SystemHit[], at: number): boolean {
  const isRestart = (h: SystemHit) => h.rule.role === 'probe' && /restart/.test(h.rule.id);
  const kind = (h: SystemHit) => String(h.names.probe ?? '').toLowerCase();
  const restarts = hits.filter((h) => isRestart(h) && h.sys.ms <= at);
  return hits.some(
    (h) =>
      h.rule.role === 'probe' &&
      !isRestart(h) &&
      h.sys.ms > at &&
      restarts.some((r) => kind(r) !== '' && kind(r) === kind(h) && sameReplica(r.sys, h.sys)),
  );
}

/** The primary finding's own console error, printed before the restart, printed again, on a replica it failed on, after the restart at `at`. */
function failsAgain(input: StateInput, at: number): boolean {
  const texts = new Set((input.primary?.evidence ?? []).filter((e) => e?.source === 'console' && typeof e.text === 'string').map((e) => e.text.trim().slice(0, 300)));
  if (texts.size === 0) return false;
  const replicas = new Set(input.primary?.replicas ?? []);
  const mine = input.consoleLines.filter((l) => texts.has(l.text.trim().slice(0, 300)) && (replicas.size === 0 || (l.replica !== undefined && replicas.has(l.replica))));
  // Printed before the restart and again after it: the same error, not a line that only the new start wrote.
  return mine.some((l) => l.ms < at) && mine.some((l) => l.ms > at);
}

/**
 * Three or more probe restarts of one replica at a steady pace (a probe that kills it every few minutes), and
 * the rows end sooner after the last start than the usual gap between kills: nothing shows it stays up.
 */
function nextKillDue(input: StateInput, failures: readonly Sys[], at: number): boolean {
  const last = failures.filter((f) => f.ms <= at).reduce<Sys | undefined>((a, b) => (!a || b.ms > a.ms ? b : a), undefined);
  if (!last) return false;
  // Only a probe's kills: a wrong probe fails on every start, while a crash under load may well not recur.
  const kills = input.hits.filter((h) => h.rule.role === 'probe' && /restart/.test(h.rule.id)).map((h) => h.sys);
  const times = [...new Set(kills.filter((f) => sameReplica(f, last) && f.ms <= at).map((f) => f.ms))].sort((a, b) => a - b);
  if (times.length < 3) return false;
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const usual = gaps[Math.floor(gaps.length / 2)]!;
  const seen = [...input.starts, ...input.exits.map((e) => e.sys), ...input.hits.map((h) => h.sys), ...input.consoleLines]
    .map((r) => r.ms)
    .filter((ms) => Number.isFinite(ms))
    .reduce((a, b) => Math.max(a, b), at);
  return seen - at < usual;
}

export function assessState(input: StateInput): StateAssessment {
  const { primary } = input;
  if (!primary) return { state: 'unknown' };
  if (primary.benign) return { state: 'stopped' };
  const backoff = input.hits.some((h) => h.rule.role === 'backoff');
  // A job replica the platform stopped before it finished failed there, though no exit row says so.
  const interrupted = primary.ruleId === 'system.job-replica-interrupted' ? new Set(primary.replicas ?? []) : new Set<string>();
  // An exit 0 is a failure when it is what the primary finding reads (a server that should keep running ended).
  const failures = [
    ...input.exits.filter((e) => e.code !== 0 || primary.exitCode === 0).map((e) => e.sys),
    ...input.hits.filter((h) => h.rule.role === 'backoff' || (h.rule.role === 'probe' && /restart/.test(h.rule.id))).map((h) => h.sys),
    ...input.hits.filter((h) => h.rule.role === 'stop' && h.sys.replica !== undefined && interrupted.has(h.sys.replica)).map((h) => h.sys),
  ].filter((s) => Number.isFinite(s.ms));
  const neverCreated = input.exits.some((e) => e.code === undefined);
  // A quota or pull the app's own console reports (a service's rate limit), by a rule or by its words,
  // came from a container that started: the category alone does not make it a start failure (docs/steps-review-v24-fresh.md A class 8).
  const fromConsole = /^console\./.test(primary.ruleId) || (primary.evidence ?? []).some((e) => e?.source === 'console');
  if ((START_FAILURE_CATEGORIES.has(primary.category) && !fromConsole) || START_FAILURE_RULES.test(primary.ruleId) || (neverCreated && input.starts.length === 0)) {
    return startedLater(input, failures) ?? { state: 'failing-to-start' };
  }
  if (failures.length === 0) return { state: backoff ? 'crash-looping' : primary.category === 'probe-failure' ? 'unhealthy' : 'unknown' };
  const last = failures.reduce((a, b) => (b.ms > a.ms ? b : a));
  const repeated = backoff || failures.filter((f) => sameReplica(f, last)).length >= 3;
  // Started again after the last failure (a start row, or the app saying it listens), with no failure since.
  const restart = input.starts.find((s) => s.ms > last.ms && !failures.some((f) => f.ms > s.ms && sameReplica(f, s)));
  const listening = input.consoleLines.find(
    (l) => Number.isFinite(l.ms) && l.ms > last.ms && /\blisten(?:ing)?\b|\bstarted\b|\bready\b/i.test(l.text.slice(0, 300)) && !failures.some((f) => f.ms > l.ms),
  );
  const at = restart?.ms ?? listening?.ms;
  // The probe that restarted the replica failing on it again: the next kill is under way, not a recovery.
  if (at !== undefined && probeFailsAgain(input.hits, at)) return { state: 'crash-looping' };
  // The error the finding reads printed again after the restart, or a restart loop whose next kill is not
  // yet due when the rows end: the loop goes on, whatever the last start row says.
  if (at !== undefined && (failsAgain(input, at) || nextKillDue(input, failures, at))) return { state: 'crash-looping' };
  if (at !== undefined && (!repeated || restart !== undefined)) {
    const times = timesDown(failures.filter((f) => f.ms <= at));
    return { state: 'recovered', since: iso(at), phrase: `restarted at ${clock(at)} and running since`, ...(times > 1 ? { failures: times } : {}) };
  }
  if (repeated) return { state: 'crash-looping' };
  return { state: 'exited' };
}
