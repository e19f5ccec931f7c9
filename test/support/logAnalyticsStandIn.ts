/**
 * A stand-in for the Log Analytics query API on 127.0.0.1 (HTTPS, trusted through `testTlsOptions`),
 * speaking the wire format @azure/monitor-query-logs uses:
 *   POST /v1/workspaces/{id}/query   body {query, timespan}                -> {tables:[{name,columns,rows}]}
 *   POST /v1/$batch                  body {requests:[{id, body, method, path, workspace, headers}]}
 *                                                                          -> {responses:[{id, status, body}]}
 *   POST /v1/{resourceId}/query      (resource-centric)                    -> {tables}
 * It cannot run KQL: it recognises which evidence query it got (system, console, or both combined) and
 * answers with the rows the real service would return for it, from the tables given at start. Faults are
 * queued and consumed one per request (or per batch item). Every request is recorded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpsStandIn, type HttpsStandIn, type RecordedRequest, type StandInResponse } from './httpsStandIn';

export interface Column {
  name: string;
  type: 'string' | 'datetime' | 'int' | 'long' | 'real' | 'dynamic' | 'bool' | 'guid';
}

export interface Table {
  name: string;
  columns: Column[];
  rows: unknown[][];
}

export type Fault =
  /** The whole request fails with this status (and optional Retry-After / body). */
  | { type: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** 200 with tables plus a PartialError, as the service does when it cut the result. */
  | { type: 'partial'; message?: string }
  /** Answer after a delay. */
  | { type: 'slow'; delayMs: number }
  /** Answer normally, but only once `until` resolves (see rendezvous.ts). */
  | { type: 'held'; until: () => Promise<void> }
  /** Inside a batch: the query with this id (default every query) gets its own failing status. */
  | { type: 'item-status'; status: number; itemId?: string; retryAfter?: string; body?: unknown };

const PAYLOADS = join(__dirname, '..', 'fixtures', 'payloads');
const payload = (name: string): unknown => JSON.parse(readFileSync(join(PAYLOADS, name), 'utf8'));

/** The service's real error bodies, from the docs. */
export const ERROR_BODIES = {
  forbidden: payload('msdocs-loganalytics-error-403-insufficient-access.json'),
  unauthorized: payload('msdocs-loganalytics-error-401-no-auth.json'),
  badRequest: payload('msdocs-loganalytics-error-400-syntax.json'),
  serverError: { error: { code: 'InternalServerError', message: 'An internal error occurred while running the query.' } },
  throttled: { error: { code: 'ThrottledError', message: 'Too many requests; retry later.' } },
};

/** Output columns of the system query (after the server-side fold). */
export const SYSTEM_COLUMNS: Column[] = [
  { name: 'ContainerAppName', type: 'string' },
  { name: 'JobName', type: 'string' },
  { name: 'EnvironmentName', type: 'string' },
  { name: 'RevisionName', type: 'string' },
  { name: 'ReplicaName', type: 'string' },
  { name: 'ContainerName', type: 'string' },
  { name: 'Reason', type: 'string' },
  { name: 'Log', type: 'string' },
  { name: 'Severity', type: 'string' },
  { name: 'EventSource', type: 'string' },
  { name: 'Family', type: 'string' },
  { name: 'Count', type: 'int' },
  { name: 'Rows', type: 'long' },
  { name: 'FirstSeen', type: 'datetime' },
  { name: 'TimeGenerated', type: 'datetime' },
];

export const CONSOLE_COLUMNS: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'ContainerAppName', type: 'string' },
  { name: 'JobName', type: 'string' },
  { name: 'EnvironmentName', type: 'string' },
  { name: 'RevisionName', type: 'string' },
  { name: 'ContainerGroupName', type: 'string' },
  { name: 'ContainerName', type: 'string' },
  { name: 'Stream', type: 'string' },
  { name: 'ContainerImage', type: 'string' },
  { name: 'Log', type: 'string' },
  { name: 'Family', type: 'string' },
];

export type SystemRow = Partial<Record<(typeof SYSTEM_COLUMNS)[number]['name'], string | number>>;
export type ConsoleRow = Partial<Record<(typeof CONSOLE_COLUMNS)[number]['name'], string | number>>;

function toTable(columns: Column[], rows: Record<string, unknown>[]): Table {
  return {
    name: 'PrimaryResult',
    columns,
    rows: rows.map((r) => columns.map((c) => (r[c.name] ?? (c.type === 'string' ? '' : null)) as unknown)),
  };
}

