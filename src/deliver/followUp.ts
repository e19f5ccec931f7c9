/**
 * No repeat pages. While an app keeps failing for the same reason, every new alert would post the same
 * full card again; on-call needs to know it is still failing, not to read it twice. So, per app and
 * destination, we remember the last cause posted:
 *
 * - a new cause (another rule, or other concrete names), a new revision, a quiet spell longer than the
 *   window, a "resolved", or an alert we could not enrich: a full post, and the count starts again;
 * - the same cause again within the window: a short follow-up ("still failing: 4th alert since 09:14,
 *   same cause, last exit 10:02"), at most one per destination every `intervalMinutes`; the alerts in
 *   between are counted (the next follow-up says how many) and not posted.
 *
 * The state lives in a store shared by every instance (Table storage in Azure); writes are conditional
 * on the version read, so two instances deciding at once cannot both post a follow-up, and the loser
 * decides again on the fresh state. If the store cannot be read or written, the decision falls back to
 * a full post: a repeated page is better than a lost one.
 */
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { Diagnosis, FollowUpInfo } from '../model';

export interface FollowUpPolicy {
  /** Same cause within this many minutes of the previous alert counts as a repeat. 0 turns it off. */
  windowMinutes: number;
  /** At most one follow-up per destination in this many minutes. */
  intervalMinutes: number;
}

/** What we remember per app and destination. Times are ISO strings. */
export interface FollowUpState {
  signature: string;
  revision: string;
  firstAt: string;
  lastAt: string;
  lastPostAt: string;
  /** Alerts with this cause since `firstAt`, the full post included. */
  count: number;
  lastExit?: string;
  /** The alert the full post answered: follow-ups refer to it (PagerDuty groups on it). */
  firstAlertId?: string;
}

export interface FollowUpKey {
  /** The app or job, as stable as we can name it (ARM id when known). */
  app: string;
  destination: string;
}

export interface StoredState {
  state?: FollowUpState;
  /** Opaque version for the conditional write; absent when there is no row yet. */
  etag?: string;
}

export interface FollowUpStore {
  read(key: FollowUpKey, signal?: AbortSignal): Promise<StoredState>;
  /** Writes only if the row is still at `etag` (or, without one, still absent); false when it was not. */
  write(key: FollowUpKey, state: FollowUpState, etag: string | undefined, signal?: AbortSignal): Promise<boolean>;
}

export type FollowUpPlan = { kind: 'full' } | { kind: 'follow-up'; info: FollowUpInfo } | { kind: 'suppress'; count: number };

/** The app a diagnosis is about, as a key; undefined when it names none (then nothing is remembered). */
export function appKey(d: Diagnosis): string | undefined {
  const t = d.target;
  if (!t) return undefined;
  return (t.resourceId ?? [t.subscriptionId, t.resourceGroup, t.kind, t.name].filter(Boolean).join('/')).toLowerCase();
}

