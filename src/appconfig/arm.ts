/**
 * Reads a container app's (or job's) configuration from Azure Resource Manager with the official
 * `@azure/arm-appcontainers` v3 client, and reduces it to `AppConfig`.
 *
 * For an app: the app first (it names the latest revision and the environment), then the revision list,
 * the failing revision's replicas and the managed environment at the same time. For a job: the job and
 * its executions at the same time, then the environment. The app or job itself must be readable; the
 * other parts are best effort and listed in `gaps` when ARM refuses them, so a diagnosis still gets the
 * template when, say, the environment lives in a resource group the identity cannot read.
 */
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import type { TokenCredential } from '@azure/core-auth';
import type { AppConfig, Evidence, Target } from '../model';
import { AppConfigError, EnricherError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { ConfigSource, FetchConfigOptions } from './ConfigSource';
import { listItems, normalizeAppConfig } from './normalize';

export interface ArmConfigSourceOptions {
  credential: TokenCredential;
  /** ARM base URL, e.g. `https://management.azure.com`. */
  endpoint: string;
  /** Token scope, e.g. `https://management.azure.com/.default`. */
  scope: string;
  /** Extra trust (a test stand-in's certificate, a proxy's CA). */
  tlsOptions?: { ca?: string };
  logger?: Logger;
  /** Revisions kept on the result, newest first (the failing and last healthy ones always are). Default 10. */
  maxRevisions?: number;
  /** Job executions kept on the result, newest first. Default 10. */
  maxExecutions?: number;
  /** Passed to the SDK pipeline; tests turn retries off so a 500 fails at once. */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/** Items read from a list before giving up on paging: ARM keeps at most 100 inactive revisions by default. */
const LIST_CAP = 200;

interface ResourceRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.App/managedEnvironments/{name}`, any casing. */
export function parseEnvironmentId(id: string | undefined): ResourceRef | undefined {
  const m = id?.match(/^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.App\/managedEnvironments\/([^/]+)\/?$/i);
  return m ? { subscriptionId: m[1], resourceGroup: m[2], name: m[3] } : undefined;
}

/** How a failed ARM call reads to a person, by status: rules as data. */
interface ArmFailureRule {
  reason: string;
  message: (what: string, ref: ResourceRef) => string;
  context?: (ref: ResourceRef) => Record<string, unknown>;
}

const FAILURE_RULES: Record<number, ArmFailureRule> = {
  401: {
    reason: 'unauthorized',
    message: (what) => `ARM did not accept the identity's token while reading ${what}.`,
  },
  403: {
    reason: 'forbidden',
    message: (what, ref) =>
      `The function's identity is not allowed to read ${what}: grant it the Reader role on resource group ` +
      `${ref.resourceGroup} (subscription ${ref.subscriptionId}).`,
    context: (ref) => ({
      role: 'Reader',
      scope: `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}`,
    }),
  },
  404: {
    reason: 'not-found',
    message: (what, ref) =>
      `${what} was not found in resource group ${ref.resourceGroup} (subscription ${ref.subscriptionId}); ` +
      `it may have been deleted or renamed.`,
  },
};

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return typeof e?.response?.status === 'number' ? e.response.status : undefined;
}

function armCodeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return !!signal?.aborted || (err as { name?: unknown })?.name === 'AbortError';
}

/** The caller's abort wins: its own reason when it is one of ours (e.g. a TimeoutError), else a plain one. */
function abortError(signal: AbortSignal | undefined, cause: unknown, what: string): EnricherError {
  if (signal?.reason instanceof EnricherError) return signal.reason;
  return new AppConfigError(`Reading ${what} from ARM was cancelled.`, { cause, context: { reason: 'aborted' } });
}

function toAppConfigError(err: unknown, what: string, ref: ResourceRef, signal?: AbortSignal): EnricherError {
  if (err instanceof EnricherError) return err;
  if (isAbort(err, signal)) return abortError(signal, err, what);
  const statusCode = statusOf(err);
  const armCode = armCodeOf(err);
  const rule = statusCode !== undefined ? FAILURE_RULES[statusCode] : undefined;
  const base = { statusCode, armCode, resource: what };
  if (rule) {
    return new AppConfigError(rule.message(what, ref), {
      cause: err,
      context: { reason: rule.reason, ...base, ...(rule.context?.(ref) ?? {}) },
    });
  }
  const status = statusCode !== undefined ? ` (HTTP ${statusCode}${armCode ? ` ${armCode}` : ''})` : '';
  return new AppConfigError(`Reading ${what} from ARM failed${status}.`, {
    cause: err,
    context: { reason: 'failed', ...base },
  });
}

