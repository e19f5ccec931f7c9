/**
 * A LogSource over exported log files, for the CLI and the demo. Reads, by sniffing the content:
 *  - a Log Analytics query API answer `{tables:[{columns,rows}]}` (or the SDK's `columnDescriptors`),
 *  - a JSON array of row objects (`az monitor log-analytics query` output),
 *  - CSV exported from the portal (header row, quoted fields, doubled quotes, `Column [UTC]` headers),
 *  - JSON lines from `az containerapp logs show --format json` (one object per line; lines with
 *    unescaped inner quotes, as the docs print them, are repaired when possible and counted).
 * Every format is read in place from a refilled byte buffer (see fileScan.ts): memory is bounded by
 * the buffer, the folded system events and the latest console lines per replica, not by the file size,
 * and rows of other apps or outside the window are dropped before anything is decoded.
 */
import { open, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { LogQueryError, UnsupportedLogFileError } from '../errors';
import type { Evidence, EvidenceNote, Target } from '../model';
import { EvidenceCollector, type FileSummary } from './collect';
import { CsvScanner, drive, JsonArrayScanner, JsonLinesScanner, QueryResponseScanner, type LogFileFormat, type ReadStats, type RowSink, type Scanner } from './fileScan';
import { KeyMap, scanObject, ValueSpan } from './jsonScan';
import { cleanColumnName, FIELDS, type LogRow } from './normalize';
import type { FetchEvidenceOptions, LogSource } from './LogSource';
import { isTimeAlias, RowView, slotOf } from './rowView';

export type { LogFileFormat, ReadStats, RowSink } from './fileScan';

export interface ReadLogFileOptions {
  signal?: AbortSignal;
  /** Called with the size of each chunk read from disk. */
  onBytes?: (bytes: number) => void;
  /** Filled in while reading. */
  stats?: ReadStats;
  /** Read buffer size (tests). */
  chunkBytes?: number;
}

/** The formats `--logs` reads, in words, for error messages and usage. */
export const ACCEPTED_FORMATS =
  "a Log Analytics query API answer (JSON with \"tables\"), 'az monitor log-analytics query' JSON (an array of rows), " +
  "a portal CSV export (a header row naming the columns) or 'az containerapp logs show --format json' output (one JSON object per line)";

const SNIFF_BYTES = 64 * 1024;

/** Decides the format from the first bytes of the file (after a BOM, blank and `#` comment lines). */
export async function detectLogFileFormat(path: string): Promise<LogFileFormat | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return sniff(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** The format of a file from its first lines; undefined when it is none of the four. */
export function sniff(head: string): LogFileFormat | undefined {
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
  return looksLikeCsvHeader(first) ? 'csv' : undefined;
}

/** A CSV header names at least one column the normaliser reads (or a time column under another name). */
function looksLikeCsvHeader(line: string): boolean {
  if (!line.includes(',')) return false;
  return line.split(',').some((cell) => {
    const raw = cell.trim().replace(/^"|"$/g, '');
    const name = cleanColumnName(raw);
    return slotOf(name) >= 0 || isTimeAlias(raw, name);
  });
}

/** The format of a file, or a 400-class error naming the file and the formats that are read. */
export async function requireLogFileFormat(path: string): Promise<LogFileFormat> {
  const format = await detectLogFileFormat(path);
  if (!format) {
    throw new UnsupportedLogFileError(`The log file ${path} is not in a format I can read. Give ${ACCEPTED_FORMATS}.`, {
      context: { path },
    });
  }
  return format;
}

/** Turns a row object (a repaired JSON line, a held-back query table) into a RowView for the sink. */
function objectEmitter(view: RowView, sink: RowSink): (row: LogRow) => void {
  const keys = new KeyMap(false);
  const key = new ValueSpan();
  const value = new ValueSpan();
  return (row) => {
    const bytes = Buffer.from(JSON.stringify(row));
    scanObject(bytes, 0, bytes.length, view, keys, key, value);
    sink.row(view);
  };
}

/**
 * Reads one file into `sink`, whatever its format; returns the columns (or keys) it held. Rows arrive as
 * RowViews valid only during the call.
 */
export async function scanLogFile(path: string, sink: RowSink, options: ReadLogFileOptions = {}): Promise<string[]> {
  const stats = options.stats ?? { rows: 0, repairedLines: 0, skippedLines: 0 };
  const format = await requireLogFileFormat(path);
  stats.format = format;
  const view = new RowView();
  const emit = objectEmitter(view, sink);
  const columns = new Set<string>();
  const recording: RowSink = {
    row: sink.row.bind(sink),
    ...(sink.early ? { early: sink.early.bind(sink) } : {}),
    columns: (names) => {
      for (const n of names) columns.add(n);
      sink.columns?.(names);
    },
  };
  let scanner: Scanner;
  let keys: KeyMap | undefined;
  if (format === 'csv') scanner = new CsvScanner(view, recording, stats);
  else if (format === 'query-response') scanner = new QueryResponseScanner(path, view, recording, stats, emit);
  else if (format === 'json-array') {
    const s = new JsonArrayScanner(path, view, recording, stats);
    keys = s.keys;
    scanner = s;
  } else {
    const s = new JsonLinesScanner(view, recording, stats, (line) => {
      const row = readBrokenLine(line, stats);
      if (row) emit(row);
    });
    keys = s.keys;
    scanner = s;
  }
  await drive(path, scanner, options);
  for (const n of keys?.names ?? []) columns.add(n);
  return [...columns];
}

/** A JSON line the fast reader refused: parsed the slow way, or repaired, or counted as skipped. */
function readBrokenLine(line: string, stats: ReadStats): LogRow | undefined {
  let row: LogRow | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) row = parsed as LogRow;
  } catch {
    row = repairJsonLine(line);
    if (row) stats.repairedLines++;
  }
  if (!row) stats.skippedLines++;
  else stats.rows++;
  return row;
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

/** Reads a whole small file into row objects (tests, tools); the source itself never does this. */
export async function readLogRows(path: string, stats?: ReadStats): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  const names = [...new Set(Object.values(FIELDS).flat()), 'Type'];
  const sink: RowSink = {
    row(view) {
      const row: LogRow = {};
      for (const name of names) {
        const slot = slotOf(name);
        if (view.has(slot)) row[name] = view.value(slot);
      }
      rows.push(row);
    },
  };
  await scanLogFile(path, sink, { stats });
  return rows;
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
  /** Read buffer size in bytes (tests use tiny ones). Default 1 MiB. */
  chunkBytes?: number;
}

