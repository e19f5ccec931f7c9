/**
 * A LogSource over exported log files, for the CLI and the demo. Reads, by sniffing the content:
 *  - a Log Analytics query API answer `{tables:[{columns,rows}]}` (or the SDK's `columnDescriptors`),
 *  - a JSON array of row objects (`az monitor log-analytics query` output),
 *  - CSV exported from the portal (header row, quoted fields, doubled quotes, `Column [UTC]` headers),
 *  - JSON lines from `az containerapp logs show --format json` (one object per line; lines with
 *    unescaped inner quotes, as the docs print them, are repaired when possible and counted).
 * Line-oriented formats are streamed: memory stays bounded by the folded system events and a window
 * of the latest console lines per replica, not by the file size.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { LogQueryError } from '../errors';
import type { ConsoleLine, Evidence, EvidenceNote, SystemEvent, Target } from '../model';
import type { FetchEvidenceOptions, LogSource } from './LogSource';
import { cleanColumnName, rowKind, tableToRows, toConsoleLine, toSystemEvent, type LogRow } from './normalize';

export type LogFileFormat = 'query-response' | 'json-array' | 'csv' | 'jsonl';

/** Counters a read fills in as it goes. */
export interface ReadStats {
  format?: LogFileFormat;
  /** Rows produced (after repairs). */
  rows: number;
  /** JSON lines that were not valid JSON but could be repaired. */
  repairedLines: number;
  /** Lines that could not be read at all. */
  skippedLines: number;
}

export interface ReadLogFileOptions {
  signal?: AbortSignal;
  /** Called with the size of each chunk read from disk. */
  onBytes?: (bytes: number) => void;
  /** Filled in while reading. */
  stats?: ReadStats;
}

const SNIFF_BYTES = 64 * 1024;

/** Decides the format from the first bytes of the file (after a BOM, blank and `#` comment lines). */
export async function detectLogFileFormat(path: string): Promise<LogFileFormat> {
  const handle = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  return sniff(head);
}

export function sniff(head: string): LogFileFormat {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))?.trim() ?? '';
  if (first.startsWith('[')) return 'json-array';
  if (first.startsWith('{')) {
    if (first.length > 1 && first.endsWith('}')) {
      try {
        const parsed = JSON.parse(first) as Record<string, unknown>;
        return 'tables' in parsed ? 'query-response' : 'jsonl';
      } catch {
        // A one-line object that does not parse is a broken JSON line, not a pretty-printed document.
        return 'jsonl';
      }
    }
    return 'query-response';
  }
  return 'csv';
}

/** Reads one file as rows, whatever its format. Line-oriented formats are streamed. */
export async function* readLogFile(path: string, options: ReadLogFileOptions = {}): AsyncGenerator<LogRow> {
  const stats = options.stats ?? { rows: 0, repairedLines: 0, skippedLines: 0 };
  const format = await detectLogFileFormat(path);
  stats.format = format;
  if (format === 'jsonl') yield* readJsonLines(path, options, stats);
  else if (format === 'csv') yield* readCsv(path, options, stats);
  else yield* readJsonDocument(path, format, options, stats);
}

async function* readJsonDocument(
  path: string,
  format: LogFileFormat,
  options: ReadLogFileOptions,
  stats: ReadStats,
): AsyncGenerator<LogRow> {
  // Whole-document JSON cannot be streamed without a streaming parser; these exports are small (the
  // query API caps answers at ~100 MB) and the CLI documents the limit.
  const text = await readFile(path, { encoding: 'utf8', signal: options.signal });
  options.onBytes?.(Buffer.byteLength(text));
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new LogQueryError(`The log file ${path} looks like JSON but does not parse.`, { cause, context: { path } });
  }
  const rows: LogRow[] = [];
  if (Array.isArray(doc)) {
    for (const item of doc) if (item && typeof item === 'object' && !Array.isArray(item)) rows.push(cleanKeys(item as LogRow));
  } else if (doc && typeof doc === 'object') {
    const tables = (doc as { tables?: unknown }).tables;
    if (!Array.isArray(tables)) {
      throw new LogQueryError(`The log file ${path} is JSON but neither a query answer ({tables}) nor an array of rows.`, {
        context: { path, format },
      });
    }
    for (const table of tables as { rows?: unknown[][] }[]) {
      if (Array.isArray(table?.rows)) rows.push(...tableToRows(table as Parameters<typeof tableToRows>[0]));
    }
  }
  for (const row of rows) {
    stats.rows++;
    yield row;
  }
}

