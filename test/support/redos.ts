/**
 * ReDoS checks for any pattern that reads external text (log rows, alert fields, request values).
 *
 * `assertSafePattern(re, { window })` is the reusable gate: it is what the built-in rules are held to in
 * test/security/redos.test.ts, and what a loader of a team's own rules should run over every pattern of a
 * rules file in its tests. Two independent checks:
 *  1. a static analyser (npm `recheck`, pure JavaScript or its native binary, no install scripts) that
 *     proves a pattern linear or finds an attack string;
 *  2. a measurement: adversarial 100 KB rows (the analyser's attack plus rows built from the pattern's own
 *     literals) cut to the window the app applies, timed against a baseline linear regex scanning the
 *     whole 100 KB row on the same machine in the same run. A ratio, not a time, so a loaded machine slows
 *     both sides alike; a row that comes out over the limit is measured again in alternating rounds and
 *     judged on the least time of each side (`settledRatio`), which load from other processes cannot raise.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Size of the hostile rows (the review used 100 KB). */
export const HOSTILE_ROW_CHARS = 100_000;
/**
 * How many times the baseline's cost over the full row a pattern may spend on its window. A linear
 * pattern over a 4-8 KB window costs a small fraction of the baseline; a quadratic one costs tens to
 * hundreds of times more, a cubic or exponential one does not finish.
 */
export const MAX_COST_RATIO = 25;

export interface PatternVerdict {
  source: string;
  /** `safe`, `vulnerable` or `unknown` (the analyser ran out of time). */
  analyser: string;
  complexity?: string;
  /** The worst ratio measured, and the row shape that produced it. */
  ratio: number;
  worstRow: string;
}

export class UnsafePatternError extends Error {}

// ---------------------------------------------------------------------------------------------------
// Static analysis

let recheckModule: typeof import('recheck') | undefined;
const verdicts = new Map<string, Promise<{ status: string; complexity?: string; attack?: string }>>();

/**
 * The analyser's verdicts on the exact patterns already in src/, kept in the repository: the analyser
 * takes about a third of a second a pattern and there are over 300, so each run analyses only the
 * patterns that are new or changed (a changed pattern has another source, so another key). A stored
 * verdict is exactly what the analyser said (status, complexity, attack string), judged by the same rules
 * as a fresh one, and the measurement still runs on every pattern every time. An update gives the analyser
 * five times longer per pattern than a plain run, so fewer verdicts are `unknown` (which carry no attack
 * string for the measurement to replay). `REDOS_UPDATE=1` analyses new, edited and undecided patterns again and rewrites the file; `REDOS_FULL=1`
 * ignores it.
 */
export const VERDICTS_FILE = join(__dirname, '..', 'security', 'redos-verdicts.json');
type StoredVerdict = { status: string; complexity?: string; attack?: string };
const stored: Record<string, StoredVerdict> =
  process.env.REDOS_FULL === '1' || !existsSync(VERDICTS_FILE)
    ? {}
    : Object.fromEntries(
        Object.entries(JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as Record<string, StoredVerdict>)
          // An update analyses again what the analyser could not decide last time.
          .filter(([, v]) => process.env.REDOS_UPDATE !== '1' || v.status !== 'unknown'),
      );
const fresh: Record<string, StoredVerdict> = {};

/**
 * How long the analyser may take per pattern: 300 ms on a plain run, 1.5 s on an update, or
 * REDOS_TIMEOUT_MS (an update that should decide a pattern the analyser needs longer for).
 */
function analyserTimeoutMs(): number {
  const asked = Number(process.env.REDOS_TIMEOUT_MS);
  if (Number.isFinite(asked) && asked > 0) return asked;
  return process.env.REDOS_UPDATE === '1' ? 1500 : 300;
}

/** The analyser's verdict; never throws (an analyser failure is `unknown`, and the measurement decides). */
export function analyse(re: RegExp, timeoutMs = analyserTimeoutMs()): Promise<{ status: string; complexity?: string; attack?: string }> {
  const key = `${re.flags}/${re.source}`;
  const known = stored[key];
  if (known) return Promise.resolve(known);
  if (!verdicts.has(key)) {
    verdicts.set(
      key,
      analyseOnce(re, timeoutMs).then((v) => {
        fresh[key] = v;
        return v;
      }),
    );
  }
  return verdicts.get(key)!;
}

