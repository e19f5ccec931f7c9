import type { ConsoleMatch } from '../types';
import { matchConsoleLine } from '../consoleMatcher';
import { LISTEN_PATTERNS } from '../rules/configRules';
import { plausibleSignal } from '../rules/signals';
import type { Block, TimedLine } from '../stackTraces';
import { addEvidence, draft, mergeNames, type Draft } from './draft';
import { consoleEvidence, sameReplica, within, type Sys } from './evidence';

/**
 * Stage 3, last words per replica: each block of console rows (a trace, a multi-row message) yields its
 * best cause; causes on the same replica shortly before a failure (an exit, a back-off, a failed probe, a
 * create failure) are that failure's last words and rank higher.
 */

/** How far before a failure the replica's console rows count as its "last words". */
export const LAST_WORDS_BEFORE_MS = 10 * 60_000;
/** Console rows are ingested with a lag and clocks differ a little: accept rows slightly after the failure. */
export const LAST_WORDS_AFTER_MS = 2 * 60_000;
export const LAST_WORDS_BONUS = 0.1;
/**
 * Ordering penalty for a failure the app logged as handled (a warning, a retry) when a later, unhandled
 * failure on the same replica followed it: the app survived the first one, so the later one ended it.
 */
const SUPERSEDED_PENALTY = -0.2;
/**
 * Ordering penalty for a missing setting the app logged and then started past (more start-up progress
 * followed on the replica, and no failure of its own): a warning, not the cause. Deep enough to fall
 * below a platform finding (a startup probe that killed the still-starting app, 0.6) even when the
 * template check raised it (+0.05 for a variable the template lacks).
 */
const CONTINUED_PENALTY = -0.4;
/** A row that reports start-up progress: something started, connected, loaded or became ready. */
const PROGRESS_MARKER = /\b(?:started|listening|ready|connected|loaded|initiali[sz]ed|serving|running on)\b/i;
/**
 * A request the app answered with success, an access-log row (Next.js `GET /x 200 in 4ms`, the common log
 * format's `"GET /x HTTP/1.1" 200`): after an error of any kind, the app went on serving.
 */
