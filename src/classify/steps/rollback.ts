/**
 * The way back to the last healthy revision, when the configuration names one. What the commands do
 * depends on the revision mode, and the step says it, so nobody pastes a rollback without knowing.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { fillCommand, type CommandNames } from './fillCommand';

export function rollbackSteps(config: AppConfig | undefined, target: CommandNames): FindingStep[] {
  const from = config?.changesSinceHealthy?.fromRevision;
  if (!config || typeof from !== 'string' || !from || !target.app) return [];
  const info = (Array.isArray(config.revisions) ? config.revisions : []).find((r) => r?.name === from);
  const names = { healthy: from };
  const cmd = (template: string): string | undefined => fillCommand(template, names, target);
  const failing = config.failingRevisionName ?? target.revision;
  const mode = revisionMode(config);
  // The healthy revision still takes all the traffic: users are on it already, so going back is not what
  // serves them; a copy only stops the failing revision's restarts. What the configuration shows is said.
  if (info?.active === true && typeof info.trafficWeight === 'number' && info.trafficWeight >= 100) {
    const beside = failing && failing !== from ? ` beside ${failing}` : '';
    const serving = `the configuration lists ${from}, the last healthy revision, still active with 100% of the traffic${beside}, so users are served by it and need no rollback`;
    const name = failing ?? 'the failing revision';
    // Two revisions active at once, or a mode the configuration does not give: a copy of the healthy
    // template would run beside the failing revision, not replace it; deactivating it is what stops it.
    const failingActive = failing && failing !== from && revisionsOf(config).some((r) => r?.name === failing && r.active === true);
    if (mode === 'multiple' || (mode === undefined && failingActive)) {
      if (!failingActive) return [{ text: `Roll back: not needed, ${serving}; fix the change in place.` }];
      return [clean({
        text: `Roll back (optional): ${serving}. To stop ${name} restarting while you fix the change in place, deactivate it: with two revisions active a copy of ${from}'s template would run beside ${name}, not replace it. Its logs stay readable, and activating it again brings it back.`,
        command: fillCommand('az containerapp revision deactivate -n {app} -g {resourceGroup} --revision {failing}', { failing }, target),
      })];
    }
    return [clean({
      text: `Roll back (optional): ${serving}. A new revision from ${from}'s template only stops ${name} restarting while you fix the change in place; it replaces ${name} once it is running.`,
      command: cmd('az containerapp revision copy -n {app} -g {resourceGroup} --from-revision {healthy}'),
    })];
  }
  if (mode === 'multiple') {
    const steps: FindingStep[] = [];
    if (info?.active === false) {
      steps.push({
        text: `Roll back, step 1: re-activate ${from}, the last healthy revision (it is inactive; activating it starts its replicas but sends it no traffic yet).`,
        command: cmd('az containerapp revision activate -n {app} -g {resourceGroup} --revision {healthy}'),
      });
    }
    steps.push({
      text: `Roll back${steps.length > 0 ? ', step 2' : ''}: send all traffic to ${from}, the last healthy revision. ${
        failing ? `${failing} stays active with no traffic, so its logs stay readable;` : 'The failing revision stays active with no traffic;'
      } nothing is deleted and the weights can be set back the same way.`,
      command: cmd('az containerapp ingress traffic set -n {app} -g {resourceGroup} --revision-weight {healthy}=100'),
    });
    return steps.map(clean);
  }
  // The mode only where the configuration says it; otherwise Single is the default, and said to be one.
  const replaces = failing ?? 'the failing revision';
  const modeText = mode === 'single'
    ? `single-revision mode, so it replaces ${replaces} once it is running`
    : `in single-revision mode, the default, it replaces ${replaces} once it is running; the configuration read does not show the mode`;
  return [
    clean({
      text: `Roll back: create a new revision from ${from}'s template, the last healthy one (${modeText}). Secrets are app-wide: a secret value changed since then stays changed.`,
      command: cmd('az containerapp revision copy -n {app} -g {resourceGroup} --from-revision {healthy}'),
    }),
  ];
}

/**
 * The revision mode the configuration shows: its own setting, else several revisions taking traffic at once
 * (a split only multiple-revision mode allows). Undefined when nothing says.
 */
function revisionsOf(config: AppConfig): NonNullable<AppConfig['revisions']> {
  return Array.isArray(config.revisions) ? config.revisions : [];
}