/** With REDOS_UPDATE=1: writes the verdicts of this run for the patterns still in use. */
export function saveVerdicts(inUse: Iterable<RegExp>): void {
  if (process.env.REDOS_UPDATE !== '1') return;
  const keep: Record<string, StoredVerdict> = {};
  for (const re of inUse) {
    const key = `${re.flags}/${re.source}`;
    const v = fresh[key] ?? stored[key];
    if (v) keep[key] = v;
  }
  const sorted = Object.fromEntries(Object.entries(keep).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(VERDICTS_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
}

async function analyseOnce(re: RegExp, timeoutMs: number): Promise<{ status: string; complexity?: string; attack?: string }> {
  recheckModule ??= await import('recheck');
  const flags = re.flags.replace(/[gyd]/g, '');
  try {
    const r = await recheckModule.check(re.source, flags, { timeout: timeoutMs });
    const complexity = r.status === 'unknown' ? undefined : `${r.complexity.type}${'degree' in r.complexity ? ` ${r.complexity.degree}` : ''}`;
    const attack = r.status === 'vulnerable' ? r.attack.string : undefined;
    return { status: r.status, complexity, attack };
  } catch {
    return { status: 'unknown' };
  }
}

// ---------------------------------------------------------------------------------------------------
// Measurement

/** Literal runs in a pattern's source (what an attacker repeats to keep the engine busy). */
function literals(source: string): string[] {
  const runs = source
    .replace(/\\[dDwWsSbB]|\[(?:\\.|[^\]])*\]|\(\?(?:<?[=!]|<\w+>|:)?|[()|*+?{}^$]|\{\d+(?:,\d*)?\}/g, '\u0000')
    .replace(/\\(.)/g, '$1')
    .split('\u0000')
    .filter((s) => s.length > 0);
  return [...new Set(runs)].slice(0, 12);
}

/** Hostile rows for one pattern: repeats of its literals and of the shapes that break naive patterns. */
export function hostileRows(re: RegExp, attack?: string): { label: string; text: string }[] {
  const fill = (unit: string): string => unit.repeat(Math.ceil(HOSTILE_ROW_CHARS / Math.max(1, unit.length))).slice(0, HOSTILE_ROW_CHARS);
  const units = new Map<string, string>([
    ['a', 'a'],
    ['space', ' '],
    ['word-space', 'a '],
    ['digits', '1'],
    ['dots', '.'],
    ['slashes', '/'],
    ['colon-digit', ':1'],
    ['newlines', 'a\n '],
    ['tab-equals', 'a=\t'],
  ]);
  const lits = literals(re.source);
  for (const lit of lits) {
    units.set(`literal ${JSON.stringify(lit)}`, lit);
    units.set(`literal ${JSON.stringify(lit)}+space`, `${lit} `);
    units.set(`literal ${JSON.stringify(lit)}+word`, `${lit}a`);
  }
  if (lits.length > 1) units.set('all literals', lits.join(''));
  const rows = [...units].map(([label, unit]) => ({ label, text: fill(unit) }));
  // A well-formed start followed by a long run: what keeps a pattern busy past its opening literals.
  // The first k literals with a one-letter filler where the pattern wants one or more characters.
  const prefixes = new Set([lits.join(''), ...lits.slice(0, 6).map((_, k) => lits.slice(0, k + 1).join('x'))]);
  for (const prefix of prefixes) {
    for (const [label, unit] of [['digits', '1'], ['colon-digit', ':1'], ['word-space', 'a '], ['a', 'a'], ['parens', '('], ['newline-indent', '\n  at a']]) {
      rows.push({ label: `${JSON.stringify(prefix.slice(0, 30))} then ${label}`, text: (prefix + fill(unit)).slice(0, HOSTILE_ROW_CHARS) });
    }
    // Many line breaks before it: a pattern whose \s spans lines can start at each of them.
    rows.push({ label: `newlines, ${JSON.stringify(prefix.slice(0, 30))}, parens`, text: `${'\n'.repeat(HOSTILE_ROW_CHARS / 2)}${prefix}${fill('(')}`.slice(0, HOSTILE_ROW_CHARS) });
  }
  if (attack) rows.push({ label: 'analyser attack', text: attack.length >= HOSTILE_ROW_CHARS ? attack.slice(0, HOSTILE_ROW_CHARS) : attack + fill('!').slice(attack.length) });
  if (attack && attack.length > 2) rows.push({ label: 'analyser attack repeated', text: fill(attack) });
  return rows;
}

/** One timing of `reps` calls of `fn`, per call, in milliseconds. */
function timeOnce(fn: () => void, reps = 1): number {
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t) / reps;
}

/** Best of `runs` timings of `fn`, in milliseconds. */
function bestOf(runs: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeOnce(fn));
  return best;
}

/**
 * A linear regex that visits every character of the row: what a pattern may cost, scaled by the ratio.
 * The class cannot be skipped by a fast literal search, so this is real per-character work.
 */
