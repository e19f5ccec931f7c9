/**
 * Azure's naming rules for the names this app passes on to KQL filters, ARM paths and portal links.
 * Every name that arrives from outside (alert dimensions, resource ids, the manual endpoint) is checked
 * here first, so later stages can rely on names holding nothing but the characters Azure itself allows:
 * no quotes, pipes, slashes or line breaks can reach a query through them.
 *
 * The rules are data (one entry per kind of name); `nameProblem` applies them and says, in words, what
 * is wrong. The logs stage and the manual endpoint reuse the same validators.
 */

export type NameKind =
  | 'containerApp'
  | 'job'
  | 'revision'
  | 'replica'
  | 'container'
  | 'environment'
  | 'resourceGroup'
  | 'subscription'
  | 'workspaceId'
  | 'workspaceName'
  | 'jobExecution';

interface NameRule {
  /** What the name is, for messages: "container app name". */
  label: string;
  minLength: number;
  maxLength: number;
  /** The allowed characters and shape, checked after the length. */
  pattern: RegExp;
  /** What `pattern` demands, in words. */
  patternText: string;
  /** Extra checks that a single pattern would express badly: each returns a problem or undefined. */
  extra?: ReadonlyArray<(value: string) => string | undefined>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Lowercase letter first, lowercase letters/digits/hyphens inside, letter or digit last. */
const LOWER_DNS_LABEL = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
/** Like a DNS label but may start with a digit (Kubernetes pod and container names). */
const LOWER_DNS_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const noDoubleHyphen = (value: string): string | undefined =>
  value.includes('--') ? 'must not contain "--"' : undefined;

/** Revision names are `{app}--{suffix}`: the app part follows the app rules, the suffix is a DNS label. */
function revisionShape(value: string): string | undefined {
  const cut = value.indexOf('--');
  if (cut < 0) return 'must look like "{app}--{suffix}"';
  const app = value.slice(0, cut);
  const suffix = value.slice(cut + 2);
  const appProblem = nameProblem('containerApp', app);
  if (appProblem) return `has an app part that ${appProblem}`;
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(suffix) || suffix.includes('--')) {
    return 'must end in a suffix of lowercase letters, digits and single hyphens after "--"';
  }
  return undefined;
}