function revisionMode(config: AppConfig): 'single' | 'multiple' | undefined {
  const set = config.activeRevisionsMode ?? '';
  if (/^multiple$/i.test(set)) return 'multiple';
  if (/^single$/i.test(set)) return 'single';
  const serving = (Array.isArray(config.revisions) ? config.revisions : []).filter((r) => r?.active !== false && typeof r?.trafficWeight === 'number' && r.trafficWeight > 0);
  return serving.length > 1 ? 'multiple' : undefined;
}

/** The single-revision rollback step: a new revision from the healthy template replaces the failing one. */
const REPLACING = /^Roll back: create a new revision from /;
const RESTART = /^az containerapp revision restart /;

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/**
 * The steps with the way back placed first or last. When a rollback that replaces the failing revision
 * leads, the fix in place that follows is its alternative, not its sequel: a restart of the replaced
 * revision after the rollback would start the failing template again, so the restart says it belongs to
 * the fix in place only.
 */
export function withRollback(rollback: readonly FindingStep[], steps: readonly FindingStep[], first: boolean): FindingStep[] {
  if (!first) return [...steps, ...rollback];
  const replacing = rollback.some((r) => REPLACING.test(r.text));
  const restart = steps.findIndex((s) => !!s.command && RESTART.test(s.command));
  if (!replacing || restart < 0) return [...rollback, ...steps];
  const revision = / --revision (\S+)/.exec(steps[restart]!.command!)?.[1];
  const rest = steps.map((s, i) => {
    if (i === restart) {
      return { ...s, text: `Only after that fix in place (not after the rollback, whose new revision reads the current values when it starts): restart ${revision ?? 'the revision'} so it reads the new value.` };
    }
    return i === 0 ? { ...s, text: `Or, instead of rolling back, fix it in place: ${lowerFirst(s.text)}` } : s;
  });
  return [...rollback, ...rest];
}

function clean(step: FindingStep): FindingStep {
  return step.command ? step : { text: step.text };
}

/** A step that says to go back to the image that ran before, with no command for it. */
const BACK_TO_IMAGE = /\b(?:go back to|roll back to|return to|pin) (?:that|the last|the previous|the earlier) image\b|\bgo back to the image\b/i;
/** The change since healthy that replaced an image: before is the image the healthy revision ran. */
const IMAGE_REF = /^[\w.-]{1,253}(?::\d{1,5})?(?:\/[\w.-]{1,128}){0,4}(?::[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/**
 * "Go back to the image that ran" gets its command: `update --image` with the image the healthy revision
 * ran when the change since healthy names it (this keeps the rest of the new template), else the revision
 * list with each revision's image to find it. Nothing is added when a step already sets an image.
 */
export function previousImageSteps(f: Finding, steps: readonly FindingStep[], config: AppConfig | undefined, make: (s: FindingStep) => FindingStep): FindingStep[] {
  if (f.benign) return [...steps];
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  const image = changes.find((c) => c?.kind === 'image' && typeof c.before === 'string' && IMAGE_REF.test(c.before));
  // A step that already deploys an image: the way back is added only when the healthy image is known and no step names it.
  const deploys = steps.some((s) => /--image /.test(s.command ?? ''));
  if (deploys && (!image || steps.some((s) => (s.command ?? '').includes(`--image ${image.before}`)))) return [...steps];
  const at = steps.findIndex((s) => !s.command && BACK_TO_IMAGE.test(s.text));
  // With the image known, the way back to it is added even where no step mentions it (the rollback comes later).
  if (at < 0 && !image) return [...steps];
  const back = at >= 0 ? at : steps.length - 1;
  const container = image?.container ?? '{container}';
  const made: FindingStep[] = image
    ? [{
      text: `${at < 0 ? 'To undo only the image, go' : 'Go'} back to ${image.before}, the image healthy revision ${config?.changesSinceHealthy?.fromRevision ?? ''} ran${image.after ? ` (the change set ${image.after})` : ''}; this keeps the rest of the new template and creates a new revision.`.replace('revision  ran', 'revision ran'),
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name ${container} --image ${image.before}`,
    }]
    : [
      {
        text: 'Find the image the last healthy revision ran: the list shows each revision with its image and creation time.',
        command: "az containerapp revision list -n {app} -g {resourceGroup} --all --query '[].{name:name, image:properties.template.containers[0].image, created:properties.createdTime, health:properties.healthState}' -o table",
      },
      {
        text: 'Go back to that image (replace <previous-image>); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <previous-image>',
      },
    ];
  const index = back + 1;
  return [...steps.slice(0, index), ...made.map(make), ...steps.slice(index)];
}
