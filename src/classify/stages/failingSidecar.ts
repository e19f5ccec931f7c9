import type { AppConfig, Finding } from '../../model';
import { containersOf } from './configChecks';
import type { PlatformReading } from './platformEvents';

/**
 * The one container of a multi-container replica that keeps failing, when it is not the app's main one
 * (an OpenTelemetry collector beside a web server that answers 200s): the headline then says which
 * container fails, instead of calling the whole app crash-looping. None when the main container fails
 * too, or when two containers do.
 */
export function nameFailingSidecar(findings: Finding[], platform: PlatformReading, config: AppConfig | undefined): void {
  const primary = findings[0];
  const containers = containersOf(config);
  if (!primary || primary.benign || containers.length < 2) return;
  // The main container: the one named as the app, else the first the template lists.
  const main = containers.find((c) => c.name === config?.name)?.name ?? containers[0]?.name;
  const failing = new Set<string>();
  for (const e of platform.exits) if (e.code !== 0 && e.container) failing.add(e.container);
  for (const h of platform.hits) {
    const named = h.names.container ?? h.sys.container;
    if (h.rule.role === 'backoff' && named) failing.add(named);
  }
  if (failing.size !== 1) return;
  const [only] = [...failing];
  if (!only || only === main || !containers.some((c) => c.name === only)) return;
  if (primary.names?.container && primary.names.container !== only) return;
  primary.names = { ...(primary.names ?? {}), failingSidecar: only };
}
