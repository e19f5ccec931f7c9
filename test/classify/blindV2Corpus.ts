import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig, Category, Target } from '../../src/model';
import { normalizeRows, type LogRow } from '../../src/logs/normalize';
import { caseTarget, type CorpusCase } from './corpus';

/**
 * The second blind corpus (test/fixtures/classifier-blind-v2): written by authors who had not read the
 * rules, every line with its public source. Unlike the older corpora, each case names the table family
 * it came from, and its rows are turned into that family's real columns and read back through the
 * app's own normaliser, so the corpus exercises both families the way Log Analytics delivers them.
 */
export const BLIND_V2 = path.join(__dirname, '..', 'fixtures', 'classifier-blind-v2');

type Family = 'custom' | 'resource';

interface RawRow {
  at: number;
  reason?: string;
  message?: string;
  text?: string;
  stream?: string;
  replica?: string;
  revision?: string;
  container?: string;
  image?: string;
  count?: number;
  source?: string;
}

export interface BlindV2Expect {
  category: Category;
  names?: Record<string, string>;
  exitCode?: number;
  benign?: boolean;
  state?: string;
  fix?: string;
}

interface RawCase {
  name: string;
  sources?: string[];
  tableFamily?: Family;
  start: string;
  target?: { name: string; kind?: Target['kind'] };
  system?: RawRow[];
  console?: RawRow[];
  config?: AppConfig;
  expect: BlindV2Expect;
}

export interface BlindV2Case extends CorpusCase {
  family: Family;
  sources: string[];
  expect: BlindV2Expect;
}

/** Column names of each family: the `_CL` tables suffix by type, the resource-specific ones do not. */
const COLUMNS: Record<Family, Record<string, string>> = {
  custom: {
    reason: 'Reason_s', log: 'Log_s', app: 'ContainerAppName_s', job: 'JobName_s', revision: 'RevisionName_s',
    systemReplica: 'ReplicaName_s', consoleReplica: 'ContainerGroupName_s', container: 'ContainerName_s',
    count: 'Count_d', stream: 'Stream_s', image: 'ContainerImage_s',
  },
  resource: {
    reason: 'Reason', log: 'Log', app: 'ContainerAppName', job: 'JobName', revision: 'RevisionName',
    systemReplica: 'ReplicaName', consoleReplica: 'ContainerGroupName', container: 'ContainerName',
    count: 'Count', stream: 'Stream', image: 'ContainerImage',
  },
};

function put(row: LogRow, column: string, value: unknown): void {
  if (value !== undefined && value !== '') row[column] = value;
}

function systemRow(family: Family, owner: string, isJob: boolean, time: Date, r: RawRow): LogRow {
  const c = COLUMNS[family];
  const row: LogRow = { TimeGenerated: time.toISOString() };
  row.Type = family === 'custom' ? 'ContainerAppSystemLogs_CL' : 'Normal';
  put(row, c.reason, r.reason ?? '');
  put(row, c.log, r.message ?? '');
  put(row, isJob ? c.job : c.app, owner);
  put(row, c.revision, r.revision);
  put(row, c.systemReplica, r.replica);
  put(row, c.container, r.container);
  put(row, c.count, r.count ?? 1);
  return row;
}

function consoleRow(family: Family, owner: string, isJob: boolean, time: Date, r: RawRow): LogRow {
  const c = COLUMNS[family];
  const row: LogRow = { TimeGenerated: time.toISOString() };
  row.Type = family === 'custom' ? 'ContainerAppConsoleLogs_CL' : 'ContainerAppConsoleLogs';
  put(row, c.log, r.text ?? '');
  put(row, c.stream, r.stream ?? 'stdout');
  put(row, isJob ? c.job : c.app, owner);
  put(row, c.revision, r.revision);
  put(row, c.consoleReplica, r.replica);
  put(row, c.container, r.container);
  put(row, c.image, r.image);
  return row;
}

/**
 * The corpus specification named the change kinds but not their value fields: some authors wrote a
 * change's values as `from`/`to`, the configuration reader writes `before`/`after`. Read both.
 */
function withChangeValues(config: AppConfig | undefined): AppConfig | undefined {
  const changes = config?.changesSinceHealthy?.changes;
  if (!config?.changesSinceHealthy || !Array.isArray(changes)) return config;
  const spelled = changes.map((ch) => {
    const raw = ch as typeof ch & { from?: unknown; to?: unknown };
    return { ...raw, before: raw.before ?? raw.from, after: raw.after ?? raw.to } as typeof ch;
  });
  return { ...config, changesSinceHealthy: { ...config.changesSinceHealthy, changes: spelled } };
}

function toCase(c: RawCase, file: string, unitMs: number): BlindV2Case {
  const family: Family = c.tableFamily === 'resource' ? 'resource' : 'custom';
  const t0 = Date.parse(c.start);
  const at = (row: RawRow): Date => new Date(t0 + Math.round(row.at * unitMs));
  const name = c.target?.name ?? 'app';
  const isJob = c.target?.kind === 'job';
  const system = normalizeRows((c.system ?? []).map((r) => systemRow(family, name, isJob, at(r), r)), 'system').system;
  const consoleRows = normalizeRows((c.console ?? []).map((r) => consoleRow(family, name, isJob, at(r), r)), 'console').console;
  const target = caseTarget(c.target, t0);
  return {
    name: c.name,
    file,
    family,
    sources: c.sources ?? [],
    input: { system, console: consoleRows, config: withChangeValues(c.config), target },
    expect: c.expect,
  };
}

/**
 * The unit of the rows' `at` offsets: seconds unless the folder's `at-unit.txt` says `minutes` (the
 * third corpus's specification asked its authors for minutes).
 */
function unitOf(folder: string): number {
  const file = path.join(folder, 'at-unit.txt');
  return fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === 'minutes' ? 60_000 : 1000;
}

/** Every case of every `*.json` file in the folder, in file order. */
export function loadBlindV2(folder: string = BLIND_V2): BlindV2Case[] {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  const unitMs = unitOf(folder);
  return files.flatMap((file) =>
    (JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as RawCase[]).map((c) => toCase(c, file, unitMs)),
  );
}
