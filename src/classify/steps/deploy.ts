/**
 * A fix made in the image (a package installed, a script converted, a base image changed) reaches the
 * app only when the rebuilt image is deployed: the steps end with the command that does it, with the
 * app's registry and repository filled, as the architecture rule's steps already do.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';

/** Causes whose fix is in the image the app runs. */
const IMAGE_FIXES = new Set(['missing-module', 'entrypoint-error', 'permission-denied', 'crash-signal']);

/** A step that changes the image: a rebuild, a Dockerfile line, the final stage, the base image. */
const IN_IMAGE = /\brebuild\b|\bDockerfile\b|\bfinal stage\b|\bbase image\b|\.gitattributes|\bCOPY\b|\bFROM\b|\bin the image\b|\bnginx\.conf\b/;

/** A step that says in words to rebuild and deploy the image. */
const REBUILD_IMAGE = /\brebuild (?:the|your|a new) image\b/i;

/** A step that already deploys or changes the template. */
const DEPLOYS = / --image | --yaml | --command | --args /;

export function deploySteps(f: Finding, steps: readonly FindingStep[], names: Record<string, string>, config: AppConfig | undefined): FindingStep[] {
  // Any cause whose step says to rebuild the image (a code fix: a Zeitwerk file name, a missing class).
  if (f.benign || !(IMAGE_FIXES.has(f.category) || steps.some((s) => REBUILD_IMAGE.test(s.text)))) return [];
  if (!steps.some((s) => IN_IMAGE.test(s.text)) || steps.some((s) => DEPLOYS.test(s.command ?? ''))) return [];
  // An init container is not reachable with --container-name: its image changes through the YAML.
  // The rows name an init container as the one failing (the console row only named the replica).
  if (names.failingInit) return [initDeploy(names.failingInit, names.yamlOf ?? 'app')];
  const init = (Array.isArray(config?.initContainers) ? config.initContainers : []).some((c) => c?.name && c.name === names.container);
  if (init) return [];
  // The start command or args changed since the healthy revision: the template, not the image, is what to fix.
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  if (changes.some((c) => /^(?:command|args)$/.test(String(c?.kind)))) return [];
  const known = !!(names.registry && names.repository);
  return [
    {
      text: `Deploy the rebuilt image (replace ${known ? '<new-tag> with the tag' : '<rebuilt-image> with the reference'} you pushed); this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image ${known ? '{registry}/{repository}:<new-tag>' : '<rebuilt-image>'}`,
    },
  ];
}

/** The rebuilt image reaches an init container through the YAML: `--container-name` only reaches the main containers. */
function initDeploy(init: string, of: string): FindingStep {
  return {
    text: `The failing container is init container ${init}, which runs before the app's containers start: put the rebuilt image (or the corrected command) on ${init} under initContainers in the ${of}'s YAML (\`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml\`) and apply it; this creates a new revision.`,
    command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
  };
}
