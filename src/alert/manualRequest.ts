/**
 * The `diagnose` endpoint and the CLI ask about an app or job directly, without an alert. Their input
 * (a query string or a JSON body, already parsed into an object) becomes the same `Target` an alert
 * would. Every problem is an `InvalidRequestError` (400) that names the field.
 */
import { InvalidRequestError } from '../errors';
import type { Target, TargetKind, WorkspaceRef } from '../model';
import { describeValue } from './describeIssues';
import { appOfRevision, describeBadName, describeBadWorkspaceResourceId, executionOfJobReplica, type NameKind } from './naming';
import { MAX_ID_CHARS, parseResourceId, resourceTypeKey } from './resourceId';
import { parseIsoTimestamp, parseRelativeDuration } from './time';

export interface ManualRequestOptions {
  now: Date;
  /** Window length when the request gives no `since`. */
  defaultLookbackMinutes: number;
}

/** The longest window a manual request may ask for. */
export const MAX_MANUAL_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** The fields the request may carry and the naming rule each one follows. Other fields are ignored. */
const NAME_FIELDS: ReadonlyArray<{ field: string; kind: NameKind }> = [
  { field: 'app', kind: 'containerApp' },
  { field: 'job', kind: 'job' },
  { field: 'resourceGroup', kind: 'resourceGroup' },
  { field: 'subscription', kind: 'subscription' },
  { field: 'revision', kind: 'revision' },
  { field: 'replica', kind: 'replica' },
  { field: 'container', kind: 'container' },
  { field: 'environment', kind: 'environment' },
];

const TIME_HELP = 'an ISO 8601 timestamp such as 2024-05-01T10:00:00Z, or a duration such as 30m, 2h, 1d or PT1H';

function bad(field: string, message: string): never {
  throw new InvalidRequestError(message, { context: { field } });
}

/** A string field: absent, null and blank mean "not given"; anything but a string is an error. */
function readString(input: Record<string, unknown>, field: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(input, field)) return undefined;
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) bad(field, `${field} must be given once, as a single string (got a list).`);
  if (typeof value !== 'string') bad(field, `${field} must be a string (got ${describeValue(value)}).`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readNames(input: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const { field, kind } of NAME_FIELDS) {
    const value = readString(input, field);
    if (value === undefined) continue;
    const problem = describeBadName(kind, value);
    if (problem) bad(field, `${field}: ${problem}.`);
    out[field] = value;
  }
  return out;
}

function readWorkspace(input: Record<string, unknown>): WorkspaceRef | undefined {
  const value = readString(input, 'workspaceId');
  if (value === undefined) return undefined;
  if (value.length > MAX_ID_CHARS) bad('workspaceId', `workspaceId: must be at most ${MAX_ID_CHARS} characters.`);
  const id = parseResourceId(value);
  if (id && resourceTypeKey(id) === 'microsoft.operationalinsights/workspaces' && id.names.length === 1) {
    const problem = describeBadWorkspaceResourceId(id);
    if (problem) bad('workspaceId', `workspaceId: the workspace resource id ${problem}.`);
    return { resourceId: value };
  }
  const problem = describeBadName('workspaceId', value);
  if (problem) bad('workspaceId', `workspaceId: ${problem}, or the workspace's resource id.`);
  return { customerId: value };
}

/** A point in time: an absolute timestamp, or a duration meaning "that long before `base`". */
function readTime(input: Record<string, unknown>, field: 'since' | 'until', base: Date): Date | undefined {
  const value = readString(input, field);
  if (value === undefined) return undefined;
  const absolute = parseIsoTimestamp(value);
  if (absolute) return absolute;
  const duration = parseRelativeDuration(value);
  if (duration !== undefined) return new Date(base.getTime() - duration);
  return bad(field, `${field} must be ${TIME_HELP} (got ${describeValue(value)}).`);
}

/**
 * Validates a manual diagnose request (`app` or `job`, plus optional `resourceGroup`, `subscription`,
 * `revision`, `replica`, `container`, `environment`, `workspaceId`, `since`, `until`) into a Target.
 */
export function parseManualRequest(input: Record<string, unknown>, options: ManualRequestOptions): Target {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidRequestError(`The request must be an object of fields (got ${describeValue(input)}).`, { context: {} });
  }
  const names = readNames(input);
  const workspace = readWorkspace(input);

  if (names.app && names.job) bad('job', 'Give either app or job, not both.');
  if (!names.app && !names.job) bad('app', 'app (a container app name) or job (a job name) is required.');
  const kind: TargetKind = names.app ? 'containerApp' : 'job';
  const name = (names.app ?? names.job)!;

  if (names.revision !== undefined) {
    if (kind === 'job') bad('revision', 'revision applies to container apps only; jobs have executions.');
    if (appOfRevision(names.revision) !== name) {
      bad('revision', `revision "${names.revision}" does not belong to app "${name}" (revision names start with "${name}--").`);
    }
  }

  const until = readTime(input, 'until', options.now) ?? options.now;
  const since = readTime(input, 'since', until) ?? new Date(until.getTime() - options.defaultLookbackMinutes * 60_000);
  if (since.getTime() >= until.getTime()) {
    bad('since', `since (${since.toISOString()}) must be before until (${until.toISOString()}).`);
  }
  if (until.getTime() - since.getTime() > MAX_MANUAL_WINDOW_MS) {
    bad('since', 'The window from since to until is longer than 7 days; ask for a shorter one.');
  }

  const target: Target = { kind, name, window: { start: since, end: until } };
  const fields: Partial<Target> = {
    subscriptionId: names.subscription,
    resourceGroup: names.resourceGroup,
    resourceId:
      names.subscription && names.resourceGroup
        ? `/subscriptions/${names.subscription}/resourceGroups/${names.resourceGroup}/providers/Microsoft.App/${kind === 'job' ? 'jobs' : 'containerApps'}/${name}`
        : undefined,
    environmentName: names.environment,
    revision: names.revision,
    replica: names.replica,
    container: names.container,
    jobExecution: kind === 'job' && names.replica ? executionOfJobReplica(name, names.replica) : undefined,
    workspace,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
  }
  return target;
}
