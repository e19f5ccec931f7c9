/**
 * The production LogSource: both evidence queries against Log Analytics in one `$batch` round trip
 * (or one resource-centric query when only an ARM resource id is known), through the real
 * `LogsQueryClient` of @azure/monitor-query-logs.
 *
 * Retries: the SDK's pipeline already retries a whole request on 5xx (exponential) and on 429/503 that
 * carry Retry-After. Inside a `$batch` answer each query has its own status, which the SDK hides, so this
 * module reads the raw answer (`onResponse`) and retries the batch itself, a bounded number of times,
 * when a query inside it was throttled or hit a server error.
 */
import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient, LogsQueryResultStatus, type LogsTable, type QueryBatch } from '@azure/monitor-query-logs';
import { ConfigurationError, EnricherError, LogAccessDeniedError, LogQueryError, TimeoutError } from '../errors';
import type { Evidence, EvidenceNote, Target } from '../model';
import { silentLogger, type Logger } from '../logger';
import type { FetchEvidenceOptions, LogSource } from './LogSource';
import { buildEvidenceQueries, resolvedLimits, type EvidenceQueries } from './kql';

// The composition root builds the diagnosis's "open in portal" link from here too.
export { portalQueryLink } from './kql';
import { normalizeRows, rowFamily, tableToRows, type LogRow, type RowKind } from './normalize';
import { abortableSleep } from '../policy/abortableSleep';

export interface LogAnalyticsRetryOptions {
  /** Retries of the whole request by the SDK pipeline (5xx, 429 with Retry-After). Default 3. */
  maxRetries?: number;
  /** First back-off delay when the service gives no Retry-After. Default 1000 ms. */
  retryDelayInMs?: number;
  /** Longest back-off delay (and the longest Retry-After honoured). Default 30000 ms. */
  maxRetryDelayInMs?: number;
  /** Attempts of a batch whose inner queries were throttled or failed on the server. Default 3. */
  maxBatchAttempts?: number;
}

export interface LogAnalyticsSourceOptions {
  credential: TokenCredential;
  /** Base URL without `/v1`, e.g. `https://api.loganalytics.io`. */
  endpoint: string;
  /** OAuth scope for tokens, e.g. `https://api.loganalytics.io/.default`. */
  scope: string;
  /** Workspace customer id (GUID); wins over the one the target carries. */
  workspaceId?: string;
  serverTimeoutSeconds: number;
  /** How long one HTTP attempt may take before it is abandoned. Default serverTimeoutSeconds + 30 s. */
  clientTimeoutMs?: number;
  consoleLinesPerReplica: number;
  maxSystemGroups?: number;
  maxConsoleLines?: number;
  tlsOptions?: { ca?: string };
  retry?: LogAnalyticsRetryOptions;
  logger?: Logger;
  /** How retry pauses wait (the service's Retry-After, back-off). Default a timer; tests pass their own. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const ACCESS_ROLE = 'Log Analytics Reader';
const SYSTEM_ID = 'system';
const CONSOLE_ID = 'console';

interface RawBatchItem {
  id?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: { error?: { code?: string; message?: string } };
}

/** What a failed request or batch item looked like, enough to classify it. */
interface Failure {
  status?: number;
  code?: string;
  message?: string;
  retryAfterMs?: number;
}

function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A policy of the SDK's pipeline (its type, read from the client's options). */
type PipelinePolicy = NonNullable<NonNullable<ConstructorParameters<typeof LogsQueryClient>[1]>['additionalPolicies']>[number]['policy'];

/**
 * The pause the SDK takes before retrying a throttled answer (429 or 503 with Retry-After), taken here
 * instead, through `sleep`: same wait, same number of tries, but a wait that tests can observe and end.
 * Sits after the SDK's retry policy (one call per try), waits on every answer the SDK will retry, then
 * tells the SDK the pause is over (`retry-after-ms: 0`, the header it reads first); the service's own
 * Retry-After stays on the answer for the code that reads it after the last try.
 */