const REVISION = 'orders-api--v7';
const REPLICA = 'orders-api--v7-6d8f9c7b5-x2k9p';
const REPLICA_2 = 'orders-api--v7-6d8f9c7b5-m4q1z';

/** A crash loop of orders-api as the evidence queries would return it (custom-log family). */
export const SAMPLE_SYSTEM_ROWS: SystemRow[] = [
  {
    ContainerAppName: 'orders-api', EnvironmentName: 'prod-env', RevisionName: REVISION, ReplicaName: REPLICA,
    ContainerName: 'orders-api', Reason: 'ContainerTerminated', Log: "Container 'orders-api' was terminated with exit code '1'",
    Severity: 'Warning', EventSource: 'ContainerAppController', Family: 'custom-log', Count: 4, Rows: 4,
    FirstSeen: '2024-05-02T10:01:10Z', TimeGenerated: '2024-05-02T10:08:40Z',
  },
  {
    ContainerAppName: 'orders-api', EnvironmentName: 'prod-env', RevisionName: REVISION, ReplicaName: REPLICA,
    Reason: 'ContainerBackOff', Log: 'Persistent Failiure to start container', Severity: 'Warning',
    EventSource: 'ContainerAppController', Family: 'custom-log', Count: 12, Rows: 3,
    FirstSeen: '2024-05-02T10:02:00Z', TimeGenerated: '2024-05-02T10:09:00Z',
  },
  {
    ContainerAppName: 'orders-api', EnvironmentName: 'prod-env', RevisionName: REVISION, ReplicaName: REPLICA_2,
    Reason: 'ContainerBackOff', Log: 'Persistent Failure to start container', Severity: 'Warning',
    EventSource: 'ContainerAppController', Family: 'custom-log', Count: 2, Rows: 2,
    FirstSeen: '2024-05-02T10:05:00Z', TimeGenerated: '2024-05-02T10:07:30Z',
  },
];

export const SAMPLE_CONSOLE_ROWS: ConsoleRow[] = [
  {
    TimeGenerated: '2024-05-02T10:08:38.120Z', ContainerAppName: 'orders-api', RevisionName: REVISION,
    ContainerGroupName: REPLICA, ContainerName: 'orders-api', Stream: 'stdout',
    ContainerImage: 'contoso.azurecr.io/orders-api:1.4.2', Log: 'Starting orders-api 1.4.2', Family: 'custom-log',
  },
  {
    TimeGenerated: '2024-05-02T10:08:39.004Z', ContainerAppName: 'orders-api', RevisionName: REVISION,
    ContainerGroupName: REPLICA, ContainerName: 'orders-api', Stream: 'stderr',
    ContainerImage: 'contoso.azurecr.io/orders-api:1.4.2', Log: "KeyError: 'DATABASE_URL'", Family: 'custom-log',
  },
];

export interface LogAnalyticsStandInOptions {
  system?: SystemRow[];
  console?: ConsoleRow[];
}

export interface LogAnalyticsStandIn {
  /** Base URL without `/v1`, as the LOG_ANALYTICS_ENDPOINT setting holds it. */
  url: string;
  requests: RecordedRequest[];
  /** Requests to the query endpoints only (not counting anything else). */
  queryRequests(): RecordedRequest[];
  /** Queue faults; each is used by one request (or one batch item for `item-status`). */
  fail(...faults: Fault[]): void;
  setRows(rows: LogAnalyticsStandInOptions): void;
  close(): Promise<void>;
}

type QueryKind = 'system' | 'console' | 'combined' | 'unknown';

function kindOf(query: string): QueryKind {
  if (/\blet SystemRows\b/.test(query)) return 'combined';
  if (query.includes('ContainerAppSystemLogs')) return 'system';
  if (query.includes('ContainerAppConsoleLogs')) return 'console';
  return 'unknown';
}

