/**
 * What every human-readable format shows, decided once: the title, the facts, the primary finding,
 * next steps and links. Each renderer only lays this out in its own syntax and trims it to its limits,
 * so the formats cannot drift apart in what they say.
 */
import type { Diagnosis, EvidenceLine, Finding, FindingStep } from '../model';
import { DEFAULT_MAX_CONTRIBUTING, DEFAULT_MAX_LINE_CHARS, MAX_TITLE_CHARS } from './limits';
import { timelineOf } from './sparkline';
import { oneLine, safeUrl, shortTime, truncate } from './text';
import type { RenderOptions } from './types';

/** How alarming the message looks: drives colours and icons in each format. */
export type Tone = 'critical' | 'error' | 'warning' | 'info' | 'good';

export interface Fact {
  label: string;
  value: string;
}

export interface LinkView {
  title: string;
  url: string;
}

export interface PrimaryView {
  title: string;
  /** "92% confident" and the like. */
  confidence: string;
  explanation: string;
  /** Exit code, signal, how often: one line, may be empty. */
  detail: string;
  /** Formatted evidence lines, each already cut to `maxLineChars`; all of them, the renderer trims. */
  evidence: string[];
}

/** One next step: the sentence, and the `az` command when there is one (never cut: dropped if too long). */
export interface StepView {
  text: string;
  command?: string;
}

/** A command longer than this is left out rather than cut: half a command must never reach a terminal. */
export const MAX_COMMAND_CHARS = 600;

export interface DiagnosisView {
  status: Diagnosis['status'];
  title: string;
  /** Shown right under the title: the not-enriched reason, the resolved note, or the alert rule. */
  subtitle?: string;
  tone: Tone;
  facts: Fact[];
  timeline?: { sparkline: string; caption: string };
  primary?: PrimaryView;
  nextSteps: StepView[];
  /** One line per contributing finding. */
  contributing: string[];
  notes: string[];
  /** Buttons: the query and the resource first, then documentation. */
  links: LinkView[];
  /** Who owns it (rule owner, app owner tags), as configured: renderers mention them where they can. */
  owners: string[];
}

/** Azure Monitor severities (Sev0 is the most severe) to a label and a tone. */
const SEVERITIES: Record<string, { label: string; tone: Tone }> = {
  sev0: { label: 'Critical', tone: 'critical' },
  sev1: { label: 'Error', tone: 'error' },
  sev2: { label: 'Warning', tone: 'warning' },
  sev3: { label: 'Informational', tone: 'info' },
  sev4: { label: 'Verbose', tone: 'info' },
};

const STATUS_LABELS: Record<Diagnosis['status'], string> = {
  enriched: 'Diagnosed',
  'not-enriched': 'Not enriched',
  resolved: 'Resolved',
};

function severityOf(d: Diagnosis): { text?: string; tone: Tone } {
  const raw = d.alert?.severity;
  const known = raw ? SEVERITIES[raw.toLowerCase()] : undefined;
  const text = raw ? (known ? `${raw} (${known.label})` : raw) : undefined;
  if (d.status === 'resolved') return { text, tone: 'good' };
  if (d.status === 'enriched' && d.findings[0]?.benign) return { text, tone: 'good' };
  return { text, tone: known?.tone ?? (d.status === 'enriched' ? 'error' : 'warning') };
}

function formatEvidenceLine(e: EvidenceLine, maxChars: number): string {
  const where = e.replica ?? e.revision;
  const head = [shortTime(e.time), e.source, where].filter((x): x is string => Boolean(x)).join(' ');
  // Keep leading indentation (stack frames) but fold a multi-line entry onto one line.
  const text = e.text.replace(/\s*[\r\n]+\s*/g, ' ').trimEnd();
  return truncate(`${head}: ${text}`, maxChars);
}

function percent(confidence: number): string {
  const p = Math.round(Math.max(0, Math.min(1, confidence)) * 100);
  return `${p}% confident`;
}

function detailOf(f: Finding): string {
  const parts: string[] = [];
  if (f.exitCode !== undefined) parts.push(`exit code ${f.exitCode}${f.signal ? ` (${f.signal})` : ''}`);
  else if (f.signal) parts.push(f.signal);
  if (f.occurrences !== undefined) parts.push(`seen ${f.occurrences} ${f.occurrences === 1 ? 'time' : 'times'}`);
  if (f.replicas && f.replicas.length > 0) {
    parts.push(`on ${f.replicas.length} ${f.replicas.length === 1 ? 'replica' : 'replicas'}`);
  }
  const s = parts.join(', ');
  return s ? s[0]!.toUpperCase() + s.slice(1) : '';
}

function push(facts: Fact[], label: string, value: string | number | undefined): void {
  if (value === undefined || value === '') return;
  facts.push({ label, value: truncate(oneLine(String(value)), 200) });
}

function targetName(d: Diagnosis): string | undefined {
  if (d.target) return d.target.name;
  const id = d.alert?.configurationItems[0] ?? d.alert?.alertTargetIDs[0];
  return id ? id.split('/').filter(Boolean).pop() : undefined;
}

