/**
 * The four file formats read in place from a byte buffer that is refilled from disk: each scanner
 * consumes the complete rows in the buffer and says where the incomplete tail starts, the driver moves
 * that tail to the front and reads more. Memory is the buffer (grown only for a single row larger than
 * it) plus what the collector keeps, whatever the file size.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { LogQueryError } from '../errors';
import { forgetBackslashes, INCOMPLETE, INVALID, KeyMap, scanArrayRow, scanObject, scanString, scanValue, skipWs, ValueSpan } from './jsonScan';
import { cleanColumnName, tableToRows, type LogRow } from './normalize';
import { Cell, isTimeAlias, slotOf, TIME_ALIAS, type RowView } from './rowView';

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

/** Where rows go. `columns` is called when a format names its columns up front (CSV header, query table). */
export interface RowSink {
  row(view: RowView): void;
  columns?(names: string[]): void;
  /**
   * Offered a row of which only the time is read yet (`slot` holds it, and no column that would take
   * precedence follows). True when the sink settles the row on that alone (outside the window): the
   * reader then skips the rest of it.
   */
  early?(view: RowView, slot: number): boolean;
}

export interface Scanner {
  /** Consumes complete rows of b[pos, len); returns where the unread rest starts. At eof, reads to the end. */
  scan(b: Buffer, pos: number, len: number, eof: boolean): number;
  /** The buffer's content changed: forget positions remembered in it. */
  reset?(): void;
}

const CHUNK = 1024 * 1024;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export interface DriveOptions {
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
  /** Size of the first buffer (tests use tiny ones so every row crosses a chunk boundary). */
  chunkBytes?: number;
}

/**
 * Feeds a file to a scanner chunk by chunk (a UTF-8 BOM at the start is skipped). Reads are synchronous
 * on purpose: the reader is the only work of the process that calls it (the CLI), a read from the page
 * cache is a copy, and an asynchronous read costs a thread-pool round trip per chunk that, on a busy
 * machine, showed up as the main thread waiting for a third of the time.
 */
