/**
 * Steps that touch the ingress target port. The target port is app-wide: moving it moves it for every
 * active revision, so while another revision serves traffic on the current port (a healthy revision at
 * 100%, or any revision in multiple-revision mode) the move breaks it, and every such step says so. A
 * "check your custom probes" step is padding when the configuration shows the containers have none.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { containersOf } from '../stages/configChecks';

const TARGET_PORT = /\bingress update\b.*--target-port (\d{1,5})\b/;
const CUSTOM_PROBES = /^If the container defines its own probes\b/;

/** The other revision that serves traffic on the current target port, with its share, when the config shows one. */
function servingRevision(config: AppConfig): { name: string; weight?: number } | undefined {
  const failing = config.failingRevisionName ?? config.latestRevisionName;
  const revisions = Array.isArray(config.revisions) ? config.revisions : [];
  const serving = revisions.find(
    (r) => r && typeof r.name === 'string' && r.name !== failing && r.active !== false && typeof r.trafficWeight === 'number' && r.trafficWeight > 0 && !/unhealthy/i.test(r.healthState ?? ''),
  );
  if (serving) return { name: serving.name, weight: serving.trafficWeight };
  const multiple = /^multiple$/i.test(config.activeRevisionsMode ?? '');
  const other = multiple ? revisions.find((r) => r && typeof r.name === 'string' && r.name !== failing && r.active !== false) : undefined;
  return other ? { name: other.name } : undefined;
}

/** Every container the configuration lists shows its probes, and none has any. */
function noProbes(config: AppConfig): boolean {
  const containers = containersOf(config);
  return containers.length > 0 && containers.every((c) => Array.isArray(c.probes) && c.probes.length === 0);
}

export function ingressPortSteps(f: Finding, steps: FindingStep[], config: AppConfig | undefined): FindingStep[] {
  if (f.benign || !config || typeof config !== 'object') return steps;
  const current = config.ingress?.targetPort;
  const serving = typeof current === 'number' ? servingRevision(config) : undefined;
  const out: FindingStep[] = [];
  for (const s of steps) {
    if (CUSTOM_PROBES.test(s.text) && noProbes(config)) continue;
    const to = TARGET_PORT.exec(s.command ?? '')?.[1];
    if (!serving || !to || Number(to) === current || /app-wide/.test(s.text)) {
      out.push(s);
      continue;
    }
    const share = serving.weight !== undefined ? ` (${serving.weight}% of the traffic)` : '';
    const warning = ` The target port is app-wide: ${serving.name}${share} still serves on port ${current} and would stop answering, so move it only together with the fix that makes the new revision listen on ${to}, or roll back instead and leave it at ${current}.`;
    out.push({ ...s, text: `${s.text.trimEnd()}${warning}` });
  }
  return out;
}
