/**
 * Target resolution: which container app, job or environment an alert is about, and which time window
 * to read logs for. Sources, strongest first: a Container Apps resource id (alertTargetIDs, a `_ResourceId`
 * dimension, the activity-log scope, configurationItems), then a managed environment id plus name
 * dimensions, then name dimensions alone (a log alert on a workspace). Every name is checked against
 * Azure's naming rules before it goes anywhere; a value that breaks them is dropped with a reason.
 */
import { InvalidAlertError, TargetNotFoundError, UnsupportedTargetError } from '../errors';
import type { Logger } from '../logger';
import type { Target, TargetKind, TimeWindow } from '../model';
import { appOfRevision, describeBadName, executionOfJobReplica, quoteValue, type NameKind } from './naming';
import type { ParsedAlert } from './parseAlert';
import { parseResourceId, resourceTypeKey, resourceTypeText, type ResourceId } from './resourceId';
import { parseAlertTimestamp, parseIsoDuration } from './time';

/** The window starts this much before the alert's own: ingestion lags and the crash precedes the alert. */
export const WINDOW_PAD_MS = 5 * 60_000;
/** Longest window an alert may ask for; longer windows are cut to their most recent part. */
export const MAX_ALERT_WINDOW_MS = 24 * 60 * 60_000;

export interface ResolveTargetOptions {
  now: Date;
  /** Used when the alert carries no window: `firedDateTime` minus this, up to now. */
  defaultLookbackMinutes: number;
  /** Told (name of the source and the reason, never more) about each value dropped for breaking naming rules. */
  logger?: Logger;
}

/** A value from the alert that was not used, and why. */
export interface DroppedValue {
  /** Where it came from, e.g. `dimension RevisionName_s` or `data.essentials.alertTargetIDs[0]`. */
  source: string;
  reason: string;
}

export interface TargetResolution {
  target: Target;
  dropped: DroppedValue[];
}

type DimensionField = 'app' | 'job' | 'revision' | 'replica' | 'container' | 'environment';

/**
 * Dimension names that carry each part of the target, in order of preference, lower-cased (matching
 * ignores case). `_s` names come from the Log Analytics `*_CL` tables, bare ones from the resource-specific
 * tables, camelCase ones from platform metrics.
 */
const DIMENSION_FIELDS: ReadonlyArray<{ field: DimensionField; kind: NameKind; names: readonly string[] }> = [
  { field: 'app', kind: 'containerApp', names: ['containerappname_s', 'containerappname'] },
  { field: 'job', kind: 'job', names: ['jobname', 'jobname_s', 'containerjobname_s'] },
  { field: 'revision', kind: 'revision', names: ['revisionname_s', 'revisionname', 'revision'] },
  {
    field: 'replica',
    kind: 'replica',
    names: ['replicaname_s', 'replicaname', 'containergroupname_s', 'containergroupname', 'podname', 'replica'],
  },
  { field: 'container', kind: 'container', names: ['containername_s', 'containername'] },
  { field: 'environment', kind: 'environment', names: ['environmentname_s', 'environmentname'] },
];

/** Dimensions whose value may be a full resource id (log alerts split by resource put it here). */
const RESOURCE_ID_DIMENSIONS: readonly string[] = ['_resourceid', 'resourceid'];

type Role = 'app' | 'job' | 'environment' | 'logStore' | 'scope' | 'unsupported';

/** Resource types by role. Keys are lower-cased `provider/type[/childType]` prefixes. */
const RESOURCE_ROLES: ReadonlyArray<{ prefix: string; role: Role }> = [
  { prefix: 'microsoft.app/containerapps', role: 'app' },
  { prefix: 'microsoft.app/jobs', role: 'job' },
  { prefix: 'microsoft.app/managedenvironments', role: 'environment' },
  { prefix: 'microsoft.operationalinsights/workspaces', role: 'logStore' },
  { prefix: 'microsoft.insights/components', role: 'logStore' },
];

const ROLE_NAME_KIND: Partial<Record<Role, NameKind>> = { app: 'containerApp', job: 'job', environment: 'environment' };

interface Candidate {
  source: string;
  id: ResourceId;
  role: Role;
  /** The app, job or environment name, already validated. */
  name?: string;
  revision?: string;
  replica?: string;
  execution?: string;
}

