/**
 * JSON read in place: values are located in a byte buffer and recorded as spans of a RowView, never
 * parsed into objects. Each function returns the index after what it read, INCOMPLETE when the buffer
 * ends first (the caller reads more and tries again from the same place) or INVALID.
 */
import { cleanColumnName } from './normalize';
import { Cell, isTimeAlias, slotOf, TIME_ALIAS, type RowView } from './rowView';

export const INCOMPLETE = -1;
export const INVALID = -2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function skipWs(b: Uint8Array, i: number, len: number): number {
  while (i < len) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** What the last scanned value was: its span (strings without their quotes unless escaped) and kind. */
export class ValueSpan {
  start = 0;
  end = 0;
  cell: Cell = Cell.Raw;
  /** A hash of a string's bytes, for recognising keys without decoding them. */
  hash = 0;
}

/**
 * Reads the string starting at b[i] (a quote) and hashes its bytes (for keys). Escapes are checked the
 * way JSON.parse checks them; raw control characters are accepted (JSON.parse would refuse the row).
 */
export function scanString(b: Uint8Array, i: number, len: number, out: ValueSpan): number {
  let j = i + 1;
  let escaped = false;
  let hash = 0;
  while (j < len) {
    const c = b[j];
    if (c === QUOTE) {
      out.start = escaped ? i : i + 1;
      out.end = escaped ? j + 1 : j;
      out.cell = escaped ? Cell.JsonEscaped : Cell.Raw;
      out.hash = hash;
      return j + 1;
    }
    hash = (Math.imul(hash, 31) + c) | 0;
    if (c === BACKSLASH) {
      const next = escape(b, j, len);
      if (next < 0) return next;
      escaped = true;
      j = next;
    } else j++;
  }
  return INCOMPLETE;
}

/** The index after the escape sequence at b[j] (a backslash). */
function escape(b: Uint8Array, j: number, len: number): number {
  if (j + 1 >= len) return INCOMPLETE;
  const n = b[j + 1];
  if (n === 0x75) {
    if (j + 6 > len) return INCOMPLETE;
    for (let k = j + 2; k < j + 6; k++) {
      const h = b[k] | 0x20;
      if (!((h >= 0x30 && h <= 0x39) || (h >= 0x61 && h <= 0x66))) return INVALID;
    }
    return j + 6;
  }
  if (n !== QUOTE && n !== BACKSLASH && n !== 0x2f && n !== 0x62 && n !== 0x66 && n !== 0x6e && n !== 0x72 && n !== 0x74) return INVALID;
  return j + 2;
}

/**
 * Where the next backslash is, from a native search that is reused across strings: most rows hold
 * none, so a single search usually covers many rows. `forgetBackslashes()` must be called whenever
 * the buffer's content changes.
 */
let backslashBuf: Uint8Array | undefined;
let backslashAt = -1;

export function forgetBackslashes(): void {
  backslashBuf = undefined;
}

/**
 * Reads a string value: the hot path of every JSON format. The closing quote is found by a native
 * search; only a string that holds a backslash is walked byte by byte.
 */
function scanStringValue(b: Uint8Array, i: number, len: number, out: ValueSpan): number {
  const q = b.indexOf(QUOTE, i + 1);
  if (q < 0 || q >= len) return INCOMPLETE;
  if (backslashBuf !== b || (backslashAt >= 0 && backslashAt <= i)) {
    backslashBuf = b;
    backslashAt = b.indexOf(BACKSLASH, i + 1);
  }
  if (backslashAt < 0 || backslashAt > q) {
    out.start = i + 1;
    out.end = q;
    out.cell = Cell.Raw;
    return q + 1;
  }
  let j = backslashAt;
  for (;;) {
    const next = escape(b, j, len);
    if (next < 0) return next;
    j = next;
    while (j < len) {
      const c = b[j];
      if (c === QUOTE || c === BACKSLASH) break;
      j++;
    }
    if (j >= len) return INCOMPLETE;
    if (b[j] === QUOTE) break;
  }
  out.start = i;
  out.end = j + 1;
  out.cell = Cell.JsonEscaped;
  return j + 1;
}

function literal(b: Uint8Array, i: number, len: number, word: string, out: ValueSpan, cell: Cell): number {
  if (i + word.length > len) return INCOMPLETE;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return INVALID;
  out.start = i;
  out.end = i + word.length;
  out.cell = cell;
  return i + word.length;
}

function isNumberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/** Skips a balanced object or array (strings inside may hold brackets). */
function nested(b: Uint8Array, i: number, len: number, out: ValueSpan): number {
  let depth = 0;
  let j = i;
  const inner = new ValueSpan();
  while (j < len) {
    const c = b[j];
    if (c === QUOTE) {
      j = scanStringValue(b, j, len, inner);
      if (j < 0) return j;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) {
        out.start = i;
        out.end = j + 1;
        out.cell = Cell.Nested;
        return j + 1;
      }
    }
    j++;
  }
  return INCOMPLETE;
}

