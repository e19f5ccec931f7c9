/**
 * Assembles the versioned Diagnosis from what the earlier stages produced. The three constructors below
 * are the only way a Diagnosis is made, so every one carries the same essentials.
 */
import {
  DIAGNOSIS_SCHEMA_VERSION,
  type AlertSummary,
  type Diagnosis,
  type DiagnosisState,
  type DiagnosisTarget,
  type Evidence,
  type Finding,
  type Target,
} from '../model';
import { parseAlertTimestamp } from '../alert/time';
import { buildTimeline } from './timeline';

export function toDiagnosisTarget(t: Target): DiagnosisTarget {
  const out: DiagnosisTarget = { kind: t.kind, name: t.name };
  const keys = ['subscriptionId', 'resourceGroup', 'resourceId', 'environmentName', 'revision', 'replica', 'container', 'jobExecution'] as const;
  for (const k of keys) if (t[k]) out[k] = t[k];
  return out;
}

/** The portal blade of the app or job, when we know enough to build its id. */
export function resourcePortalLink(t: Target): string | undefined {
  const id = t.resourceId ?? armId(t);
  return id ? `https://portal.azure.com/#resource${id}/overview` : undefined;
}

function armId(t: Target): string | undefined {
  if (!t.subscriptionId || !t.resourceGroup || t.kind === 'environment') return undefined;
  const type = t.kind === 'job' ? 'jobs' : 'containerApps';
  return `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroup}/providers/Microsoft.App/${type}/${t.name}`;
}

function windowOf(t: Target): { start: string; end: string } {
  return { start: t.window.start.toISOString(), end: t.window.end.toISOString() };
}

export interface BuildDiagnosisInput {
  target: Target;
  alert?: AlertSummary;
  alertIds?: string[];
  evidence: Evidence;
  findings: Finding[];
  summary: string;
  /** Whether the app is still down, as the classifier judged it. */
  state?: { state: DiagnosisState; since?: string };
  /** Link that opens the evidence query in the portal, when the log source could build one. */
  queryLink?: string;
  /** ARM id of the app or job as its configuration reports it, when the target did not carry one. */
  resourceId?: string;
  extraNotes?: string[];
  /** Who owns it (see owners.ts); left out of the JSON when empty. */
  owners?: string[];
  now: Date;
}

export function buildDiagnosis(input: BuildDiagnosisInput): Diagnosis {
  const { target, evidence } = input;
  const restarts = countRestarts(evidence);
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    status: 'enriched',
    summary: input.summary,
    target: toDiagnosisTarget(target),
    window: windowOf(target),
    findings: input.findings,
    ...(input.state ? { state: input.state.state } : {}),
    ...(input.state?.since ? { stateSince: input.state.since } : {}),
    ...(input.alert ? { alert: input.alert } : {}),
    alertIds: input.alertIds ?? (input.alert ? [input.alert.alertId] : []),
    ...(input.owners?.length ? { owners: input.owners } : {}),
    links: compact({ query: input.queryLink, resource: resourcePortalLink({ ...target, resourceId: target.resourceId ?? input.resourceId }) }),
    notes: [...evidence.notes.map((n) => n.message), ...(input.extraNotes ?? [])],
    stats: { systemEvents: evidence.system.length, consoleLines: evidence.console.length, restarts },
    timeline: buildTimeline(evidence.system, target.window),
    generatedAt: input.now.toISOString(),
  };
}

/**
 * How many times containers went down in the window: the terminations the platform recorded. Back-off
 * rows repeat the same failures (their Count is a running total), so they count only when no
 * termination row was captured at all.
 */
function countRestarts(evidence: Evidence): number {
  const sum = (pred: (reason: string, message: string) => boolean) =>
    evidence.system.filter((e) => pred(e.reason, e.message)).reduce((n, e) => n + Math.max(1, e.count), 0);
  const exits = sum((r, m) => /was terminated with exit code/i.test(m) || /^ContainerTerminated$/i.test(r));
  if (exits > 0) return exits;
  return evidence.system
    .filter((e) => /Persistent Fail(?:i)?ure to start container|Back-off restarting/i.test(e.message) || /BackOff/i.test(e.reason))
    .reduce((n, e) => Math.max(n, e.count), 0);
}

export interface NotEnrichedInput {
  alert?: AlertSummary;
  alertIds?: string[];
  target?: Target;
  /** Why enrichment did not happen, for a person. */
  reason: string;
  /** Stable code, usually the EnricherError's `code`. */
  reasonCode: string;
  now: Date;
}

/** The original alert, delivered as-is with the reason it could not be enriched: an alert is never dropped. */
export function notEnrichedDiagnosis(input: NotEnrichedInput): Diagnosis {
  const what = input.target?.name ?? input.alert?.alertRule ?? 'alert';
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    status: 'not-enriched',
    reason: input.reason,
    reasonCode: input.reasonCode,
    // A manual request has no alert: do not call it one.
    summary: `${what}: ${input.alert ? 'alert not enriched' : 'not diagnosed'} (${input.reason})`,
    ...(input.target ? { target: toDiagnosisTarget(input.target), window: windowOf(input.target) } : {}),
    findings: [],
    ...(input.alert ? { alert: input.alert } : {}),
    alertIds: input.alertIds ?? (input.alert ? [input.alert.alertId] : []),
    links: compact({ resource: input.target ? resourcePortalLink(input.target) : undefined }),
    notes: [],
    generatedAt: input.now.toISOString(),
  };
}

/** A resolved alert needs no queries: a short message saying it is over. */
export function resolvedDiagnosis(alert: AlertSummary, now: Date, target?: Target): Diagnosis {
  const what = target?.name ?? alert.alertRule ?? 'alert';
  // Alerts write times with up to seven fraction digits; the summary uses the same form as every other time.
  const resolvedAt = alert.resolvedDateTime ? (parseAlertTimestamp(alert.resolvedDateTime)?.toISOString() ?? alert.resolvedDateTime) : undefined;
  const when = resolvedAt ? ` at ${resolvedAt}` : '';
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    status: 'resolved',
    summary: `${what}: alert "${alert.alertRule ?? alert.alertId}" resolved${when}`,
    ...(target ? { target: toDiagnosisTarget(target) } : {}),
    findings: [],
    alert,
    alertIds: [alert.alertId],
    links: compact({ resource: target ? resourcePortalLink(target) : undefined }),
    notes: [],
    generatedAt: now.toISOString(),
  };
}

function compact<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v) out[k] = v;
  return out as { [K in keyof T]?: string };
}