function throttlePausePolicy(sleep: (ms: number, signal?: AbortSignal) => Promise<void>, maxRetries: number): PipelinePolicy {
  const tries = new WeakMap<object, number>();
  return {
    name: 'enricherThrottlePause',
    async sendRequest(request, next) {
      const response = await next(request);
      const tried = (tries.get(request) ?? 0) + 1;
      tries.set(request, tried);
      if (response.status !== 429 && response.status !== 503) return response;
      const ms =
        retryAfterMsHeader(response.headers.get('retry-after-ms')) ??
        retryAfterMsHeader(response.headers.get('x-ms-retry-after-ms')) ??
        parseRetryAfter(response.headers.get('retry-after'));
      // The SDK retries after try n while n <= maxRetries; after the last try it gives up without a pause.
      if (ms === undefined || tried > maxRetries) return response;
      // The signal our own calls pass in (a real AbortSignal; the SDK types it loosely).
      await sleep(ms, request.abortSignal as AbortSignal | undefined);
      response.headers.set('retry-after-ms', '0');
      return response;
    },
  };
}

function retryAfterMsHeader(value: string | undefined): number | undefined {
  const ms = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : undefined;
}

const isRetryable = (status: number | undefined): boolean =>
  status === 429 || status === 408 || (status !== undefined && status >= 500 && status !== 501 && status !== 505);

/** How a message names each kind of target to a person. */
const KIND_NOUNS: Record<Target['kind'], string> = { containerApp: 'container app', job: 'job', environment: 'environment' };