function cleanKeys(row: LogRow): LogRow {
  const out: LogRow = {};
  for (const [k, v] of Object.entries(row)) out[cleanColumnName(k)] = v;
  return out;
}

function openStream(path: string, options: ReadLogFileOptions): NodeJS.ReadableStream {
  const stream = createReadStream(path, { signal: options.signal, highWaterMark: 256 * 1024 });
  if (options.onBytes) stream.on('data', (chunk: Buffer | string) => options.onBytes?.(Buffer.byteLength(chunk)));
  return stream;
}

async function* readJsonLines(path: string, options: ReadLogFileOptions, stats: ReadStats): AsyncGenerator<LogRow> {
  const lines = createInterface({ input: openStream(path, options), crlfDelay: Infinity });
  let firstLine = true;
  for await (const raw of lines) {
    const line = firstLine ? raw.replace(/^\uFEFF/, '').trim() : raw.trim();
    firstLine = false;
    if (line === '' || line.startsWith('#')) continue;
    let row: LogRow | undefined;
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) row = parsed as LogRow;
    } catch {
      row = repairJsonLine(line);
      if (row) stats.repairedLines++;
    }
    if (!row) {
      stats.skippedLines++;
      continue;
    }
    stats.rows++;
    yield row;
  }
}

/**
 * One `"Key":value` pair of a flat JSON object; a string value runs lazily up to the next `,"Key":` or
 * the closing brace, so quotes inside it need not be escaped.
 */
const PAIR = /"([A-Za-z_][A-Za-z0-9_]*)":(null|true|false|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(.*?)")(?=,"[A-Za-z_][A-Za-z0-9_]*":|\s*\}\s*$)/g;

/**
 * Rebuilds a flat JSON object whose string values contain unescaped double quotes, e.g.
 * `{"Msg":"Pulling image "x/y:1"","Reason":"PullingImage"}`. Returns undefined when the line is not
 * a flat object made only of such pairs.
 */
export function repairJsonLine(line: string): LogRow | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  const row: LogRow = {};
  let expected = 1;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(trimmed); m; m = PAIR.exec(trimmed)) {
    if (m.index !== expected) return undefined;
    const [whole, key, literal, inner] = m;
    if (inner !== undefined) {
      try {
        row[key] = JSON.parse(`"${inner.replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"')}"`) as string;
      } catch {
        return undefined;
      }
    } else {
      row[key] = JSON.parse(literal) as unknown;
    }
    expected = m.index + whole.length + 1; // skip the comma
  }
  // Every character up to the closing brace must have been consumed by pairs.
  return expected - 1 === trimmed.length - 1 && Object.keys(row).length > 0 ? row : undefined;
}

/** Streams CSV records (RFC 4180: quoted fields may hold commas, newlines and doubled quotes). */
async function* readCsvRecords(path: string, options: ReadLogFileOptions, stats: ReadStats): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let quotePending = false; // saw a quote inside a quoted field: either an escape or the closing quote
  let atStart = true;
  const finishRecord = (): string[] | undefined => {
    record.push(field);
    field = '';
    const done = record;
    record = [];
    return done.length === 1 && done[0] === '' ? undefined : done;
  };
  for await (const chunk of openStream(path, options)) {
    let text = decoder.write(chunk as Buffer);
    if (atStart) {
      text = text.replace(/^\uFEFF/, '');
      atStart = false;
    }
    const out: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // that quote closed the field; fall through to read `ch` unquoted
        } else if (ch === '"') {
          quotePending = true;
          continue;
        } else {
          field += ch;
          continue;
        }
      }
      if (ch === '"' && field === '') inQuotes = true;
      else if (ch === ',') {
        record.push(field);
        field = '';
      } else if (ch === '\n') {
        const done = finishRecord();
        if (done) out.push(done);
      } else if (ch !== '\r') field += ch;
    }
    for (const r of out) yield r;
  }
  const tail = decoder.end();
  if (tail) field += tail;
  if (inQuotes && !quotePending) stats.skippedLines++; // an unterminated quoted field at the end
  const last = finishRecord();
  if (last) yield last;
}

async function* readCsv(path: string, options: ReadLogFileOptions, stats: ReadStats): AsyncGenerator<LogRow> {
  let header: string[] | undefined;
  for await (const record of readCsvRecords(path, options, stats)) {
    if (!header) {
      header = record.map(cleanColumnName);
      continue;
    }
    if (record.length !== header.length) {
      stats.skippedLines++;
      continue;
    }
    const row: LogRow = {};
    header.forEach((name, i) => {
      row[name] = record[i];
    });
    stats.rows++;
    yield row;
  }
}

