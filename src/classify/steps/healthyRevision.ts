/**
 * The revision the configuration shows as the last healthy one, for the "go back until a fixed build ships"
 * step: without it that step leaves `<healthy-revision>` to fill from a list, while the configuration often
 * names it already (the revision compared against, the latest ready one beside a newer failing one, a
 * revision whose health state is Healthy). A job has no revisions: its way back is the image.
 */
import type { AppConfig, FindingStep } from '../../model';
import type { CommandNames } from './fillCommand';
import { rollbackSteps } from './rollback';

function revisionsOf(config: AppConfig): NonNullable<AppConfig['revisions']> {
  return Array.isArray(config.revisions) ? config.revisions : [];
}

/** A revision name as Container Apps makes them (`app--suffix`), so nothing else reads as one. */
const REVISION_NAME = /^[a-z0-9][a-z0-9-]{0,60}--[a-z0-9-]{1,60}$/;

/**
 * The last healthy revision the configuration names, never the failing or the latest one (the latest may be
 * the failing one when the finding does not say which fails).
 */
export function healthyRevisionOf(config: AppConfig | undefined): string | undefined {
  if (!config || config.kind === 'job') return undefined;
  const failing = config.failingRevisionName;
  const latest = config.latestRevisionName;
  const usable = (n: unknown): n is string => typeof n === 'string' && REVISION_NAME.test(n) && n !== failing && n !== latest;
  const from = config.changesSinceHealthy?.fromRevision;
  if (usable(from)) return from;
  // Ready is the platform's word for a revision that started and passed its probes; a newer one is not.
  if (usable(config.latestReadyRevisionName)) return config.latestReadyRevisionName;
  const healthy = revisionsOf(config).filter((r) => /^healthy$/i.test(String(r?.healthState ?? '')) && usable(r?.name));
  const newest = healthy.sort((a, b) => String(b.createdTime ?? b.name).localeCompare(String(a.createdTime ?? a.name)))[0];
  return newest?.name;
}

/** The way back to the named healthy revision, in the revision mode the configuration shows. */
export function backToHealthy(config: AppConfig | undefined, target: CommandNames): FindingStep[] {
  const healthy = healthyRevisionOf(config);
  if (!config || !healthy) return [];
  return rollbackSteps({ ...config, changesSinceHealthy: { fromRevision: healthy, changes: [], summary: '' } }, target);
}

/**
 * A job's way back: it has no revision to copy, so its container goes back to the image a successful
 * execution ran; the next execution uses it. The execution list says when that was.
 */
export function jobBackToImage(): FindingStep {
  return {
    text: 'Until a fixed build ships, point the job back at the image its last successful execution ran (a job has no revisions to go back to; replace <previous-image> with that image, from your registry\'s tags or deploy history); the next execution uses it.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <previous-image>',
  };
}
