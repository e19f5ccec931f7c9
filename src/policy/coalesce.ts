/**
 * Alert storms: when an app crash-loops, one alert rule can fire many alerts for the same app and window
 * (one per evaluation, per replica dimension, per action-group retry, from several rules). Enriching each
 * on its own would send the same Log Analytics query again and again and post the same diagnosis to chat
 * many times. The coalescer folds them, per process:
 *
 *  - The first alert for a target (same app or job, revision, replica, container, execution, subscription,
 *    resource group and workspace) becomes the group's leader and runs the one enrichment.
 *  - Alerts for the same target whose window overlaps, arriving while the leader is still enriching, join
 *    as members: the leader's diagnosis lists their ids (`alertIds`) and is posted once. Each member then
 *    waits for the leader's delivery; if the leader failed, the member fails too, so the queue tries it
 *    again (nothing is lost). The dedupe store keys the post by the leader's alert id.
 *  - Alerts arriving after the leader's enrichment finished, but within the coalescing period
 *    (COALESCE_SECONDS from the leader's arrival), reuse the leader's evidence and configuration (no new
 *    query) and are delivered as their own diagnosis, which says which earlier alert it matches.
 *  - A repeat of an alert id the group already covers (an action-group retry, a queue redelivery) waits
 *    for, or reuses, the group's outcome and posts nothing new.
 *
 * Groups live in memory only: two Functions instances each form their own groups (each posts once). See
 * docs/hardening.md for the trade-offs.
 */
import type { ParsedAlert } from '../alert';
import type { ConfigSource } from '../appconfig/ConfigSource';
import { enrich, targetOf, type EnrichDeps, type EnrichResult } from '../enrich';
import { TimeoutError } from '../errors';
import type { Logger } from '../logger';
import type { LogSource } from '../logs/LogSource';
import type { AppConfig, Diagnosis, Evidence, Target, TimeWindow } from '../model';
import type { DeliveryOutcome } from '../runtime';

/** Longest a member waits for its leader's delivery before failing (so the queue tries it again); well below functionTimeout (5 min), which would restart the worker. */
export const DEFAULT_MEMBER_WAIT_MS = 2 * 60_000;

/** Groups kept at most; the oldest finished ones go first. Bounds memory during a storm of distinct apps. */
export const DEFAULT_MAX_GROUPS = 5000;

export interface CoalescerOptions {
  /** The coalescing period (settings.coalesceSeconds × 1000). 0 turns coalescing off. */
  windowMs: number;
  now: () => Date;
  memberWaitMs?: number;
  maxGroups?: number;
}

/** What the caller does with an enrichment result: a diagnosis to deliver, undefined to defer, or throw. */
export type SettleFn = (result: EnrichResult) => Promise<Diagnosis | undefined>;

export interface CoalescedEnrichOptions {
  /** What `enrich` needs, minus the logger and signal (given per call). */
  deps: Omit<EnrichDeps, 'logger' | 'signal'>;
  logger: Logger;
  signal?: AbortSignal;
  /**
   * Applied to the leader's result and to late arrivals' results (never to members, which follow their
   * leader): the queue path throws transient errors here and defers when console rows are still missing.
   */
  settle: SettleFn;
  /** A member whose leader deferred defers too (the queue path puts the member's alert back on the queue). */
  defer?: () => Promise<void>;
}

export type Deliver = (diagnosis: Diagnosis, options: { logger: Logger; signal?: AbortSignal }) => Promise<DeliveryOutcome[]>;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
  settled?: Settled<T>;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting when a group fails: that must not become an unhandled rejection.
  promise.catch(() => undefined);
  const d: Deferred<T> = {
    promise,
    resolve: (v) => {
      d.settled ??= { ok: true, value: v };
      resolve(v);
    },
    reject: (e) => {
      d.settled ??= { ok: false, error: e };
      reject(e);
    },
  };
  return d;
}

/** What the leader read, replayed to late arrivals instead of querying again. */
interface Captured {
  evidence?: Settled<Evidence>;
  config?: Settled<AppConfig | undefined>;
}

interface LeaderOutcome {
  /** The leader's diagnosis (undefined when the leader deferred). */
  diagnosis?: Diagnosis;
  captured: Captured;
}

interface Group {
  key: string;
  leaderId: string;
  startedAt: number;
  window: TimeWindow;
  /** Every alert id the leader's diagnosis answers; closed once the leader's enrichment finished. */
  ids: string[];
  open: boolean;
  enriched: Deferred<LeaderOutcome>;
  delivered: Deferred<DeliveryOutcome[]>;
  /** Ids that arrived late and got (or are getting) their own delivery. */
  lateIds: Map<string, Deferred<DeliveryOutcome[]>>;
}

