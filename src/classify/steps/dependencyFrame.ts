/**
 * Where an uncaught error was raised, when that place is a dependency the app installed rather than its
 * own code: Node's `node_modules/<package>/`, Python's `site-packages/<package>/`, a Ruby gem's
 * `gems/<gem>-<version>/`, a Go module under `pkg/mod/`. The fix is then around the call into it (guard
 * the input it chokes on) and in its version, not in "the app's own frame".
 */
import type { Finding } from '../../model';

/** A row with a source position (a file of these languages followed by its line number). */
const HAS_POSITION = /\.(?:js|mjs|cjs|ts|py|rb|go):\d/;
/** The package a dependency path belongs to, by the directory that holds installed packages. */
const PACKAGE_DIRS: readonly { re: RegExp; name: (m: RegExpExecArray) => string }[] = [
  { re: /\/node_modules\/((?:@[\w.-]{1,60}\/)?[\w.-]{1,100})\//, name: (m) => m[1]! },
  { re: /\/(?:site|dist)-packages\/([A-Za-z_][\w.-]{0,100})\//, name: (m) => m[1]! },
  { re: /\/gems\/([A-Za-z][\w-]{0,60}?-\d[\w.]{0,30})\//, name: (m) => m[1]! },
  { re: /\/pkg\/mod\/([\w.-]{1,100}(?:\/[\w.-]{1,100}){0,4})@v[\w.+-]{1,60}\//, name: (m) => m[1]! },
];

/**
 * The row that says where the error was raised: Python's last `File "..."` line of a traceback, else the
 * first row with a source position (Node's header line and first `at` frame, Ruby's and Go's first frame).
 */
function raisedAt(rows: readonly string[]): string | undefined {
  if (rows.some((r) => /Traceback \(most recent call last\)/.test(r))) {
    return [...rows].reverse().find((r) => /^\s*File "/.test(r));
  }
  return rows.find((r) => HAS_POSITION.test(r));
}

/**
 * A programming error (a property of undefined, a nil pointer, a missing key or method), as opposed to an
 * error a library raises on purpose to report the app's input or environment (a database's ProgrammingError,
 * a refused connection, a validation error), where the library is only the messenger.
 */
const BUG_IN_IT = /\b(?:TypeError|AttributeError|ReferenceError|NullPointerException|NoMethodError|IndexError|KeyError|RangeError)\b|nil pointer dereference|Cannot read propert(?:y|ies) of (?:undefined|null)|undefined method/;

/**
 * The `path:line` written around an index of the row: the word (between spaces, parentheses or quotes)
 * that holds it, without a trailing column. String scans, no backtracking.
 */
function positionAround(row: string, index: number): string | undefined {
  const stops = ' \t()"\',';
  let start = index;
  while (start > 0 && index - start < 300 && !stops.includes(row[start - 1]!)) start--;
  let end = index;
  while (end < row.length && end - index < 300 && !stops.includes(row[end]!)) end++;
  const m = /^(.{1,600}?):(\d{1,6})(?::\d{1,6})?$/.exec(row.slice(start, end));
  return m && HAS_POSITION.test(`${m[1]}:${m[2]}`) ? `${m[1]}:${m[2]}` : undefined;
}

export function dependencyFrame(f: Finding): Record<string, string> {
  if (f.category !== 'application-error' || f.benign) return {};
  const rows = (Array.isArray(f.evidence) ? f.evidence : []).filter((e) => e?.source === 'console').map((e) => (typeof e.text === 'string' ? e.text.slice(0, 2000) : ''));
  if (!rows.some((r) => BUG_IN_IT.test(r))) return {};
  const row = raisedAt(rows);
  if (!row) return {};
  for (const dir of PACKAGE_DIRS) {
    const m = dir.re.exec(row);
    if (!m) continue;
    const at = positionAround(row, m.index);
    return { dependencyPackage: dir.name(m), ...(at ? { dependencyAt: `(at ${at})` } : {}) };
  }
  return {};
}
