/**
 * One row of a log file as spans of the bytes it was read from: nothing is decoded until the collector
 * asks for a value, so rows that cannot matter cost a scan and a few byte comparisons. Only the columns
 * `normalize.ts` knows (plus a renamed time column) get a slot; every other column is skipped.
 */
import { FIELDS, parseLogTime } from './normalize';
import { fastTime } from './fastTime';

/** How a value is written, which decides how it is decoded. */
export const enum Cell {
  /** Bytes are the value (a JSON string without escapes, a plain or quoted CSV field without `""`). */
  Raw = 1,
  /** A JSON string with backslash escapes (the span includes the quotes). */
  JsonEscaped = 2,
  /** A CSV quoted field with doubled quotes. */
  CsvEscaped = 3,
  /** A JSON number, true or false. */
  Literal = 4,
  /** JSON null: the column is absent for this row. */
  Null = 5,
  /** A JSON object or array. */
  Nested = 6,
  /** A CSV field with text after its closing quote (the span holds it all, quotes included). */
  CsvMessy = 7,
}

/** Every column name the normaliser reads, each once; the index is its slot. */
export const COLUMN_NAMES: readonly string[] = [...new Set([...Object.values(FIELDS).flat(), 'Type'])];
/** Slot of a time column found under another name (`time_t [UTC]`), read after the known ones. */
export const TIME_ALIAS = COLUMN_NAMES.length;
export const SLOT_COUNT = COLUMN_NAMES.length + 1;

const SLOT_BY_NAME = new Map(COLUMN_NAMES.map((n, i) => [n, i]));

/** Whether a column not known by name holds the row time: the portal marks time columns `[UTC]`. */
export function isTimeAlias(rawName: string, cleanName: string): boolean {
  return /\[UTC\]\s*$/i.test(rawName) || /^(time|timestamp)(_\w*)?$/i.test(cleanName);
}

/** The slot of a column (by its cleaned name), or -1 when no field reads it. */
export function slotOf(name: string): number {
  return SLOT_BY_NAME.get(name) ?? -1;
}

export function slots(names: readonly string[]): Int32Array {
  return Int32Array.from(names.map((n) => SLOT_BY_NAME.get(n) ?? -1));
}

export class RowView {
  buf: Buffer = Buffer.alloc(0);
  private gen = 1;
  private readonly stamp = new Int32Array(SLOT_COUNT);
  private readonly start = new Int32Array(SLOT_COUNT);
  private readonly end = new Int32Array(SLOT_COUNT);
  private readonly cell = new Uint8Array(SLOT_COUNT);

  /** Starts a new row over `buf`: every slot is empty again (by generation, without clearing). */
  next(buf: Buffer): void {
    this.buf = buf;
    this.gen = (this.gen + 1) | 0 || 1;
  }

  set(slot: number, start: number, end: number, cell: Cell): void {
    this.stamp[slot] = this.gen;
    this.start[slot] = start;
    this.end[slot] = end;
    this.cell[slot] = cell;
  }

  /** The column exists on this row and is not null (an empty CSV cell counts, like `hasAny`). */
  has(slot: number): boolean {
    return this.stamp[slot] === this.gen && this.cell[slot] !== Cell.Null;
  }

  /** Present and not empty (`present()` in normalize.ts). */
  present(slot: number): boolean {
    return this.has(slot) && this.end[slot] > this.start[slot] + (this.cell[slot] === Cell.JsonEscaped ? 2 : 0);
  }

  /** First present slot of a candidate list, or -1. */
  pick(candidates: Int32Array): number {
    for (let i = 0; i < candidates.length; i++) {
      const s = candidates[i];
      if (s >= 0 && this.present(s)) return s;
    }
    return -1;
  }

  anyOf(candidates: Int32Array): boolean {
    for (let i = 0; i < candidates.length; i++) if (candidates[i] >= 0 && this.has(candidates[i])) return true;
    return false;
  }

  /** The value as `text()` in normalize.ts renders it. */
  text(slot: number): string {
    const { buf } = this;
    const s = this.start[slot];
    const e = this.end[slot];
    switch (this.cell[slot]) {
      case Cell.Raw:
        return buf.toString('utf8', s, e);
      case Cell.CsvEscaped:
        return buf.toString('utf8', s, e).replace(/""/g, '"');
      case Cell.JsonEscaped:
        return decodeJsonString(buf.toString('utf8', s, e));
      case Cell.Literal:
        return String(JSON.parse(buf.toString('latin1', s, e)));
      case Cell.Nested:
        return JSON.stringify(JSON.parse(buf.toString('utf8', s, e)));
      case Cell.CsvMessy:
        return unquoteMessy(buf.toString('utf8', s, e));
      default:
        return '';
    }
  }

  /** The value as JavaScript would hold it after JSON.parse (numbers stay numbers). */
  value(slot: number): unknown {
    const c = this.cell[slot];
    if (c === Cell.Literal || c === Cell.Nested) return JSON.parse(this.buf.toString('utf8', this.start[slot], this.end[slot]));
    return this.text(slot);
  }

  /** Whether the value equals `wanted` (bytes compared when they can be; `bytes` is `wanted` in UTF-8). */
  equals(slot: number, wanted: string, bytes: Buffer): boolean {
    if (this.cell[slot] !== Cell.Raw) return this.text(slot) === wanted;
    const s = this.start[slot];
    const n = this.end[slot] - s;
    if (n !== bytes.length) return false;
    const { buf } = this;
    for (let i = 0; i < n; i++) if (buf[s + i] !== bytes[i]) return false;
    return true;
  }

  /** Epoch ms of a time value, NaN when it has none (`parseLogTime` semantics). */
  time(slot: number): number {
    if (slot < 0) return Number.NaN;
    if (this.cell[slot] === Cell.Raw) {
      const t = fastTime(this.buf, this.start[slot], this.end[slot]);
      if (!Number.isNaN(t)) return t;
    }
    return parseLogTime(this.value(slot))?.getTime() ?? Number.NaN;
  }

  /** `toCount()` of normalize.ts: a whole number of at least 1. */
  count(slot: number): number {
    if (slot < 0) return 1;
    const c = this.cell[slot];
    const v = c === Cell.Literal ? Number(this.buf.toString('latin1', this.start[slot], this.end[slot])) : c === Cell.Nested ? Number.NaN : Number(this.text(slot));
    return Number.isFinite(v) && v >= 1 ? Math.floor(v) : 1;
  }
}

/** A CSV field like `"abc"def`: quoted part unescaped, the rest appended, carriage returns dropped. */
function unquoteMessy(raw: string): string {
  let out = '';
  let inQuotes = false;
  let pending = false;
  for (const ch of raw) {
    if (inQuotes) {
      if (pending) {
        pending = false;
        if (ch === '"') {
          out += '"';
          continue;
        }
        inQuotes = false;
      } else if (ch === '"') {
        pending = true;
        continue;
      } else {
        out += ch;
        continue;
      }
    }
    if (ch === '"' && out === '') inQuotes = true;
    else if (ch !== '\r') out += ch;
  }
  return out;
}

/** A quoted JSON string; raw control characters (which JSON.parse refuses) are escaped first. */
function decodeJsonString(quoted: string): string {
  // eslint-disable-next-line no-control-regex
  return JSON.parse(quoted.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)) as string;
}