export interface CoalescerStats {
  groups: number;
  leaders: number;
  members: number;
  late: number;
  repeats: number;
}

/** Everything about a target that changes the evidence query, in one string. The window is matched apart. */
export function coalesceKey(target: Target): string {
  const parts = [
    target.kind,
    target.name,
    target.subscriptionId,
    target.resourceGroup,
    target.environmentName,
    target.environmentId,
    target.revision,
    target.replica,
    target.container,
    target.jobExecution,
    target.workspace?.customerId,
    target.workspace?.resourceId,
  ];
  return JSON.stringify(parts.map((p) => (p ?? '').toLowerCase()));
}

function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.start.getTime() <= b.end.getTime() && b.start.getTime() <= a.end.getTime();
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/** A LogSource that records what the real one answered (or threw). */
function recordingLogs(source: LogSource, captured: Captured): LogSource {
  const out: LogSource = {
    description: source.description,
    async fetchEvidence(target, options) {
      try {
        const evidence = await source.fetchEvidence(target, options);
        captured.evidence = { ok: true, value: clone(evidence) };
        return evidence;
      } catch (error) {
        captured.evidence = { ok: false, error };
        throw error;
      }
    },
  };
  if (source.knowsWorkspace) out.knowsWorkspace = (t) => source.knowsWorkspace!(t);
  return out;
}

function recordingConfig(source: ConfigSource, captured: Captured): ConfigSource {
  return {
    description: source.description,
    async fetchConfig(target, options) {
      try {
        const config = await source.fetchConfig(target, options);
        captured.config = { ok: true, value: clone(config) };
        return config;
      } catch (error) {
        captured.config = { ok: false, error };
        throw error;
      }
    },
  };
}

/** A LogSource answering from what the leader read; falls back to the real source when it read nothing. */
function replayLogs(source: LogSource, captured: Captured): LogSource {
  return {
    description: `${source.description} (reused)`,
    // The leader already found the workspace; do not make the pipeline read the configuration first.
    knowsWorkspace: (t) => captured.evidence !== undefined || (source.knowsWorkspace?.(t) ?? false),
    async fetchEvidence(target, options) {
      const c = captured.evidence;
      if (!c) return source.fetchEvidence(target, options);
      if (!c.ok) throw c.error;
      return clone(c.value);
    },
  };
}

