import type { Category } from '../../model';
import type { Draft } from './draft';
import type { VocabularyScore } from './vocabulary';

/**
 * Stage 6, ranking: causes first, the configuration change right after the primary, consequences after
 * the causes they follow from, benign noise last. A named cause in the app's own words (its last words
 * before the failure) outranks a decoding of the exit code that followed; a back-off, a probe kill or an
 * exit-code reading next to such a cause is listed as its consequence.
 */

/** Exit readings that only decode a number: the app's own words, when there are any, say more. */
const DECODING_RULES = new Set([
  'exit.1', 'exit.2', 'exit.2-go-panic', 'exit.100', 'exit.134-dotnet', 'exit.127', 'exit.128', 'exit.134', 'exit.137', 'exit.143', 'exit.255',
  'exit.signal', 'exit.app-defined',
]);
/** Exit codes the app chose itself (not a kill by signal): with nothing else said, they carry no cause. */
const APP_CHOSEN_EXITS = new Set(['exit.1', 'exit.2', 'exit.2-go-panic', 'exit.100', 'exit.128', 'exit.255', 'exit.app-defined']);
/** Findings that follow from another failure rather than explain it. */
const CONSEQUENCE_RULES = new Set(['system.container-backoff', 'system.provisioning-crashing', 'config.probe-kill', 'system.probe-restart']);
/** How close two scores must be for the vocabulary to break the tie. */
const TIE = 0.05;
/** Order bonus a tie-break awards; small enough never to overturn a clear lead. */
const TIE_BONUS = 0.04;

function score(d: Draft): number {
  return d.confidence + d.bonus;
}

function order(a: Draft, b: Draft): number {
  return (
    score(b) - score(a) ||
    Number(a.category === 'unknown') - Number(b.category === 'unknown') ||
    b.occurrences - a.occurrences ||
    (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0)
  );
}

/** The app's own account of the failure: a console cause read as last words, not superseded. */
/**
 * A probe that reached the app and got a server error back (`HTTP probe failed with statuscode: 500`):
 * the probe is not misconfigured, the app answers that it is unhealthy. With nothing in the app's own
 * words, the change since the healthy revision is the better lead.
 */
function appAnswersUnhealthy(primary: Draft): boolean {
  return primary.category === 'probe-failure' && primary.evidence.some((e) => /status ?code:? ?5\d\d\b/i.test(e.text.slice(0, 500)));
}

/** Changes to what the container runs or reads: the app's own behaviour can follow from them. */
const RUN_CHANGES = /^(?:image|command|args|env-[\w-]+)$/;

/**
 * The app said nothing while its probes failed, or it exited 0 over and over without a line, right after a change to what
 * it runs or reads (its command, arguments, image, variables): the change is the lead. A change to the
 * probes themselves leaves the probe finding in front, since the probe is then what changed.
 */
function silentAfterChange(primary: Draft, change: Draft, silentApp: boolean, noConsole: boolean): boolean {
  const kinds = change.changeKinds ?? [];
  if (!silentApp || !kinds.some((k) => RUN_CHANGES.test(k)) || kinds.some((k) => /^probe-/.test(k))) return false;
  // A probe that got a 4xx from the app reached a path the app does not serve: the probe is what to fix.
  const pathRefused = primary.evidence.some((e) => /status ?code:? ?4\d\d\b/i.test(e.text.slice(0, 500)));
  const generalProbe = primary.category === 'probe-failure' && primary.source === 'system' && !pathRefused;
  // An app that printed its own work before exiting 0 (migrations, a one-shot task) says what it ran.
  const restartsClean = noConsole && primary.rule.id === 'exit.0' && kinds.some((k) => k === 'command' || k === 'args');
  return generalProbe || restartsClean;
}

/**
 * A bare SIGKILL (the exit code read as a number: no memory line, no stop, no probe said why) after a
 * change to the container's memory: the change is the lead and the kill its consequence. When the change's
 * values show the limit went down, the exit stage already reads the kill as the memory limit.
 */
function killedAfterMemoryChange(primary: Draft, change: Draft): boolean {
  return primary.rule.id === 'exit.137' && (change.changeKinds ?? []).includes('memory');
}

/** How sure the vocabulary must be of the last words to count as their named cause: a lead of four points (0.45). */
const NAMED_BY_WORDS = 0.445;

function namedCause(drafts: Draft[]): Draft | undefined {
  const named = (d: Draft) => d.source === 'console' || (d.source === 'vocabulary' && d.confidence >= NAMED_BY_WORDS);
  return drafts
    .filter((d) => named(d) && d.lastWords && !d.benign && d.bonus >= 0 && d.category !== 'unknown')
    .sort(order)[0];
}