/** A response body as JSON, or undefined (a body that is not JSON makes the SDK fail the call anyway). */
function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads an SDK pager's pages until it ends or `cap` items have come. */
async function collect<T>(pages: AsyncIterable<T[]>, cap: number): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) {
    out.push(...page);
    if (out.length >= cap) break;
  }
  return out;
}

export function createArmConfigSource(options: ArmConfigSourceOptions): ConfigSource {
  const logger = options.logger ?? silentLogger;
  const clients = new Map<string, ContainerAppsAPIClient>();
  const clientFor = (subscriptionId: string): ContainerAppsAPIClient => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new ContainerAppsAPIClient(options.credential, subscriptionId, {
        endpoint: options.endpoint,
        credentialScopes: [options.scope],
        tlsOptions: options.tlsOptions,
        retryOptions: options.retryOptions,
      });
      clients.set(subscriptionId, client);
    }
    return client;
  };

  /** A secondary read: failures become a gap (aborts still end the whole fetch). */
  async function soft<T>(
    part: NonNullable<AppConfig['gaps']>[number]['part'],
    what: string,
    ref: ResourceRef,
    gaps: NonNullable<AppConfig['gaps']>,
    signal: AbortSignal | undefined,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await read();
    } catch (err) {
      const error = toAppConfigError(err, what, ref, signal);
      if (error.context.reason === 'aborted' || signal?.aborted) throw error;
      gaps.push({ part, message: error.message });
      logger.warn('appconfig: part of the configuration could not be read', {
        part,
        statusCode: error.context.statusCode as number | undefined,
        armCode: error.context.armCode as string | undefined,
      });
      return undefined;
    }
  }

  async function environmentOf(
    environmentId: string | undefined,
    gaps: NonNullable<AppConfig['gaps']>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const env = parseEnvironmentId(environmentId);
    if (!env) return undefined;
    return soft('environment', `managed environment ${env.name}`, env, gaps, signal, () =>
      clientFor(env.subscriptionId).managedEnvironments.get(env.resourceGroup, env.name, { abortSignal: signal }),
    );
  }

  async function fetchApp(ref: ResourceRef, target: Target, signal?: AbortSignal): Promise<AppConfig> {
    const client = clientFor(ref.subscriptionId);
    const what = `container app ${ref.name}`;
    let app;
    try {
      app = await client.containerApps.get(ref.resourceGroup, ref.name, { abortSignal: signal });
    } catch (err) {
      throw toAppConfigError(err, what, ref, signal);
    }
    const failing = target.revision ?? app.latestRevisionName;
    const gaps: NonNullable<AppConfig['gaps']> = [];
    // Independent reads, started together: the caller's deadline covers one round trip, not three.
    const [revisions, replicas, environment] = await Promise.all([
      soft('revisions', `the revisions of ${what}`, ref, gaps, signal, () =>
        collect(client.containerAppsRevisions.listRevisions(ref.resourceGroup, ref.name, { abortSignal: signal }).byPage(), LIST_CAP),
      ),
      failing
        ? soft('replicas', `the replicas of revision ${failing}`, ref, gaps, signal, async () =>
            listItems(
              await client.containerAppsRevisionReplicas.listReplicas(ref.resourceGroup, ref.name, failing, {
                abortSignal: signal,
              }),
            ),
          )
        : Promise.resolve(undefined),
      environmentOf(app.environmentId ?? app.managedEnvironmentId ?? target.environmentId, gaps, signal),
    ]);
    const config = normalizeAppConfig({
      resource: app,
      revisions,
      replicas,
      environment,
      failingRevision: failing,
      maxRevisions: options.maxRevisions,
    });
    if (gaps.length > 0) config.gaps = gaps;
    return config;
  }

  async function fetchJob(ref: ResourceRef, target: Target, signal?: AbortSignal): Promise<AppConfig> {
    const client = clientFor(ref.subscriptionId);
    const what = `container apps job ${ref.name}`;
    const gaps: NonNullable<AppConfig['gaps']> = [];
    // The SDK's v3 JobExecution model has no `detailedStatus` (per-container exit codes), and its
    // deserializer drops what the model does not name under `properties`. The raw page bodies keep it,
    // so executions are read from them.
    const rawExecutions: unknown[] = [];
    // Same for the job's `runningState` (Ready / Progressing / Suspended): the raw body is normalised.
    let rawJob: unknown;
    const jobRead = client.jobs.get(ref.resourceGroup, ref.name, {
      abortSignal: signal,
      onResponse: (raw) => {
        rawJob = raw.status === 200 ? parseJson(raw.bodyAsText) : undefined;
      },
    });
    const executionsRead = soft('executions', `the executions of ${what}`, ref, gaps, signal, async () => {
      const pager = client.jobsExecutions.list(ref.resourceGroup, ref.name, {
        abortSignal: signal,
        onResponse: (raw) => {
          if (raw.status === 200) rawExecutions.push(...listItems(parseJson(raw.bodyAsText)));
        },
      });
      await collect(pager.byPage(), LIST_CAP);
      return rawExecutions;
    });
    const environmentRead = jobRead.then(
      (job) => environmentOf(job.environmentId ?? target.environmentId, gaps, signal),
      () => undefined,
    );
    let job;
    try {
      job = await jobRead;
    } catch (err) {
      // Let the other reads settle so no request outlives the call that started it.
      await Promise.allSettled([executionsRead, environmentRead]);
      throw toAppConfigError(err, what, ref, signal);
    }
    const [executions, environment] = await Promise.all([executionsRead, environmentRead]);
    const config = normalizeAppConfig({
      resource: rawJob ?? job,
      executions,
      environment,
      jobExecution: target.jobExecution,
      maxExecutions: options.maxExecutions,
    });
    if (gaps.length > 0) config.gaps = gaps;
    return config;
  }

  return {
    description: `Azure Resource Manager (${new URL(options.endpoint).host})`,
    async fetchConfig(target: Target, fetchOptions: FetchConfigOptions = {}): Promise<AppConfig | undefined> {
      const signal = fetchOptions.signal;
      if (!target.subscriptionId || !target.resourceGroup || target.kind === 'environment') {
        logger.info('appconfig: target has no app or job to look up in ARM', { kind: target.kind });
        return undefined;
      }
      const ref: ResourceRef = { subscriptionId: target.subscriptionId, resourceGroup: target.resourceGroup, name: target.name };
      if (signal?.aborted) throw abortError(signal, signal.reason, `the configuration of ${target.name}`);
      const started = Date.now();
      const config = target.kind === 'job' ? await fetchJob(ref, target, signal) : await fetchApp(ref, target, signal);
      logger.info('appconfig: configuration read from ARM', {
        kind: config.kind,
        revisions: config.revisions?.length,
        replicas: config.replicas?.length,
        executions: config.job?.executions?.length,
        gaps: config.gaps?.length ?? 0,
        ms: Date.now() - started,
      });
      return config;
    },
  };
}

