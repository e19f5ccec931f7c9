/**
 * Which targets this deployment may read. ALLOWED_SCOPES lists ARM scopes ("/subscriptions/x" or
 * "/subscriptions/x/resourceGroups/y"); a target outside all of them is refused before any query runs,
 * so a caller cannot use the function's identity to read logs it should not see.
 */
import { ForbiddenError } from '../errors';
import type { Target } from '../model';

/** The ARM scope of a target, lower-cased, as far as it is known. */
export function scopeOf(target: Target): string | undefined {
  if (target.resourceId) return target.resourceId.toLowerCase();
  if (target.subscriptionId && target.resourceGroup) {
    return `/subscriptions/${target.subscriptionId}/resourcegroups/${target.resourceGroup}`.toLowerCase();
  }
  if (target.subscriptionId) return `/subscriptions/${target.subscriptionId}`.toLowerCase();
  if (target.workspace?.resourceId) return target.workspace.resourceId.toLowerCase();
  return undefined;
}

function within(scope: string, allowed: string): boolean {
  return scope === allowed || scope.startsWith(`${allowed}/`);
}

/**
 * Throws ForbiddenError when allow-listing is on and the target is outside it. A target whose scope is
 * unknown passes only when `allowUnknown` (alerts from an action group name their own source; manual
 * calls must say where the app is).
 */
export function assertInScope(target: Target, allowedScopes: string[], options: { allowUnknown: boolean }): void {
  if (allowedScopes.length === 0) return;
  const scope = scopeOf(target);
  if (!scope) {
    if (options.allowUnknown) return;
    throw new ForbiddenError(
      'Name the subscription and resource group of the app: this deployment only diagnoses apps inside its allowed scopes.',
      { context: { target: target.name } },
    );
  }
  if (!allowedScopes.some((a) => within(scope, a))) {
    throw new ForbiddenError(`The target ${target.name} is outside the scopes this deployment may read.`, {
      context: { target: target.name },
    });
  }
}

/**
 * A manual call may name the workspace to read. With an allow-list on, that workspace must be the one this
 * deployment is configured for, or sit inside an allowed scope: otherwise a caller could point the
 * function's identity at any workspace the identity happens to be able to read.
 */
export function assertWorkspaceInScope(target: Target, allowedScopes: string[], configuredWorkspaceId?: string): void {
  const ws = target.workspace;
  if (allowedScopes.length === 0 || !ws) return;
  if (ws.customerId && configuredWorkspaceId && ws.customerId.toLowerCase() === configuredWorkspaceId.toLowerCase()) return;
  const id = ws.resourceId?.toLowerCase();
  if (id && !ws.customerId && allowedScopes.some((a) => within(id, a))) return;
  throw new ForbiddenError(
    'The workspace named in the request is outside the scopes this deployment may read; leave workspaceId out to use the configured workspace.',
    { context: { field: 'workspaceId' } },
  );
}

/**
 * The alert path's answer to "which workspace and environment may this alert make us read". An alert's
 * payload can name any workspace (the GUID in its search-results link, a workspace id appended to its
 * targets) or environment; with an allow-list on, only the configured workspace and ids inside an allowed
 * scope are kept. Anything else is dropped, so the workspace then comes from the settings or from the
 * app's environment in ARM, never from the payload.
 */
export function alertTargetInScope(target: Target, allowedScopes: string[], configuredWorkspaceId?: string): Target {
  if (allowedScopes.length === 0) return target;
  const allowed = (id: string | undefined): boolean => !!id && allowedScopes.some((a) => within(id.toLowerCase(), a));
  const out: Target = { ...target };
  const ws = target.workspace;
  if (ws) {
    const customerId = ws.customerId && configuredWorkspaceId && ws.customerId.toLowerCase() === configuredWorkspaceId.toLowerCase() ? ws.customerId : undefined;
    const resourceId = allowed(ws.resourceId) ? ws.resourceId : undefined;
    if (customerId || resourceId) out.workspace = { ...(customerId ? { customerId } : {}), ...(resourceId ? { resourceId } : {}) };
    else delete out.workspace;
  }
  if (target.environmentId && !allowed(target.environmentId)) delete out.environmentId;
  return out;
}

/**
 * The scope of an alert's own subject. A log alert defined on a workspace names the app only by
 * dimensions, so the workspace (which may sit in another resource group, as in the template's layout)
 * does not place the app: the app is checked once ARM tells where it is (`assertResourceInScope`). Such
 * an alert passes when its workspace is the configured one or inside an allowed scope.
 */
export function assertAlertInScope(target: Target, allowedScopes: string[], configuredWorkspaceId?: string): void {
  const placed = { ...target, workspace: undefined };
  if (allowedScopes.length === 0 || scopeOf(placed) || !target.workspace) {
    assertInScope(placed, allowedScopes, { allowUnknown: true });
    return;
  }
  if (!alertTargetInScope(target, allowedScopes, configuredWorkspaceId).workspace) {
    throw new ForbiddenError(`The alert's workspace is outside the scopes this deployment may read (target ${target.name}).`, {
      context: { target: target.name },
    });
  }
}

/** An app whose ARM id became known during enrichment must be inside the allowed scopes too. */
export function assertResourceInScope(resourceId: string, name: string, allowedScopes: string[]): void {
  if (allowedScopes.length === 0) return;
  if (!allowedScopes.some((a) => within(resourceId.toLowerCase(), a))) {
    throw new ForbiddenError(`The app ${name} is outside the scopes this deployment may read.`, { context: { target: name } });
  }
}
