/**
 * A volume-mount change asked for in words gets a new revision (the YAML), never a restart of the failing
 * revision: mounts are revision-scope (https://learn.microsoft.com/azure/container-apps/revisions,
 * https://learn.microsoft.com/azure/container-apps/storage-mounts). docs/steps-review-v24-fresh.md set B
 * class 5, case 81 (IsADirectoryError on a secret mounted at the file's own path).
 */
import type { FindingStep } from '../../src/model';
import { RESTART_REVISION } from '../../src/classify/rules/commandTemplates';
import { restartsTemplateChange } from '../../src/classify/steps/restartNeed';
import { templateRestartSteps } from '../../src/classify/steps/templateRestart';
import type { FixInput } from '../../src/classify/steps/fixCommands';

const input = (steps: FindingStep[]): FixInput =>
  ({ f: { steps } as never, steps, names: {}, config: undefined, target: { app: 'kurisu' } as never, make: (s: FindingStep) => s, all: [] }) as FixInput;
const MOUNT: FindingStep = {
  text: "Mount the volume at the folder that should hold the file (the secret volume at /run/secrets), not at the file's own path, or point the app at the file inside the mounted folder; then restart the revision.",
  command: RESTART_REVISION,
};

describe('a volume-mount change is a new revision, not a restart', () => {
  it('the mount step applies the YAML and no longer restarts the failing revision', () => {
    expect(restartsTemplateChange(MOUNT)).toBe(true);
    const [s] = templateRestartSteps(input([MOUNT]));
    expect(s!.command).toBe('az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml');
    expect(s!.text).not.toMatch(/restart the revision/);
    expect(s!.text).toContain('volumeMounts');
    expect(s!.text).toContain('this creates a new revision');
    expect(s!.text).toContain("a secret's name cannot, such as '_'");
  });

  it('near misses: a secret change then restart, a mount step that only reads, a restart with no mount words', () => {
    const secret = { text: 'Store the new value in the secret; then restart the revision.', command: RESTART_REVISION };
    const show = { text: "Show the container's volume mounts.", command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].volumeMounts' -o json" };
    const plain = { text: 'Restart the revision so the app reads the new value.', command: RESTART_REVISION };
    const steps = [secret, show, plain];
    expect(steps.some(restartsTemplateChange)).toBe(false);
    expect(templateRestartSteps(input(steps))).toEqual(steps);
  });
});
