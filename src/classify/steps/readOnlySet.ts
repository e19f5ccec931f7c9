/**
 * A step that says "Set X to ..." whose command only reads (`az containerapp show`): the step contradicts
 * itself, and the fix lands later as a new secret for a plain setting (review v22 #51: "Set MC_MINMEM" over
 * a read of the variable names, then MC_MINMEM stored as secret mc-minmem). A plain setting (not a
 * credential, credentialNames.ts) is set directly by the step that names it; a secret created from nothing
 * for it, and the reference to it, go; "or remove it" in the text gets its `--remove-env-vars`.
 */
import type { Finding, FindingStep } from '../../model';
import { mayHoldCredential } from './credentialNames';

type Make = (s: FindingStep) => FindingStep;

/** "Set X to ..." at the start of the step (the rules' wording), X an environment variable name. */
const SET_STEP = /^Set ([A-Za-z][A-Za-z0-9_]{1,80}) to\b/;
const READS_ONLY = /^az containerapp (?:job )?(?:show|secret list|revision list)\b/;

export function readOnlySetSteps(f: Finding, steps: FindingStep[], make: Make): FindingStep[] {
  if (f.benign) return steps;
  const at = steps.findIndex((s) => SET_STEP.test(s.text) && READS_ONLY.test(s.command ?? ''));
  if (at < 0) return steps;
  const v = SET_STEP.exec(steps[at]!.text)![1]!;
  if (mayHoldCredential(v)) return steps;
  // The reference to a secret the steps create for this variable, and that secret's creation with a blank value.
  const ref = new RegExp(`--set-env-vars ${v}=secretref:([a-z0-9-]{1,253})(?: |$)`);
  const secrets = new Set(steps.map((s) => ref.exec(s.command ?? '')?.[1]).filter((n): n is string => !!n));
  const dropped = (s: FindingStep): boolean =>
    ref.test(s.command ?? '') || [...secrets].some((n) => new RegExp(`secret set .*--secrets ${n}=<value>(?: |$)`).test(s.command ?? ''));
  const set = make({
    text: `${steps[at]!.text} Replace <value> in the command.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${v}=<value>`,
  });
  const remove = /\bor remove it\b/.test(steps[at]!.text)
    ? [make({ text: `Or remove ${v}, so the image's default applies; this creates a new revision.`, command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars ${v}` })]
    : [];
  return steps.flatMap((s, i) => (i === at ? [set, ...remove] : dropped(s) ? [] : [s]));
}
