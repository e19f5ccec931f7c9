/**
 * Rows from any source (the evidence queries, either table family, portal CSV, `az` JSON) become
 * `SystemEvent` / `ConsoleLine`. Column names are data below; a row is classified by which columns
 * it carries, never by where it came from.
 */
import type { ConsoleLine, SystemEvent } from '../model';

/** One row as read: column name to value. */
export type LogRow = Record<string, unknown>;

export type RowKind = 'system' | 'console';

/** Candidate column names for each field, first present and non-empty wins. */
export const FIELDS = {
  time: ['TimeGenerated', 'TimeStamp', 'Timestamp', 'time', 'timestamp', '_timestamp_d'],
  firstSeen: ['FirstSeen'],
  reason: ['Reason', 'Reason_s'],
  systemMessage: ['Log', 'Log_s', 'Msg', 'Message', 'message'],
  consoleText: ['Log', 'Log_s', 'Msg', 'Message', 'message', 'log'],
  severity: ['Severity', 'Type_s'],
  eventSource: ['EventSource', 'EventSource_s'],
  app: ['ContainerAppName', 'ContainerAppName_s'],
  job: ['JobName', 'JobName_s', 'ContainerJobName_s'],
  revision: ['RevisionName', 'RevisionName_s'],
  systemReplica: ['ReplicaName', 'ReplicaName_s'],
  consoleReplica: ['ContainerGroupName', 'ContainerGroupName_s', 'ContainerGroupName_g', 'ReplicaName', 'ReplicaName_s'],
  container: ['ContainerName', 'ContainerName_s', 'Container'],
  stream: ['Stream', 'Stream_s'],
  image: ['ContainerImage', 'ContainerImage_s'],
  count: ['Count', 'Count_d'],
  rows: ['Rows'],
  family: ['Family'],
  rowKind: ['RowKind'],
} as const;

/** Columns whose presence marks a row as a system event or a console line. */
export const SYSTEM_MARKERS = ['Reason', 'Reason_s', 'EventSource', 'EventSource_s'];
export const CONSOLE_MARKERS = ['Stream', 'Stream_s', 'ContainerGroupName', 'ContainerGroupName_s', 'ContainerImage', 'ContainerImage_s'];

/** `Type` is the table name in every table but the resource-specific system table. */
export const TABLE_NAME = /^ContainerApp\w*Logs(_CL)?$/;