export interface EnvironmentLogs {
  /** `log-analytics`, `azure-monitor` or `none`, as the environment says. */
  destination?: string;
  /** The workspace the `*_CL` tables live in (only meaningful for `log-analytics`). */
  workspaceCustomerId?: string;
  /** Which table family the environment's logs land in. */
  tableFamily?: Extract<Evidence['tableFamily'], 'custom-log' | 'resource-specific'>;
}

/** Destination → table family: the Log Analytics destination writes `*_CL`, diagnostic settings the typed tables. */
const TABLE_FAMILY_BY_DESTINATION: Record<string, EnvironmentLogs['tableFamily']> = {
  'log-analytics': 'custom-log',
  'azure-monitor': 'resource-specific',
};

/**
 * Where the environment sends app logs, for the logs stage. The customer id is returned only for the
 * Log Analytics destination: after a switch to Azure Monitor a stale id can linger, and querying it
 * would read the wrong tables.
 */
export function describeEnvironmentLogs(config: Pick<AppConfig, 'environment'> | undefined): EnvironmentLogs {
  const env = config?.environment;
  if (!env?.logDestination) return {};
  const destination = env.logDestination.toLowerCase();
  const out: EnvironmentLogs = { destination };
  const family = TABLE_FAMILY_BY_DESTINATION[destination];
  if (family) out.tableFamily = family;
  if (family === 'custom-log' && env.workspaceCustomerId) out.workspaceCustomerId = env.workspaceCustomerId;
  return out;
}