export function rank(drafts: Draft[], vocabulary: VocabularyScore[] = [], noConsole = false): Draft[] {
  const named = namedCause(drafts);
  const causes: Draft[] = [];
  const consequences: Draft[] = [];
  for (const d of drafts) {
    if (d.benign || d.category === 'configuration-change') continue;
    if (named && d.source === 'exit' && DECODING_RULES.has(d.rule.id)) {
      d.consequenceOf = named.rule.id;
      consequences.push(d);
    } else causes.push(d);
  }
  deadlinesAfterCapacity(causes);
  causes.sort(order);
  breakTie(causes, vocabulary);
  configFileBeforeLoopback(causes);
  const primary = causes[0];
  // Back-offs and probe kills behind a primary cause are its consequences.
  const rest = primary ? causes.slice(1) : [];
  const contributing: Draft[] = [];
  for (const d of rest) {
    if (primary && primary.category !== 'unknown' && CONSEQUENCE_RULES.has(d.rule.id)) {
      d.consequenceOf = primary.rule.id;
      consequences.push(d);
    } else contributing.push(d);
  }
  const changes = drafts.filter((d) => !d.benign && d.category === 'configuration-change').sort(order);
  const noise = drafts.filter((d) => d.benign).sort(order);
  consequences.sort(order);
  if (!primary) return [...changes, ...consequences, ...noise];
  const plannedStop = survivedBeforePlannedStop(causes, noise);
  if (plannedStop) return [plannedStop, ...noise.filter((d) => d !== plannedStop), ...causes, ...changes, ...consequences];
  // A silent failure (no cause in the app's own words, only an exit code read as a number) right after a
  // revision changed: the change is the best lead, the exit code its consequence.
  // The same holds for a finding that names no cause (a deadline, a crash the platform saw) other than a kill.
  const silentExit = primary.source === 'exit' && APP_CHOSEN_EXITS.has(primary.rule.id) && primary.silent !== false;
  const causeless = primary.category === 'unknown' && primary.rule.id !== 'exit.137';
  const silentApp = !drafts.some((d) => d.source === 'console' && !d.benign);
  if (!named && changes.length > 0 && (silentExit || causeless || appAnswersUnhealthy(primary) || silentAfterChange(primary, changes[0], silentApp, noConsole) || killedAfterMemoryChange(primary, changes[0]))) {
    primary.consequenceOf = changes[0].rule.id;
    if (primary.rule.id === 'exit.137' && primary.names.memoryLimit) changes[0].names.memoryLimit ??= primary.names.memoryLimit;
    return [...changes, ...contributing, primary, ...consequences, ...noise];
  }
  return [primary, ...changes, ...contributing, ...consequences, ...noise];
}

/** The exit readings of a replica the platform stopped on purpose (scale-in, scale to zero), benign when true. */
const PLANNED_STOPS = new Set(['config.scale-to-zero', 'config.scale-in-kill']);
/** A console cause the app went on working after (a warning it logged and kept serving): ranked down by lastWords. */
const SURVIVED = -0.3;

/**
 * A benign planned stop whose replica logged only errors it survived (each followed by more work, none its
 * last words): the stop is what happened, the errors are warnings worth a look, not the cause.
 */
function survivedBeforePlannedStop(causes: Draft[], noise: Draft[]): Draft | undefined {
  const stop = noise.find((d) => d.source === 'exit' && PLANNED_STOPS.has(d.rule.id));
  if (!stop || causes.length === 0) return undefined;
  // The vocabulary tier reads the same survived lines again: it is no cause of its own here.
  const survived = (d: Draft) => d.source === 'console' && !d.lastWords && d.bonus <= SURVIVED;
  // A console finding already judged benign (noise) is as good a witness as a survived one.
  const witness = (d: Draft) => survived(d) || (d.source === 'console' && d.benign);
  return [...causes, ...noise].some(witness) && causes.every((d) => survived(d) || d.source === 'vocabulary') ? stop : undefined;
}

/** Readings that are what a capacity shortage leads to: a job that never got a node runs out its deadline. */
const CAPACITY_CONSEQUENCES = new Set(['system.job-deadline', 'system.provisioning-timeout']);

/** With a quota or capacity finding present, a deadline is its consequence, not a cause of its own. */
function deadlinesAfterCapacity(causes: Draft[]): void {
  const capacity = causes.find((d) => d.category === 'quota-exceeded' && !d.benign);
  if (!capacity) return;
  for (const d of causes) {
    if (!CAPACITY_CONSEQUENCES.has(d.rule.id)) continue;
    d.consequenceOf = capacity.rule.id;
    d.bonus -= 0.3;
  }
}

/** Near-tied leaders of different categories: the one the replica's vocabulary points to goes first. */
function breakTie(causes: Draft[], vocabulary: VocabularyScore[]): void {
  if (causes.length < 2 || vocabulary.length === 0) return;
  const [a, b] = causes;
  if (a.category === b.category || score(a) - score(b) > TIE) return;
  const weight = (c: Category) => vocabulary.find((v) => v.category === c)?.score ?? 0;
  if (weight(b.category) > weight(a.category)) {
    b.bonus += TIE_BONUS;
    if (score(b) >= score(a)) {
      causes[0] = b;
      causes[1] = a;
    }
  }
}

/** How close a rejected configuration file must score to a loopback refusal to go before it. */
const CONFIG_FILE_MARGIN = 0.1;
/** A configuration file the app rejected: its parse or validation error names the file. */
const CONFIG_FILE = /\.(?:ya?ml|json|toml|conf|cfg|ini|xml|properties|hcl)$|Caddyfile$/i;
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

function configFileRejected(d: Draft): boolean {
  return d.source === 'console' && (d.category === 'missing-configuration' || d.category === 'configuration-change') && (d.rule.id === 'console.config.file-invalid' || CONFIG_FILE.test(d.names.file ?? ''));
}

/**
 * A connection refused on the replica's own loopback next to a configuration file the app rejected:
 * the refusal is usually the consequence (the server never started, or a client fell back to its default
 * address), so the file goes first when it scores within 0.1 of the refusal.
 */
function configFileBeforeLoopback(causes: Draft[]): void {
  const [lead] = causes;
  if (!lead || lead.source !== 'console' || lead.category !== 'dependency-unreachable' || !LOOPBACK.test(lead.names.host ?? '')) return;
  const file = causes.find((d) => d !== lead && configFileRejected(d) && score(lead) - score(d) <= CONFIG_FILE_MARGIN);
  if (!file) return;
  causes.splice(causes.indexOf(file), 1);
  causes.unshift(file);
}
