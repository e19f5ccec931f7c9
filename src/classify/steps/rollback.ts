/**
 * The way back to the last healthy revision, when the configuration names one. What the commands do
 * depends on the revision mode, and the step says it, so nobody pastes a rollback without knowing.
 */
import type { AppConfig, FindingStep } from '../../model';
import { fillCommand, type CommandNames } from './fillCommand';

export function rollbackSteps(config: AppConfig | undefined, target: CommandNames): FindingStep[] {
  const from = config?.changesSinceHealthy?.fromRevision;
  if (!config || typeof from !== 'string' || !from || !target.app) return [];
  const info = (Array.isArray(config.revisions) ? config.revisions : []).find((r) => r?.name === from);
  const names = { healthy: from };
  const cmd = (template: string): string | undefined => fillCommand(template, names, target);
  const failing = config.failingRevisionName ?? target.revision;
  if (/^multiple$/i.test(config.activeRevisionsMode ?? '')) {
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
  return [
    clean({
      text: `Roll back: create a new revision from ${from}'s template, the last healthy one (single-revision mode, so it replaces ${
        failing ?? 'the failing revision'
      } once it is running). Secrets are app-wide: a secret value changed since then stays changed.`,
      command: cmd('az containerapp revision copy -n {app} -g {resourceGroup} --from-revision {healthy}'),
    }),
  ];
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
