/**
 * Log times read straight from the bytes of a file, without making a string. Every row of an export
 * shares a handful of days, so the calendar part (`Date.UTC`, with its roll-over check) is computed once
 * per distinct day and cached; the rest is digit arithmetic.
 *
 * Only the common shapes are read here, and for those the answer is exactly what `parseLogTime` gives
 * (same truncation of ISO fractions, same rounding of locale fractions). Anything else returns NaN,
 * which tells the caller to decode the text and ask `parseLogTime`.
 */

const ZERO = 0x30;
const SPACE = 0x20;

const dayCache = new Map<number, number>();

/** Midnight UTC of a valid calendar day in ms, or NaN for days such as 31/02. */
function dayStart(y: number, mo: number, d: number): number {
  const key = (y << 9) | (mo << 5) | d;
  let ms = dayCache.get(key);
  if (ms === undefined) {
    const date = new Date(Date.UTC(y, mo - 1, d));
    ms = date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.getTime() : Number.NaN;
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(key, ms);
  }
  return ms;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= 0x39;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Value of the two digits at i, or -1. */
function two(b: Uint8Array, i: number): number {
  const a = b[i] - ZERO;
  const c = b[i + 1] - ZERO;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

function clock(h: number, mi: number, s: number): number {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 ? h * 3_600_000 + mi * 60_000 + s * 1000 : Number.NaN;
}

/**
 * `2024-03-06T15:58:05.564Z`, `2024-03-06 15:58:05` (UTC), `2023-10-06 21:41:33 +0000 UTC` and
 * `...T15:58:05+02:00`. Fractions are truncated to milliseconds, as `Date` does.
 */
function isoLike(b: Uint8Array, s: number, e: number): number {
  if (e - s < 19 || b[s + 4] !== 0x2d || b[s + 7] !== 0x2d || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a) return Number.NaN;
  const sep = b[s + 10];
  if (sep !== 0x54 && sep !== SPACE) return Number.NaN;
  const y = two(b, s) * 100 + two(b, s + 2);
  const mo = two(b, s + 5);
  const d = two(b, s + 8);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return Number.NaN;
  let t = dayStart(y, mo, d) + clock(two(b, s + 11), two(b, s + 14), two(b, s + 17));
  let i = s + 19;
  if (i < e && b[i] === 0x2e) {
    i++;
    const from = i;
    let ms = 0;
    while (i < e && isDigit(b[i])) {
      if (i - from < 3) ms = ms * 10 + (b[i] - ZERO);
      i++;
    }
    if (i === from) return Number.NaN;
    for (let k = Math.min(i - from, 3); k < 3; k++) ms *= 10;
    t += ms;
  }
  if (i === e) return t; // no zone: UTC
  if (b[i] === 0x5a) return i + 1 === e && sep === 0x54 ? t : Number.NaN; // Z
  while (i < e && b[i] === SPACE) i++;
  const sign = b[i] === 0x2b ? 1 : b[i] === 0x2d ? -1 : 0;
  if (sign === 0) return Number.NaN;
  const oh = two(b, i + 1);
  i += 3;
  if (b[i] === 0x3a) i++;
  const om = two(b, i);
  if (oh < 0 || oh > 14 || om < 0 || om > 59) return Number.NaN;
  i += 2;
  if (i < e) {
    // Go's time.String() appends the zone's abbreviation: ` UTC`, ` CEST`.
    if (b[i] !== SPACE) return Number.NaN;
    while (i < e && b[i] === SPACE) i++;
    const from = i;
    while (i < e && b[i] >= 0x41 && b[i] <= 0x5a) i++;
    if (i !== e || i - from < 2 || i - from > 5) return Number.NaN;
  }
  return t - sign * (oh * 3_600_000 + om * 60_000);
}

/** Index just after the digits read by the last `oneOrTwo` (a module variable: no tuple per call). */
let after = 0;

/** The 1 or 2 digits at i (their end goes to `after`); -1 when there is no digit. */
function oneOrTwo(b: Uint8Array, i: number, e: number): number {
  if (i >= e || !isDigit(b[i])) return -1;
  if (i + 1 < e && isDigit(b[i + 1])) {
    after = i + 2;
    return (b[i] - ZERO) * 10 + (b[i + 1] - ZERO);
  }
  after = i + 1;
  return b[i] - ZERO;
}

/**
 * The portal's locale forms: `3/6/2024, 3:58:05.564 PM` (month first) and `10.9.2022, 11:27:54.389`
 * (day first). Fractions of up to 3 digits only (longer ones are rounded by `parseLogTime`).
 */
function localeLike(b: Uint8Array, s: number, e: number): number {
  const first = oneOrTwo(b, s, e);
  const i1 = after;
  const sep = b[i1];
  if (first < 0 || (sep !== 0x2f && sep !== 0x2e)) return Number.NaN;
  const second = oneOrTwo(b, i1 + 1, e);
  const i2 = after;
  if (second < 0 || b[i2] !== sep || i2 + 5 > e) return Number.NaN;
  const y = two(b, i2 + 1) * 100 + two(b, i2 + 3);
  let i = i2 + 5;
  if (b[i] === 0x2c) i++;
  if (!isSpace(b[i])) return Number.NaN;
  while (i < e && isSpace(b[i])) i++;
  const hour = oneOrTwo(b, i, e);
  const i3 = after;
  if (hour < 0 || b[i3] !== 0x3a || b[i3 + 3] !== 0x3a || i3 + 6 > e) return Number.NaN;
  const mi = two(b, i3 + 1);
  const sec = two(b, i3 + 4);
  i = i3 + 6;
  let ms = 0;
  if (i < e && b[i] === 0x2e) {
    i++;
    const from = i;
    while (i < e && isDigit(b[i])) ms = ms * 10 + (b[i++] - ZERO);
    const digits = i - from;
    if (digits === 0 || digits > 3) return Number.NaN;
    for (let k = digits; k < 3; k++) ms *= 10;
  }
  let h = hour;
  if (sep === 0x2f) {
    while (i < e && isSpace(b[i])) i++;
    if (i + 2 === e && (b[i + 1] | 0x20) === 0x6d) {
      const ap = b[i] | 0x20;
      if (ap === 0x70 && h < 12) h += 12;
      else if (ap === 0x61 && h === 12) h = 0;
      else if (ap !== 0x70 && ap !== 0x61) return Number.NaN;
      i = e;
    }
  }
  if (i !== e || y < 1970) return Number.NaN;
  const mo = sep === 0x2f ? first : second;
  const d = sep === 0x2f ? second : first;
  if (mo < 1 || mo > 12 || d < 1) return Number.NaN;
  return dayStart(y, mo, d) + clock(h, mi, sec) + ms;
}

/** Epoch ms of the time in b[s, e), or NaN when the shape is not one read here (ask `parseLogTime`). */
export function fastTime(b: Uint8Array, s: number, e: number): number {
  while (s < e && isSpace(b[s])) s++;
  while (e > s && isSpace(b[e - 1])) e--;
  if (e - s < 8 || !isDigit(b[s])) return Number.NaN;
  return b[s + 4] === 0x2d ? isoLike(b, s, e) : localeLike(b, s, e);
}