/** Strip decorations the portal's CSV export adds to headers, e.g. `TimeGenerated [UTC]`. */
export function cleanColumnName(name: string): string {
  const text = name.replace(/^\uFEFF/, '').trimEnd();
  if (!text.endsWith(']')) return text.trim();
  // The first "[" after the previous "]" opens the decoration (a scan, not a regex: a header of many
  // "[" would make /\s*\[[^\]]*\]\s*$/ rescan the rest of the header from each of them).
  const open = text.indexOf('[', text.lastIndexOf(']', text.length - 2) + 1);
  return (open < 0 ? text : text.slice(0, open)).trim();
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function pick(row: LogRow, names: readonly string[]): unknown {
  for (const n of names) if (present(row[n])) return row[n];
  return undefined;
}

function text(row: LogRow, names: readonly string[]): string | undefined {
  const v = pick(row, names);
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Whether the row has any of these columns (an empty value still counts: CSV cells are never null). */
function hasAny(row: LogRow, names: readonly string[]): boolean {
  return names.some((n) => row[n] !== undefined && row[n] !== null);
}

/** Which kind of row this is, or undefined when it carries neither a reason nor a log line. */
export function rowKind(row: LogRow): RowKind | undefined {
  const tagged = row.RowKind;
  if (tagged === 'system' || tagged === 'console') return tagged;
  const system = hasAny(row, SYSTEM_MARKERS);
  const consoleRow = hasAny(row, CONSOLE_MARKERS);
  // A union export over both tables gives every row every column, empty where the row's own table has
  // none: there only a marker with a value tells the two apart.
  if (system && consoleRow) {
    if (SYSTEM_MARKERS.some((n) => present(row[n]))) return 'system';
    if (CONSOLE_MARKERS.some((n) => present(row[n]))) return 'console';
  }
  if (system) return 'system';
  if (consoleRow) return 'console';
  // `az containerapp logs show --type console` prints little more than a time and the line.
  if (hasAny(row, FIELDS.consoleText)) return 'console';
  return undefined;
}

const MONTHS_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\s*(AM|PM)?$/i;
const DAYS_FIRST = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const GO_STYLE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*([+-]\d{2}):?(\d{2})(?:\s+[A-Z]{2,5})?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac?: string): Date | undefined {
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Reject roll-overs such as 31/02, which Date.UTC would quietly accept.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}

/**
 * Parses the time formats seen in real exports, all read as UTC (the portal exports `[UTC]` columns):
 * ISO 8601; Go's `2023-10-06 21:41:33 +0000 UTC` (the log stream); the portal CSV's locale forms
 * `10.9.2022, 11:27:54.389` (day first) and `3/6/2024, 3:58:05.564 PM` (month first); epoch seconds.
 */
export function parseLogTime(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // `_timestamp_d` is epoch seconds with a fraction; anything this large is already milliseconds.
    return new Date(value > 1e11 ? value : value * 1000);
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (!s) return undefined;
  let m = GO_STYLE.exec(s);
  if (m) {
    const iso = `${m[1]}T${m[2]}${m[3]}:${m[4]}`;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  m = MONTHS_FIRST.exec(s);
  if (m) {
    let hour = Number(m[4]);
    const ampm = m[8]?.toUpperCase();
    if (ampm === 'PM' && hour < 12) hour += 12;
    if (ampm === 'AM' && hour === 12) hour = 0;
    return utc(Number(m[3]), Number(m[1]), Number(m[2]), hour, Number(m[5]), Number(m[6]), m[7]);
  }
  m = DAYS_FIRST.exec(s);
  if (m) return utc(Number(m[3]), Number(m[2]), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), m[7]);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    // ISO without a zone is UTC here (Log Analytics never writes local times).
    const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s.replace(' ', 'T')}Z`;
    const d = new Date(withZone);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (/^\d+(\.\d+)?$/.test(s)) return parseLogTime(Number(s));
  return undefined;
}

function toCount(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

function severityOf(row: LogRow): string | undefined {
  const explicit = text(row, FIELDS.severity);
  if (explicit) return explicit;
  const type = text(row, ['Type']);
  return type && !TABLE_NAME.test(type) ? type : undefined;
}

function assign<T extends object>(target: T, key: keyof T, value: string | undefined): void {
  if (value !== undefined && value !== '') (target as Record<keyof T, unknown>)[key] = value;
}

/** One system row to a SystemEvent; undefined when it has no usable time. */
export function toSystemEvent(row: LogRow): SystemEvent | undefined {
  const time = parseLogTime(pick(row, FIELDS.time));
  if (!time) return undefined;
  const event: SystemEvent = {
    time,
    reason: text(row, FIELDS.reason) ?? '',
    message: text(row, FIELDS.systemMessage) ?? '',
    count: Math.max(toCount(pick(row, FIELDS.count)), toCount(pick(row, FIELDS.rows))),
  };
  const firstSeen = parseLogTime(pick(row, FIELDS.firstSeen));
  if (firstSeen && firstSeen.getTime() !== time.getTime()) event.firstSeen = firstSeen;
  assign(event, 'severity', severityOf(row));
  assign(event, 'eventSource', text(row, FIELDS.eventSource));
  assign(event, 'app', text(row, FIELDS.app));
  assign(event, 'job', text(row, FIELDS.job));
  assign(event, 'revision', text(row, FIELDS.revision));
  assign(event, 'replica', text(row, FIELDS.systemReplica));
  assign(event, 'container', text(row, FIELDS.container));
  return event;
}

/** One console row to a ConsoleLine; undefined when it has no usable time. */
export function toConsoleLine(row: LogRow): ConsoleLine | undefined {
  const time = parseLogTime(pick(row, FIELDS.time));
  if (!time) return undefined;
  const line: ConsoleLine = { time, text: text(row, FIELDS.consoleText) ?? '' };
  assign(line, 'stream', text(row, FIELDS.stream));
  assign(line, 'app', text(row, FIELDS.app));
  assign(line, 'job', text(row, FIELDS.job));
  assign(line, 'revision', text(row, FIELDS.revision));
  assign(line, 'replica', text(row, FIELDS.consoleReplica));
  assign(line, 'container', text(row, FIELDS.container));
  assign(line, 'image', text(row, FIELDS.image));
  return line;
}

/** The table family a query row came from, when the query tagged it. */
export function rowFamily(row: LogRow): 'custom-log' | 'resource-specific' | undefined {
  const f = row[FIELDS.family[0]];
  return f === 'custom-log' || f === 'resource-specific' ? f : undefined;
}

export interface NormalizedRows {
  system: SystemEvent[];
  console: ConsoleLine[];
  /** Rows that were neither kind or had no readable time. */
  skipped: number;
}

const byTime = (a: { time: Date }, b: { time: Date }): number => a.time.getTime() - b.time.getTime();

export function sortByTime<T extends { time: Date }>(items: T[]): T[] {
  return items.sort(byTime);
}

/**
 * Normalises a batch of rows, each list sorted oldest first. `kind` forces the reading when the caller
 * knows which query produced the rows; otherwise each row is classified by its columns.
 */
export function normalizeRows(rows: Iterable<LogRow>, kind?: RowKind): NormalizedRows {
  const out: NormalizedRows = { system: [], console: [], skipped: 0 };
  const forced = kind;
  for (const row of rows) {
    const kind = forced ?? rowKind(row);
    const item = kind === 'system' ? toSystemEvent(row) : kind === 'console' ? toConsoleLine(row) : undefined;
    if (!item) out.skipped++;
    else if (kind === 'system') out.system.push(item as SystemEvent);
    else out.console.push(item as ConsoleLine);
  }
  sortByTime(out.system);
  sortByTime(out.console);
  return out;
}

/** Turns a `{columns|columnDescriptors, rows}` table into row objects. */
export function tableToRows(table: { columns?: { name: string }[]; columnDescriptors?: { name: string }[]; rows: unknown[][] }): LogRow[] {
  const columns = (table.columnDescriptors ?? table.columns ?? []).map((c) => cleanColumnName(c.name));
  return table.rows.map((cells) => {
    const row: LogRow = {};
    columns.forEach((name, i) => {
      row[name] = cells[i];
    });
    return row;
  });
}
