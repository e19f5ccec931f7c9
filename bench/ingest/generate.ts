/**
 * Seeded log exports for the ingestion benchmark and the before/after test: the same seed gives the
 * same file, byte for byte. One writer per format, each with the real column set of its table family:
 *  - portal CSV of ContainerAppConsoleLogs_CL (BOM, CRLF, `[UTC]` header, en-US times, quoted
 *    multi-line `Log_s`), newest first as the portal sorts;
 *  - a Log Analytics query API answer with the resource-specific tables (system + console), newest first;
 *  - `az monitor log-analytics query` JSON (pretty-printed array) of a union over the `_CL` tables;
 *  - `az containerapp logs show --format json` lines, oldest first as the stream prints them.
 * Rows belong to several apps and revisions and span two hours around the alert's 15-minute window
 * (samples/alert.json: orders-api, revision orders-api--v7x2k1p, 09:16 to 09:31 on 2026-11-24), so most
 * rows cannot matter. 1% of console lines are failure lines from the classifier corpora.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { ordinaryLine } from '../classifier/corpus';
import { int, pick, seededRandom } from '../lib/rng';

export type ExportFormat = 'csv' | 'query-response' | 'json-array' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'query-response', 'json-array', 'jsonl'];
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', 'query-response': 'json', 'json-array': 'json', jsonl: 'jsonl' };

const TARGET_APP = 'orders-api';
const TARGET_REVISION = 'orders-api--v7x2k1p';
const FROM = Date.parse('2026-11-24T08:20:00Z');
const SPAN_MS = 2 * 3600_000;
const CRASH_AT = Date.parse('2026-11-24T09:24:00Z');
const TENANT = '7d2c1b4e-0000-4000-8000-00000000a001';
const ENVIRONMENT = 'prod-env';
const RESOURCE = '/subscriptions/3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15/resourcegroups/rg-apps/providers/microsoft.app/containerapps/';

interface Place {
  app: string;
  revision: string;
  replica: string;
  image: string;
}

/** Two revisions of the target (the alert names one) and four other apps, three replicas each. */
function places(): Place[] {
  const apps: [string, string][] = [
    [TARGET_APP, TARGET_REVISION],
    [TARGET_APP, 'orders-api--v6h1m0a'],
    ['billing-worker', 'billing-worker--r2b7k'],
    ['web-frontend', 'web-frontend--1e1cb94'],
    ['payments-api', 'payments-api--p9x2d4'],
    ['notifications', 'notifications--n0q8s1'],
  ];
  return apps.flatMap(([app, revision], a) =>
    [0, 1, 2].map((r) => ({ app, revision, replica: `${revision}-6d9c7f5b${a}-r${r}x${a}q`, image: `contoso.azurecr.io/${app}:1.${a}.${r}` })),
  );
}

let failurePool: string[] | undefined;
/** Every console line of the classifier corpora (test/fixtures/classifier/corpus-*.json). */
export function failureLines(root: string): string[] {
  if (failurePool) return failurePool;
  const dir = join(root, 'test', 'fixtures', 'classifier');
  const lines: string[] = [];
  for (const name of readdirSync(dir).filter((n) => /^corpus-.*\.json$/.test(n)).sort()) {
    const cases = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { console?: { text: string }[] }[];
    for (const c of cases) for (const l of c.console ?? []) if (l.text.trim()) lines.push(l.text);
  }
  return (failurePool = lines);
}

interface Row {
  kind: 'system' | 'console';
  time: number;
  place: Place;
  text: string;
  stream: string;
  reason: string;
  severity: string;
  count: number;
}

/** The crash the alert is about: exits and back-offs of one target replica, with its last words. */
function crashRows(all: Place[]): Row[] {
  const place = all[0];
  const base = { place, stream: 'stderr', count: 1, severity: 'Warning' };
  const rows: Row[] = [];
  for (let i = 0; i < 4; i++) {
    const t = CRASH_AT + i * 40_000;
    rows.push({ ...base, kind: 'console', time: t - 1500, text: 'Traceback (most recent call last):', reason: '' });
    rows.push({ ...base, kind: 'console', time: t - 1400, text: '  File "/app/main.py", line 8, in <module>', reason: '' });
    rows.push({ ...base, kind: 'console', time: t - 1300, text: "KeyError: 'DATABASE_URL'", reason: '' });
    rows.push({ ...base, kind: 'system', time: t, text: `Container '${TARGET_APP}' was terminated with exit code '1'`, reason: 'ContainerTerminated' });
    rows.push({ ...base, kind: 'system', time: t + 20_000, text: 'Persistent Failiure to start container', reason: 'ContainerBackOff', count: i + 1 });
  }
  return rows;
}

const SYSTEM_EVENTS: [string, string, string][] = [
  ['ReplicaScheduled', "Replica '{r}' has been scheduled to run on a node.", 'Normal'],
  ['PullingImage', 'Pulling image "{i}"', 'Normal'],
  ['ContainerCreated', "Created container '{a}'", 'Normal'],
  ['ContainerStarted', "Started container '{a}'", 'Normal'],
  ['ProbeFailed', 'Probe of StartUp failed with status code: 1', 'Warning'],
];