/** Same rule and same concrete names: the same cause. */
export function causeSignature(d: Diagnosis): string | undefined {
  const f = d.status === 'enriched' ? d.findings[0] : undefined;
  if (!f) return undefined;
  const names = Object.entries(f.names ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${f.ruleId}|${names}`;
}

const minutes = (a: string, b: Date): number => (b.getTime() - Date.parse(a)) / 60_000;

/** The pure decision: what to post now, and what to remember (undefined: leave the state alone). */
export function decideFollowUp(
  prev: FollowUpState | undefined,
  d: Diagnosis,
  now: Date,
  policy: FollowUpPolicy,
): { plan: FollowUpPlan; next?: FollowUpState } {
  const at = now.toISOString();
  if (d.status === 'resolved') {
    // Forget the cause: the next failure, even the same one, is news again.
    return { plan: { kind: 'full' }, next: prev ? { ...prev, signature: '(resolved)', lastAt: at } : undefined };
  }
  const signature = causeSignature(d);
  if (!signature) return { plan: { kind: 'full' } };
  const revision = d.target?.revision ?? '';
  const lastExit = d.findings[0]?.lastSeen;
  const repeat =
    prev !== undefined && prev.signature === signature && prev.revision === revision && minutes(prev.lastAt, now) <= policy.windowMinutes;
  if (!repeat) {
    const firstAlertId = d.alert?.alertId ?? d.alertIds[0];
    const fresh: FollowUpState = { signature, revision, firstAt: at, lastAt: at, lastPostAt: at, count: 1 };
    if (lastExit) fresh.lastExit = lastExit;
    if (firstAlertId) fresh.firstAlertId = firstAlertId;
    return { plan: { kind: 'full' }, next: fresh };
  }
  const next: FollowUpState = { ...prev, lastAt: at, count: prev.count + 1, ...(lastExit ? { lastExit } : {}) };
  if (minutes(prev.lastPostAt, now) < policy.intervalMinutes) return { plan: { kind: 'suppress', count: next.count }, next };
  next.lastPostAt = at;
  const info: FollowUpInfo = { count: next.count, since: prev.firstAt, ...(next.lastExit ? { lastExit: next.lastExit } : {}) };
  if (prev.firstAlertId) info.firstAlertId = prev.firstAlertId;
  return { plan: { kind: 'follow-up', info }, next };
}

export interface FollowUpsOptions {
  now?: () => Date;
  logger?: Logger;
}

/** Decides follow-ups against a shared store; see the module comment. */
export class FollowUps {
  private readonly now: () => Date;

  constructor(
    private readonly store: FollowUpStore,
    readonly policy: FollowUpPolicy,
    private readonly options: FollowUpsOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async plan(d: Diagnosis, destination: string, signal?: AbortSignal): Promise<FollowUpPlan> {
    const app = appKey(d);
    if (this.policy.windowMinutes <= 0 || !app || d.status === 'not-enriched') return { kind: 'full' };
    const key = { app, destination };
    try {
      // A conditional write that loses means another instance decided in between: decide again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const { state, etag } = await this.store.read(key, signal);
        const { plan, next } = decideFollowUp(state, d, this.now(), this.policy);
        if (!next || (await this.store.write(key, next, etag, signal))) return plan;
      }
    } catch (err) {
      (this.options.logger ?? silentLogger).warn('follow-up state unavailable; posting in full', {
        destination,
        error: err instanceof Error ? err.name : 'unknown',
      });
    }
    return { kind: 'full' };
  }
}

/** The store for tests, the CLI and `npm run serve`: one process, versions as counters. */
export class InMemoryFollowUpStore implements FollowUpStore {
  private readonly rows = new Map<string, { state: FollowUpState; version: number }>();

  async read(key: FollowUpKey): Promise<StoredState> {
    const row = this.rows.get(`${key.app}\n${key.destination}`);
    return row ? { state: { ...row.state }, etag: String(row.version) } : {};
  }

  async write(key: FollowUpKey, state: FollowUpState, etag: string | undefined): Promise<boolean> {
    const id = `${key.app}\n${key.destination}`;
    const row = this.rows.get(id);
    if ((row ? String(row.version) : undefined) !== etag) return false;
    this.rows.set(id, { state: { ...state }, version: (row?.version ?? 0) + 1 });
    return true;
  }
}

/** A diagnosis recast as its follow-up: the same cause, said briefly, with the count. */
export function asFollowUp(d: Diagnosis, info: FollowUpInfo): Diagnosis {
  const primary = d.findings[0];
  const short = primary ? { ...primary, evidence: primary.evidence.slice(-3), actions: [], steps: [] } : undefined;
  const since = info.since.slice(11, 16);
  const last = info.lastExit ? `, last exit ${info.lastExit.slice(11, 16)}` : '';
  const cause = primary ? ` (${primary.title})` : '';
  return {
    ...d,
    summary: `${d.target?.name ?? 'The app'} is still failing: ${ordinal(info.count)} alert since ${since} UTC, same cause${cause}${last}`,
    findings: short ? [short] : [],
    followUp: info,
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
