/**
 * Turns a rule's actions into a finding's steps at classification time: fills the text from the names
 * the rule extracted and drops the steps whose evidence is not there (a CRLF step without a carriage
 * return in the rows, a step about a variable nobody named). The command stays a template here; the
 * target's names are known only to `attachCommands`.
 */
import { chromeLibraryNames } from '../rules/osPackages';
import type { EvidenceLine, FindingStep } from '../../model';
import { fillTemplate } from '../template';
import type { RuleAction, RuleStep } from '../types';
import { connectionServiceNames, fillDerived, runtimeNames } from './runtimeNames';

/** What the engine hands over: a finding's rule actions, its engine-made extra steps, names and evidence. */
export interface StepInput {
  actions: readonly RuleAction[];
  extras?: readonly string[];
  names: Record<string, string>;
  evidence: readonly EvidenceLine[];
}

/** Evidence texts are cut to 2,000 characters by the engine, so these tests stay bounded. */
function seen(re: RegExp, evidence: readonly EvidenceLine[]): boolean {
  return evidence.some((e) => typeof e?.text === 'string' && re.test(e.text));
}

function applies(action: Exclude<RuleAction, string>, names: Record<string, string>, evidence: readonly EvidenceLine[]): boolean {
  if (action.needs?.some((n) => !names[n])) return false;
  if (action.absent?.some((n) => names[n])) return false;
  if (action.when && !seen(action.when, evidence)) return false;
  if (action.unless && seen(action.unless, evidence)) return false;
  if (action.quiet && evidence.some((e) => e?.source === 'console')) return false;
  return true;
}

/**
 * What each finding's steps were made from, kept beside the finding (not in it) so that `attachCommands`
 * can rebuild them with the names only the target and configuration give (registry, memory pair).
 */
const INPUTS = new WeakMap<object, StepInput>();

export function rememberStepInput(finding: object, input: StepInput): void {
  INPUTS.set(finding, input);
}

export function stepInputOf(finding: object): StepInput | undefined {
  return INPUTS.get(finding);
}

/**
 * Names a step's own `when` test captures from the first row it matches (the database an "Unknown
 * database 'x'" row names, say): they fill that step's text only, and never replace a rule's name.
 */
function whenNames(action: RuleStep, names: Record<string, string>, evidence: readonly EvidenceLine[]): Record<string, string> {
  if (!action.when || !/\(\?<\w+>/.test(action.when.source)) return names;
  for (const e of evidence) {
    const groups = typeof e?.text === 'string' ? action.when.exec(e.text)?.groups : undefined;
    if (!groups) continue;
    // `table_2` is the second alternative's spelling of `table`, as in the rules' patterns.
    const found = Object.fromEntries(
      Object.entries(groups).flatMap(([k, v]) => (typeof v === 'string' && v !== '' ? [[k.replace(/_\d$/, ''), v] as const] : [])),
    );
    // A row that matched another alternative names nothing: a later row may name it (P3009, then the migration).
    if (Object.keys(found).length === 0) continue;
    return { ...found, ...names };
  }
  return names;
}

export function ruleSteps(input: StepInput): FindingStep[] {
  // Names the steps derive from the rule's (the OS package behind a missing library, GOMEMLIMIT).
  const rows = (Array.isArray(input.evidence) ? input.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text : ''));
  const derived = { ...runtimeNames(input.names), ...connectionServiceNames(input.names, rows), ...chromeLibraryNames(input.names, rows) };
  const names = { ...derived, ...input.names };
  const made: { step: FindingStep; decisive?: boolean; fallback?: boolean }[] = [];
  const add = (step: FindingStep, flags: Pick<RuleStep, 'decisive' | 'fallback'> = {}): void => {
    if (step.text && !made.some((m) => m.step.text === step.text)) made.push({ step, ...flags });
  };
  for (const text of input.extras ?? []) add({ text });
  for (const action of Array.isArray(input.actions) ? input.actions : []) {
    if (typeof action === 'string') {
      add({ text: fillTemplate(action, names) });
      continue;
    }
    if (!action || typeof action.text !== 'string' || !applies(action, names, input.evidence)) continue;
    const text = fillTemplate(action.text, whenNames(action, names, input.evidence));
    add({ text, ...(action.command ? { command: fillDerived(action.command, derived) } : {}) }, { decisive: action.decisive, fallback: action.fallback });
  }
  // Two right steps beat the right one followed by the category's generic checklist.
  const specific = made.some((m) => m.decisive);
  return made.filter((m) => !(specific && m.fallback)).map((m) => m.step);
}
