/**
 * Timestamps and durations as alerts and people write them. Parsing is explicit (no `Date.parse` on
 * arbitrary text) so results never depend on the host's time zone or on V8's lenient fallbacks.
 */

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** Legacy log alerts (v1) write search intervals like `3/22/2019 1:36:31 PM`, always in UTC. */
const US_TIMESTAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]))?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Reject dates that roll over (Feb 30 becomes Mar 2 in Date.UTC).
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return undefined;
  return date;
}

/**
 * An ISO 8601 timestamp (any number of fraction digits, `Z` or an offset; none means UTC), or a
 * date alone (midnight UTC). Undefined when the text is anything else.
 */
export function parseIsoTimestamp(text: string): Date | undefined {
  const m = ISO_TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const base = utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms);
  if (!base) return undefined;
  if (!zone || zone === 'Z' || zone === 'z') return base;
  const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!zm) return undefined;
  const offsetMinutes = (Number(zm[2]) * 60 + Number(zm[3])) * (zm[1] === '-' ? -1 : 1);
  if (Number(zm[2]) > 23 || Number(zm[3]) > 59) return undefined;
  return new Date(base.getTime() - offsetMinutes * 60_000);
}

/** An alert timestamp: ISO 8601, or the `M/D/YYYY h:mm:ss AM` form of legacy log alerts (UTC). */
export function parseAlertTimestamp(text: string): Date | undefined {
  const iso = parseIsoTimestamp(text);
  if (iso) return iso;
  const m = US_TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [, mo, d, y, hRaw, mi, s, meridiem] = m;
  let h = Number(hRaw);
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    const pm = meridiem.toLowerCase() === 'pm';
    h = (h % 12) + (pm ? 12 : 0);
  }
  return utc(Number(y), Number(mo), Number(d), h, Number(mi), Number(s), 0);
}

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An ISO 8601 duration without years or months (their length varies): `PT10M`, `PT1H30M`, `P1D`, `P1W`.
 * Returns milliseconds, or undefined when the text is not such a duration or is zero.
 */
export function parseIsoDuration(text: string): number | undefined {
  const m = ISO_DURATION.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/i.test(text.trim())) return undefined;
  const [, w, d, h, mi, s] = m;
  const ms =
    Number(w ?? 0) * 7 * DAY + Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(mi ?? 0) * MINUTE + Number(s ?? 0) * 1000;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

const SHORT_UNITS: Readonly<Record<string, number>> = { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** A short relative duration as people type it: `90s`, `30m`, `2h`, `1d`, `1w`; or an ISO 8601 duration. */
export function parseRelativeDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (m) {
    const ms = Number(m[1]) * SHORT_UNITS[m[2]!.toLowerCase()]!;
    return Number.isFinite(ms) && ms > 0 ? ms : undefined;
  }
  return parseIsoDuration(text);
}