/** "1 row", "3 rows": counts in notes read as English. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The same file named twice (or through a link) is read once. */
export async function uniqueFiles(paths: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paths) {
    const real = await realpath(p).catch(() => p);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(p);
  }
  return out;
}

const APP_COLUMNS = new Set<string>([...FIELDS.app, ...FIELDS.job]);

export function createFileLogSource(paths: string[], options: FileLogSourceOptions = {}): LogSource {
  const perReplica = Math.max(1, options.consoleLinesPerReplica ?? 200);
  const limits = {
    perReplica,
    maxSystemGroups: Math.max(1, options.maxSystemGroups ?? 500),
    maxConsoleLines: Math.max(1, options.maxConsoleLines ?? Math.min(5000, perReplica * 20)),
  };
  return {
    description: paths.length === 1 ? `log file ${paths[0]}` : `${paths.length} log files`,
    async fetchEvidence(target: Target, fetchOptions: FetchEvidenceOptions = {}): Promise<Evidence> {
      const { signal } = fetchOptions;
      const files = await uniqueFiles(paths);
      const sizes = await Promise.all(files.map(async (p) => (await stat(p)).size));
      const totalBytes = sizes.reduce((a, b) => a + b, 0);
      let bytesRead = 0;
      const onBytes = (n: number): void => {
        bytesRead += n;
        options.onProgress?.(Math.min(bytesRead, totalBytes), totalBytes);
      };
      const collector = new EvidenceCollector(target, limits);
      const sink: RowSink = {
        row: collector.row.bind(collector),
        early: collector.early.bind(collector),
        columns: (names) => {
          if (!names.some((n) => APP_COLUMNS.has(n))) collector.noTargetColumns();
        },
      };
      const totals = { rows: 0, repairedLines: 0, skippedLines: 0 };
      const empty: EvidenceNote[] = [];
      for (const path of files) {
        const stats: ReadStats = { rows: 0, repairedLines: 0, skippedLines: 0 };
        collector.startFile();
        let columns: string[];
        try {
          columns = await scanLogFile(path, sink, { signal, onBytes, stats, chunkBytes: options.chunkBytes });
        } catch (err) {
          if (err instanceof LogQueryError || err instanceof UnsupportedLogFileError) throw err;
          if (signal?.aborted) {
            throw new LogQueryError('Reading the log files was cancelled.', { cause: err, context: { aborted: true, path } });
          }
          throw new LogQueryError(`The log file ${path} could not be read.`, { cause: err, context: { path } });
        }
        const summary = collector.endFile();
        if (summary.kept === 0) empty.push({ kind: 'info', message: nothingForTarget(path, target, summary, columns) });
        totals.rows += stats.rows;
        totals.repairedLines += stats.repairedLines;
        totals.skippedLines += stats.skippedLines;
      }
      const { system, console: consoleLines, notes } = collector.finish();
      const { unreadable, outside } = collector.counts;
      if (totals.repairedLines > 0) {
        notes.push({ kind: 'info', message: `${counted(totals.repairedLines, 'JSON line')} had unescaped quotes and ${totals.repairedLines === 1 ? 'was' : 'were'} repaired.` });
      }
      if (totals.skippedLines > 0) {
        notes.push({ kind: 'source-error', message: `${counted(totals.skippedLines, 'line')} in the log files could not be read and ${totals.skippedLines === 1 ? 'was' : 'were'} skipped.` });
      }
      notes.push({
        kind: 'info',
        message:
          `Read ${counted(totals.rows, 'row')} from ${counted(files.length, 'file')}; kept ${counted(system.length, 'system event')} and ` +
          `${counted(consoleLines.length, 'console line')} for ${target.name} (${counted(outside, 'row')} ${outside === 1 ? 'was' : 'were'} ` +
          `for other targets or outside the window${unreadable ? `, ${unreadable} had no usable time or kind` : ''}).`,
      });
      notes.push(...empty);
      return { system, console: consoleLines, notes, tableFamily: 'file' };
    },
  };
}

function minute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** Why a file gave nothing: which apps, columns and times it did hold. */
function nothingForTarget(path: string, target: Target, file: FileSummary, columns: string[]): string {
  const name = basename(path);
  const cols = columns.length ? ` Its columns: ${columns.slice(0, 30).join(', ')}${columns.length > 30 ? ', ...' : ''}.` : '';
  if (file.rows === 0) return `The file ${name} held no log rows.${cols}`;
  const window = `${minute(target.window.start.getTime())} to ${minute(target.window.end.getTime())} UTC`;
  const apps = file.apps.length ? ` named apps ${file.apps.join(', ')}` : '';
  const times =
    file.firstTime !== undefined && file.lastTime !== undefined
      ? ` from ${minute(file.firstTime)} to ${minute(file.lastTime)} UTC`
      : ' with no time this reader understands (a time column is needed: TimeGenerated, TimeStamp, or one marked [UTC])';
  return `The file ${name} held nothing for ${target.name} between ${window}: its ${counted(file.rows, 'row')}${apps}${times}.${cols}`;
}
