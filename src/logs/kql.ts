/**
 * KQL builders for the two evidence queries (system events, console lines). Each query reads both table
 * families at once with `union isfuzzy=true`, so a workspace that only has the `_CL` tables (environment
 * logs destination `log-analytics`) or only the resource-specific ones (diagnostic settings) works alike.
 * Every leg maps its own column names onto one output shape, which `normalize.ts` reads.
 *
 * Values from the target are validated upstream, but they are still escaped here as string literals:
 * the builders must be safe on their own (see test/logs/kql.test.ts, which proves it with the Kusto parser).
 */
import { gzipSync } from 'node:zlib';
import type { Evidence, Target, TimeWindow } from '../model';

/** The output columns both queries produce; normalize.ts reads exactly these names. */
export const FAMILY_COLUMN = 'Family';
export const ROW_KIND_COLUMN = 'RowKind';

export type TableFamily = 'custom-log' | 'resource-specific';

export interface QueryLimits {
  /** Console lines kept per replica, the latest before the end of the window. */
  consoleLinesPerReplica: number;
  /** Distinct system event groups returned at most (after server-side folding). Default 500. */
  maxSystemGroups?: number;
  /** Console lines returned at most across all replicas. Default 20 x consoleLinesPerReplica, at most 5000. */
  maxConsoleLines?: number;
}

export const DEFAULT_MAX_SYSTEM_GROUPS = 500;

export function resolvedLimits(limits: QueryLimits): Required<QueryLimits> {
  const perReplica = Math.max(1, Math.floor(limits.consoleLinesPerReplica));
  return {
    consoleLinesPerReplica: perReplica,
    maxSystemGroups: Math.max(1, Math.floor(limits.maxSystemGroups ?? DEFAULT_MAX_SYSTEM_GROUPS)),
    maxConsoleLines: Math.max(1, Math.floor(limits.maxConsoleLines ?? Math.min(5000, perReplica * 20))),
  };
}

/**
 * A KQL string literal holding exactly `value`. Double-quoted; backslash, both quote characters, tab,
 * CR and LF get their short escapes and every other control or line-separator character a `\uXXXX`
 * escape, so nothing in the value can end the literal, start a comment or break the line.
 */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case "'":
        out += "\\'";
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        // C0/C1 controls, DEL and the Unicode line/paragraph separators never appear raw in the query text.
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
          out += `\\u${code.toString(16).padStart(4, '0')}`;
        } else {
          out += ch;
        }
    }
  }
  return `${out}"`;
}

/** A KQL datetime literal. Only ever built from a valid Date, so its text is digits and separators. */
export function kqlDatetime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError('A query window needs valid start and end dates.');
  }
  return `datetime(${date.toISOString()})`;
}

/** The logical fields each query reads, and the physical columns that hold them in each family. */
type SystemField =
  | 'app' | 'job' | 'environment' | 'revision' | 'replica' | 'container'
  | 'reason' | 'message' | 'severity' | 'eventSource';
type ConsoleField =
  | 'app' | 'job' | 'environment' | 'revision' | 'replica' | 'container'
  | 'stream' | 'image' | 'message';

interface FamilyMap<F extends string> {
  table: string;
  family: TableFamily;
  /** Candidate columns, first non-empty wins. `_CL` columns are dynamic, hence column_ifexists everywhere. */
  columns: Record<F, string[]>;
  count?: { column: string; defaultLiteral: string };
}

const SYSTEM_FAMILIES: FamilyMap<SystemField>[] = [
  {
    table: 'ContainerAppSystemLogs_CL',
    family: 'custom-log',
    columns: {
      app: ['ContainerAppName_s'],
      job: ['JobName_s', 'ContainerJobName_s'],
      environment: ['EnvironmentName_s'],
      revision: ['RevisionName_s'],
      replica: ['ReplicaName_s'],
      container: ['ContainerName_s'],
      reason: ['Reason_s'],
      message: ['Log_s'],
      // In a `_CL` table the bare `Type` column is the table name; the event's severity is `Type_s`.
      severity: ['Type_s'],
      eventSource: ['EventSource_s'],
    },
    count: { column: 'Count_d', defaultLiteral: 'real(1)' },
  },
  {
    table: 'ContainerAppSystemLogs',
    family: 'resource-specific',
    columns: {
      app: ['ContainerAppName'],
      job: ['JobName'],
      environment: ['EnvironmentName'],
      revision: ['RevisionName'],
      replica: ['ReplicaName'],
      container: ['ContainerName'],
      reason: ['Reason'],
      message: ['Log'],
      // Here, and only here, `Type` carries the severity ("Normal" / "Warning").
      severity: ['Type'],
      eventSource: ['EventSource'],
    },
    count: { column: 'Count', defaultLiteral: 'int(1)' },
  },
];

