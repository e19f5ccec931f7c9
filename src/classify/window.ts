/**
 * The one place that bounds how much external text a regex sees. Console rows and platform messages are
 * written by the app under diagnosis (or quote it), so a crashing app chooses their length and shape. Every
 * rule, the stack-trace joiner and the listen patterns read rows through this window, and `context`
 * patterns read a reassembled block through a wider one; with linear patterns (test/security/redos.test.ts)
 * the cost per row is then bounded whatever the app writes.
 */

/** Longest stretch of one row a pattern looks at: head and tail of a longer row. */
export const MAX_SCAN_CHARS = 4000;
/** Longest stretch of a reassembled block (a stack trace) that `context` patterns look at. */
export const MAX_CONTEXT_CHARS = 8000;
/** A platform reason is a short CamelCase word; anything longer is not one. */
export const MAX_REASON_CHARS = 200;

/**
 * A long text is not scanned whole: its head and its tail are, joined by a line break so no pattern spans
 * the cut. Structured loggers put the error last, after whatever payload they dumped; traces start with it.
 */
export function scanWindow(text: string, max: number = MAX_SCAN_CHARS): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n${text.slice(text.length - half)}`;
}