function replayConfig(source: ConfigSource, captured: Captured): ConfigSource {
  return {
    description: `${source.description} (reused)`,
    async fetchConfig(target, options) {
      const c = captured.config;
      if (!c) return source.fetchConfig(target, options);
      if (!c.ok) throw c.error;
      return clone(c.value);
    },
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}

export class Coalescer {
  private readonly groups = new Map<string, Group[]>();
  /** Diagnoses handed to members and repeats: delivering one waits for the first delivery instead of posting. */
  private readonly memberOf = new WeakMap<Diagnosis, { leaderId: string; delivered: Deferred<DeliveryOutcome[]> }>();
  /** Diagnoses of leaders: delivering one settles the group's delivery outcome. */
  private readonly leaderOf = new WeakMap<Diagnosis, Group>();
  /** Diagnoses of late arrivals and repeats, with the deferred their delivery settles. */
  private readonly lateOf = new WeakMap<Diagnosis, { group: Group; alertId: string; done: Deferred<DeliveryOutcome[]> }>();
  private readonly counts = { leaders: 0, members: 0, late: 0, repeats: 0 };
  private readonly windowMs: number;
  private readonly memberWaitMs: number;
  private readonly maxGroups: number;

  constructor(private readonly options: CoalescerOptions) {
    this.windowMs = Math.max(0, options.windowMs);
    this.memberWaitMs = options.memberWaitMs ?? DEFAULT_MEMBER_WAIT_MS;
    this.maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
  }

  get enabled(): boolean {
    return this.windowMs > 0;
  }

  stats(): CoalescerStats {
    let groups = 0;
    for (const list of this.groups.values()) groups += list.length;
    return { groups, ...this.counts };
  }

  /**
   * Enriches a parsed alert, sharing the work with other alerts for the same target. Returns the diagnosis
   * to hand to `deliver` (always through this coalescer's `deliver`), or undefined when deferred.
   */
  async enrich(alert: ParsedAlert, options: CoalescedEnrichOptions): Promise<Diagnosis | undefined> {
    const { deps, logger, signal } = options;
    const solo = async (): Promise<Diagnosis | undefined> =>
      options.settle(await enrich({ kind: 'alert', alert }, { ...deps, logger, signal }));
    // Resolved alerts query nothing; a target that cannot be resolved fails the same way inside enrich.
    if (!this.enabled || alert.summary.monitorCondition === 'Resolved') return solo();
    let target: Target;
    try {
      target = targetOf({ kind: 'alert', alert }, deps);
    } catch {
      return solo();
    }

    const alertId = alert.summary.alertId;
    const nowMs = this.options.now().getTime();
    const key = coalesceKey(target);
    const group = this.find(key, target.window, nowMs);

    if (!group) return this.lead(alert, target, key, nowMs, options);

    if (group.ids.includes(alertId) || group.lateIds.has(alertId)) {
      // The same alert again (an action-group retry, a queue redelivery): it shares the first one's fate.
      this.counts.repeats++;
      logger.info('repeat of an alert already being handled; sharing its outcome', { alertId, leaderAlertId: group.leaderId });
      return this.follow(group, alertId, options, group.lateIds.get(alertId));
    }
    if (group.open) {
      group.ids.push(alertId);
      this.counts.members++;
      logger.info('alert coalesced into an enrichment already running', { alertId, leaderAlertId: group.leaderId });
      return this.follow(group, alertId, options);
    }
    return this.late(alert, group, nowMs, options);
  }

  /**
   * Delivers a diagnosis this coalescer handed out: a member's waits for its leader's delivery and posts
   * nothing; a leader's or late arrival's posts and records the outcome for whoever waits on it.
   */
  async deliver(diagnosis: Diagnosis, deliver: Deliver, options: { logger: Logger; signal?: AbortSignal }): Promise<DeliveryOutcome[]> {
    const member = this.memberOf.get(diagnosis);
    if (member) {
      const outcomes = await this.wait(member.delivered.promise, options.signal);
      return outcomes.map((o) => ({
        destination: o.destination,
        status: 'duplicate',
        detail: `posted once for the coalesced alerts, with alert ${member.leaderId} (${o.status})`,
      }));
    }
    const leader = this.leaderOf.get(diagnosis);
    const late = this.lateOf.get(diagnosis);
    const done = leader?.delivered ?? late?.done;
    if (!done) return deliver(diagnosis, options);
    try {
      const outcomes = await deliver(diagnosis, options);
      done.resolve(outcomes);
      return outcomes;
    } catch (err) {
      done.reject(err);
      // A failed delivery is never reused: the next try of these alerts starts afresh.
      if (leader) this.forget(leader);
      if (late) late.group.lateIds.delete(late.alertId);
      throw err;
    }
  }

  private find(key: string, window: TimeWindow, nowMs: number): Group | undefined {
    const list = this.groups.get(key);
    if (!list) return undefined;
    const live = list.filter((g) => nowMs - g.startedAt <= this.windowMs || !g.delivered.settled);
    if (live.length !== list.length) {
      if (live.length) this.groups.set(key, live);
      else this.groups.delete(key);
    }
    // Only groups still inside the coalescing period take new alerts.
    return live.find((g) => nowMs - g.startedAt <= this.windowMs && overlaps(g.window, window) && g.enriched.settled?.ok !== false);
  }

  private forget(group: Group): void {
    const list = this.groups.get(group.key);
    if (!list) return;
    const rest = list.filter((g) => g !== group);
    if (rest.length) this.groups.set(group.key, rest);
    else this.groups.delete(group.key);
  }

  private add(group: Group): void {
    const list = this.groups.get(group.key) ?? [];
    list.push(group);
    this.groups.set(group.key, list);
    let total = 0;
    for (const l of this.groups.values()) total += l.length;
    if (total <= this.maxGroups) return;
    // Too many: drop the oldest groups whose delivery is settled (running ones stay: members wait on them).
    const finished = [...this.groups.values()].flat().filter((g) => g.delivered.settled).sort((a, b) => a.startedAt - b.startedAt);
    for (const g of finished.slice(0, total - this.maxGroups)) this.forget(g);
  }

  private async lead(alert: ParsedAlert, target: Target, key: string, nowMs: number, options: CoalescedEnrichOptions): Promise<Diagnosis | undefined> {
    const alertId = alert.summary.alertId;
    const group: Group = {
      key,
      leaderId: alertId,
      startedAt: nowMs,
      window: target.window,
      ids: [alertId],
      open: true,
      enriched: deferred<LeaderOutcome>(),
      delivered: deferred<DeliveryOutcome[]>(),
      lateIds: new Map(),
    };
    this.add(group);
    this.counts.leaders++;
    const captured: Captured = {};
    const deps: EnrichDeps = {
      ...options.deps,
      logs: recordingLogs(options.deps.logs, captured),
      ...(options.deps.config ? { config: recordingConfig(options.deps.config, captured) } : {}),
      logger: options.logger,
      signal: options.signal,
    };
    try {
      const result = await enrich({ kind: 'alert', alert }, deps);
      // Members that joined while the query ran are answered by this diagnosis; later ones are "late".
      group.open = false;
      const members = group.ids.length - 1;
      result.diagnosis.alertIds = unique([...result.diagnosis.alertIds, ...group.ids]);
      if (members > 0) {
        result.diagnosis.notes.push(
          `${members} more alert${members === 1 ? '' : 's'} for the same ${target.kind === 'job' ? 'job' : 'app'} and window arrived during this enrichment and ${members === 1 ? 'is' : 'are'} answered by it (see alertIds).`,
        );
      }
      const diagnosis = await options.settle(result);
      if (diagnosis === undefined) {
        this.forget(group);
        group.enriched.resolve({ captured });
        group.delivered.resolve([]);
        return undefined;
      }
      this.leaderOf.set(diagnosis, group);
      group.enriched.resolve({ diagnosis, captured });
      this.armDeliveryWatch(group);
      return diagnosis;
    } catch (err) {
      group.open = false;
      this.forget(group);
      group.enriched.reject(err);
      group.delivered.reject(err);
      throw err;
    }
  }

  /** A leader whose diagnosis is never delivered (its caller crashed) must not hold its members for ever. */
  private armDeliveryWatch(group: Group): void {
    const timer = setTimeout(() => {
      if (group.delivered.settled) return;
      this.forget(group);
      group.delivered.reject(
        new TimeoutError(`The coalesced enrichment led by alert ${group.leaderId} was not delivered in time.`, {
          context: { leaderAlertId: group.leaderId },
        }),
      );
    }, this.memberWaitMs);
    timer.unref?.();
    group.delivered.promise.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
  }

  /** A member or a repeat: mirror the leader (or the first copy of this alert). */
  private async follow(
    group: Group,
    alertId: string,
    options: CoalescedEnrichOptions,
    lateDone?: Deferred<DeliveryOutcome[]>,
  ): Promise<Diagnosis | undefined> {
    const outcome = await this.wait(group.enriched.promise, options.signal);
    if (!outcome.diagnosis) {
      await options.defer?.();
      return undefined;
    }
    const copy: Diagnosis = { ...outcome.diagnosis };
    // A repeat of a late arrival shares that arrival's delivery; anyone else shares the leader's.
    this.memberOf.set(copy, lateDone ? { leaderId: alertId, delivered: lateDone } : { leaderId: group.leaderId, delivered: group.delivered });
    return copy;
  }

  /** After the leader's enrichment: the same evidence, this alert's own diagnosis and delivery. */
  private async late(alert: ParsedAlert, group: Group, nowMs: number, options: CoalescedEnrichOptions): Promise<Diagnosis | undefined> {
    const alertId = alert.summary.alertId;
    const done = deferred<DeliveryOutcome[]>();
    group.lateIds.set(alertId, done);
    this.counts.late++;
    try {
      const outcome = await this.wait(group.enriched.promise, options.signal);
      const { deps } = options;
      const result = await enrich(
        { kind: 'alert', alert },
        {
          ...deps,
          logs: replayLogs(deps.logs, outcome.captured),
          ...(deps.config ? { config: replayConfig(deps.config, outcome.captured) } : {}),
          logger: options.logger,
          signal: options.signal,
        },
      );
      const ago = Math.max(0, Math.round((nowMs - group.startedAt) / 1000));
      result.diagnosis.notes.push(
        `This alert matches alert ${group.leaderId} (same target and window, ${ago} s earlier): its evidence was reused and no new query was made.`,
      );
      options.logger.info('alert matches a recent enrichment; reusing its evidence', { alertId, leaderAlertId: group.leaderId });
      const diagnosis = await options.settle(result);
      if (diagnosis === undefined) {
        group.lateIds.delete(alertId);
        done.resolve([]);
        return undefined;
      }
      this.lateOf.set(diagnosis, { group, alertId, done });
      return diagnosis;
    } catch (err) {
      group.lateIds.delete(alertId);
      done.reject(err);
      throw err;
    }
  }

  /** Waits for a shared outcome, but no longer than the caller's signal allows. */
  private wait<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) return promise;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }
}

const perOwner = new WeakMap<object, Coalescer>();

/**
 * The coalescer of a runtime (one per process, as the runtime is), made on first use from its settings.
 * Keyed by the runtime object so every queue message and HTTP call of the process shares it.
 */
export function coalescerFor(owner: { settings: { coalesceSeconds: number }; now: () => Date }): Coalescer {
  let c = perOwner.get(owner);
  if (!c) {
    c = new Coalescer({ windowMs: owner.settings.coalesceSeconds * 1000, now: owner.now });
    perOwner.set(owner, c);
  }
  return c;
}
