import type { Finding } from '../model';
import { analyseWithBudget, type BoundedAnalysis } from './bounded';
import type { Analysis } from './engine';
import type { BudgetOptions } from './budget';
import { matchTeamRules, type TeamRule } from './teamRules';
import type { ClassifyInput } from './types';

/**
 * The built-in classifier with a team's own rules in front: their findings come first, in the order of
 * their file. One exception keeps the promise that a crash is never called benign: a team rule that
 * calls what it saw benign does not outrank a built-in finding that needs action.
 */
export function classifyWithTeamRules(input: ClassifyInput, rules: readonly TeamRule[] = []): Finding[] {
  return classifyAll(input, rules).findings;
}

/** The same, with the app's state (recovered, crash-looping, ...) judged from the built-in reading. */
export function analyseWithTeamRules(input: ClassifyInput, rules: readonly TeamRule[] = []): Analysis {
  const { findings, state } = classifyAll(input, rules);
  return { findings, state };
}

/**
 * Everything the pipeline needs in one call: findings (team rules first), the state, and how many console
 * rows the CPU budget left unread, all through the built-in classifier's window and budget
 * (src/classify/bounded.ts).
 */
export function classifyAll(input: ClassifyInput, rules: readonly TeamRule[] = [], budget?: BudgetOptions): BoundedAnalysis {
  const outcome = analyseWithBudget(input, budget);
  const builtIn = outcome.findings;
  if (rules.length === 0) return outcome;
  const team = matchTeamRules(rules, input);
  if (team.length === 0) return outcome;
  const actionable = builtIn[0] && !builtIn[0].benign ? [builtIn[0]] : [];
  const first = team.filter((f) => !f.benign || actionable.length === 0);
  const later = team.filter((f) => !first.includes(f));
  return { ...outcome, findings: [...first, ...actionable, ...later, ...builtIn.slice(actionable.length)] };
}