/** Reads status, service error code and Retry-After from whatever the SDK threw. */
function describeThrown(err: unknown): Failure {
  const e = err as {
    statusCode?: number;
    code?: string;
    message?: string;
    details?: { error?: { code?: string; message?: string } };
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const headers = e?.response?.headers;
  return {
    status: typeof e?.statusCode === 'number' ? e.statusCode : undefined,
    code: e?.details?.error?.code ?? (typeof e?.code === 'string' ? e.code : undefined),
    message: e?.details?.error?.message ?? e?.message,
    retryAfterMs: parseRetryAfter(headers?.get?.('retry-after')),
  };
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (err as { name?: string })?.name === 'AbortError';
}

/** Errors of @azure/identity when no token could be had (by class name, so the SDK is not imported here). */
const CREDENTIAL_ERRORS = /^(?:CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError)$/;

/** A service message as callers see it: its first line, cut short; the full text stays in the cause. */
function shortDetail(message: string): string {
  const first = message.split('\n', 1)[0]!.trim();
  return first.length > 200 ? `${first.slice(0, 197)}...` : first;
}

/** Turns a failure into the typed error the pipeline understands, naming the workspace and what to do. */
function toTypedError(failure: Failure, where: string, scope: string, cause?: unknown): EnricherError {
  const serviceCode = failure.code;
  // The identity SDK's chain error lists every credential it tried, with links and machine details: that
  // goes to the operator's log (the error's cause), the caller and the chat get what to fix.
  if (failure.status === undefined && CREDENTIAL_ERRORS.test((cause as { name?: string } | undefined)?.name ?? '')) {
    return new LogAccessDeniedError(
      `The enricher could not get a token for Log Analytics (${where}): no Azure credential was available. Check that the Function app's managed identity is assigned (and AZURE_CLIENT_ID names it when user-assigned); locally, run az login.`,
      { cause, context: { workspace: where, credential: 'unavailable' } },
    );
  }
  if (failure.status === 403) {
    return new LogAccessDeniedError(
      `Log Analytics refused to run the query on ${where} (403${serviceCode ? ` ${serviceCode}` : ''}): the identity running the enricher needs the "${ACCESS_ROLE}" role on that workspace (or on its resource group).`,
      { cause, context: { role: ACCESS_ROLE, workspace: where, status: 403, serviceCode } },
    );
  }
  if (failure.status === 401) {
    return new LogAccessDeniedError(
      `Log Analytics did not accept the enricher's token for ${where} (401${serviceCode ? ` ${serviceCode}` : ''}). Check that the managed identity is enabled (and AZURE_CLIENT_ID names it when user-assigned) and that the token scope ${scope} matches LOG_ANALYTICS_ENDPOINT (set LOG_ANALYTICS_AUDIENCE for sovereign clouds).`,
      { cause, context: { workspace: where, status: 401, scope, serviceCode } },
    );
  }
  const status = failure.status !== undefined ? `HTTP ${failure.status}` : 'no HTTP answer';
  return new LogQueryError(
    `The log query on ${where} failed (${status}${serviceCode ? `, ${serviceCode}` : ''})${failure.message ? `: ${shortDetail(failure.message)}` : '.'}`,
    { cause, context: { workspace: where, status: failure.status, serviceCode } },
  );
}

interface QueryOutcome {
  rows: { kind?: RowKind; rows: LogRow[] }[];
  notes: EvidenceNote[];
}

function tablesToRows(tables: LogsTable[]): LogRow[] {
  return tables.flatMap((t) => tableToRows(t as unknown as { columnDescriptors: { name: string }[]; rows: unknown[][] }));
}

export function createLogAnalyticsSource(options: LogAnalyticsSourceOptions): LogSource {
  const logger = options.logger ?? silentLogger;
  const limits = resolvedLimits({
    consoleLinesPerReplica: options.consoleLinesPerReplica,
    maxSystemGroups: options.maxSystemGroups,
    maxConsoleLines: options.maxConsoleLines,
  });
  const sleep = options.sleep ?? abortableSleep;
  const retry = {
    maxRetries: options.retry?.maxRetries ?? 3,
    retryDelayInMs: options.retry?.retryDelayInMs ?? 1000,
    maxRetryDelayInMs: options.retry?.maxRetryDelayInMs ?? 30000,
    maxBatchAttempts: Math.max(1, options.retry?.maxBatchAttempts ?? 3),
  };
  const endpoint = options.endpoint.replace(/(?<!\/)\/+$/, '').replace(/\/v1$/, '');
  const client = new LogsQueryClient(options.credential, {
    // monitor-query-logs uses `endpoint` verbatim, so the API version path is ours to add.
    endpoint: `${endpoint}/v1`,
    // That package ignores `audience`; the token scope must be given here.
    credentials: { scopes: [options.scope] },
    retryOptions: {
      maxRetries: retry.maxRetries,
      retryDelayInMs: retry.retryDelayInMs,
      maxRetryDelayInMs: retry.maxRetryDelayInMs,
    },
    ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
    additionalPolicies: [{ policy: throttlePausePolicy(sleep, retry.maxRetries), position: 'perRetry' }],
  });
  const serverTimeout = options.serverTimeoutSeconds;
  // The client-side limit leaves the server its full time plus room for the network. It is an abort
  // signal rather than the SDK's `requestOptions.timeout`, whose timer outlives an aborted request.
  const requestTimeoutMs = options.clientTimeoutMs ?? (serverTimeout + 30) * 1000;
  const withDeadline = (signal?: AbortSignal): { signal: AbortSignal; deadline: AbortSignal } => {
    const deadline = AbortSignal.timeout(requestTimeoutMs);
    return { signal: signal ? AbortSignal.any([signal, deadline]) : deadline, deadline };
  };

  async function runBatch(workspaceId: string, queries: EvidenceQueries, callerSignal?: AbortSignal): Promise<QueryOutcome> {
    const batch: QueryBatch[] = [
      { workspaceId, query: queries.system, timespan: queries.timespan, serverTimeoutInSeconds: serverTimeout },
      { workspaceId, query: queries.console, timespan: queries.timespan, serverTimeoutInSeconds: serverTimeout },
    ];
    const kinds: RowKind[] = [SYSTEM_ID, CONSOLE_ID];
    const where = `workspace ${workspaceId}`;
    for (let attempt = 1; ; attempt++) {
      const { signal, deadline } = withDeadline(callerSignal);
      let raw: { responses?: RawBatchItem[] } | undefined;
      let results: Awaited<ReturnType<LogsQueryClient['queryBatch']>>;
      try {
        results = await client.queryBatch(batch, {
          abortSignal: signal,
          onResponse: (response) => {
            raw = response.parsedBody as typeof raw;
          },
          requestOptions: { headers: { Prefer: `wait=${serverTimeout}` } },
        });
      } catch (err) {
        await retryOrThrow(err, { signal, deadline, where, attempt, callerSignal });
        continue;
      }
      const items = raw?.responses ?? [];
      // The SDK returns results in answer order without their ids; the raw answer says which is which.
      const kindAt = (i: number): RowKind => {
        const id = items[i]?.id;
        const index = typeof id === 'string' ? Number(id.replace(/^query-/, '')) : i;
        return kinds[Number.isInteger(index) && index >= 0 && index < kinds.length ? index : i] ?? kinds[i];
      };
      const failures = items
        .map((item, i) => ({ item, i }))
        .filter(({ item }) => typeof item.status === 'number' && item.status !== 200)
        .map(({ item, i }) => ({
          kind: kindAt(i),
          failure: {
            status: item.status,
            code: item.body?.error?.code,
            message: item.body?.error?.message,
            retryAfterMs: parseRetryAfter(headerValue(item.headers, 'retry-after')),
          } as Failure,
        }));
      const fatal = failures.find((f) => !isRetryable(f.failure.status));
      if (fatal) throw toTypedError(fatal.failure, where, options.scope);
      if (failures.length > 0) {
        if (attempt < retry.maxBatchAttempts) {
          const wait = Math.max(...failures.map((f) => f.failure.retryAfterMs ?? -1));
          logger.warn('Log Analytics batch query throttled or failed inside the batch; retrying', {
            attempt,
            status: failures[0].failure.status,
          });
          await backOff(attempt, wait >= 0 ? wait : undefined, callerSignal);
          continue;
        }
        throw toTypedError(failures[0].failure, where, options.scope);
      }
      const outcome: QueryOutcome = { rows: [], notes: [] };
      results.forEach((result, i) => {
        const kind = kindAt(i);
        if (result.status === LogsQueryResultStatus.Success) {
          outcome.rows.push({ kind, rows: tablesToRows(result.tables) });
        } else if (result.status === LogsQueryResultStatus.PartialFailure) {
          outcome.rows.push({ kind, rows: tablesToRows(result.partialTables) });
          outcome.notes.push(partialNote(kind, result.partialError));
        } else {
          throw toTypedError({ code: result.code, message: result.message }, where, options.scope);
        }
      });
      return outcome;
    }
  }

  async function runResource(resourceId: string, queries: EvidenceQueries, callerSignal?: AbortSignal): Promise<QueryOutcome> {
    const where = `resource ${resourceId}`;
    for (let attempt = 1; ; attempt++) {
      const { signal, deadline } = withDeadline(callerSignal);
      try {
        // The SDK's path template adds its own leading slash.
        const result = await client.queryResource(resourceId.replace(/^\/+/, ''), queries.combined, queries.timespan, {
          serverTimeoutInSeconds: serverTimeout,
          abortSignal: signal,
        });
        if (result.status === LogsQueryResultStatus.Success) return { rows: [{ rows: tablesToRows(result.tables) }], notes: [] };
        return {
          rows: [{ rows: tablesToRows(result.partialTables) }],
          notes: [partialNote(undefined, result.partialError)],
        };
      } catch (err) {
        await retryOrThrow(err, { signal, deadline, where, attempt, callerSignal });
        continue;
      }
    }
  }

  /**
   * What a call that threw should do: wait and try again (a 429 without Retry-After is the one throttling
   * answer the SDK pipeline does not retry itself), or throw the typed error for it.
   */
  async function retryOrThrow(
    err: unknown,
    at: { signal: AbortSignal; deadline: AbortSignal; where: string; attempt: number; callerSignal?: AbortSignal },
  ): Promise<void> {
    if (isAbort(err, at.signal)) throw aborted(err, at.deadline, at.where, requestTimeoutMs);
    const failure = describeThrown(err);
    if (failure.status === 429 && failure.retryAfterMs === undefined && at.attempt < retry.maxBatchAttempts) {
      await backOff(at.attempt, undefined, at.callerSignal);
      return;
    }
    throw toTypedError(failure, at.where, options.scope, err);
  }

  async function backOff(attempt: number, retryAfterMs: number | undefined, signal?: AbortSignal): Promise<void> {
    const exponential = retry.retryDelayInMs * 2 ** (attempt - 1);
    try {
      await sleep(Math.min(retryAfterMs ?? exponential, retry.maxRetryDelayInMs), signal);
    } catch (cause) {
      throw new LogQueryError('The log query was cancelled while waiting to retry (the caller aborted it).', {
        cause,
        context: { aborted: true },
      });
    }
  }

  return {
    description: options.workspaceId ? `Log Analytics workspace ${options.workspaceId}` : 'Log Analytics (workspace from the alert)',
    // With a workspace in the settings the logs need nothing from ARM, so the pipeline reads both at once.
    knowsWorkspace: () => Boolean(options.workspaceId),
    async fetchEvidence(target: Target, fetchOptions: FetchEvidenceOptions = {}): Promise<Evidence> {
      const { signal } = fetchOptions;
      const queries = buildEvidenceQueries(target, limits);
      const workspaceId = options.workspaceId ?? target.workspace?.customerId;
      const resourceId = workspaceId ? undefined : (target.workspace?.resourceId ?? target.environmentId);
      if (!workspaceId && !resourceId) {
        throw new ConfigurationError(
          `No Log Analytics workspace is known for ${KIND_NOUNS[target.kind]} ${target.name}: set the app setting LOG_ANALYTICS_WORKSPACE_ID to the workspace's customer id (GUID), ` +
            "or name the workspace (workspaceId) or the app's subscription and resource group in the request.",
          { context: { setting: 'LOG_ANALYTICS_WORKSPACE_ID', target: target.name } },
        );
      }
      const started = Date.now();
      const outcome = workspaceId
        ? await runBatch(workspaceId, queries, signal)
        : await runResource(resourceId as string, queries, signal);

      const families = new Set<string>();
      const system: Evidence['system'] = [];
      const consoleLines: Evidence['console'] = [];
      let systemRows = 0;
      let consoleRows = 0;
      for (const part of outcome.rows) {
        for (const row of part.rows) {
          const family = rowFamily(row);
          if (family) families.add(family);
        }
        const normalized = normalizeRows(part.rows, part.kind);
        system.push(...normalized.system);
        consoleLines.push(...normalized.console);
        systemRows += normalized.system.length;
        consoleRows += normalized.console.length;
      }
      system.sort((a, b) => a.time.getTime() - b.time.getTime());
      consoleLines.sort((a, b) => a.time.getTime() - b.time.getTime());

      const notes = [...outcome.notes];
      if (systemRows >= limits.maxSystemGroups) {
        notes.push({
          kind: 'result-cap',
          message: `Only the latest ${limits.maxSystemGroups} distinct system events were read; older ones in the window were cut.`,
        });
      }
      if (consoleRows >= limits.maxConsoleLines) {
        notes.push({
          kind: 'result-cap',
          message: `Only the latest ${limits.maxConsoleLines} console lines were read (at most ${limits.consoleLinesPerReplica} per replica); older ones were cut.`,
        });
      }
      logger.info('Log Analytics evidence fetched', {
        mode: workspaceId ? 'batch' : 'resource',
        systemEvents: systemRows,
        consoleLines: consoleRows,
        durationMs: Date.now() - started,
      });
      const evidence: Evidence = {
        system,
        console: consoleLines,
        notes,
        query: workspaceId ? { kql: queries.combined, workspaceId } : { kql: queries.combined, resourceId },
      };
      if (families.size === 2) evidence.tableFamily = 'both';
      else if (families.size === 1) evidence.tableFamily = [...families][0] as 'custom-log' | 'resource-specific';
      return evidence;
    },
  };
}

function partialNote(kind: RowKind | undefined, error: { code?: string; message?: string } | undefined): EvidenceNote {
  const what = kind === SYSTEM_ID ? 'system events' : kind === CONSOLE_ID ? 'console lines' : 'log rows';
  const detail = [error?.code, error?.message].filter(Boolean).join(': ');
  return {
    kind: 'partial-failure',
    message: `Log Analytics returned only part of the ${what}${detail ? ` (${detail})` : ''}; the diagnosis may miss some evidence.`,
  };
}

function aborted(cause: unknown, deadline: AbortSignal, where: string, timeoutMs: number): EnricherError {
  if (deadline.aborted) {
    return new TimeoutError(`Log Analytics did not answer the query on ${where} within ${Math.round(timeoutMs / 1000)} s.`, {
      cause,
      context: { workspace: where, timeoutMs },
    });
  }
  return new LogQueryError('The log query was cancelled before it finished (the caller aborted it).', {
    cause,
    context: { aborted: true },
  });
}