/** Reads any JSON value at b[i]. */
export function scanValue(b: Uint8Array, i: number, len: number, out: ValueSpan): number {
  if (i >= len) return INCOMPLETE;
  const c = b[i];
  if (c === QUOTE) return scanStringValue(b, i, len, out);
  if (c === 0x7b || c === 0x5b) return nested(b, i, len, out);
  if (c === 0x6e) return literal(b, i, len, 'null', out, Cell.Null);
  if (c === 0x74) return literal(b, i, len, 'true', out, Cell.Literal);
  if (c === 0x66) return literal(b, i, len, 'false', out, Cell.Literal);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    let j = i + 1;
    while (j < len && isNumberByte(b[j])) j++;
    if (j >= len) return INCOMPLETE;
    out.start = i;
    out.end = j;
    out.cell = Cell.Literal;
    return j;
  }
  return INVALID;
}

/**
 * Maps object keys to slots. Rows of one file repeat their keys in the same order, so the slot found for
 * the n-th key is remembered with the key's length and hash: the next row's n-th key is recognised
 * without decoding it.
 */
export class KeyMap {
  /** Per key position, two remembered keys (length, hash, slot): rows of two shapes alternate freely. */
  private readonly memo: number[] = [];
  /** Every key seen (cleaned), for saying what a file held. */
  readonly names = new Set<string>();

  constructor(private readonly clean: boolean) {}

  slot(b: Buffer, ordinal: number, key: ValueSpan): number {
    const len = key.end - key.start;
    const m = this.memo;
    const at = ordinal * 6;
    if (key.cell === Cell.Raw && ordinal < 256) {
      if (m[at] === len && m[at + 1] === key.hash) return m[at + 2];
      if (m[at + 3] === len && m[at + 4] === key.hash) return m[at + 5];
    }
    const raw = key.cell === Cell.Raw ? b.toString('utf8', key.start, key.end) : (JSON.parse(b.toString('utf8', key.start, key.end)) as string);
    const name = this.clean ? cleanColumnName(raw) : raw;
    this.names.add(name);
    let slot = slotOf(name);
    if (slot < 0 && isTimeAlias(raw, name)) slot = TIME_ALIAS;
    if (key.cell === Cell.Raw && ordinal < 256) {
      // The newer key takes the first place, the one it displaces moves to the second.
      m[at + 3] = m[at] ?? -1;
      m[at + 4] = m[at + 1] ?? 0;
      m[at + 5] = m[at + 2] ?? -1;
      m[at] = len;
      m[at + 1] = key.hash;
      m[at + 2] = slot;
    }
    return slot;
  }
}

/** Reads a JSON object at b[i] into `view` (keys through `keys`); nested values are kept as spans. */
export function scanObject(b: Buffer, i: number, len: number, view: RowView, keys: KeyMap, key: ValueSpan, value: ValueSpan): number {
  view.next(b);
  let j = skipWs(b, i + 1, len);
  if (j < len && b[j] === 0x7d) return j + 1;
  for (let ordinal = 0; ; ordinal++) {
    if (j >= len) return INCOMPLETE;
    if (b[j] !== QUOTE) return INVALID;
    j = scanString(b, j, len, key);
    if (j < 0) return j;
    j = skipWs(b, j, len);
    if (j >= len) return INCOMPLETE;
    if (b[j] !== 0x3a) return INVALID;
    j = skipWs(b, j + 1, len);
    j = scanValue(b, j, len, value);
    if (j < 0) return j;
    const slot = keys.slot(b, ordinal, key);
    if (slot >= 0) view.set(slot, value.start, value.end, value.cell);
    j = skipWs(b, j, len);
    if (j >= len) return INCOMPLETE;
    if (b[j] === 0x7d) return j + 1;
    if (b[j] !== 0x2c) return INVALID;
    j = skipWs(b, j + 1, len);
  }
}

/** Reads a query API row (a JSON array) at b[i] into `view`, the n-th cell into `slotsByColumn[n]`. */
export function scanArrayRow(b: Buffer, i: number, len: number, view: RowView, slotsByColumn: Int32Array, value: ValueSpan): number {
  view.next(b);
  let j = skipWs(b, i + 1, len);
  if (j < len && b[j] === 0x5d) return j + 1;
  for (let n = 0; ; n++) {
    j = scanValue(b, j, len, value);
    if (j < 0) return j;
    const slot = n < slotsByColumn.length ? slotsByColumn[n] : -1;
    if (slot >= 0) view.set(slot, value.start, value.end, value.cell);
    j = skipWs(b, j, len);
    if (j >= len) return INCOMPLETE;
    if (b[j] === 0x5d) return j + 1;
    if (b[j] !== 0x2c) return INVALID;
    j = skipWs(b, j + 1, len);
  }
}