export async function startLogAnalyticsStandIn(options: LogAnalyticsStandInOptions = {}): Promise<LogAnalyticsStandIn> {
  let system = options.system ?? SAMPLE_SYSTEM_ROWS;
  let consoleRows = options.console ?? SAMPLE_CONSOLE_ROWS;
  const faults: Fault[] = [];

  const answerQuery = (query: string, partial?: string): { tables: Table[]; error?: unknown } => {
    const kind = kindOf(query);
    let tables: Table[];
    if (kind === 'system') tables = [toTable(SYSTEM_COLUMNS, system)];
    else if (kind === 'console') tables = [toTable(CONSOLE_COLUMNS, consoleRows)];
    else if (kind === 'combined') {
      // The union of both shapes: every column of either, plus the RowKind tag.
      const columns = [...SYSTEM_COLUMNS, ...CONSOLE_COLUMNS.filter((c) => !SYSTEM_COLUMNS.some((s) => s.name === c.name))];
      columns.push({ name: 'RowKind', type: 'string' });
      tables = [
        toTable(columns, [
          ...system.map((r) => ({ ...r, RowKind: 'system' })),
          ...consoleRows.map((r) => ({ ...r, RowKind: 'console' })),
        ]),
      ];
    } else tables = [toTable([{ name: 'x', type: 'string' }], [])];
    if (partial === undefined) return { tables };
    return { tables, error: { code: 'PartialError', message: 'There were some errors when processing your query.', details: [{ code: 'EngineError', message: partial }] } };
  };

  const takeFault = (accept: (f: Fault) => boolean): Fault | undefined => {
    const i = faults.findIndex(accept);
    return i >= 0 ? faults.splice(i, 1)[0] : undefined;
  };

  const server: HttpsStandIn = await startHttpsStandIn(async (req): Promise<StandInResponse> => {
    const { holdUntil, ...answer } = respond(req);
    if (holdUntil) await holdUntil();
    if (answer.delayMs) {
      // Waited here on an unref'd timer, so a test that aborts a slow query does not keep Jest alive.
      const ms = answer.delayMs;
      await new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      return { ...answer, delayMs: undefined };
    }
    return answer;
  });

  function respond(req: RecordedRequest): StandInResponse & { holdUntil?: () => Promise<void> } {
    if (req.method !== 'POST' || !req.path.startsWith('/v1/')) {
      return { status: 404, json: payload('msdocs-loganalytics-error-404-path.json') };
    }
    const fault = takeFault((f) => f.type !== 'item-status');
    let delayMs: number | undefined;
    let partial: string | undefined;
    if (fault?.type === 'status') {
      return {
        status: fault.status,
        headers: fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
        json: fault.body ?? (fault.status === 403 ? ERROR_BODIES.forbidden : fault.status === 401 ? ERROR_BODIES.unauthorized : fault.status === 429 ? ERROR_BODIES.throttled : ERROR_BODIES.serverError),
      };
    }
    if (fault?.type === 'slow') delayMs = fault.delayMs;
    if (fault?.type === 'held') return { ...respondNormally(req, undefined, undefined), holdUntil: fault.until };
    if (fault?.type === 'partial') partial = fault.message ?? 'Query result set has exceeded the internal data size limit';

    return respondNormally(req, delayMs, partial);
  }

  function respondNormally(req: RecordedRequest, delayMs: number | undefined, partial: string | undefined): StandInResponse {
    // Missing content type makes the real service answer an empty 200; the SDK always sets it.
    if (!String(req.headers['content-type'] ?? '').includes('application/json')) return { status: 200, body: '' };

    if (req.path === '/v1/$batch') {
      const body = req.json as { requests?: { id: string; body: { query: string; timespan?: string } }[] };
      if (!Array.isArray(body?.requests)) return { status: 400, json: ERROR_BODIES.badRequest };
      const responses = body.requests.map((r) => {
        const itemFault = takeFault((f) => f.type === 'item-status' && (f.itemId === undefined || f.itemId === r.id)) as
          | Extract<Fault, { type: 'item-status' }>
          | undefined;
        if (itemFault) {
          return {
            id: r.id,
            status: itemFault.status,
            headers: itemFault.retryAfter ? { 'Retry-After': itemFault.retryAfter } : undefined,
            body: itemFault.body ?? (itemFault.status === 403 ? ERROR_BODIES.forbidden : itemFault.status === 429 ? ERROR_BODIES.throttled : ERROR_BODIES.serverError),
          };
        }
        return { id: r.id, status: 200, body: answerQuery(r.body.query, partial) };
      });
      return { status: 200, json: { responses }, delayMs };
    }
    if (/^\/v1\/workspaces\/[^/]+\/query$/.test(req.path) || /^\/v1\/subscriptions\/.+\/query$/.test(req.path)) {
      const body = req.json as { query?: string };
      if (typeof body?.query !== 'string') return { status: 400, json: ERROR_BODIES.badRequest };
      return { status: 200, json: answerQuery(body.query, partial), delayMs };
    }
    return { status: 404, json: payload('msdocs-loganalytics-error-404-path.json') };
  }

  return {
    url: server.url,
    requests: server.requests,
    queryRequests: () => server.requests.filter((r) => r.path.startsWith('/v1/')),
    fail: (...f) => {
      faults.push(...f);
    },
    setRows: (rows) => {
      if (rows.system) system = rows.system;
      if (rows.console) consoleRows = rows.console;
    },
    close: () => server.close(),
  };
}