const BASELINE = /[^\s\S]|[a-z\d][:=]{3}[#%]/i;

export function baselineMs(text: string): number {
  BASELINE.exec(text);
  return Math.max(bestOf(5, () => BASELINE.exec(text)), 0.01);
}

/** Interleaved rounds a pattern over the limit is measured again in (see `settledRatio`). */
export const SETTLE_ROUNDS = 40;

/**
 * The load-free ratio of one row, for a row whose first, quick measurement came out over the limit.
 * Load only ever adds time, so the least of many timings is the best estimate of each side's own cost;
 * baseline and pattern are timed in alternation (one of each per round), so a stretch of load from
 * another process falls on both sides rather than on one, and each baseline timing repeats the scan
 * until it lasts about as long as one run of the pattern, so both are equally exposed to being
 * preempted. The rounds stop as soon as the ratio of the two minimums is within the limit, or after
 * SETTLE_ROUNDS: a pattern that really costs more than the limit stays over it however often it is
 * measured, since its minimum cannot drop below its own cost.
 */
function settledRatio(pattern: () => void, rowText: string, limit = MAX_COST_RATIO): number {
  const baseline = (): void => void BASELINE.exec(rowText);
  let minPattern = Number.POSITIVE_INFINITY;
  let minBaseline = Number.POSITIVE_INFINITY;
  let ratio = Number.POSITIVE_INFINITY;
  for (let round = 0; round < SETTLE_ROUNDS && ratio > limit; round++) {
    minPattern = Math.min(minPattern, timeOnce(pattern));
    const reps = Math.min(50, Math.max(1, Math.round(minPattern / Math.max(minBaseline, 0.01))));
    minBaseline = Math.min(minBaseline, timeOnce(baseline, Number.isFinite(minBaseline) ? reps : 1));
    ratio = minPattern / Math.max(minBaseline, 0.01);
  }
  return ratio;
}

/**
 * What `fn` costs, in baselines over `baselineText` (a linear scan of it), judged as the patterns are:
 * best of three, and when that is over `limit`, the load-free ratio of alternating rounds.
 */
export function costInBaselines(fn: () => void, baselineText: string, limit: number): number {
  fn(); // warm up
  const quick = bestOf(3, fn) / baselineMs(baselineText);
  return quick > limit ? Math.min(quick, settledRatio(fn, baselineText, limit)) : quick;
}

/** The bounded window a pattern sees, given the app's cut (`window` chars) of a hostile row. */
export type WindowFn = (text: string) => string;

export function measure(re: RegExp, rows: { label: string; text: string }[], window: WindowFn): { ratio: number; worstRow: string } {
  const copy = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  let worst = { ratio: 0, worstRow: '' };
  // One baseline per pattern, over a row of the same length, measured right before its rows.
  const base = baselineMs(rows[0]!.text);
  for (const row of rows) {
    const seen = window(row.text);
    copy.exec(seen); // compile and warm up
    let ratio = bestOf(3, () => copy.exec(seen)) / base;
    // Over the limit once may be load from another process: measure again, in a way load cannot tip.
    if (ratio > MAX_COST_RATIO) ratio = Math.min(ratio, settledRatio(() => copy.exec(seen), row.text));
    if (ratio > worst.ratio) worst = { ratio, worstRow: row.label };
  }
  return worst;
}

/**
 * Throws UnsafePatternError when the analyser finds super-linear backtracking that the window does not
 * tame, or when a hostile row makes the pattern cost more than MAX_COST_RATIO baselines.
 */
export async function assertSafePattern(re: RegExp, options: { window: WindowFn; name?: string }): Promise<PatternVerdict> {
  const verdict = await analyse(re);
  const { ratio, worstRow } = measure(re, hostileRows(re, verdict.attack), options.window);
  const result: PatternVerdict = { source: re.source, analyser: verdict.status, complexity: verdict.complexity, ratio, worstRow };
  const name = options.name ?? `/${re.source.slice(0, 80)}/`;
  if (verdict.status === 'vulnerable' && verdict.complexity !== 'polynomial 2') {
    throw new UnsafePatternError(`${name}: the analyser finds ${verdict.complexity} backtracking; rewrite it without nested or adjacent overlapping quantifiers`);
  }
  if (ratio > MAX_COST_RATIO) {
    throw new UnsafePatternError(`${name}: a hostile row (${worstRow}) costs ${ratio.toFixed(0)}x the linear baseline (limit ${MAX_COST_RATIO}x)`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Collection

export interface SourceRegex {
  file: string;
  line: number;
  re: RegExp;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every regular-expression literal in the project's source files (parsed, so none is missed). */
export function sourceRegexes(root: string): SourceRegex[] {
  const out: SourceRegex[] = [];
  for (const file of tsFiles(join(root, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const cut = text.lastIndexOf('/');
        out.push({
          file: file.slice(root.length + 1),
          line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
          re: new RegExp(text.slice(1, cut), text.slice(cut + 1)),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
