import type { AppConfig, Category } from '../../model';
import { CATEGORY_TEXT } from '../rules/categoryText';
import { DERIVED_RULES } from '../rules/configRules';
import { exitCodeRule } from '../rules/exitCodes';
import type { TimedLine } from '../stackTraces';
import { addEvidence, draft, linesAround, mergeNames, type Draft } from './draft';
import { consoleEvidence, sameReplica, sysLine, type Sys } from './evidence';
import { STATUS_WORD } from './entities';
import { beforeFailure, LAST_WORDS_BONUS, type ConsoleHit, type Failure, type Listen } from './lastWords';
import type { PlatformReading } from './platformEvents';
import { ALTERNATIVE_SHARE, containsTerm, lowerWindow, scoreVocabulary, VOCABULARY_MIN_SCORE, type VocabularyScore } from './vocabulary';

/**
 * The generalising tier, run after the specific rules: a failure whose replica said something no rule
 * recognises is read through the vocabulary families; a platform warning no rule knows is reported rather
 * than answered with "no failure evidence"; a failing Dapr sidecar is the sidecar's failure, not noise.
 */

/** How many of a replica's lines before a failure are its last words for the vocabulary. */
const LAST_LINES = 30;

/** The latest lines of the whole window, oldest first: what ties are broken on. */
export function lastLinesOf(lines: TimedLine[]): string[] {
  const timed = lines.filter((l) => Number.isFinite(l.ms));
  const ordered = (timed.length === lines.length ? [...lines].sort((a, b) => a.ms - b.ms || a.index - b.index) : lines).slice(-LAST_LINES);
  return ordered.map((l) => l.text);
}

/** A file name with a source extension, one label before it: `main.go`, `node.go`, `app.py`, `index.js`. */
const SOURCE_LOCATION = /^[\w-]{1,63}\.(?:go|py|js|mjs|cjs|ts|rb|java|kt|cs|php|rs|scala|exs?|c|cc|cpp|h|swift)$/i;

/** Concrete names the words carry, by category (bounded, linear patterns). */
/** An absolute path to a configuration file. */
// Only the start of a path-like run may begin a match, so a long run is scanned once, not from each of its characters.
const CONFIG_FILE = /(?<![\w./-])(\/[\w./-]{1,200}\.(?:ya?ml|json|toml|conf|cfg|ini|xml|properties))\b/;