export interface FileLogSourceOptions {
  /** Console lines kept per replica (the latest before the end of the window). Default 200. */
  consoleLinesPerReplica?: number;
  /** Distinct folded system events kept (the latest). Default 500. */
  maxSystemGroups?: number;
  /** Console lines kept across all replicas (the latest). Default 20 x consoleLinesPerReplica, at most 5000. */
  maxConsoleLines?: number;
  /** Reports progress over all files, in bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Events the log stream writes about its own connection, not about the app. */
const STREAM_NOISE_REASONS: ReadonlySet<string> = new Set(['StartingGettingEvents', 'ConnectedToEventsServer']);

/** Whether a normalised row belongs to the target, like the KQL filters; unknown fields never exclude. */
function matchesTarget(item: SystemEvent | ConsoleLine, target: Target, kind: 'system' | 'console'): boolean {
  const t = item.time.getTime();
  if (t < target.window.start.getTime() || t > target.window.end.getTime()) return false;
  const differs = (value: string | undefined, wanted: string | undefined): boolean =>
    wanted !== undefined && value !== undefined && value !== wanted;
  if (target.kind === 'containerApp' && differs(item.app, target.name)) return false;
  if (target.kind === 'job') {
    if (target.jobExecution) {
      const ofExecution = item.replica?.startsWith(`${target.jobExecution}-`) || item.job === target.jobExecution;
      if (!ofExecution && (item.replica !== undefined || item.job !== undefined)) return false;
    } else if ((item.job ?? item.app) !== undefined && item.job !== target.name && item.app !== target.name) {
      return false;
    }
  }
  if (differs(item.revision, target.revision)) return false;
  if (differs(item.replica, target.replica)) return false;
  // Replica-level system events often carry no container; a named container never hides them.
  if (differs(item.container, target.container)) return false;
  return kind === 'console' || !STREAM_NOISE_REASONS.has((item as SystemEvent).reason);
}

interface SystemGroup {
  event: SystemEvent;
  rows: number;
  maxCount: number;
}

/** "1 row", "3 rows": counts in notes read as English. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Keeps the latest `limit` lines by time, in memory at most 2 x limit, whatever the input order. */
class LatestLines {
  private lines: ConsoleLine[] = [];
  constructor(private readonly limit: number) {}
  push(line: ConsoleLine): void {
    this.lines.push(line);
    if (this.lines.length >= this.limit * 2) this.trim();
  }
  private trim(): void {
    this.lines.sort((a, b) => a.time.getTime() - b.time.getTime());
    this.lines = this.lines.slice(-this.limit);
  }
  take(): ConsoleLine[] {
    this.trim();
    return this.lines;
  }
}

export function createFileLogSource(paths: string[], options: FileLogSourceOptions = {}): LogSource {
  const perReplica = Math.max(1, options.consoleLinesPerReplica ?? 200);
  const maxSystemGroups = Math.max(1, options.maxSystemGroups ?? 500);
  const maxConsoleLines = Math.max(1, options.maxConsoleLines ?? Math.min(5000, perReplica * 20));
  return {
    description: paths.length === 1 ? `log file ${paths[0]}` : `${paths.length} log files`,
    async fetchEvidence(target: Target, fetchOptions: FetchEvidenceOptions = {}): Promise<Evidence> {
      const { signal } = fetchOptions;
      const sizes = await Promise.all(paths.map(async (p) => (await stat(p)).size));
      const totalBytes = sizes.reduce((a, b) => a + b, 0);
      let bytesRead = 0;
      const onBytes = (n: number): void => {
        bytesRead += n;
        options.onProgress?.(Math.min(bytesRead, totalBytes), totalBytes);
      };
      const groups = new Map<string, SystemGroup>();
      const consoleByReplica = new Map<string, LatestLines>();
      const totals = { rows: 0, repairedLines: 0, skippedLines: 0, unreadable: 0, outside: 0, pruned: 0 };

      for (const path of paths) {
        const stats: ReadStats = { rows: 0, repairedLines: 0, skippedLines: 0 };
        try {
          for await (const row of readLogFile(path, { signal, onBytes, stats })) {
            const kind = rowKind(row);
            const item = kind === 'system' ? toSystemEvent(row) : kind === 'console' ? toConsoleLine(row) : undefined;
            if (!kind || !item) {
              totals.unreadable++;
              continue;
            }
            if (!matchesTarget(item, target, kind)) {
              totals.outside++;
              continue;
            }
            if (kind === 'system') {
              foldSystem(groups, item as SystemEvent);
              // Messages that embed addresses or ids can make every row distinct: keep memory bounded.
              if (groups.size > maxSystemGroups * 4) totals.pruned += pruneGroups(groups, maxSystemGroups * 2);
            } else {
              const key = (item as ConsoleLine).replica ?? '';
              let buffer = consoleByReplica.get(key);
              if (!buffer) consoleByReplica.set(key, (buffer = new LatestLines(perReplica)));
              buffer.push(item as ConsoleLine);
            }
          }
        } catch (err) {
          if (err instanceof LogQueryError) throw err;
          if (signal?.aborted) {
            throw new LogQueryError('Reading the log files was cancelled.', { cause: err, context: { aborted: true, path } });
          }
          throw new LogQueryError(`The log file ${path} could not be read.`, { cause: err, context: { path } });
        }
        totals.rows += stats.rows;
        totals.repairedLines += stats.repairedLines;
        totals.skippedLines += stats.skippedLines;
      }

      const byTime = (a: { time: Date }, b: { time: Date }): number => a.time.getTime() - b.time.getTime();
      let system = [...groups.values()]
        .map((g) => {
          const event: SystemEvent = { ...g.event, count: Math.max(g.rows, g.maxCount) };
          if (event.firstSeen && event.firstSeen.getTime() === event.time.getTime()) delete event.firstSeen;
          return event;
        })
        .sort(byTime);
      let consoleLines = [...consoleByReplica.values()].flatMap((b) => b.take()).sort(byTime);
      const notes: EvidenceNote[] = [];
      if (system.length > maxSystemGroups || totals.pruned > 0) {
        const seen = system.length + totals.pruned;
        notes.push({ kind: 'result-cap', message: `Only the latest ${maxSystemGroups} of ${seen} distinct system events were kept.` });
        system = system.slice(-maxSystemGroups);
      }
      if (consoleLines.length > maxConsoleLines) {
        notes.push({ kind: 'result-cap', message: `Only the latest ${maxConsoleLines} of ${consoleLines.length} console lines were kept.` });
        consoleLines = consoleLines.slice(-maxConsoleLines);
      }
      if (totals.repairedLines > 0) {
        notes.push({ kind: 'info', message: `${counted(totals.repairedLines, 'JSON line')} had unescaped quotes and ${totals.repairedLines === 1 ? 'was' : 'were'} repaired.` });
      }
      if (totals.skippedLines > 0) {
        notes.push({ kind: 'source-error', message: `${counted(totals.skippedLines, 'line')} in the log files could not be read and ${totals.skippedLines === 1 ? 'was' : 'were'} skipped.` });
      }
      notes.push({
        kind: 'info',
        message:
          `Read ${counted(totals.rows, 'row')} from ${counted(paths.length, 'file')}; kept ${counted(system.length, 'system event')} and ` +
          `${counted(consoleLines.length, 'console line')} for ${target.name} (${counted(totals.outside, 'row')} ${totals.outside === 1 ? 'was' : 'were'} ` +
          `for other targets or outside the window${totals.unreadable ? `, ${totals.unreadable} had no usable time or kind` : ''}).`,
      });
      return { system, console: consoleLines, notes, tableFamily: 'file' };
    },
  };
}

/** Drops the groups seen longest ago, keeping `keep`; returns how many were dropped. */
function pruneGroups(groups: Map<string, SystemGroup>, keep: number): number {
  const ordered = [...groups.entries()].sort((a, b) => b[1].event.time.getTime() - a[1].event.time.getTime());
  for (const [key] of ordered.slice(keep)) groups.delete(key);
  return Math.max(0, ordered.length - keep);
}

/** Folds identical events (same place, reason and message) the way the system query does server-side. */
function foldSystem(groups: Map<string, SystemGroup>, event: SystemEvent): void {
  const key = [event.app, event.job, event.revision, event.replica, event.container, event.reason, event.message].join('\u0000');
  const group = groups.get(key);
  if (!group) {
    groups.set(key, { event: { ...event, firstSeen: event.firstSeen ?? event.time }, rows: 1, maxCount: event.count });
    return;
  }
  group.rows++;
  group.maxCount = Math.max(group.maxCount, event.count);
  const first = event.firstSeen ?? event.time;
  if (first < (group.event.firstSeen ?? group.event.time)) group.event.firstSeen = first;
  if (event.time > group.event.time) {
    group.event.time = event.time;
    if (event.severity) group.event.severity = event.severity;
  }
}
