import type { AppConfig, Finding } from '../../model';
import { containersOf } from './configChecks';
import type { PlatformReading } from './platformEvents';

/** The app's init containers, the valid entries only. */
function initContainersOf(config: AppConfig | undefined): { name?: string }[] {
  return Array.isArray(config?.initContainers) ? config.initContainers.filter((c) => c && typeof c === 'object') : [];
}

/**
 * The one container of the replica that the platform says keeps failing (a non-zero exit or a back-off
 * names it), when it is one the template defines: a sidecar, an init container or the main one. None
 * when two containers fail, or the rows name none: the steps then keep the main container.
 */
export function failingContainer(platform: PlatformReading, config: AppConfig | undefined): string | undefined {
  const failing = new Set<string>();
  for (const e of platform.exits) if (e.code !== 0 && e.container) failing.add(e.container);
  for (const h of platform.hits) {
    const named = h.names.container ?? h.sys.container;
    if (h.rule.role === 'backoff' && named) failing.add(named);
  }
  if (failing.size !== 1) return undefined;
  const [only] = [...failing];
  const known = [...containersOf(config), ...initContainersOf(config)].some((c) => c.name === only);
  return known ? only : undefined;
}

/** Whether the named container is one of the app's init containers (not a sidecar). */
export function isInitContainer(config: AppConfig | undefined, name: string | undefined): boolean {
  return !!name && !containersOf(config).some((c) => c.name === name) && initContainersOf(config).some((c) => c.name === name);
}

/**
 * The one container of a multi-container replica that keeps failing, when it is not the app's main one
 * (an OpenTelemetry collector beside a web server that answers 200s, an init container that exits 1):
 * the headline then says which container fails, instead of calling the whole app crash-looping, and the
 * primary finding names it as its container, so every command it gets (`--container-name`, the image,
 * the memory) is aimed at it, not at the main container. None when the main container fails too, or
 * when two containers do.
 */
export function nameFailingSidecar(findings: Finding[], platform: PlatformReading, config: AppConfig | undefined): void {
  const primary = findings[0];
  const containers = containersOf(config);
  const init = initContainersOf(config);
  if (!primary || primary.benign || containers.length + init.length < 2) return;
  // The main container: the one named as the app, else the first the template lists.
  const main = containers.find((c) => c.name === config?.name)?.name ?? containers[0]?.name;
  const only = failingContainer(platform, config);
  if (!only || only === main) return;
  if (primary.names?.container && primary.names.container !== only) return;
  const role: Record<string, string> = isInitContainer(config, only) ? { failingInit: only } : { failingSidecar: only };
  primary.names = { ...(primary.names ?? {}), ...role, container: only };
}
