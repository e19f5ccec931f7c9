/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/).
 *
 * - `dedup_key` is the alert id, so every post about one alert (the diagnosis, a follow-up, the
 *   "resolved") lands on the same PagerDuty alert, and a `resolve` closes what the `trigger` opened.
 * - Severity comes from the alert (Sev0 critical, Sev1 error, Sev2 warning, Sev3/Sev4 info); a diagnosis
 *   with no alert severity is `error`, a benign outcome `info`.
 * - `custom_details` carries the cause, the evidence and the steps; links go to the query and the app.
 * - Limits: a summary of at most 1,024 characters, a dedup key of at most 255, a payload of at most
 *   512 KB; evidence is cut first, then the explanation, until the event fits.
 */
import { createHash } from 'node:crypto';
import type { Diagnosis } from '../model';
import { redactDiagnosis } from './redact';
import { oneLine, truncate, utf8Bytes } from './text';
import type { RenderedPayload, RenderOptions } from './types';
import { buildView } from './view';

export const PAGERDUTY_SUMMARY_MAX = 1024;
export const PAGERDUTY_DEDUP_KEY_MAX = 255;
export const PAGERDUTY_MAX_PAYLOAD_BYTES = 512 * 1024;
/** What we aim for, a little under the published limit. */
export const PAGERDUTY_PAYLOAD_BUDGET_BYTES = 500 * 1024;

/** Shown in place of the key when rendering without one (the CLI's `--format pagerduty`). */
export const ROUTING_KEY_PLACEHOLDER = '<routing-key>';

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

const SEVERITY_MAP: Record<string, PagerDutySeverity> = {
  sev0: 'critical',
  sev1: 'error',
  sev2: 'warning',
  sev3: 'info',
  sev4: 'info',
};

export function pagerDutySeverity(d: Diagnosis): PagerDutySeverity {
  if (d.status === 'enriched' && d.findings[0]?.benign) return 'info';
  return SEVERITY_MAP[d.alert?.severity?.toLowerCase() ?? ''] ?? 'error';
}

/** The alert id, or for a diagnosis that names none, a stable hash of what it is about. */
export function pagerDutyDedupKey(d: Diagnosis): string {
  // A follow-up belongs to the PagerDuty alert its full post opened.
  const id = d.followUp?.firstAlertId ?? d.alert?.alertId ?? d.alertIds[0];
  const base = id ?? `${d.target?.resourceId ?? d.target?.name ?? 'unknown'}|${d.window?.start ?? d.generatedAt}`;
  if (base.length <= PAGERDUTY_DEDUP_KEY_MAX && id) return base;
  return `aca-enricher:${createHash('sha256').update(base).digest('hex')}`;
}

export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp?: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
  client?: string;
  client_url?: string;
}

function details(d: Diagnosis, evidenceLines: number, explanationChars: number): Record<string, unknown> {
  const view = buildView(d, { maxLineChars: 1000 });
  const out: Record<string, unknown> = { status: d.status };
  if (view.primary) {
    out.cause = view.primary.title;
    out.category = d.findings[0]?.category;
    out.confidence = view.primary.confidence;
    if (view.primary.detail) out.detail = view.primary.detail;
    out.explanation = truncate(view.primary.explanation, explanationChars);
    out.evidence = view.primary.evidence.slice(-evidenceLines);
  }
  if (view.nextSteps.length) out.next_steps = view.nextSteps;
  if (d.reason) out.not_enriched_reason = d.reason;
  if (d.owners?.length) out.owners = d.owners;
  for (const f of view.facts) out[f.label.toLowerCase().replace(/\s+/g, '_')] ??= f.value;
  if (view.contributing.length) out.contributing = view.contributing;
  if (view.notes.length) out.notes = view.notes;
  return out;
}

function triggerEvent(d: Diagnosis, routingKey: string, evidenceLines: number, explanationChars: number): PagerDutyEvent {
  const view = buildView(d);
  const primary = d.status === 'enriched' ? d.findings[0] : undefined;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: pagerDutyDedupKey(d),
    payload: {
      summary: truncate(oneLine(d.summary || view.title), PAGERDUTY_SUMMARY_MAX),
      source: d.target?.resourceId ?? d.target?.name ?? d.alert?.alertTargetIDs[0] ?? 'azure-container-apps',
      severity: pagerDutySeverity(d),
      timestamp: d.alert?.firedDateTime ?? d.generatedAt,
      ...(d.target?.name ? { component: d.target.name } : {}),
      ...(d.target?.environmentName ?? d.target?.resourceGroup ? { group: d.target?.environmentName ?? d.target?.resourceGroup } : {}),
      ...(primary ? { class: primary.category } : {}),
      custom_details: details(d, evidenceLines, explanationChars),
    },
    links: view.links.map((l) => ({ href: l.url, text: l.title })),
    client: 'aca-alert-enricher',
  };
}

/** The event for one diagnosis, within PagerDuty's size limit. */
export function buildPagerDutyEvent(diagnosis: Diagnosis, routingKey: string = ROUTING_KEY_PLACEHOLDER): PagerDutyEvent {
  const d = redactDiagnosis(diagnosis);
  if (d.status === 'resolved') return { routing_key: routingKey, event_action: 'resolve', dedup_key: pagerDutyDedupKey(d) };
  // Shrink in steps until it fits: fewer evidence lines first, then a shorter explanation.
  for (const [lines, chars] of [[50, 4000], [20, 2000], [5, 1000], [0, 500]] as const) {
    const event = triggerEvent(d, routingKey, lines, chars);
    if (utf8Bytes(JSON.stringify(event)) <= PAGERDUTY_PAYLOAD_BUDGET_BYTES) return event;
  }
  const event = triggerEvent(d, routingKey, 0, 200);
  event.payload!.custom_details = { status: d.status, cause: event.payload!.summary, note: 'details left out: too large for PagerDuty' };
  return event;
}

export function renderPagerDuty(d: Diagnosis, options: RenderOptions = {}): RenderedPayload {
  return { contentType: 'application/json', body: JSON.stringify(buildPagerDutyEvent(d, options.routingKey)) };
}