function namesFor(category: Category, texts: string[]): Record<string, string> {
  const joined = texts.slice(-10).map((t) => t.slice(0, 1000)).join('\n');
  if (category === 'missing-configuration') {
    // A configuration file the line names is the thing to fix; capitals in its message are its keys.
    const file = CONFIG_FILE.exec(joined)?.[1];
    if (file) return { file };
    // A status code in capitals (gRPC's INVALID_ARGUMENT, Node's ERR_INVALID_URL) is not a variable.
    const names = joined.match(/\b[A-Z][A-Z0-9]{0,40}_[A-Z0-9_]{1,60}\b/g) ?? [];
    const variable = names.find((n) => !STATUS_WORD.test(n));
    return variable ? { envVar: variable } : {};
  }
  if (category === 'dependency-unreachable') {
    // A source location (`[main.go:40]`, `app.py:12`) has the shape of host:port and is never the dependency.
    const hostPort = /\b(?<host>(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}|\d{1,3}(?:\.\d{1,3}){3}|localhost):(?<port>\d{2,5})\b/gi;
    for (let m = hostPort.exec(joined); m; m = hostPort.exec(joined)) {
      if (m.groups && !SOURCE_LOCATION.test(m.groups.host ?? '')) return { host: m.groups.host!, port: m.groups.port! };
    }
    return {};
  }
  if (category === 'missing-module') {
    const m = /(?:module|package|library|assembly|file)\s{1,3}['"`](?<module>[\w@./-]{1,120})['"`]/i.exec(joined);
    return m?.groups ? { module: m.groups.module } : {};
  }
  return {};
}

function vocabularyDraft(scores: VocabularyScore[], lines: TimedLine[], lastWords: boolean): Draft | undefined {
  const top = scores[0];
  if (!top || top.score < VOCABULARY_MIN_SCORE) return undefined;
  const texts = lines.map((l) => l.text);
  // The tier's wording, with the advice of the category the words point to.
  const rule = { ...DERIVED_RULES.vocabulary, category: top.category, actions: [...DERIVED_RULES.vocabulary.actions, ...CATEGORY_TEXT[top.category].actions], links: CATEGORY_TEXT[top.category].links };
  const d = draft(rule, { ...namesFor(top.category, texts), terms: top.terms.slice(0, 4).join(', ') }, 'vocabulary');
  d.title = `the last lines ${lastWords ? 'before the failure ' : ''}read as ${top.category.replace(/-/g, ' ')}: ${top.terms.slice(0, 3).map((t) => `"${t}"`).join(', ')}`;
  const second = scores[1]?.score ?? 0;
  // Sure in proportion to how far the leading family is ahead, never as sure as a specific rule.
  d.confidence = Math.min(0.55, 0.35 + (top.score - second) / 40);
  d.bonus = lastWords ? LAST_WORDS_BONUS : 0;
  d.lastWords = lastWords;
  d.alternatives = scores.slice(1).filter((s) => s.score >= top.score * ALTERNATIVE_SHARE).map((s) => s.category).slice(0, 3);
  if (d.alternatives.length > 0) d.explanationExtra.push(`The same words could also mean: ${d.alternatives.join(', ')}.`);
  const telling = lines.filter((l) => top.terms.some((t) => containsTerm(lowerWindow(l.text), t))).slice(-5);
  addEvidence(d, telling.map(consoleEvidence));
  for (const l of telling) {
    d.times.push(l.ms);
    if (l.replica) d.replicas.add(l.replica);
  }
  d.occurrences = Math.max(1, telling.length);
  return d;
}

/**
 * Exit codes that only say "it failed": the app's words, even loose ones, say more. 134 belongs here: it is
 * the process aborting itself (SIGABRT), which is how .NET ends an unhandled exception and V8 an exhausted
 * heap, so the words before it name the cause; a native crash says so in words the crash family knows.
 * So does 127: the shell's "command not found" and the loader's missing shared library both end with it.
 */
const CATCH_ALL_CODES = new Set([1, 2, 127, 134, 255]);

/** How many replicas' failures the tier reads: a crash loop says the same thing at every exit. */
const MAX_REPLICAS = 10;

/** The latest failure of each replica (a crash loop's last exit speaks for the others), newest first. */
function latestPerReplica(failures: Failure[]): Failure[] {
  const byReplica = new Map<string, Failure>();
  for (const f of failures) {
    const key = f.sys.replica ?? f.sys.revision ?? '';
    const known = byReplica.get(key);
    if (!known || f.sys.ms > known.sys.ms) byReplica.set(key, f);
  }
  return [...byReplica.values()].sort((a, b) => b.sys.ms - a.sys.ms).slice(0, MAX_REPLICAS);
}

/**
 * A replica the platform itself asked to stop (a scale-in, a revision switch: a benign stop finding covers it)
 * that ended on SIGTERM (143) or cleanly: its last lines are the traffic it served until then (access-log rows
 * with kube-probe agents and /healthz paths), not a failure's last words, so loose words must not outrank the stop.
 */
function plannedStop(f: Failure, drafts: Draft[]): boolean {
  const replica = f.sys.replica;
  if ((f.code !== 143 && f.code !== 0) || replica === undefined) return false;
  return drafts.some((d) => d.benign && d.category === 'scale-in' && d.replicas.has(replica));
}

/** Vocabulary findings for failures no console rule explained, and for a window where nothing spoke at all. */
export function generalise(drafts: Draft[], failures: Failure[], lines: TimedLine[], hits: ConsoleHit[]): void {
  const explained = (f: Failure) => hits.some((h) => !h.match.benign && h.lastWords && beforeFailure(h.line, f));
  const seen = new Set<string>();
  for (const f of latestPerReplica(failures)) {
    if (explained(f) || plannedStop(f, drafts)) continue;
    const before = lines.filter((l) => beforeFailure(l, f) && !(l.ms > f.sys.ms)).slice(-LAST_LINES);
    const key = before.map((l) => l.index).join(',');
    if (before.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const d = vocabularyDraft(scoreVocabulary(before.map((l) => l.text)), before, true);
    if (!d || drafts.some((x) => x.source === 'vocabulary' && x.category === d.category)) continue;
    // An exit code that means something precise (126, 127, 139, a 137...) says more than loose words.
    if (f.code !== undefined && !CATCH_ALL_CODES.has(f.code) && exitCodeRule(f.code).id !== 'exit.app-defined') {
      d.bonus = 0;
      d.confidence = Math.min(d.confidence, 0.4);
    }
    drafts.push(d);
  }
  const anyCause = drafts.some((d) => !d.benign && d.category !== 'unknown');
  // A planned or finished run (a job that completed, a scale-in) already explains a window with no failure.
  const explainedQuietly = drafts.some((d) => d.benign);
  if (failures.length === 0 && !anyCause && !explainedQuietly && lines.length > 0) {
    const last = lines.slice(-LAST_LINES);
    const d = vocabularyDraft(scoreVocabulary(last.map((l) => l.text)), last, false);
    if (d) drafts.push(d);
  }
}

/**
 * Rules that recognise an exception's wrapper (an uncaught exception, a panic, a "Caused by"), not its
 * cause: the app-error reading they give is a default, and the exception's own words may say more.
 */
const CATCH_ALL_RULES = new Set([
  'console.dotnet.unhandled-exception', 'console.java.exception-in-thread', 'console.java.caused-by',
  'console.java.spring-failed-to-start', 'console.node.unhandled-rejection', 'console.node.uncaught-error',
  'console.php.uncaught', 'console.php.fatal', 'console.python.gunicorn-worker-boot', 'console.python.uvicorn-startup-failed',
  'console.python.uncaught-exception', 'console.ruby.uncaught', 'console.rust.unwrap', 'console.rust.panic', 'console.go.panic',
  // A driver's catch-all for anything on the connection: refused, timed out, or a password never given.
  'console.python.operational-error',
  // The identity endpoint unavailable: refused or silent is the endpoint unreachable, not a refused identity.
  'console.azure.managed-identity',
  // A .NET exception printed with its HRESULT by whatever logged it: its message may name the cause.
  'console.dotnet.exception-logged',
]);
/** The wrapper's replica's lines in the half minute before its last line: the exception it wraps is there. */
function linesBefore(wrapper: Draft, lines: TimedLine[]): TimedLine[] {
  // A line with no replica is not this wrapper's when the wrapper knows its replicas.
  return linesAround(wrapper, lines, { from: 'last', before: 30_000, after: 0 })
    .filter((l) => wrapper.replicas.size === 0 || l.replica !== undefined)
    .slice(-8);
}

/** How clearly another family must speak over an exception's lines to take the reading from the wrapper. */
const REREAD_MIN_SCORE = VOCABULARY_MIN_SCORE + 1;

/**
 * An exception wrapper whose own lines speak clearly of another kind of failure (`KafkaJSConnectionError:
 * Connection timeout`, `ServiceBusException: Unauthorized`) is read by those words: a vocabulary finding
 * with the wrapper's evidence leads, and the wrapper stays listed after it.
 */
export function rereadCatchAlls(drafts: Draft[], lines: TimedLine[]): void {
  for (const wrapper of drafts.filter((d) => d.source === 'console' && !d.benign && CATCH_ALL_RULES.has(d.rule.id))) {
    const texts = [...linesBefore(wrapper, lines).map((l) => l.text), ...wrapper.evidence.filter((e) => e.source === 'console').map((e) => e.text)];
    // A managed runtime reporting SIGSEGV inside a panic or exception is a null dereference, not a native crash.
    const all = scoreVocabulary(texts);
    const scores = all.filter((s) => !['application-error', 'unknown', 'crash-signal'].includes(s.category));
    const top = scores[0];
    const app = all.find((s) => s.category === 'application-error')?.score ?? 0;
    if (!top || top.score < REREAD_MIN_SCORE || top.score <= app / 2 || top.category === wrapper.category) continue;
    if (drafts.some((d) => d !== wrapper && !d.benign && d.category === top.category && d.source === 'console')) continue;
    const own = lines.filter((l) => texts.includes(l.text)).slice(-LAST_LINES);
    const d = vocabularyDraft(scores, own.length > 0 ? own : [], wrapper.lastWords === true);
    if (!d) continue;
    d.confidence = Math.max(d.confidence, wrapper.confidence + 0.02);
    d.explanationExtra.push(`It was raised as ${wrapper.rule.id.split('.').pop()?.replace(/-/g, ' ')}; the exception's own words say more than the wrapper.`);
    mergeNames(d, wrapper.names);
    d.alternatives = (['application-error', ...(d.alternatives ?? [])] as Category[]).slice(0, 3);
    if (d.evidence.length === 0) addEvidence(d, wrapper.evidence.slice(0, 5));
    if (d.times.length === 0) d.times.push(...wrapper.times);
    for (const r of wrapper.replicas) d.replicas.add(r);
    drafts.push(d);
  }
}

/** A scaler's client falling back to defaults: an empty `key=` value, a unix socket, the loopback address. */
const SCALER_DEFAULTED = /\b\w{2,20}=[\s`'"]|\bdial unix\b|\/tmp\/\.s\.|\b127\.0\.0\.1\b|\blocalhost\b/i;

/** Categories a scaler's own error can name instead of its configuration. */
const SCALER_CAUSES = new Set<Category>(['dependency-unreachable', 'authentication-failure']);

/**
 * A KEDA scaler error is read as its configuration by default, but its message often says more: a name
 * that does not resolve or a refused connection is the watched service unreachable, a 401 a credential.
 */
export function scalerErrorsByWords(drafts: Draft[]): void {
  for (const d of drafts.filter((x) => x.rule.id === 'system.keda-scaler-error')) {
    // Empty settings (`user= database=`) or a client's local default (a unix socket, localhost) say the
    // metadata is missing: the configuration reading stands.
    if (d.evidence.some((e) => SCALER_DEFAULTED.test(e.text.slice(0, 2000)))) continue;
    const [top] = scoreVocabulary(d.evidence.map((e) => e.text));
    if (!top || top.score < VOCABULARY_MIN_SCORE || !SCALER_CAUSES.has(top.category)) continue;
    d.alternatives = [d.category, ...(d.alternatives ?? [])].slice(0, 3);
    d.category = top.category;
    d.rule = { ...d.rule, category: top.category };
    d.explanationExtra.push(`The scaler's own error speaks of ${top.terms.slice(0, 3).join(', ')}: the service it watches, not only its metadata.`);
  }
}

/**
 * A window in which nothing failed (no exit but a planned one, no back-off, no failed probe) and that ended
 * in a planned stop or a finished run: what the app logged along the way, away from any failure, is a
 * warning it lived with, not the cause of anything.
 */
export function quietWarnings(drafts: Draft[]): void {
  const failed = drafts.some((d) => !d.benign && (d.source === 'exit' || d.source === 'system'));
  const planned = drafts.some((d) => d.benign && (d.source === 'exit' || d.source === 'system' || d.source === 'config'));
  if (failed || !planned) return;
  for (const d of drafts) {
    if (d.benign || d.lastWords || (d.source !== 'console' && d.source !== 'vocabulary')) continue;
    d.benign = true;
    // Listed after the planned stop that explains the window, as a warning rather than a cause.
    d.confidence = Math.min(d.confidence, 0.2);
    d.explanationExtra.push('It was logged while the app kept running: nothing failed after it, and a planned stop or a finished run ended the window.');
  }
}

/** Platform warnings no rule knows: reported (with what their words suggest) instead of "no failure evidence". */
export function platformWarnings(drafts: Draft[], warnings: Sys[]): void {
  // Only where the answer would otherwise be "no failure evidence" (or unknown): a planned stop explains itself.
  if (warnings.length === 0 || drafts.some((d) => d.benign || d.category !== 'unknown')) return;
  const first = warnings[warnings.length - 1];
  const scores = scoreVocabulary(warnings.map((w) => `${w.reason} ${w.message}`));
  const d = draft(DERIVED_RULES.platformWarning, { reason: first.reason || 'Warning', message: first.message.slice(0, 160) }, 'system');
  if (scores[0] && scores[0].score >= VOCABULARY_MIN_SCORE) {
    d.category = scores[0].category;
    d.rule = { ...d.rule, category: d.category, links: CATEGORY_TEXT[d.category].links };
    d.alternatives = scores.slice(1, 3).map((s) => s.category);
  }
  for (const w of warnings.slice(-5)) {
    addEvidence(d, [sysLine(w)]);
    d.times.push(w.ms);
    d.occurrences += w.count;
    if (w.replica) d.replicas.add(w.replica);
  }
  drafts.push(d);
}

/** The platform placing a replica on a node. */
const SCHEDULED = /has been scheduled to run on a node|^Successfully assigned |^AssigningReplica$/;
/** Scheduling this often with no start and no exit means the replicas never got to run. */
const NEVER_STARTED_AFTER = 3;

/** Replicas scheduled again and again but never started: a platform or capacity problem. */
export function neverStarted(drafts: Draft[], system: Sys[], platform: PlatformReading): void {
  if (platform.starts.length > 0 || platform.exits.length > 0) return;
  const scheduled = system.filter((s) => SCHEDULED.test(s.message.slice(0, 300)) || SCHEDULED.test(s.reason));
  const attempts = scheduled.reduce((n, s) => n + s.count, 0);
  if (attempts < NEVER_STARTED_AFTER || drafts.some((d) => !d.benign && d.category !== 'unknown')) return;
  const d = draft(DERIVED_RULES.neverStarted, { attempts: String(attempts) }, 'system');
  for (const s of scheduled.slice(-5)) {
    addEvidence(d, [sysLine(s)]);
    d.times.push(s.ms);
    if (s.replica) d.replicas.add(s.replica);
  }
  d.occurrences = attempts;
  drafts.push(d);
}

/** Dapr's own words while it waits for an app that never answered on its app port. */
const DAPR_NOT_READY = /\bdapr is not ready\b|\bapp channel\b.{0,40}\bnot\b|\bwaiting for (?:the )?app\b/i;

/**
 * The configuration alone can show the mismatch: Dapr's app port is not the ingress target port, where the
 * app is declared to listen. It is the cause only when something went wrong (the sidecar not ready, a
 * stop, a back-off), so a quiet app with two ports on purpose is left alone.
 */
function configuredPortMismatch(drafts: Draft[], dapr: AppConfig['dapr'], targetPort: unknown, trouble: boolean): boolean {
  const appPort = dapr?.enabled !== false && typeof dapr?.appPort === 'number' ? String(dapr.appPort) : '';
  const declared = typeof targetPort === 'number' || typeof targetPort === 'string' ? String(targetPort) : '';
  if (!trouble || !appPort || !/^\d{2,5}$/.test(declared) || declared === appPort) return false;
  const d = draft(DERIVED_RULES.daprAppPort, { appPort, expectedPort: appPort, listenPort: declared }, 'config');
  d.explanationExtra.push(`Dapr's app port is ${appPort} in the configuration and the ingress target port, where the app is declared to listen, is ${declared}.`);
  addEvidence(d, [{ source: 'config' as const, text: `dapr.appPort: ${appPort}` }, { source: 'config' as const, text: `ingress.targetPort: ${declared}` }]);
  drafts.push(d);
  return true;
}

/** Dapr's sidecar saying which app port it waits for: `waiting on port 3000`. */
const DAPR_WAITING = /\bwaiting on port (?<port>\d{2,5})\b/i;

/**
 * A Dapr sidecar that keeps failing is the sidecar's problem, not noise: its probe on 3501 stops being
 * benign, and when its log names the app port it waits for and the app listens elsewhere, that mismatch
 * is the cause.
 */
export function sidecarChecks(
  drafts: Draft[],
  platform: PlatformReading,
  lines: TimedLine[],
  listens: Listen[],
  targetPort?: unknown,
  dapr?: AppConfig['dapr'],
): void {
  const daprExits = platform.exits.filter((e) => /dapr/i.test(e.container) && e.code !== 0);
  const daprBackoff = platform.hits.some((h) => h.rule.role === 'backoff' && /dapr/i.test(`${h.names.container ?? ''} ${h.sys.container ?? ''}`));
  const probe = drafts.find((d) => d.rule.id === 'system.dapr-probe');
  const backoff = platform.hits.some((h) => h.rule.role === 'backoff');
  // Probe rows the platform wrote for the sidecar container itself: daprd's own health, not the app's probe.
  const sidecarProbes = platform.hits.filter((h) => h.rule.role === 'probe' && DAPR_SIDECAR.test(h.names.container ?? h.sys.container ?? ''));
  const sidecarProbeCount = sidecarProbes.reduce((n, h) => n + h.sys.count, 0);
  const failing = daprExits.length > 0 || daprBackoff || (probe !== undefined && probe.occurrences >= 3 && backoff) || sidecarProbeCount >= 3;
  // A panic the sidecar printed as it exited is its own crash, whatever else the rows say.
  if (daprExits.length > 0 && sidecarPanic(drafts, lines, platform)) return;
  if (appChannelOnOtherPort(drafts, lines, listens)) return;
  const waiting = lines
    .filter((l) => l.text.length < 2000)
    .map((l) => ({ l, m: DAPR_WAITING.exec(l.text) }))
    .filter((x) => x.m?.groups && /dapr|app channel|application protocol/i.test(x.l.text))
    .pop();
  if (waiting?.m?.groups) {
    const appPort = waiting.m.groups.port;
    const listen = listens.filter((x) => sameReplica(x.line, waiting.l) && String(x.port) !== appPort && !/^(?:3500|3501|50001|50002)$/.test(String(x.port))).pop();
    if (listen) {
      const d = draft(DERIVED_RULES.daprAppPort, { appPort, listenPort: String(listen.port) }, 'config');
      addEvidence(d, [consoleEvidence(waiting.l), consoleEvidence(listen.line)]);
      d.times.push(waiting.l.ms);
      drafts.push(d);
      return;
    }
  }
  if (configuredPortMismatch(drafts, dapr, targetPort, failing || backoff || platform.hits.some((h) => h.rule.role === 'stop') || lines.some((l) => DAPR_NOT_READY.test(l.text.slice(0, 500))))) return;
  if (!failing) return;
  // No listen line, but the ingress target port is where the app is declared to listen: a failing sidecar
  // waiting on another port is the same mismatch, read from the configuration.
  const declared = typeof targetPort === 'number' || typeof targetPort === 'string' ? String(targetPort) : '';
  if (waiting?.m?.groups && /^\d{2,5}$/.test(declared) && declared !== waiting.m.groups.port) {
    const d = draft(DERIVED_RULES.daprAppPort, { appPort: waiting.m.groups.port, expectedPort: waiting.m.groups.port, listenPort: declared }, 'config');
    d.explanationExtra.push(`The app's ingress target port is ${declared}, so that is where the app is meant to listen.`);
    addEvidence(d, [consoleEvidence(waiting.l), { source: 'config' as const, text: `ingress.targetPort: ${declared}` }]);
    d.times.push(waiting.l.ms);
    drafts.push(d);
    return;
  }
  if (!waiting && silentSidecarStop(drafts, lines, platform, daprExits)) return;
  const d = draft(DERIVED_RULES.daprSidecarFailing, waiting?.m?.groups ? { appPort: waiting.m.groups.port } : {}, 'system');
  if (waiting?.m?.groups) d.explanationExtra.push(`Its log says it waited for the app on port ${waiting.m.groups.port}; check the app listens there and that Dapr's app port says the same.`);
  for (const e of daprExits.slice(0, 3)) addEvidence(d, [sysLine(e.sys)]);
  if (probe) {
    addEvidence(d, probe.evidence.slice(0, 3));
    probe.benign = true;
    probe.consequenceOf = d.rule.id;
  }
  if (waiting) addEvidence(d, [consoleEvidence(waiting.l)]);
  d.occurrences = Math.max(1, daprExits.length + (probe?.occurrences ?? 0) + sidecarProbeCount);
  if (sidecarProbes.length > 0) readSidecarProbes(d, drafts, platform, sidecarProbes, daprExits.length > 0, lines);
  drafts.push(d);
}

/** daprd tearing a component down (`shutting down component azurekeyvault (secretstores.azure.keyvault/v1)`). */
const DAPR_COMPONENT_SHUTDOWN = /\bshutting down component (?<component>[\w.-]{1,120})(?: \((?<componentType>[\w.\/-]{1,120})\))?/i;
/** Any line that says why daprd stopped: its own error or fatal line, a platform signal, a wait for the app. */
const DAPR_REASON = /\blevel=(?:fatal|error|warn(?:ing)?)\b|\b(?:FATA|ERRO|WARN)\[|Received signal|\bwaiting on port\b|\bdapr is not ready\b|\bpanic: /i;

/**
 * daprd shut its components down on its own and logged nothing about why: no error or fatal line, no
 * signal from the platform, no wait for the app. Its failing health probe is the sidecar having stopped,
 * not a probe that killed it and not the app's probe, and nothing in the rows names the cause; saying
 * "unknown" with the next diagnostic step is the honest reading.
 */
function silentSidecarStop(drafts: Draft[], lines: TimedLine[], platform: PlatformReading, daprExits: { sys: Sys }[]): boolean {
  const stop = lines.map((l) => ({ l, m: DAPR_COMPONENT_SHUTDOWN.exec(l.text.slice(0, 2000)) })).find((x) => x.m?.groups);
  if (!stop?.m?.groups || lines.some((l) => DAPR_REASON.test(l.text.slice(0, 2000)))) return false;
  const d = draft(DERIVED_RULES.daprSidecarSilentStop, { component: stop.m.groups.component, ...(stop.m.groups.componentType ? { componentType: stop.m.groups.componentType } : {}) }, 'system');
  addEvidence(d, [consoleEvidence(stop.l)]);
  for (const e of daprExits.slice(0, 2)) addEvidence(d, [sysLine(e.sys)]);
  d.times.push(stop.l.ms);
  // The sidecar's failed health checks follow from its stop: evidence here, not a probe failure of their own.
  for (const other of drafts) {
    if (other.rule.id !== 'system.dapr-probe') continue;
    addEvidence(d, other.evidence.slice(0, 2));
    other.benign = true;
    other.consequenceOf = d.rule.id;
  }
  d.occurrences = Math.max(1, daprExits.length + platform.hits.filter((h) => h.rule.role === 'probe').length);
  drafts.push(d);
  return true;
}

/** daprd delivering to the app's channel and failing to dial it on localhost (`dial tcp 127.0.0.1:5000: i/o timeout`). */
const APP_CHANNEL_DIAL = /\bapp channel\b.{0,300}?\bdial tcp (?:127\.0\.0\.1|localhost|\[::1\]):(?<port>\d{2,5})\b/;

/**
 * The sidecar cannot reach the app on the port Dapr is told to use, while the app announced it listens on
 * another: the Dapr app port is wrong. Read from daprd's delivery errors, whatever the sidecar's health.
 */
function appChannelOnOtherPort(drafts: Draft[], lines: TimedLine[], listens: Listen[]): boolean {
  const hit = lines.map((l) => ({ l, m: APP_CHANNEL_DIAL.exec(l.text.slice(0, 2000)) })).find((x) => x.m?.groups);
  const appPort = hit?.m?.groups?.port;
  if (!hit || !appPort) return false;
  const listen = listens.filter((x) => String(x.port) !== appPort && !/^(?:3500|3501|50001|50002)$/.test(String(x.port))).pop();
  if (!listen) return false;
  const d = draft(DERIVED_RULES.daprAppPort, { appPort, expectedPort: appPort, listenPort: String(listen.port) }, 'config');
  addEvidence(d, [consoleEvidence(hit.l), consoleEvidence(listen.line)]);
  d.times.push(hit.l.ms);
  // The dial error on the sidecar's line is this mismatch seen from daprd, not a dependency of its own.
  const quoted = hit.l.text.slice(0, 200);
  for (const other of drafts) {
    if (other.category !== 'dependency-unreachable' || !other.evidence.some((e) => e.text.startsWith(quoted))) continue;
    other.consequenceOf = d.rule.id;
    other.bonus -= 0.3;
  }
  drafts.push(d);
  return true;
}

/** A Go runtime fault: a nil dereference or a segmentation violation under a panic. */
const GO_RUNTIME_FAULT = /nil pointer dereference|\[signal SIGSEGV\b/;
/** A frame of the Dapr runtime's own code. */
const DAPR_FRAME = /github\.com\/dapr\/(?:dapr|components-contrib|kit)\//;

/**
 * A Go panic the sidecar printed (its lines come from the daprd container, or its frames are Dapr's own)
 * while daprd exits: the sidecar crashed, which no change to the app's code fixes. The panic finding is
 * read again as that crash, keeping its lines.
 */
function sidecarPanic(drafts: Draft[], lines: TimedLine[], platform: PlatformReading): boolean {
  const panic = drafts.find((d) => d.rule.id === 'console.go.panic' && d.evidence.some((e) => GO_RUNTIME_FAULT.test(e.text.slice(0, 500))));
  const at = panic?.times[0];
  if (!panic || at === undefined) return false;
  // The trace that follows the panic line (its goroutine frames), and the exit that ended it: the first
  // container to stop within a minute after it is the one that panicked.
  const trace = lines.filter((l) => l.ms >= at && l.ms <= at + 5_000).slice(0, 40);
  const nextExit = platform.exits.filter((e) => e.sys.ms >= at && e.sys.ms <= at + 60_000).sort((x, y) => x.sys.ms - y.sys.ms)[0];
  const bySidecar =
    trace.some((l) => DAPR_SIDECAR.test(l.container ?? '') || DAPR_FRAME.test(l.text.slice(0, 2000))) || (nextExit !== undefined && DAPR_SIDECAR.test(nextExit.container));
  if (!bySidecar) return false;
  panic.rule = DERIVED_RULES.daprSidecarCrash;
  panic.category = 'crash-signal';
  panic.confidence = Math.max(panic.confidence, DERIVED_RULES.daprSidecarCrash.confidence);
  panic.names.container = 'daprd';
  panic.names.signal = 'SIGSEGV';
  panic.title = undefined;
  return true;
}

/** The Dapr sidecar's container, as the platform names it in its rows. */
const DAPR_SIDECAR = /^daprd$/i;
/** daprd's own log lines (logfmt with its scope, or its name). */
const DAPR_LINE = /scope=dapr\b|\bdaprd\b|\bdapr runtime\b/i;

/**
 * The sidecar's own probes failed. The probe findings those rows made are the sidecar's story, not a probe
 * of the app to fix. A sidecar that answered its health check with a server error (500) is up and says it
 * is not healthy: a component it could not initialise or an app channel it could not open. With no exit
 * and no line of its own, the rows do not say which, so the cause is not known until its log is read.
 */
function readSidecarProbes(d: Draft, drafts: Draft[], platform: PlatformReading, sidecarProbes: PlatformReading['hits'], exited: boolean, lines: TimedLine[]): void {
  for (const h of sidecarProbes.slice(0, 3)) addEvidence(d, [sysLine(h.sys)]);
  for (const other of drafts) {
    const hits = platform.hits.filter((h) => h.rule.id === other.rule.id);
    if (other.source !== 'system' || other.category !== 'probe-failure' || hits.length === 0 || !hits.every((h) => sidecarProbes.includes(h))) continue;
    other.benign = true;
    other.consequenceOf = d.rule.id;
  }
  const answered = sidecarProbes.some((h) => /^5\d\d$/.test(h.names.status ?? '') || /status ?code:? ?5\d\d\b/i.test(h.sys.message.slice(0, 500)));
  if (!answered || exited || lines.some((l) => DAPR_LINE.test(l.text.slice(0, 500)))) return;
  d.category = 'unknown';
  d.alternatives = ['dependency-unreachable', 'missing-configuration', 'port-misconfiguration'];
  d.explanationExtra.push(
    'Its health endpoint answered with a server error: the sidecar runs but reports itself unhealthy (a component it could not initialise, or the app channel it could not open), and no line of its own in the window says which.',
  );
}