/** Collects dropped values and reports each once to the logger. */
class Drops {
  readonly list: DroppedValue[] = [];
  /** Names that would have identified the target but broke the rules. */
  readonly badTargetNames: string[] = [];
  constructor(private readonly logger?: Logger) {}

  add(source: string, reason: string, wasTargetName = false): void {
    this.list.push({ source, reason });
    if (wasTargetName) this.badTargetNames.push(`${source}: ${reason}`);
    this.logger?.warn('alert value dropped: it breaks Azure naming rules', { source, reason });
  }
}

function lowerKeyed(dimensions: Record<string, string>): Map<string, { name: string; value: string }> {
  const out = new Map<string, { name: string; value: string }>();
  for (const [name, value] of Object.entries(dimensions)) {
    const key = name.toLowerCase();
    if (!out.has(key)) out.set(key, { name, value });
  }
  return out;
}

function readDimensions(dimensions: Record<string, string>, drops: Drops): Partial<Record<DimensionField, string>> {
  const byKey = lowerKeyed(dimensions);
  const out: Partial<Record<DimensionField, string>> = {};
  for (const { field, kind, names } of DIMENSION_FIELDS) {
    for (const key of names) {
      const dim = byKey.get(key);
      if (!dim || dim.value.trim() === '') continue;
      const bad = describeBadName(kind, dim.value);
      if (bad) {
        drops.add(`dimension ${dim.name}`, bad, field === 'app' || field === 'job' || field === 'environment' || field === 'revision');
        continue;
      }
      out[field] = dim.value;
      break;
    }
  }
  return out;
}

function roleOf(id: ResourceId): Role {
  const key = resourceTypeKey(id);
  if (!key) return 'scope';
  return RESOURCE_ROLES.find((r) => key === r.prefix || key.startsWith(`${r.prefix}/`))?.role ?? 'unsupported';
}

/** Child names of an app or job id (`.../revisions/{rev}/replicas/{replica}`, `.../executions/{exec}`). */
function childNames(id: ResourceId): Record<string, string> {
  const out: Record<string, string> = {};
  id.types.slice(1).forEach((type, i) => {
    out[type.toLowerCase()] = id.names[i + 1]!;
  });
  return out;
}

function classify(source: string, text: string, drops: Drops): Candidate | undefined {
  const id = parseResourceId(text);
  if (!id) return undefined;
  const role = roleOf(id);
  const candidate: Candidate = { source, id, role };
  const kind = ROLE_NAME_KIND[role];
  if (!kind) return candidate;
  const name = id.names[0]!;
  const bad = describeBadName(kind, name);
  if (bad) {
    drops.add(source, bad, true);
    return undefined;
  }
  candidate.name = name;
  const children = childNames(id);
  const checks: ReadonlyArray<[keyof Candidate, string, NameKind]> = [
    ['revision', 'revisions', 'revision'],
    ['replica', 'replicas', 'replica'],
    ['execution', 'executions', 'jobExecution'],
  ];
  for (const [field, type, nameKind] of checks) {
    const value = children[type];
    if (value === undefined) continue;
    const childBad = describeBadName(nameKind, value);
    if (childBad) drops.add(source, childBad);
    else (candidate as unknown as Record<string, string>)[field] = value;
  }
  return candidate;
}

function collectCandidates(alert: ParsedAlert, drops: Drops): Candidate[] {
  const texts: Array<{ source: string; text: string }> = [];
  alert.summary.alertTargetIDs.forEach((text, i) => texts.push({ source: `data.essentials.alertTargetIDs[${i}]`, text }));
  const byKey = lowerKeyed(alert.dimensions);
  for (const key of RESOURCE_ID_DIMENSIONS) {
    const dim = byKey.get(key);
    if (dim) texts.push({ source: `dimension ${dim.name}`, text: dim.value });
  }
  if (alert.context.kind === 'activity-log') {
    const scope = alert.context.value.authorization?.scope;
    if (scope) texts.push({ source: 'data.alertContext.authorization.scope', text: scope });
  }
  alert.summary.configurationItems.forEach((text, i) => {
    if (text.startsWith('/')) texts.push({ source: `data.essentials.configurationItems[${i}]`, text });
  });
  return texts.map(({ source, text }) => classify(source, text, drops)).filter((c): c is Candidate => c !== undefined);
}

