/**
 * A step that asks for a change to the container's volume mounts and offers a revision restart for it:
 * a restart reruns the failing revision as it is, since mounts are part of the template and change only
 * with a new revision (https://learn.microsoft.com/azure/container-apps/revisions, "Revision-scope
 * changes"; https://learn.microsoft.com/azure/container-apps/storage-mounts). The step applies the
 * change through the YAML instead (the CLI has no mount flags), and the secret-volume file names follow
 * the secrets' names or each secret's `path` (a secret's name allows only lowercase letters, digits and '-').
 */
import type { FindingStep } from '../../model';
import { APPLY_YAML, viaYaml, type FixInput } from './fixCommands';
import { restartsTemplateChange } from './restartNeed';

/** The restart the words ask for, at the end of the step. */
const THEN_RESTART = /[;,]? (?:then|and) restart (?:the|that|this) revision\.?$/;

const EDIT =
  "change the container's volumeMounts (mountPath: the folder, not the file) and, for a secret volume, the file each secret becomes (set a `path` beside its secretRef in the volume's secrets list when the file name holds a character a secret's name cannot, such as '_')";

export function templateRestartSteps(input: FixInput): FindingStep[] {
  return input.steps.map((s) => {
    if (!restartsTemplateChange(s)) return s;
    const lead = s.text.replace(THEN_RESTART, '.').replace(/\.\.$/, '.');
    return input.make({ text: `${lead} ${viaYaml(input, EDIT)}`, command: APPLY_YAML });
  });
}

export const TEMPLATE_RESTART_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [templateRestartSteps];