const CONSOLE_FAMILIES: FamilyMap<ConsoleField>[] = [
  {
    table: 'ContainerAppConsoleLogs_CL',
    family: 'custom-log',
    columns: {
      app: ['ContainerAppName_s'],
      job: ['JobName_s', 'ContainerJobName_s'],
      environment: ['EnvironmentName_s'],
      revision: ['RevisionName_s'],
      // The console tables name the replica by its pod: ContainerGroupName.
      replica: ['ContainerGroupName_s'],
      container: ['ContainerName_s'],
      stream: ['Stream_s'],
      image: ['ContainerImage_s'],
      message: ['Log_s'],
    },
  },
  {
    table: 'ContainerAppConsoleLogs',
    family: 'resource-specific',
    columns: {
      app: ['ContainerAppName'],
      job: ['JobName'],
      environment: ['EnvironmentName'],
      revision: ['RevisionName'],
      replica: ['ContainerGroupName'],
      container: ['ContainerName'],
      stream: ['Stream'],
      image: ['ContainerImage'],
      message: ['Log'],
    },
  },
];

/** Output column name of each logical field (the resource-specific spelling, which normalize.ts reads). */
const SYSTEM_OUTPUT: Record<SystemField, string> = {
  app: 'ContainerAppName',
  job: 'JobName',
  environment: 'EnvironmentName',
  revision: 'RevisionName',
  replica: 'ReplicaName',
  container: 'ContainerName',
  reason: 'Reason',
  message: 'Log',
  severity: 'Severity',
  eventSource: 'EventSource',
};

const CONSOLE_OUTPUT: Record<ConsoleField, string> = {
  app: 'ContainerAppName',
  job: 'JobName',
  environment: 'EnvironmentName',
  revision: 'RevisionName',
  replica: 'ContainerGroupName',
  container: 'ContainerName',
  stream: 'Stream',
  image: 'ContainerImage',
  message: 'Log',
};

function columnExpr(columns: string[]): string {
  const parts = columns.map((c) => `tostring(column_ifexists(${kqlString(c)}, ""))`);
  return parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
}

type FilterField = 'app' | 'job' | 'environment' | 'revision' | 'replica' | 'container';

/**
 * The target's filters as conditions over logical fields. `containerMayBeEmpty` keeps system events
 * that carry no container name (replica-level back-off events often do not) when a container is named.
 */
function targetConditions(
  target: Target,
  expr: (field: FilterField) => string,
  containerMayBeEmpty: boolean,
): string[] {
  const conditions: string[] = [];
  const name = kqlString(target.name);
  switch (target.kind) {
    case 'containerApp':
      conditions.push(`${expr('app')} == ${name}`);
      break;
    case 'job':
      if (target.jobExecution) {
        // Replica (pod) names of an execution start with the execution name; the k8s job is the execution.
        const execution = kqlString(target.jobExecution);
        const prefix = kqlString(`${target.jobExecution}-`);
        conditions.push(`(${expr('job')} == ${execution} or ${expr('replica')} startswith ${prefix})`);
      } else {
        conditions.push(`(${expr('job')} == ${name} or ${expr('app')} == ${name})`);
      }
      break;
    case 'environment':
      conditions.push(`${expr('environment')} == ${name}`);
      break;
  }
  if (target.revision) conditions.push(`${expr('revision')} == ${kqlString(target.revision)}`);
  if (target.replica) conditions.push(`${expr('replica')} == ${kqlString(target.replica)}`);
  if (target.container) {
    const c = kqlString(target.container);
    conditions.push(containerMayBeEmpty ? `(${expr('container')} == "" or ${expr('container')} == ${c})` : `${expr('container')} == ${c}`);
  }
  return conditions;
}

function timeFilter(window: TimeWindow): string {
  return `| where TimeGenerated between (${kqlDatetime(window.start)} .. ${kqlDatetime(window.end)})`;
}

function leg<F extends string>(
  map: FamilyMap<F>,
  output: Record<F, string>,
  target: Target,
  containerMayBeEmpty: boolean,
): string {
  const expr = (field: F): string => columnExpr(map.columns[field]);
  const lines = [`(${map.table}`, timeFilter(target.window)];
  for (const condition of targetConditions(target, expr as (f: FilterField) => string, containerMayBeEmpty)) {
    lines.push(`| where ${condition}`);
  }
  const projections = ['TimeGenerated'];
  for (const field of Object.keys(output) as F[]) projections.push(`${output[field]} = ${expr(field)}`);
  if (map.count) {
    projections.push(`Count = coalesce(toint(column_ifexists(${kqlString(map.count.column)}, ${map.count.defaultLiteral})), 1)`);
  }
  projections.push(`${FAMILY_COLUMN} = ${kqlString(map.family)}`);
  lines.push(`| project ${projections.join(', ')})`);
  return lines.join('\n    ');
}

/**
 * System events for the target, folded server-side: one row per replica, revision, container, reason and
 * message with how often it was seen and when first and last. The platform's `Count` is a running total
 * (a back-off loop reports 1, 2, 3...), so the fold keeps its maximum next to the number of rows.
 */
