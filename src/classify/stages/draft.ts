import type { Category, EvidenceLine, Finding } from '../../model';
import { CATEGORY_TEXT } from '../rules/categoryText';
import { rememberStepInput, ruleSteps } from '../steps';
import { fillTemplate } from '../template';
import type { TimedLine } from '../stackTraces';
import type { RuleBase } from '../types';
import { iso } from './evidence';

export const MAX_EVIDENCE = 10;

/** A finding under construction: the stages add evidence, names and standing; `finish` turns it into output. */
export interface Draft {
  rule: RuleBase;
  /** Extra score for ordering only (last words), not reported as confidence. */
  bonus: number;
  confidence: number;
  benign: boolean;
  category: Category;
  names: Record<string, string>;
  evidence: EvidenceLine[];
  times: number[];
  replicas: Set<string>;
  occurrences: number;
  exitCode?: number;
  signal?: string;
  title?: string;
  explanationExtra: string[];
  actionsExtra: string[];
  /** Other categories the evidence could also mean (the vocabulary tier names them). */
  alternatives?: Category[];
  /** This finding follows from another one (a probe kill, a back-off, 137 after a hang): its rule id. */
  consequenceOf?: string;
  /** Some of its lines came right before a failure of the same replica. */
  lastWords?: boolean;
  /** An exit the app chose with not one error-like line before it: the code is all there is. */
  silent?: boolean;
  /** For the change since the healthy revision: the kinds of change it holds (`env-removed`, `args`...). */
  changeKinds?: string[];
  /** Where the draft came from, for ranking: the app's own words, a platform event, an exit code, config. */
  source: 'console' | 'system' | 'exit' | 'config' | 'vocabulary' | 'engine';
}

export function draft(rule: RuleBase, names: Record<string, string> = {}, source: Draft['source'] = 'engine'): Draft {
  return {
    rule,
    bonus: 0,
    confidence: rule.confidence,
    benign: rule.benign,
    category: rule.category,
    names: { ...names },
    evidence: [],
    times: [],
    replicas: new Set(),
    occurrences: 0,
    explanationExtra: [],
    actionsExtra: [],
    source,
  };
}

export function addEvidence(d: Draft, lines: EvidenceLine[]): void {
  for (const l of lines) {
    if (d.evidence.length >= MAX_EVIDENCE) return;
    if (d.evidence.some((e) => e.text === l.text && e.replica === l.replica)) continue;
    d.evidence.push(l);
  }
}

/** Copies names a draft does not have yet (first writer wins). */
export function mergeNames(d: Draft, names: Record<string, string>): void {
  for (const [k, v] of Object.entries(names)) if (d.names[k] === undefined) d.names[k] = v;
}

export function finish(d: Draft): Finding {
  const names = d.names;
  const times = d.times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const explanation = [fillTemplate(d.rule.explanation, names), ...d.explanationExtra].filter(Boolean).join(' ');
  const finding: Finding = {
    ruleId: d.rule.id,
    category: d.category,
    title: d.title ?? fillTemplate(d.rule.title, names),
    confidence: Math.round(Math.max(0, Math.min(1, d.confidence)) * 100) / 100,
    benign: d.benign,
    evidence: d.evidence.slice(0, MAX_EVIDENCE),
    explanation,
    actions: [],
    links: d.rule.links ?? CATEGORY_TEXT[d.category].links,
  };
  // Steps (schema 1.1): texts now, commands once `attachCommands` knows the target.
  const stepInput = { actions: d.rule.actions, extras: d.actionsExtra, names, evidence: finding.evidence };
  finding.steps = ruleSteps(stepInput);
  finding.actions = finding.steps.map((s) => s.text);
  rememberStepInput(finding, stepInput);
  if (d.exitCode !== undefined) finding.exitCode = d.exitCode;
  if (d.signal) finding.signal = d.signal;
  if (Object.keys(names).length > 0) finding.names = { ...names };
  if (d.occurrences > 0) finding.occurrences = d.occurrences;
  if (times.length > 0) {
    finding.firstSeen = iso(times[0]);
    finding.lastSeen = iso(times[times.length - 1]);
  }
  if (d.replicas.size > 0) finding.replicas = [...d.replicas].sort();
  if (d.alternatives && d.alternatives.length > 0) finding.alternatives = [...d.alternatives];
  if (d.consequenceOf) finding.consequenceOf = d.consequenceOf;
  return finding;
}

/**
 * What the draft's replicas printed around it, oldest first: from `before` ms ahead of its first moment
 * (`from: 'first'`) or its last one (`from: 'last'`) to `after` ms past its last. A line with no replica
 * counts for any replica. No lines when the draft has no moment.
 */
export function linesAround(d: Draft, lines: readonly TimedLine[], window: { from: 'first' | 'last'; before: number; after: number }): TimedLine[] {
  const times = d.times.filter((t) => Number.isFinite(t));
  if (times.length === 0) return [];
  const last = Math.max(...times);
  const start = (window.from === 'first' ? Math.min(...times) : last) - window.before;
  return lines.filter(
    (l) => Number.isFinite(l.ms) && l.ms >= start && l.ms <= last + window.after && (d.replicas.size === 0 || l.replica === undefined || d.replicas.has(l.replica)),
  );
}