/** Subscription and resource group from an id, each dropped with a reason when it breaks the rules. */
function placement(candidate: Candidate | undefined, drops?: Drops): Pick<Target, 'subscriptionId' | 'resourceGroup'> {
  if (!candidate) return {};
  const out: Pick<Target, 'subscriptionId' | 'resourceGroup'> = {};
  const { subscriptionId, resourceGroup } = candidate.id;
  const subBad = describeBadName('subscription', subscriptionId);
  if (subBad) drops?.add(candidate.source, subBad);
  else out.subscriptionId = subscriptionId;
  if (resourceGroup !== undefined) {
    const rgBad = describeBadName('resourceGroup', resourceGroup);
    if (rgBad) drops?.add(candidate.source, rgBad);
    else out.resourceGroup = resourceGroup;
  }
  return out;
}

function armId(sub: string | undefined, rg: string | undefined, type: string, name: string): string | undefined {
  return sub && rg ? `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.App/${type}/${name}` : undefined;
}

/** The canonical id of an environment candidate (its placement problems were recorded when it was placed). */
function envArmId(candidate: Candidate): string | undefined {
  const { subscriptionId, resourceGroup } = placement(candidate);
  return armId(subscriptionId, resourceGroup, 'managedEnvironments', candidate.name!);
}

/** Keeps a dimension revision only if it belongs to the app. */
function revisionFor(app: string, revision: string | undefined, drops: Drops): string | undefined {
  if (revision === undefined) return undefined;
  if (appOfRevision(revision) === app) return revision;
  drops.add('revision dimension', `revision name ${quoteValue(revision)} does not belong to app "${app}"`);
  return undefined;
}

function describeLookedAt(alert: ParsedAlert, candidates: Candidate[]): string {
  const parts: string[] = [];
  const ids = alert.summary.alertTargetIDs;
  if (ids.length > 0) {
    const kinds = candidates.filter((c) => c.source.startsWith('data.essentials.alertTargetIDs')).map((c) => resourceTypeText(c.id));
    parts.push(`alertTargetIDs (${ids.length}${kinds.length ? `: ${[...new Set(kinds)].join(', ')}` : ''})`);
  } else parts.push('alertTargetIDs (none)');
  const dims = Object.keys(alert.dimensions);
  parts.push(dims.length ? `dimensions (${dims.slice(0, 10).map((d) => quoteValue(d)).join(', ')})` : 'dimensions (none)');
  if (alert.summary.configurationItems.length) parts.push(`configurationItems (${alert.summary.configurationItems.length})`);
  if (alert.context.kind === 'activity-log') parts.push('the activity-log scope');
  return parts.join(', ');
}

/** The time window to read logs for. */
export function alertWindow(alert: ParsedAlert, options: Pick<ResolveTargetOptions, 'now' | 'defaultLookbackMinutes'>): TimeWindow {
  const now = options.now.getTime();
  if (alert.window) {
    const end = alert.window.end.getTime();
    let start = alert.window.start.getTime();
    // Test payloads (and some real ones) report start == end; the window size says how far back it went.
    const size = alert.windowSize ? parseIsoDuration(alert.windowSize) : undefined;
    if (start === end && size) start = end - size;
    start = Math.max(start - WINDOW_PAD_MS, end - MAX_ALERT_WINDOW_MS);
    return { start: new Date(start), end: new Date(end) };
  }
  const fired = alert.summary.firedDateTime ? parseAlertTimestamp(alert.summary.firedDateTime)?.getTime() : undefined;
  const start = (fired ?? now) - options.defaultLookbackMinutes * 60_000;
  // Keep the firing moment inside the window even when the alert is old: cut the end, not the start.
  const end = Math.min(Math.max(now, fired ?? now), start + MAX_ALERT_WINDOW_MS);
  return { start: new Date(start), end: new Date(end) };
}

/**
 * Like `resolveTarget`, and also returns the values that were dropped for breaking naming rules, so the
 * caller can put them in the diagnosis notes.
 */
