/** Small string helpers shared by the renderers. */

export const ELLIPSIS = '…';

/** UTF-8 size of a string, the unit webhook limits are stated in. */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Cuts `s` to at most `max` UTF-16 units, ending with an ellipsis when cut. Never splits a surrogate
 * pair, so the result is always valid text.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return s.slice(0, end) + ELLIPSIS;
}

/** Collapses a multi-line value onto one line, for titles and facts. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** "5 more lines" / "1 more line". */
export function moreLines(n: number): string {
  return `+${n} more ${n === 1 ? 'line' : 'lines'}`;
}

/**
 * Only http(s) URLs become links or buttons; anything else (javascript:, data:, junk) is dropped. The
 * URL comes back in its canonical form, so spaces and angle brackets are percent-encoded and cannot
 * break out of the Markdown or JSON around it.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** "2025-01-10T14:01:10.123Z" → "2025-01-10 14:01:10Z"; anything unparseable is shown as given. */
export function shortTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return m ? `${m[1]} ${m[2]}${m[3]}` : iso;
}
