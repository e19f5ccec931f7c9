/**
 * A generic step that says what a later, specific step does with its command is padding: the engineer
 * reads the same fix twice, once without the names. The specific step stays, the generic one goes.
 */
import type { FindingStep } from '../../model';

/** The first variable-like name a step is about (`SECRET_KEY_BASE`, `DATABASE_URL`). */
const VARIABLE = /\b[A-Z][A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){1,8}\b/;
/** A step that sets a variable, or grants a role, without a command of its own. */
const SETS = /^(?:Set|Point|Add|Provide|Store)\b/;
const GRANTS = /^(?:Give|Grant|Assign)\b[^.]{0,200}\brole\b/;
const ROLE_COMMAND = /^az (?:role assignment create|cosmosdb sql role assignment create) /;

function covered(step: FindingStep, others: readonly FindingStep[]): boolean {
  if (step.command) return false;
  const withCommand = others.filter((o) => o !== step && !!o.command);
  if (GRANTS.test(step.text)) return withCommand.some((o) => ROLE_COMMAND.test(o.command!));
  const variable = SETS.test(step.text) ? VARIABLE.exec(step.text)?.[0] : undefined;
  return !!variable && withCommand.some((o) => o.command!.includes(` ${variable}=`));
}

export function withoutCovered(steps: readonly FindingStep[]): FindingStep[] {
  return steps.filter((s) => !covered(s, steps));
}
