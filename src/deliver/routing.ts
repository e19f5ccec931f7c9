/**
 * Which destinations a diagnosis goes to. Each destination may carry a filter (apps or environments by
 * glob, resource groups, categories, a minimum alert severity, benign or not); a destination without one
 * takes everything. A destination marked `fallback` takes what no other destination took, so a page that
 * matches no team's filter still reaches someone: settings that could drop a page are refused at start
 * (`validateRouting` in src/config.ts).
 *
 * Filters that ask about the cause (categories, benign) cannot judge a diagnosis that has none (resolved,
 * not enriched): such diagnoses pass those two tests, and are still held to the app, environment,
 * resource-group and severity tests. A "resolved" therefore reaches every team that could have had the
 * page, and an alert that could not be enriched is never filtered out for a cause nobody knows.
 */
import type { Destination, DestinationFilter } from '../config';
import type { Diagnosis } from '../model';
import { anyGlob } from './glob';

/** Azure Monitor severities, most severe first. */
export const SEVERITIES = ['sev0', 'sev1', 'sev2', 'sev3', 'sev4'] as const;

function severityRank(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const i = (SEVERITIES as readonly string[]).indexOf(s.trim().toLowerCase());
  return i === -1 ? undefined : i;
}

function sameIgnoringCase(list: readonly string[], value: string | undefined): boolean {
  return value !== undefined && list.some((x) => x.toLowerCase() === value.toLowerCase());
}

/** Whether one filter lets this diagnosis through. */
export function matchesFilter(d: Diagnosis, f: DestinationFilter): boolean {
  const t = d.target;
  if (f.apps && !anyGlob(f.apps, t?.name)) return false;
  if (f.environments && !anyGlob(f.environments, t?.environmentName)) return false;
  if (f.resourceGroups && !sameIgnoringCase(f.resourceGroups, t?.resourceGroup)) return false;
  if (f.minSeverity) {
    // A diagnosis with no alert severity (a manual call) is not held back: nobody rated it lower.
    const rank = severityRank(d.alert?.severity);
    if (rank !== undefined && rank > (severityRank(f.minSeverity) as number)) return false;
  }
  const primary = d.status === 'enriched' ? d.findings[0] : undefined;
  if (primary) {
    if (f.categories && !f.categories.includes(primary.category)) return false;
    if (f.benign !== undefined && primary.benign !== f.benign) return false;
  }
  return true;
}

/**
 * The destinations this diagnosis goes to: every non-fallback destination whose filter matches, or,
 * when none does, the fallback destinations.
 */
export function routeDiagnosis(d: Diagnosis, destinations: readonly Destination[]): Destination[] {
  const matched = destinations.filter((dest) => !dest.fallback && (!dest.filter || matchesFilter(d, dest.filter)));
  if (matched.length > 0) return matched;
  return destinations.filter((dest) => dest.fallback);
}
