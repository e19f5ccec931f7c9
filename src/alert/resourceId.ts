/**
 * ARM resource ids as alerts carry them. Alerts often lower-case the whole id
 * (`/subscriptions/x/resourcegroups/rg/providers/microsoft.app/containerapps/web`), so the keywords and
 * the provider/type segments are matched without regard to case; names keep the casing they came with.
 */

export interface ResourceId {
  /** The id exactly as given. */
  raw: string;
  subscriptionId: string;
  resourceGroup?: string;
  /** Provider namespace as written, e.g. `microsoft.app`. */
  provider?: string;
  /** Type segments below the provider, e.g. `['containerApps', 'revisions']`. */
  types: string[];
  /** The name that follows each type segment. */
  names: string[];
}

/** `Microsoft.App/containerApps` style type, lower-cased, for lookups in tables of known types. */
export function resourceTypeKey(id: ResourceId): string | undefined {
  if (!id.provider || id.types.length === 0) return undefined;
  return [id.provider, ...id.types].join('/').toLowerCase();
}

/** The type as the id writes it, for messages: `microsoft.compute/virtualmachines`. */
export function resourceTypeText(id: ResourceId): string {
  if (!id.provider) return id.resourceGroup ? 'resource group' : 'subscription';
  return [id.provider, ...id.types].join('/');
}

/**
 * Splits an ARM id into its parts, or returns undefined when the text is not shaped like one. Nothing is
 * validated here beyond shape: callers check each name against `naming.ts` before using it.
 */
/** Longest ARM id read anywhere: real ones are a few hundred characters at most. */
export const MAX_ID_CHARS = 600;

export function parseResourceId(text: string): ResourceId | undefined {
  // Longer than any real ARM id: not parsed at all, so its length costs nothing.
  if (typeof text !== 'string' || !text.startsWith('/') || text.length > MAX_ID_CHARS) return undefined;
  const parts = text.replace(/(?<!\/)\/+$/, '').split('/').slice(1);
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'subscriptions' || !parts[1]) return undefined;
  const id: ResourceId = { raw: text, subscriptionId: parts[1], types: [], names: [] };
  let i = 2;
  if (i < parts.length) {
    if (parts[i]!.toLowerCase() !== 'resourcegroups' || !parts[i + 1]) return undefined;
    id.resourceGroup = parts[i + 1];
    i += 2;
  }
  if (i < parts.length) {
    if (parts[i]!.toLowerCase() !== 'providers' || !parts[i + 1]) return undefined;
    id.provider = parts[i + 1];
    i += 2;
    // Below the provider the segments alternate: type, name, child type, child name...
    const rest = parts.slice(i);
    if (rest.length === 0 || rest.length % 2 !== 0 || rest.some((p) => p === '')) return undefined;
    for (let j = 0; j < rest.length; j += 2) {
      id.types.push(rest[j]!);
      id.names.push(rest[j + 1]!);
    }
  }
  return id;
}
