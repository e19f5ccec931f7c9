import type { Finding } from '../model';
import { classifyWithBudget, type ClassifyOutcome } from './bounded';
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

/**
 * The same, through the built-in classifier's window and CPU budget (src/classify/bounded.ts), with how
 * many console rows the budget left unread: what the pipeline calls.
 */
export function classifyAll(input: ClassifyInput, rules: readonly TeamRule[] = [], budget?: BudgetOptions): ClassifyOutcome {
  const outcome = classifyWithBudget(input, budget);
  const builtIn = outcome.findings;
  if (rules.length === 0) return outcome;
  const team = matchTeamRules(rules, input);
  if (team.length === 0) return outcome;
  const actionable = builtIn[0] && !builtIn[0].benign ? [builtIn[0]] : [];
  const first = team.filter((f) => !f.benign || actionable.length === 0);
  const later = team.filter((f) => !first.includes(f));
  return { findings: [...first, ...actionable, ...later, ...builtIn.slice(actionable.length)], unreadRows: outcome.unreadRows };
}