export function resolveTargetDetailed(alert: ParsedAlert, options: ResolveTargetOptions): TargetResolution {
  const drops = new Drops(options.logger);
  const candidates = collectCandidates(alert, drops);
  const dims = readDimensions(alert.dimensions, drops);
  const window = alertWindow(alert, options);

  const direct = candidates.find((c) => (c.role === 'app' || c.role === 'job') && c.name);
  const environment = candidates.find((c) => c.role === 'environment' && c.name);
  const scope = candidates.find((c) => c.role === 'scope');

  let kind: TargetKind | undefined;
  let name: string | undefined;
  const target: Partial<Target> = {};

  if (direct) {
    kind = direct.role === 'app' ? 'containerApp' : 'job';
    name = direct.name!;
    Object.assign(target, placement(direct, drops));
    if (kind === 'containerApp') {
      target.revision = direct.revision ?? revisionFor(name, dims.revision, drops);
      target.replica = direct.replica ?? dims.replica;
    } else {
      target.replica = direct.replica ?? dims.replica;
      target.jobExecution = direct.execution ?? (target.replica ? executionOfJobReplica(name, target.replica) : undefined);
    }
  } else {
    // No app or job id: names come from dimensions, placed by the environment id or the rule's scope.
    if (dims.app) {
      kind = 'containerApp';
      name = dims.app;
    } else if (dims.job) {
      kind = 'job';
      name = dims.job;
    } else if (dims.revision) {
      kind = 'containerApp';
      name = appOfRevision(dims.revision);
    }
    if (kind === 'containerApp' && name) target.revision = revisionFor(name, dims.revision, drops);
    if (kind) {
      target.replica = dims.replica;
      if (kind === 'job' && dims.replica) target.jobExecution = executionOfJobReplica(name!, dims.replica);
    }
    if (!kind && (environment || dims.environment)) {
      kind = 'environment';
      name = environment?.name ?? dims.environment;
    }
    // A workspace's resource group says nothing about the app's; only an environment id or the rule's scope does.
    Object.assign(target, environment ? placement(environment, drops) : placement(scope, drops));
  }

  if (!kind || !name) {
    if (drops.badTargetNames.length > 0) {
      throw new InvalidAlertError(
        `Invalid alert: the only names of a container app, job or environment break Azure naming rules: ${drops.badTargetNames.join('; ')}.`,
        { context: { dropped: drops.list } },
      );
    }
    const unsupported = candidates.filter((c) => c.role === 'unsupported');
    if (unsupported.length > 0) {
      // Alerts repeat one id in several casings; list each type once.
      const byKey = new Map(unsupported.map((c) => [resourceTypeKey(c.id), resourceTypeText(c.id)] as const));
      const types = [...byKey.values()];
      throw new UnsupportedTargetError(
        `The alert is about a ${types.join(' and a ')} resource (${quoteValue(unsupported[0]!.id.names.at(-1) ?? '')}); this app only diagnoses ` +
          'Azure Container Apps: container apps, jobs and managed environments (Microsoft.App/containerApps, Microsoft.App/jobs, ' +
          'Microsoft.App/managedEnvironments).',
        { context: { resourceType: types[0], resourceTypes: types } },
      );
    }
    throw new TargetNotFoundError(
      `The alert names no container app, job or environment. Looked at ${describeLookedAt(alert, candidates)}. ` +
        'For a log search alert, split it by the ContainerAppName_s (or ContainerAppName / JobName) column so each alert carries the name.',
      { context: { alertId: alert.summary.alertId } },
    );
  }

  const envName = environment?.name ?? dims.environment;
  const envCandidate = environment;
  const resourceType = kind === 'containerApp' ? 'containerApps' : kind === 'job' ? 'jobs' : 'managedEnvironments';
  const result: Target = { kind, name, window };
  const fields: Partial<Target> = {
    subscriptionId: target.subscriptionId,
    resourceGroup: target.resourceGroup,
    resourceId: armId(target.subscriptionId, target.resourceGroup, resourceType, name),
    environmentName: envName,
    environmentId: envCandidate
      ? envArmId(envCandidate)
      : kind === 'environment'
        ? armId(target.subscriptionId, target.resourceGroup, 'managedEnvironments', name)
        : undefined,
    revision: target.revision,
    replica: target.replica,
    container: dims.container,
    jobExecution: target.jobExecution,
    workspace: alert.workspace,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (result as unknown as Record<string, unknown>)[key] = value;
  }
  return { target: result, dropped: drops.list };
}

/** The container app, job or environment the alert is about, and the window to read logs for. */
export function resolveTarget(alert: ParsedAlert, options: ResolveTargetOptions): Target {
  return resolveTargetDetailed(alert, options).target;
}