const RULES: Readonly<Record<NameKind, NameRule>> = {
  containerApp: {
    label: 'container app name',
    minLength: 2,
    maxLength: 32,
    pattern: LOWER_DNS_LABEL,
    patternText: 'lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    extra: [noDoubleHyphen],
  },
  job: {
    label: 'job name',
    minLength: 2,
    maxLength: 32,
    pattern: LOWER_DNS_LABEL,
    patternText: 'lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    extra: [noDoubleHyphen],
  },
  revision: {
    label: 'revision name',
    // App (max 32) + "--" + suffix; ARM caps revision names well below Kubernetes' 63-character label.
    minLength: 5,
    maxLength: 63,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    patternText: 'lowercase letters, digits and hyphens',
    extra: [revisionShape],
  },
  replica: {
    label: 'replica name',
    minLength: 2,
    maxLength: 253,
    pattern: LOWER_DNS_NAME,
    patternText: 'lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  },
  container: {
    label: 'container name',
    minLength: 1,
    maxLength: 63,
    pattern: LOWER_DNS_NAME,
    patternText: 'lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  },
  environment: {
    label: 'environment name',
    minLength: 2,
    maxLength: 60,
    pattern: LOWER_DNS_LABEL,
    patternText: 'lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  jobExecution: {
    label: 'job execution name',
    minLength: 2,
    maxLength: 63,
    pattern: LOWER_DNS_LABEL,
    patternText: 'lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  resourceGroup: {
    label: 'resource group name',
    minLength: 1,
    maxLength: 90,
    // Azure allows Unicode letters and digits here, plus these four punctuation marks.
    pattern: /^[\p{L}\p{Nd}_\-.()]+$/u,
    patternText: 'letters, digits, underscores, hyphens, periods and parentheses',
    extra: [(v) => (v.endsWith('.') ? 'must not end with a period' : undefined)],
  },
  subscription: {
    label: 'subscription id',
    minLength: 36,
    maxLength: 36,
    pattern: GUID,
    patternText: 'a GUID such as 00000000-0000-0000-0000-000000000000',
  },
  workspaceId: {
    label: 'workspace id',
    minLength: 36,
    maxLength: 36,
    pattern: GUID,
    patternText: 'a GUID (the workspace\'s customer id) such as 00000000-0000-0000-0000-000000000000',
  },
  // Log Analytics workspace names (Microsoft.OperationalInsights/workspaces):
  // https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftoperationalinsights
  workspaceName: {
    label: 'workspace name',
    minLength: 4,
    maxLength: 63,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternText: 'letters, digits and hyphens, starting and ending with a letter or digit',
  },
};

/** A short description of a value for messages: quoted, control characters escaped, long values cut. */
export function quoteValue(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(shown);
}

/**
 * Why `value` is not a valid name of this kind, as a phrase that completes "the container app name ...",
 * or undefined when it is valid.
 */
export function nameProblem(kind: NameKind, value: string): string | undefined {
  const rule = RULES[kind];
  if (value.length < rule.minLength || value.length > rule.maxLength) {
    return rule.minLength === rule.maxLength
      ? `must be ${rule.minLength} characters long`
      : `must be ${rule.minLength} to ${rule.maxLength} characters long`;
  }
  if (!rule.pattern.test(value)) return `may only hold ${rule.patternText}`;
  for (const check of rule.extra ?? []) {
    const problem = check(value);
    if (problem) return problem;
  }
  return undefined;
}

/** The human label of a kind of name, e.g. "container app name". */
export function nameLabel(kind: NameKind): string {
  return RULES[kind].label;
}

/** A full sentence for a rejected name: `container app name "A|B" may only hold ...`. */
export function describeBadName(kind: NameKind, value: string): string | undefined {
  const problem = nameProblem(kind, value);
  return problem ? `${RULES[kind].label} ${quoteValue(value)} ${problem}` : undefined;
}

export const isContainerAppName = (v: string): boolean => nameProblem('containerApp', v) === undefined;
export const isJobName = (v: string): boolean => nameProblem('job', v) === undefined;
export const isRevisionName = (v: string): boolean => nameProblem('revision', v) === undefined;
export const isReplicaName = (v: string): boolean => nameProblem('replica', v) === undefined;
export const isContainerName = (v: string): boolean => nameProblem('container', v) === undefined;
export const isEnvironmentName = (v: string): boolean => nameProblem('environment', v) === undefined;
export const isResourceGroupName = (v: string): boolean => nameProblem('resourceGroup', v) === undefined;
export const isSubscriptionId = (v: string): boolean => nameProblem('subscription', v) === undefined;
export const isWorkspaceId = (v: string): boolean => nameProblem('workspaceId', v) === undefined;

/** The app a revision belongs to (`orders-api--abc123` → `orders-api`), or undefined if it is not a revision name. */
export function appOfRevision(revision: string): string | undefined {
  if (!isRevisionName(revision)) return undefined;
  return revision.slice(0, revision.indexOf('--'));
}

/**
 * The execution a job replica belongs to. Job executions are named `{job}-{random}` and their replicas
 * `{execution}-{random}`, so the execution is the job name plus the first segment after it.
 */
export function executionOfJobReplica(job: string, replica: string): string | undefined {
  if (!replica.startsWith(`${job}-`)) return undefined;
  const rest = replica.slice(job.length + 1).split('-');
  if (rest.length < 2 || !rest[0]) return undefined;
  const execution = `${job}-${rest[0]}`;
  return nameProblem('jobExecution', execution) === undefined ? execution : undefined;
}

/**
 * What is wrong with a workspace's ARM id, or undefined when every part follows Azure's naming rules. The
 * id ends up in a request path (resource-centric queries), so `..`, `%2e`, `/`, `?` or `#` inside a name
 * must never get through.
 */
export function describeBadWorkspaceResourceId(id: {
  raw: string;
  subscriptionId: string;
  resourceGroup?: string;
  types: string[];
  names: string[];
}): string | undefined {
  if (id.types.length !== 1 || id.types[0]!.toLowerCase() !== 'workspaces' || id.names.length !== 1) return 'is not a workspace id';
  if (/[?#%\\]/.test(id.raw)) return 'must not contain ?, #, % or backslashes';
  return (
    describeBadName('subscription', id.subscriptionId) ??
    describeBadName('resourceGroup', id.resourceGroup ?? '') ??
    describeBadName('workspaceName', id.names[0]!)
  );
}