function linksOf(d: Diagnosis, primary: Finding | undefined): LinkView[] {
  const out: LinkView[] = [];
  const add = (title: string, url: string | undefined): void => {
    const safe = safeUrl(url);
    if (safe && !out.some((l) => l.url === safe)) out.push({ title: truncate(oneLine(title), 60), url: safe });
  };
  add('Open query in Log Analytics', d.links.query);
  const name = targetName(d);
  add(name ? `Open ${name} in the portal` : 'Open in the portal', d.links.resource);
  if (d.status !== 'enriched') {
    add('Open the alert', d.alert?.investigationLink);
    add('Open alert search results', d.alert?.searchResultsLink);
  }
  for (const l of primary?.links ?? []) add(l.title, l.url);
  return out;
}

function titleOf(d: Diagnosis): string {
  const summary = oneLine(d.summary);
  const name = targetName(d) ?? 'the app';
  if (d.status === 'resolved') return summary || `${name}: alert resolved`;
  if (d.status === 'not-enriched') {
    // The summary of a not-enriched diagnosis ends with the reason, which the subtitle shows in full:
    // a short title of its own keeps the reason from being said twice (once cut off).
    const rule = d.alert?.alertRule;
    if (!d.alert) return `${name} could not be diagnosed`;
    return `${rule ? `${rule} fired` : 'Alert fired'} for ${name}`;
  }
  return summary || `${name}: alert fired`;
}

/** The primary finding's steps; a 1.0 diagnosis (actions only) shows its sentences. */
function stepsOf(f: Finding): StepView[] {
  const steps: FindingStep[] = Array.isArray(f.steps) ? f.steps : f.actions.map((text) => ({ text }));
  return steps
    .map((s) => {
      const text = oneLine(String(s.text ?? ''));
      const command = typeof s.command === 'string' ? oneLine(s.command) : '';
      return command && command.length <= MAX_COMMAND_CHARS ? { text, command } : { text };
    })
    .filter((s) => s.text.length > 0);
}

/** Builds the view of an (already redacted) diagnosis. */
export function buildView(d: Diagnosis, options: RenderOptions = {}): DiagnosisView {
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const maxContributing = options.maxContributing ?? DEFAULT_MAX_CONTRIBUTING;
  const severity = severityOf(d);
  const primary = d.status === 'enriched' ? d.findings[0] : undefined;
  const owners = (d.owners ?? []).map((o) => truncate(oneLine(o), 100)).filter(Boolean);
  const facts: Fact[] = [];
  push(facts, 'Status', STATUS_LABELS[d.status]);
  push(facts, 'Severity', severity.text);
  // Without a target the name comes from the alert's resource, which need not be an app at all.
  push(facts, d.target ? (d.target.kind === 'job' ? 'Job' : 'App') : 'Resource', targetName(d));
  push(facts, 'Revision', d.target?.revision);
  push(facts, 'Owners', owners.join(', '));
  if (d.target?.jobExecution) push(facts, 'Execution', d.target.jobExecution);

  let subtitle: string | undefined;
  if (d.status === 'enriched') {
    push(facts, 'First seen', shortTime(primary?.firstSeen ?? d.window?.start));
    push(facts, 'Last seen', shortTime(primary?.lastSeen ?? d.window?.end));
    if (d.stats?.restarts !== undefined) push(facts, 'Restarts', d.stats.restarts);
    subtitle = d.alert?.alertRule ? `Alert rule: ${oneLine(d.alert.alertRule)}` : undefined;
  } else if (d.status === 'not-enriched') {
    subtitle = `Not enriched: ${oneLine(d.reason ?? 'the evidence could not be read')}`;
    push(facts, 'Alert rule', d.alert?.alertRule);
    push(facts, 'Condition', d.alert?.monitorCondition);
    push(facts, 'Fired', shortTime(d.alert?.firedDateTime));
    push(facts, 'Signal', d.alert?.signalType);
    push(facts, 'Description', d.alert?.description);
    push(facts, 'Reason code', d.reasonCode);
  } else {
    subtitle = `Resolved${d.alert?.resolvedDateTime ? ` at ${shortTime(d.alert.resolvedDateTime)}` : ''}`;
    push(facts, 'Alert rule', d.alert?.alertRule);
    push(facts, 'Fired', shortTime(d.alert?.firedDateTime));
  }

  const tl = d.status === 'resolved' ? undefined : timelineOf(d);
  const timeline =
    tl && tl.counts.some((c) => c > 0)
      ? {
          sparkline: tl.sparkline,
          caption: `${tl.bucketMinutes === 1 ? 'per minute' : `per ${tl.bucketMinutes} minutes`}, ${tl.counts.reduce(
            (a, b) => a + b,
            0,
          )} events`,
        }
      : undefined;

  return {
    status: d.status,
    title: truncate(titleOf(d), MAX_TITLE_CHARS),
    subtitle: subtitle ? truncate(subtitle, 500) : undefined,
    tone: severity.tone,
    facts,
    timeline,
    primary: primary
      ? {
          title: oneLine(primary.title),
          confidence: percent(primary.confidence),
          explanation: primary.explanation.trim(),
          detail: detailOf(primary),
          evidence: primary.evidence.map((e) => formatEvidenceLine(e, maxLineChars)),
        }
      : undefined,
    nextSteps: primary ? stepsOf(primary) : [],
    contributing:
      d.status === 'enriched'
        ? d.findings
            .slice(1, 1 + maxContributing)
            .map((f) => `${oneLine(f.title)} (${f.category}, ${percent(f.confidence)})`)
        : [],
    notes: d.notes.map((n) => oneLine(n)).filter(Boolean),
    links: linksOf(d, primary),
    owners,
  };
}