function randomRow(random: () => number, all: Place[], failures: string[], systemShare: number): Row {
  const place = pick(random, all);
  const time = FROM + Math.floor(random() * SPAN_MS);
  if (random() < systemShare) {
    const [reason, template, severity] = pick(random, SYSTEM_EVENTS);
    const text = template.replace('{r}', place.replica).replace('{i}', place.image).replace('{a}', place.app);
    return { kind: 'system', time, place, text, reason, severity, count: 1, stream: '' };
  }
  const failure = random() < 0.01;
  let text = failure ? pick(random, failures) : ordinaryLine(random);
  // Now and then a multi-line entry (a stack trace kept in one row), with quotes and commas.
  if (!failure && random() < 0.002) text = `${text}\n    at "handler", line ${int(random, 1, 99)}\n    at main()`;
  return { kind: 'console', time, place, text, reason: '', severity: '', count: 1, stream: failure || random() < 0.05 ? 'stderr' : 'stdout' };
}

/** `rows` rows in the order the format's source writes them (crash rows included in the count). */
function* generateRows(rows: number, seed: number, root: string, systemShare: number, order: 'asc' | 'desc'): Generator<Row[]> {
  const random = seededRandom(seed);
  const all = places();
  const failures = failureLines(root);
  const crash = crashRows(all);
  // Rows are produced in blocks of ascending time slices so the whole file is ordered without sorting it.
  const blocks = 200;
  const perBlock = Math.ceil((rows - crash.length) / blocks);
  let made = 0;
  const order_ = order === 'asc' ? [...Array(blocks).keys()] : [...Array(blocks).keys()].reverse();
  for (const b of order_) {
    const lo = FROM + (b * SPAN_MS) / blocks;
    const hi = FROM + ((b + 1) * SPAN_MS) / blocks;
    const n = Math.min(perBlock, rows - crash.length - made);
    const block: Row[] = [];
    for (let i = 0; i < n; i++) {
      const row = randomRow(random, all, failures, systemShare);
      row.time = lo + Math.floor(random() * (hi - lo));
      block.push(row);
    }
    made += n;
    for (const c of crash) if (c.time >= lo && c.time < hi) block.push(c);
    block.sort((x, y) => (order === 'asc' ? x.time - y.time : y.time - x.time));
    yield block;
  }
}

/** en-US as the portal formats `[UTC]` times: `11/24/2026, 9:16:05.123 AM`. */
function usTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${h < 12 ? 'AM' : 'PM'}`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const CSV_COLUMNS = [
  'TenantId', 'SourceSystem', 'MG', 'ManagementGroupName', 'TimeGenerated [UTC]', 'Computer', 'RawData', 'ContainerAppName_s',
  'ContainerGroupId_g', 'ContainerGroupName_s', 'ContainerId_s', 'ContainerImage_s', 'ContainerName_s', 'EnvironmentName_s',
  'Log_s', 'RevisionName_s', 'Stream_s', '_timestamp_d', 'Type', '_ResourceId',
];

function csvRow(r: Row, random: () => number): string {
  const id = (n: number) => Math.floor(random() * 16 ** n).toString(16).padStart(n, '0');
  const cells = [
    TENANT, 'RestAPI', '', '', usTime(r.time), '', '', r.place.app, `${id(8)}-0000-4000-8000-${id(12)}`, r.place.replica, `containerd://${id(16)}`,
    r.place.image, r.place.app, ENVIRONMENT, r.text, r.place.revision, r.stream, (r.time / 1000).toFixed(3), 'ContainerAppConsoleLogs_CL', RESOURCE + r.place.app,
  ];
  return cells.map(csvCell).join(',');
}

const RS_SYSTEM = ['TenantId', 'TimeGenerated', 'ContainerAppName', 'EnvironmentName', 'RevisionName', 'ReplicaName', 'ContainerName', 'Reason', 'Log', 'EventSource', 'Type', 'Count', 'JobName', 'ExecutionName', 'SourceSystem', '_ResourceId'];
const RS_CONSOLE = ['TenantId', 'TimeGenerated', 'ContainerAppName', 'ContainerGroupId', 'ContainerGroupName', 'ContainerId', 'ContainerImage', 'ContainerName', 'EnvironmentName', 'Log', 'RevisionName', 'Stream', 'JobName', 'ExecutionName', 'SourceSystem', 'Type', '_ResourceId'];

function rsSystemCells(r: Row): unknown[] {
  return [TENANT, new Date(r.time).toISOString(), r.place.app, ENVIRONMENT, r.place.revision, r.place.replica, r.place.app, r.reason, r.text, 'ContainerAppController', r.severity, r.count, '', '', 'Azure', RESOURCE + r.place.app];
}