export function buildSystemQuery(target: Target, limits: QueryLimits): string {
  const { maxSystemGroups } = resolvedLimits(limits);
  const legs = SYSTEM_FAMILIES.map((m) => leg(m, SYSTEM_OUTPUT, target, true));
  const keys = [...Object.values(SYSTEM_OUTPUT), FAMILY_COLUMN].join(', ');
  return [
    'union isfuzzy=true',
    `    ${legs.join(',\n    ')}`,
    `| summarize Count = max(Count), Rows = count(), FirstSeen = min(TimeGenerated), TimeGenerated = max(TimeGenerated) by ${keys}`,
    `| top ${maxSystemGroups} by TimeGenerated desc`,
  ].join('\n');
}

/**
 * Console lines for the target: the last `consoleLinesPerReplica` lines of each replica before the end
 * of the window (numbered per replica after sorting), then the latest `maxConsoleLines` overall.
 */
export function buildConsoleQuery(target: Target, limits: QueryLimits): string {
  const { consoleLinesPerReplica, maxConsoleLines } = resolvedLimits(limits);
  const legs = CONSOLE_FAMILIES.map((m) => leg(m, CONSOLE_OUTPUT, target, false));
  return [
    'union isfuzzy=true',
    `    ${legs.join(',\n    ')}`,
    '| order by ContainerGroupName asc, TimeGenerated desc',
    '| extend LineRank = row_number(1, prev(ContainerGroupName) != ContainerGroupName)',
    `| where LineRank <= ${consoleLinesPerReplica}`,
    `| top ${maxConsoleLines} by TimeGenerated desc`,
    '| project-away LineRank',
  ].join('\n');
}

export interface EvidenceQueries {
  system: string;
  console: string;
  /** Both in one query (rows tagged by RowKind): used for resource-centric queries and the portal link. */
  combined: string;
  timespan: { startTime: Date; endTime: Date };
}

export function buildEvidenceQueries(target: Target, limits: QueryLimits): EvidenceQueries {
  const system = buildSystemQuery(target, limits);
  const console = buildConsoleQuery(target, limits);
  const combined = [
    `let SystemRows = ${system};`,
    `let ConsoleRows = ${console};`,
    `union (SystemRows | extend ${ROW_KIND_COLUMN} = "system"), (ConsoleRows | extend ${ROW_KIND_COLUMN} = "console")`,
  ].join('\n');
  return { system, console, combined, timespan: { startTime: target.window.start, endTime: target.window.end } };
}

export interface PortalLinkOptions {
  /** Portal origin, e.g. `https://portal.azure.us` for US Government. Default the public portal. */
  portalUrl?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A link that opens a query in the portal's Logs blade over a window. The portal reads the query from
 * the `/q/` path segment as base64 of its gzip. With a workspace (or other) ARM resource id the link is
 * scoped to it; with only a workspace customer id (a GUID) the portal cannot be told the scope, so the
 * link opens the Logs blade unscoped and asks for one.
 *
 * Two forms: `(scope, kql, window)` for any query, and `(evidence, target)` for the query that fetched
 * the evidence (undefined when the evidence did not come from Log Analytics).
 */
export function portalQueryLink(scope: string, kql: string, window: TimeWindow, options?: PortalLinkOptions): string;
export function portalQueryLink(evidence: Evidence, target: Target, options?: PortalLinkOptions): string | undefined;
export function portalQueryLink(
  first: string | Evidence,
  second: string | Target,
  third?: TimeWindow | PortalLinkOptions,
  fourth?: PortalLinkOptions,
): string | undefined {
  if (typeof first !== 'string') {
    const target = second as Target;
    const query = first.query;
    if (!query?.kql) return undefined;
    const scope = query.resourceId ?? target.workspace?.resourceId ?? query.workspaceId ?? target.workspace?.customerId ?? '';
    return buildPortalLink(scope, query.kql, target.window, (third as PortalLinkOptions | undefined) ?? {});
  }
  return buildPortalLink(first, second as string, third as TimeWindow, fourth ?? {});
}

function buildPortalLink(scope: string, kql: string, window: TimeWindow, options: PortalLinkOptions): string {
  const base = (options.portalUrl ?? 'https://portal.azure.com').replace(/(?<!\/)\/+$/, '');
  const q = encodeURIComponent(gzipSync(Buffer.from(kql, 'utf8')).toString('base64'));
  const timespan = encodeURIComponent(`${window.start.toISOString()}/${window.end.toISOString()}`);
  const scopePart = scope.startsWith('/') && !GUID.test(scope) ? `/resourceId/${encodeURIComponent(scope)}` : '';
  return `${base}/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade${scopePart}/source/LogsBlade.AnalyticsShareLinkToQuery/q/${q}/timespan/${timespan}`;
}