const SERVED_MARKER = /\b(?:GET|HEAD|POST|PUT|PATCH|DELETE) \/\S{0,300} (?:HTTP\/[\d.]{1,3}"? )?[23]\d\d\b/;
/** Words of a failure or a stop: a row with them is not progress. */
const FAILURE_WORDS = /\b(?:error|fatal|fail(?:ed|ure|ing)?|exit(?:ed|ing)?|abort(?:ed|ing)?|panic|shut(?:ting)?\s?down|stopp(?:ed|ing)|terminat(?:ed|ing)|cannot|unable|refused|denied|missing|not set|invalid)\b/i;
/** Words with which apps say they will try again, on the failure line or right around it. */
const RETRY_MARKER = /\b(?:retry(?:ing)?|retries|will retry|trying again|reconnecting|backing off)\b/i;
/** Warning-level log lines (plain-text and JSON loggers). */
const WARN_MARKER = /\bWARN(?:ING)?\b|\blevel=warn|"level":\s*"warn|"level":\s*40\b|^\s*warn(?:ing)?:/;

export interface ConsoleHit {
  match: ConsoleMatch;
  line: TimedLine;
  block: Block;
  lastWords: boolean;
  exitCode?: number;
  /** The app logged this failure as something it handles (a warning, a retry). */
  handled: boolean;
  /** A later failure on the same replica that was not handled. */
  superseded: boolean;
  /** A missing setting the app went on starting past (see markContinued). */
  continued?: boolean;
  /** Requests answered with success followed it on the replica (see markContinued); read against the failures. */
  servedAfter?: boolean;
}

export interface Listen {
  line: TimedLine;
  address?: string;
  port: number;
  /** The setting the line names the address by (`Inference address`), when it does. */
  setting?: string;
}

export interface ConsoleSignal {
  kind: 'shutdown' | 'memory' | 'storage';
  line: TimedLine;
}

/** A moment the replica failed: the console rows before it are its last words. */
export interface Failure {
  sys: Sys;
  code?: number;
}

export interface ConsoleReading {
  hits: ConsoleHit[];
  signals: ConsoleSignal[];
  listens: Listen[];
}

/**
 * A line's best match, with names the other matches of the same category found on it (one rule knows
 * the error type, another the host:port quoted in the same message).
 */
export function withSiblingNames(matches: ConsoleMatch[]): ConsoleMatch | undefined {
  const top = matches[0];
  if (!top || matches.length < 2) return top;
  let names = top.names;
  for (const m of matches.slice(1)) {
    if (m.category !== top.category || m.benign) continue;
    // A sibling that talks about another host would pair our host with its port.
    if (names.host && m.names.host && m.names.host !== names.host) continue;
    for (const [k, v] of Object.entries(m.names)) {
      if (names[k] === undefined) names = { ...names, [k]: v };
    }
  }
  return names === top.names ? top : { ...top, names };
}

function listenOf(line: TimedLine): Listen | undefined {
  for (const pattern of LISTEN_PATTERNS) {
    const m = pattern.exec(line.text.length > 4000 ? line.text.slice(0, 4000) : line.text);
    if (m?.groups?.port) return { line, address: m.groups.address, port: Number(m.groups.port), ...(m.groups.setting ? { setting: m.groups.setting } : {}) };
  }
  return undefined;
}

/**
 * An error quoted as what the logger was trying to write when logging itself failed: the logging failure
 * ended the process, the quoted error did not (Laravel, Monolog and others word it this way).
 */
const QUOTED_BY_FAILED_LOGGER = /\b(?:occurred|happened|raised) while (?:attempting|trying) to (?:log|write (?:to )?the log)\b/i;

/** A line whose own level says debug or trace: `DEBUG:azure.identity...`, `level=debug`, `[TRACE]`, `dbug:`. */
const DEBUG_LEVEL = /^\s{0,4}(?:\S{1,40}\s{1,3}){0,3}?(?:\[?(?:DEBUG|TRACE)\]?[:\s]|level=(?:debug|trace)\b|dbug:|trce:)/;

/** The block's best line: equal confidence goes to the line that names more, then to the later line. */
function bestOfBlock(block: Block, out: ConsoleReading): { match: ConsoleMatch; line: TimedLine } | undefined {
  let best: { match: ConsoleMatch; line: TimedLine } | undefined;
  let quoted: { match: ConsoleMatch; line: TimedLine } | undefined;
  for (const line of block.lines) {
    const listen = listenOf(line);
    if (listen) out.listens.push(listen);
    // A line the app logged at debug or trace level reports its own probing (a credential chain trying
    // each source in turn), never the failure: it still counts as a signal, not as a cause.
    const matches = matchConsoleLine(line.text, block.text);
    for (const m of matches) if (m.rule.signal) out.signals.push({ kind: m.rule.signal, line });
    if (DEBUG_LEVEL.test(line.text.slice(0, 120))) continue;
    const top = withSiblingNames(matches);
    if (top && QUOTED_BY_FAILED_LOGGER.test(line.text.slice(0, 2000))) {
      quoted ??= { match: top, line };
      continue;
    }
    if (
      top &&
      (!best ||
        top.confidence > best.match.confidence ||
        (top.confidence === best.match.confidence && Object.keys(top.names).length >= Object.keys(best.match.names).length))
    ) {
      best = { match: top, line };
    }
  }
  return best ?? quoted;
}

/** Whether the app treated the failure as one it handles: a warning level or a retry around it. */
function wasHandled(blocks: Block[], bi: number, line: TimedLine): boolean {
  const block = blocks[bi];
  const idx = block.lines.indexOf(line);
  const prevBlock = blocks[bi - 1]?.key === block.key ? blocks[bi - 1] : undefined;
  const nextBlock = blocks[bi + 1]?.key === block.key ? blocks[bi + 1] : undefined;
  const before = idx > 0 ? block.lines[idx - 1] : prevBlock?.lines[prevBlock.lines.length - 1];
  // A retry announced after the failure: in the rest of its block, or on the row right after it.
  const after = [...block.lines.slice(idx + 1), ...(nextBlock ? [nextBlock.lines[0]] : [])];
  return (
    RETRY_MARKER.test(line.text) ||
    WARN_MARKER.test(line.text) ||
    (before !== undefined && (RETRY_MARKER.test(before.text) || WARN_MARKER.test(before.text))) ||
    after.some((l) => RETRY_MARKER.test(l.text))
  );
}

export function readConsole(blocks: Block[]): ConsoleReading {
  const out: ConsoleReading = { hits: [], signals: [], listens: [] };
  for (let bi = 0; bi < blocks.length; bi++) {
    const best = bestOfBlock(blocks[bi], out);
    if (best) out.hits.push({ ...best, block: blocks[bi], lastWords: false, handled: wasHandled(blocks, bi, best.line), superseded: false });
  }
  // A handled failure followed by an unhandled one on the same replica did not end the process.
  for (const hit of out.hits) {
    if (!hit.handled) continue;
    hit.superseded = out.hits.some(
      (later) =>
        later !== hit &&
        !later.handled &&
        !later.match.benign &&
        // A reading that names no cause (a process manager's "exited: x (not expected)") is what the retried
        // failure ended in, not a later failure the app did not survive.
        later.match.category !== 'unknown' &&
        later.block.key === hit.block.key &&
        later.match.ruleId !== hit.match.ruleId &&
        (later.line.ms > hit.line.ms || (later.line.ms === hit.line.ms && later.line.index > hit.line.index)),
    );
  }
  markLoggedPast(out.hits);
  markContinued(blocks, out.hits);
  return out;
}

/**
 * Failures the app can only have logged past: the dynamic loader stops a program before its first line when
 * a library it was linked against is missing, so when the app goes on to log a failure of its own on the
 * same replica, the library was an optional one it tried to load at run time (Kerberos for GSSAPI, a GPU
 * runtime) and the warning is noise next to the app's own fatal line. A crash or a generic error after it
 * (Chromium aborting, an uncaught exception) may be the load failure's own consequence: only a later line
 * that names another cause counts.
 */
const CONSEQUENCE_CATEGORIES = new Set(['crash-signal', 'application-error', 'unknown']);
const LOGGED_PAST_RULES = new Set(['console.native.shared-library-missing']);

function markLoggedPast(hits: ConsoleHit[]): void {
  for (const hit of hits) {
    if (!LOGGED_PAST_RULES.has(hit.match.ruleId) || hit.superseded) continue;
    hit.superseded = hits.some(
      (later) =>
        !later.match.benign &&
        !later.handled &&
        later.block.key === hit.block.key &&
        later.match.ruleId !== hit.match.ruleId &&
        later.match.category !== hit.match.category &&
        !CONSEQUENCE_CATEGORIES.has(later.match.category) &&
        after(later.line, hit.line),
    );
  }
}

function after(a: TimedLine, b: TimedLine): boolean {
  return a.ms > b.ms || (a.ms === b.ms && a.index > b.index);
}

/**
 * An entrypoint's "Waiting for Redis..." is a wait, not a failure: when the replica's later rows report the
 * dependency ready or further start-up progress ("Connected to Redis broker.", migrations applied), the wait
 * ended and whatever stopped the replica came later (often a startup probe outlasted by a slow start).
 */
const WAITING_LINE = /\bwaiting for\b/i;

function isWaitingLine(hit: ConsoleHit): boolean {
  return hit.match.ruleId === 'console.dependency.waiting-for' && WAITING_LINE.test(hit.line.text.slice(0, 500));
}

/** Whether a later row shows the app went on: start-up progress after a missing setting or a wait, a served request after any error. */
function progressAfter(text: string, marker: RegExp): boolean {
  return marker.test(text) && !FAILURE_WORDS.test(text);
}

/**
 * A missing setting the app named and then started past: later rows of the same replica report start-up
 * progress ("PostgreSQL started.", "loaded user data from db") and no later row is a failure the rules
 * read. Apps print such lines when they fall back to a default ("TEMPORAL_ADDRESS is not set, setting it
 * to 10.0.0.4:7233"); what stopped the replica came later, often from the platform (a startup probe).
 * Any other error followed by requests the app answered with success may have been survived (a cache it
 * could not write, logged again at the next request; its own repeats are not a failure after it): whether
 * it was depends on how the replica ended (relateToFailures).
 */
function markContinued(blocks: Block[], hits: ConsoleHit[]): void {
  for (const hit of hits) {
    if (hit.match.benign) continue;
    const startupOnly = hit.match.category === 'missing-configuration' || isWaitingLine(hit);
    // The same line again is the next run's repeat of it (each restart waits again), not a failure after it.
    const repeats = (h: ConsoleHit) => (isWaitingLine(hit) || !startupOnly) && h.match.ruleId === hit.match.ruleId && h.line.text === hit.line.text;
    const laterFailure = hits.some(
      (h) => h !== hit && !h.match.benign && h.block.key === hit.block.key && after(h.line, hit.line) && !repeats(h),
    );
    if (laterFailure) continue;
    const marker = startupOnly ? PROGRESS_MARKER : SERVED_MARKER;
    const progressed = blocks.some(
      (b) => b.key === hit.block.key && b.lines.some((l) => after(l, hit.line) && progressAfter(l.text.slice(0, 500), marker)),
    );
    if (progressed && startupOnly) hit.continued = true;
    else if (progressed) hit.servedAfter = true;
  }
}

/** Whether a console row lies in the last-words window of a failure (aggregated rows span firstSeen..time). */
export function beforeFailure(line: { ms: number; replica?: string; revision?: string }, f: Failure): boolean {
  if (!sameReplica(line, f.sys)) return false;
  const start = Math.min(f.sys.firstMs, f.sys.ms);
  if (within(line.ms, start, LAST_WORDS_BEFORE_MS, LAST_WORDS_AFTER_MS)) return true;
  return Number.isFinite(start) && line.ms >= start && line.ms <= f.sys.ms + LAST_WORDS_AFTER_MS;
}

/** Marks the hits that are some failure's last words, and carries that failure's exit code. */
export function relateToFailures(hits: ConsoleHit[], failures: Failure[]): void {
  for (const hit of hits) {
    // An error the app went on serving past, before a stop the platform asked for (SIGTERM's 143, no probe
    // or back-off behind it): survived, not the replica's last words. After a crash or a probe kill it counts.
    const related = failures.filter((f) => beforeFailure(hit.line, f));
    if (hit.servedAfter && related.length > 0 && related.every((f) => f.code === 143)) {
      hit.continued = true;
      continue;
    }
    for (const f of failures) {
      if (!beforeFailure(hit.line, f)) continue;
      hit.lastWords = true;
      if (f.code !== undefined && hit.exitCode === undefined) hit.exitCode = f.code;
    }
  }
}

/** Console findings, folded by rule and the main extracted name. */
export function foldConsoleHits(hits: ConsoleHit[]): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const hit of hits) {
    const { match } = hit;
    const key = `${match.ruleId}|${match.names.envVar ?? match.names.host ?? match.names.module ?? match.names.file ?? match.names.class ?? ''}`;
    let d = drafts.get(key);
    if (!d) {
      d = draft(match.rule, match.names, 'console');
      d.confidence = match.confidence;
      drafts.set(key, d);
      // The first occurrence shows its trace: the block's opening line and the lines leading to the match.
      const idx = hit.block.lines.indexOf(hit.line);
      const lead = hit.block.lines.slice(Math.max(0, idx - 5), idx);
      const opener = idx - 5 > 0 ? [hit.block.lines[0]] : [];
      addEvidence(d, [...opener, ...lead].map(consoleEvidence));
    } else {
      mergeNames(d, match.names);
      d.confidence = Math.max(d.confidence, match.confidence);
    }
    addEvidence(d, [consoleEvidence(hit.line)]);
    d.occurrences += 1;
    d.times.push(hit.line.ms);
    if (hit.line.replica) d.replicas.add(hit.line.replica);
    // Folded hits: one that is neither handled-and-superseded earns the draft its full standing.
    const standing = hit.continued ? CONTINUED_PENALTY : hit.superseded ? SUPERSEDED_PENALTY : hit.lastWords ? LAST_WORDS_BONUS : 0;
    d.bonus = d.occurrences === 1 ? standing : Math.max(d.bonus, standing);
    if (hit.lastWords && !hit.continued) d.lastWords = true;
    if (hit.exitCode !== undefined && d.exitCode === undefined) {
      d.exitCode = hit.exitCode;
      const sig = plausibleSignal(hit.exitCode);
      if (sig && !d.signal) {
        d.signal = sig.name;
        if (d.names.signal === undefined) d.names.signal = sig.name;
      }
    }
  }
  return [...drafts.values()];
}
