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

/**
 * Whether each position is inside an inline `code` span or parentheses: a "; " there ends no sentence
 * (v21 review B 78: a step cut at "prints; " inside "(the USER line ... `docker run ... id` prints; an
 * entrypoint ...)" lost the mount-option instruction after it).
 */
function insideSpan(s: string): boolean[] {
  const out: boolean[] = [];
  let code = false;
  let depth = 0;
  for (const ch of s) {
    if (ch === '`') code = !code;
    else if (!code && ch === '(') depth++;
    else if (!code && ch === ')' && depth > 0) depth--;
    for (let k = 0; k < ch.length; k++) out.push(code || depth > 0);
  }
  return out;
}

/**
 * Cuts a step's text to at most `max` UTF-16 units at the end of its last whole sentence that fits, so a
 * step never stops mid-sentence ("use the portal's Containers > He…"); the ellipsis after it says that
 * more follows in the full form. Only a text with no sentence end in its first third is cut hard.
 */
export function truncateAtSentence(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 2) return truncate(s, max);
  // A sentence ends at ". ", "; ", "! " or "? " (a version or file name such as 3.1.0 or app.yaml has no space after its dot).
  const head = s.slice(0, max - 1);
  const open = insideSpan(head);
  let end = -1;
  for (let i = head.length - 1; i >= Math.floor(max / 3); i--) {
    if (!open[i] && '.;!?'.includes(head[i]!) && /\s/.test(s[i + 1] ?? '')) {
      end = i + 1;
      break;
    }
  }
  return end > 0 ? `${s.slice(0, end)} ${ELLIPSIS}`.slice(0, max) : truncate(s, max);
}

/**
 * Joins the lines of `s` with single spaces, dropping the whitespace around each line break but keeping
 * the text's own leading and trailing whitespace. Linear: a whitespace-newline-whitespace regex rescans a
 * long run of spaces from each of its positions, and a log line can be made of such a run.
 */
export function foldLines(s: string): string {
  if (!s.includes('\n') && !s.includes('\r')) return s;
  const parts = s.split(/[\r\n]+/);
  const last = parts.length - 1;
  return parts
    .map((p, i) => (i === 0 ? p.trimEnd() : i === last ? p.trimStart() : p.trim()))
    .filter((p, i) => p.length > 0 || i === 0 || i === last)
    .join(' ');
}

/** Collapses a multi-line value onto one line, for titles and facts. */
export function oneLine(s: string): string {
  return foldLines(s).trim();
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