function rsConsoleCells(r: Row): unknown[] {
  return [TENANT, `${new Date(r.time).toISOString().slice(0, -1)}0000Z`, r.place.app, 'c0ffee00-0000-4000-8000-000000000001', r.place.replica, 'containerd://0a1b2c3d', r.place.image, r.place.app, ENVIRONMENT, r.text, r.place.revision, r.stream, '', '', 'Azure', 'ContainerAppConsoleLogs', RESOURCE + r.place.app];
}

/** A union over both `_CL` tables as `az monitor log-analytics query` prints it: keys sorted, absent as "". */
function azUnionRow(r: Row): Record<string, unknown> {
  const system = r.kind === 'system';
  const row: Record<string, unknown> = {
    ContainerAppName_s: r.place.app,
    ContainerGroupName_s: system ? '' : r.place.replica,
    ContainerImage_s: system ? '' : r.place.image,
    ContainerName_s: r.place.app,
    Count_d: system ? String(r.count) : '',
    EnvironmentName_s: ENVIRONMENT,
    EventSource_s: system ? 'ContainerAppController' : '',
    Log_s: r.text,
    Reason_s: system ? r.reason : '',
    ReplicaName_s: system ? r.place.replica : '',
    RevisionName_s: r.place.revision,
    Stream_s: system ? '' : r.stream,
    TableName: 'PrimaryResult',
    TenantId: TENANT,
    TimeGenerated: new Date(r.time).toISOString(),
    Type: system ? 'ContainerAppSystemLogs_CL' : 'ContainerAppConsoleLogs_CL',
    Type_s: system ? r.severity : '',
    _ResourceId: RESOURCE + r.place.app,
  };
  // A union's column set is the same on every row; only the `RowKind`-like markers tell them apart.
  return row;
}

function logsShowLine(r: Row): string {
  if (r.kind === 'system') {
    return JSON.stringify({
      TimeStamp: `${new Date(r.time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} +0000 UTC`,
      Type: r.severity, ContainerAppName: r.place.app, RevisionName: r.place.revision, ReplicaName: r.place.replica,
      Msg: r.text, Reason: r.reason, EventSource: 'ContainerAppController', Count: r.count,
    });
  }
  return JSON.stringify({ TimeStamp: new Date(r.time).toISOString(), ContainerAppName: r.place.app, RevisionName: r.place.revision, ReplicaName: r.place.replica, Log: r.text });
}

async function writeAll(path: string, parts: AsyncIterable<string> | Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for await (const part of parts) {
    bytes += Buffer.byteLength(part);
    if (!out.write(part)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

function* csvParts(rows: number, seed: number, root: string): Generator<string> {
  const random = seededRandom(seed + 1);
  yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  for (const block of generateRows(rows, seed, root, 0, 'desc')) {
    yield block.filter((r) => r.kind === 'console').map((r) => `${csvRow(r, random)}\r\n`).join('');
  }
}

/** A query answer holds its tables one after the other: system rows are buffered (2%), console streamed. */
function* queryResponseParts(rows: number, seed: number, root: string): Generator<string> {
  const system: string[] = [];
  const columns = (names: string[]) => JSON.stringify(names.map((name) => ({ name, type: name === 'Count' ? 'int' : name === 'TimeGenerated' ? 'datetime' : 'string' })));
  yield `{"tables":[{"name":"PrimaryResult","columns":${columns(RS_CONSOLE)},"rows":[`;
  let first = true;
  for (const block of generateRows(rows, seed, root, 0.02, 'desc')) {
    const consoleRows: string[] = [];
    for (const r of block) {
      if (r.kind === 'system') system.push(JSON.stringify(rsSystemCells(r)));
      else consoleRows.push(JSON.stringify(rsConsoleCells(r)));
    }
    if (consoleRows.length) {
      yield (first ? '' : ',') + consoleRows.join(',');
      first = false;
    }
  }
  yield `]},{"name":"Table_1","columns":${columns(RS_SYSTEM)},"rows":[${system.join(',')}]}]}`;
}

function* jsonArrayParts(rows: number, seed: number, root: string): Generator<string> {
  yield '[\n';
  let first = true;
  for (const block of generateRows(rows, seed, root, 0.02, 'desc')) {
    if (block.length === 0) continue;
    const text = block.map((r) => JSON.stringify(azUnionRow(r), null, 2).replace(/^/gm, '  ')).join(',\n');
    yield (first ? '' : ',\n') + text;
    first = false;
  }
  yield '\n]\n';
}

function* jsonLinesParts(rows: number, seed: number, root: string): Generator<string> {
  for (const block of generateRows(rows, seed, root, 0.02, 'asc')) yield block.map((r) => `${logsShowLine(r)}\n`).join('');
}

/** Writes a `rows`-row export in `format` to `path`; returns its size in bytes. */
export function writeExport(format: ExportFormat, path: string, rows: number, root: string, seed = 16): Promise<number> {
  const parts = { csv: csvParts, 'query-response': queryResponseParts, 'json-array': jsonArrayParts, jsonl: jsonLinesParts }[format];
  return writeAll(path, parts(rows, seed, root));
}
