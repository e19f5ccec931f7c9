/**
 * Turns a rule's actions into a finding's steps at classification time: fills the text from the names
 * the rule extracted and drops the steps whose evidence is not there (a CRLF step without a carriage
 * return in the rows, a step about a variable nobody named). The command stays a template here; the
 * target's names are known only to `attachCommands`.
 */
import type { EvidenceLine, FindingStep } from '../../model';
import { fillTemplate } from '../template';
import type { RuleAction } from '../types';

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

export function ruleSteps(input: StepInput): FindingStep[] {
  const out: FindingStep[] = [];
  const add = (step: FindingStep): void => {
    if (step.text && !out.some((s) => s.text === step.text)) out.push(step);
  };
  for (const text of input.extras ?? []) add({ text });
  for (const action of Array.isArray(input.actions) ? input.actions : []) {
    if (typeof action === 'string') {
      add({ text: fillTemplate(action, input.names) });
      continue;
    }
    if (!action || typeof action.text !== 'string' || !applies(action, input.names, input.evidence)) continue;
    add({ text: fillTemplate(action.text, input.names), ...(action.command ? { command: action.command } : {}) });
  }
  return out;
}