export async function drive(path: string, scanner: Scanner, options: DriveOptions): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Math.max(1, options.chunkBytes ?? CHUNK);
    let buf = Buffer.allocUnsafe(Math.max(4, chunk));
    let len = 0;
    let pos = 0;
    let eof = false;
    let first = true;
    let chunks = 0;
    while (!eof) {
      options.signal?.throwIfAborted();
      // Let timers and signals in every few chunks (an abort from a deadline, a progress redraw).
      if (++chunks % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (pos > 0) {
        buf.copy(buf, 0, pos, len);
        len -= pos;
        pos = 0;
      }
      if (len === buf.length) {
        // One row larger than the buffer: grow it rather than split the row.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      // A row that outgrew the buffer is read in doubling steps, so it is rescanned O(log n) times; an
      // explicit chunk size (tests) keeps every read that small so rows keep crossing chunk ends.
      const step = options.chunkBytes ? chunk : Math.max(chunk, len);
      const bytesRead = readSync(fd, buf, len, Math.min(buf.length - len, step), null);
      eof = bytesRead === 0;
      len += bytesRead;
      if (bytesRead) options.onBytes?.(bytesRead);
      if (first && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      first = false;
      forgetBackslashes();
      scanner.reset?.();
      pos = scanner.scan(buf, pos, len, eof);
    }
  } finally {
    closeSync(fd);
  }
}

/** RFC 4180 CSV as the portal exports it: quoted fields may hold commas, newlines and doubled quotes. */
export class CsvScanner implements Scanner {
  private slotsByColumn?: Int32Array;
  private readonly names: string[] = [];
  /** Columns whose last value was long: their end is found by a native search instead of a byte loop. */
  private long = new Uint8Array(256);
  /** The next line feed at or after the current field (a native search, reused across fields). */
  private newlineAt = -1;

  constructor(
    private readonly view: RowView,
    private readonly sink: RowSink,
    private readonly stats: ReadStats,
  ) {}

  reset(): void {
    this.newlineAt = -1;
  }

  scan(b: Buffer, pos: number, len: number, eof: boolean): number {
    while (pos < len) {
      const next = this.record(b, pos, len, eof);
      if (next < 0) return pos;
      pos = next;
    }
    return pos;
  }

  private record(b: Buffer, i: number, len: number, eof: boolean): number {
    const { view } = this;
    const header = this.slotsByColumn === undefined;
    if (header) this.names.length = 0; // a header cut by the buffer's end is read again from its start
    view.next(b);
    let col = 0;
    let lastEmpty = false;
    for (;;) {
      let s: number;
      let e: number;
      let cell = Cell.Raw;
      if (i < len && b[i] === QUOTE) {
        const open = i;
        let j = i + 1;
        for (;;) {
          let q = b.indexOf(QUOTE, j);
          if (q >= len) q = -1;
          if (q < 0 || (q + 1 >= len && !eof)) {
            if (!eof) return INCOMPLETE;
            this.stats.skippedLines++; // an unterminated quoted field at the end
            return len;
          }
          if (b[q + 1] === QUOTE && q + 1 < len) {
            cell = Cell.CsvEscaped;
            j = q + 2;
            continue;
          }
          s = open + 1;
          e = q;
          i = q + 1;
          break;
        }
        if (i < len && b[i] !== COMMA && b[i] !== LF && b[i] !== CR) {
          // Text after the closing quote joins the field: rare enough to decode the slow way.
          while (i < len && b[i] !== COMMA && b[i] !== LF) i++;
          if (i >= len && !eof) return INCOMPLETE;
          s = open;
          e = i;
          cell = Cell.CsvMessy;
        }
      } else {
        let j = i;
        if (col < 256 && this.long[col]) {
          if (this.newlineAt < i) {
            this.newlineAt = b.indexOf(LF, i);
            if (this.newlineAt < 0 || this.newlineAt > len) this.newlineAt = len;
          }
          const comma = b.indexOf(COMMA, i);
          j = comma >= 0 && comma < this.newlineAt ? comma : this.newlineAt;
        } else {
          while (j < len) {
            const c = b[j];
            if (c === COMMA || c === LF) break;
            j++;
          }
        }
        if (col < 256) this.long[col] = j - i > 48 ? 1 : 0;
        if (j >= len && !eof) return INCOMPLETE;
        s = i;
        e = j > i && b[j - 1] === CR ? j - 1 : j;
        i = j;
      }
      lastEmpty = e === s;
      if (header) this.names.push(b.toString('utf8', s, e));
      else if (col < this.slotsByColumn!.length) {
        const slot = this.slotsByColumn![col];
        if (slot >= 0) view.set(slot, s, e, cell);
      }
      col++;
      if (i < len && b[i] === COMMA) {
        i++;
        continue;
      }
      if (i < len && b[i] === CR) i++;
      if (i < len && b[i] === LF) i++;
      break;
    }
    if (col === 1 && lastEmpty) {
      if (header) this.names.length = 0;
      return i; // a blank line
    }
    if (header) this.setHeader();
    else if (col !== this.slotsByColumn!.length) this.stats.skippedLines++;
    else {
      this.stats.rows++;
      this.sink.row(view);
    }
    return i;
  }

  private setHeader(): void {
    const clean = this.names.map(cleanColumnName);
    this.slotsByColumn = columnSlots(this.names, clean);
    this.sink.columns?.(clean);
  }
}

/** Slots for a list of column names; the first unknown column that looks like a time becomes the alias. */
export function columnSlots(rawNames: string[], cleanNames: string[]): Int32Array {
  let alias = false;
  return Int32Array.from(cleanNames, (name, i) => {
    const slot = slotOf(name);
    if (slot >= 0 || alias || !isTimeAlias(rawNames[i], name)) return slot;
    alias = true;
    return TIME_ALIAS;
  });
}

/** `az containerapp logs show --format json`: one object per line; broken lines go to `fallback`. */
export class JsonLinesScanner implements Scanner {
  readonly keys = new KeyMap(false);
  private readonly key = new ValueSpan();
  private readonly value = new ValueSpan();
  /** Next `"TimeGenerated"` in the buffer (a native search reused across lines); -1: search again. */
  private timeGeneratedAt = -1;

  constructor(
    private readonly view: RowView,
    private readonly sink: RowSink,
    private readonly stats: ReadStats,
    private readonly fallback: (line: string) => void,
  ) {}

  reset(): void {
    this.timeGeneratedAt = -1;
  }

  scan(b: Buffer, pos: number, len: number, eof: boolean): number {
    while (pos < len) {
      let nl = b.indexOf(LF, pos);
      if (nl >= len) nl = -1;
      if (nl < 0 && !eof) return pos;
      const end = nl < 0 ? len : nl;
      if (!this.settledByTime(b, pos, end)) this.line(b, pos, end);
      pos = nl < 0 ? len : nl + 1;
    }
    return pos;
  }

  private line(b: Buffer, s: number, e: number): void {
    s = skipWs(b, s, e);
    while (e > s && (b[e - 1] === 0x20 || b[e - 1] === CR || b[e - 1] === 0x09)) e--;
    if (s === e || b[s] === 0x23) return; // blank or a # comment
    if (b[s] === 0x7b && scanObject(b, s, e, this.view, this.keys, this.key, this.value) === e) {
      this.stats.rows++;
      this.sink.row(this.view);
      return;
    }
    this.fallback(b.toString('utf8', s, e));
  }

  /**
   * Most lines of an export are outside the alert's window, and `logs show` writes the time first:
   * when the first member is `TimeGenerated`, or `TimeStamp` with no `TimeGenerated` later on the line
   * (which would take precedence), the sink may settle the line on its time alone. Such a line is
   * counted as a row without its other members being read or checked.
   */
  private settledByTime(b: Buffer, s: number, e: number): boolean {
    if (!this.sink.early) return false;
    let j = skipWs(b, s, e);
    if (b[j] !== 0x7b) return false;
    j = skipWs(b, j + 1, e);
    if (b[j] !== QUOTE) return false;
    j = scanString(b, j, e, this.key);
    if (j < 0) return false;
    j = skipWs(b, j, e);
    if (b[j] !== 0x3a) return false;
    j = scanValue(b, skipWs(b, j + 1, e), e, this.value);
    if (j < 0) return false;
    const slot = this.keys.slot(b, 0, this.key);
    if (slot !== TIME_GENERATED && (slot !== TIME_STAMP || this.timeGeneratedIn(b, s, e))) return false;
    this.view.next(b);
    this.view.set(slot, this.value.start, this.value.end, this.value.cell);
    if (!this.sink.early(this.view, slot)) return false;
    this.stats.rows++;
    return true;
  }

  /** Whether `"TimeGenerated"` occurs on the line b[s, e); one native search serves many lines. */
  private timeGeneratedIn(b: Buffer, s: number, e: number): boolean {
    if (this.timeGeneratedAt < s) {
      const at = b.indexOf(TIME_GENERATED_KEY, s);
      this.timeGeneratedAt = at < 0 ? Number.MAX_SAFE_INTEGER : at;
    }
    return this.timeGeneratedAt < e;
  }
}

const TIME_GENERATED = slotOf('TimeGenerated');
const TIME_STAMP = slotOf('TimeStamp');
const TIME_GENERATED_KEY = Buffer.from('"TimeGenerated"');

function parseError(path: string, cause?: unknown): LogQueryError {
  return new LogQueryError(`The log file ${path} looks like JSON but does not parse.`, { cause, context: { path } });
}

/** `az monitor log-analytics query` output: a JSON array of row objects, read one object at a time. */
export class JsonArrayScanner implements Scanner {
  readonly keys = new KeyMap(true);
  private readonly key = new ValueSpan();
  private readonly value = new ValueSpan();
  private state: 'start' | 'items' | 'done' = 'start';

  constructor(
    private readonly path: string,
    private readonly view: RowView,
    private readonly sink: RowSink,
    private readonly stats: ReadStats,
  ) {}

  scan(b: Buffer, pos: number, len: number, eof: boolean): number {
    for (;;) {
      pos = skipWs(b, pos, len);
      if (this.state === 'done') {
        if (pos < len) throw parseError(this.path);
        return pos;
      }
      if (pos >= len) break;
      if (this.state === 'start') {
        if (b[pos] !== 0x5b) throw parseError(this.path);
        this.state = 'items';
        pos++;
        continue;
      }
      const c = b[pos];
      if (c === 0x5d) {
        this.state = 'done';
        pos++;
        continue;
      }
      if (c === COMMA) {
        pos++;
        continue;
      }
      const end = c === 0x7b ? scanObject(b, pos, len, this.view, this.keys, this.key, this.value) : scanValue(b, pos, len, this.value);
      if (end === INVALID) throw parseError(this.path);
      if (end === INCOMPLETE) break;
      if (c === 0x7b) {
        this.stats.rows++;
        this.sink.row(this.view);
      }
      pos = end;
    }
    if (eof && (this.state as string) !== 'done') throw parseError(this.path);
    return pos;
  }
}

type QueryState = 'top' | 'topKey' | 'tables' | 'table' | 'tableKey' | 'rows' | 'done';

/** A query API answer `{"tables":[{"columns":[...],"rows":[[...],...]}]}`, read one row at a time. */
export class QueryResponseScanner implements Scanner {
  private state: QueryState = 'top';
  private sawTables = false;
  private slotsByColumn: Int32Array | undefined;
  private columnNames: string[] = [];
  private pendingRows: string | undefined;
  private fromDescriptors = false;
  private readonly key = new ValueSpan();
  private readonly value = new ValueSpan();

  constructor(
    private readonly path: string,
    private readonly view: RowView,
    private readonly sink: RowSink,
    private readonly stats: ReadStats,
    private readonly emitObject: (row: LogRow) => void,
  ) {}

  scan(b: Buffer, pos: number, len: number, eof: boolean): number {
    for (;;) {
      pos = skipWs(b, pos, len);
      if (this.state === 'done') return len;
      if (pos >= len) break;
      const next = this.step(b, pos, len);
      if (next === INVALID) throw parseError(this.path);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    if (eof) throw parseError(this.path);
    return pos;
  }

  private fail(): never {
    throw new LogQueryError(`The log file ${this.path} is JSON but neither a query answer ({tables}) nor an array of rows.`, {
      context: { path: this.path, format: 'query-response' },
    });
  }

  /** One step of the walk down to the rows; returns the index after it, INCOMPLETE or INVALID. */
  private step(b: Buffer, i: number, len: number): number {
    const c = b[i];
    switch (this.state) {
      case 'top':
        if (c !== 0x7b) return INVALID;
        this.state = 'topKey';
        return i + 1;
      case 'topKey':
      case 'tableKey':
        return this.member(b, i, len);
      case 'tables':
        if (c === 0x5d) this.state = 'topKey';
        else if (c === 0x7b) {
          this.state = 'tableKey';
          this.slotsByColumn = undefined;
          this.fromDescriptors = false;
        } else if (c !== COMMA) return this.skip(b, i, len);
        return i + 1;
      case 'rows': {
        if (c === 0x5d) this.state = 'tableKey';
        if (c === 0x5d || c === COMMA) return i + 1;
        const end = c === 0x5b ? scanArrayRow(b, i, len, this.view, this.slotsByColumn!, this.value) : scanValue(b, i, len, this.value);
        if (end < 0) return end;
        if (c !== 0x5b) this.view.next(b); // not a row: counted, but it has no columns
        this.stats.rows++;
        this.sink.row(this.view);
        return end;
      }
      default:
        return INVALID;
    }
  }

  private skip(b: Buffer, i: number, len: number): number {
    return scanValue(b, i, len, this.value);
  }

  /** A `"key": value` of the top object or of a table, or the object's end. */
  private member(b: Buffer, i: number, len: number): number {
    const c = b[i];
    const top = this.state === 'topKey';
    if (c === COMMA) return i + 1;
    if (c === 0x7d) {
      if (top && !this.sawTables) this.fail();
      if (!top && this.pendingRows) this.flushPending();
      this.state = top ? 'done' : 'tables';
      return i + 1;
    }
    if (c !== QUOTE) return INVALID;
    let j = scanString(b, i, len, this.key);
    if (j < 0) return j;
    const name = this.key.cell === Cell.Raw ? b.toString('utf8', this.key.start, this.key.end) : (JSON.parse(b.toString('utf8', this.key.start, this.key.end)) as string);
    j = skipWs(b, j, len);
    if (j >= len) return INCOMPLETE;
    if (b[j] !== 0x3a) return INVALID;
    j = skipWs(b, j + 1, len);
    if (j >= len) return INCOMPLETE;
    if (top && name === 'tables') {
      if (b[j] !== 0x5b) this.fail();
      this.sawTables = true;
      this.state = 'tables';
      return j + 1;
    }
    if (!top && name === 'rows' && b[j] === 0x5b && this.slotsByColumn) {
      this.state = 'rows';
      return j + 1;
    }
    const end = scanValue(b, j, len, this.value);
    if (end < 0) return end;
    if (!top && this.value.cell === Cell.Nested) {
      const json = b.toString('utf8', this.value.start, this.value.end);
      if (name === 'columns' || name === 'columnDescriptors') this.setColumns(json, name === 'columnDescriptors');
      // Rows before their columns cannot be read in one pass: this table's rows are held until then.
      else if (name === 'rows') this.pendingRows = json;
    }
    if (!top && this.pendingRows && this.columnNames.length) this.flushPending();
    return end;
  }

  private flushPending(): void {
    const rows = JSON.parse(this.pendingRows!) as unknown[];
    this.pendingRows = undefined;
    for (const row of tableToRows({ columns: this.columnNames.map((name) => ({ name })), rows: rows.filter(Array.isArray) as unknown[][] })) {
      this.stats.rows++;
      this.emitObject(row);
    }
  }

  private setColumns(json: string, descriptors: boolean): void {
    if (this.fromDescriptors && !descriptors) return; // `columnDescriptors` wins over `columns`
    const list = JSON.parse(json) as { name?: unknown }[];
    if (!Array.isArray(list)) return;
    const raw = list.map((c) => String(c?.name ?? ''));
    const clean = raw.map(cleanColumnName);
    this.slotsByColumn = columnSlots(raw, clean);
    this.columnNames = clean;
    this.fromDescriptors = descriptors;
    this.sink.columns?.(clean);
  }
}
