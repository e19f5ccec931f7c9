import type { AppConfig } from '../../model';
import { TURN_UP_LOGGING } from '../rules/categoryText';
import { DERIVED_RULES } from '../rules/configRules';
import { exitCodeRule } from '../rules/exitCodes';
import { heapFlagGiB, memoryGiB, printedHeapGiB } from '../memorySize';
import { plausibleSignal } from '../rules/signals';
import type { TimedLine } from '../stackTraces';
import type { RuleBase } from '../types';
import { commandWords, mainContainer } from './configChecks';
import { addEvidence, draft, linesAround, type Draft } from './draft';
import { sameReplica, sysLine, within, type Sys } from './evidence';
import type { ConsoleSignal } from './lastWords';
import { jobProgress } from './jobProgress';
import type { Exit, SystemHit } from './platformEvents';

/**
 * Stage 4, exits: each termination read through the exit-code table, in the light of the runtime that
 * wrote the console (a .NET host's 150, a Go panic's 2) and of what happened around it (a stop request,
 * a scale-in, a failed liveness probe, memory or storage lines).
 */

const DEFAULT_GRACE_SECONDS = 30;

/** What the rest of the evidence says, as the exit reading needs it. */
export interface ExitContext {
  config?: AppConfig;
  isJob: boolean;
  consoleLines: TimedLine[];
  signals: ConsoleSignal[];
  systemHits: SystemHit[];
  liveProbeHits: SystemHit[];
  crashLoop: boolean;
  /** Whether a revision was replaced by a deployment (its stops are benign). */
  replaced?: (revision: string | undefined) => false | { by?: string };
  /** Container starts the platform logged, to tell how long a replica ran before it was killed. */
  starts?: Sys[];
}

/** Which runtime wrote the replica's console, judged from telling lines (a bounded look at each). */
export function runtimeOf(lines: TimedLine[], image?: string): 'dotnet' | 'go' | 'jvm' | undefined {
  let dotnet = image !== undefined && /dotnet|aspnet/i.test(image);
  let go = false;
  let jvm = image !== undefined && /jdk|jre|java|temurin|corretto/i.test(image);
  for (const l of lines) {
    const t = l.text.slice(0, 300);
    if (/^Unhandled exception\. |^\s*at [\w.]+\(.*\) in |\bSystem\.[A-Z]\w+Exception\b|\bMicrosoft\.(?:AspNetCore|Extensions|Data)\./.test(t)) dotnet = true;
    else if (/^panic: |^goroutine \d+ \[|^fatal error: /.test(t)) go = true;
    else if (/^Exception in thread "|^\s+at (?:java|javax|org|com)\.[\w$.]+\(|^Caused by: java\./.test(t)) jvm = true;
  }
  return go ? 'go' : dotnet ? 'dotnet' : jvm ? 'jvm' : undefined;
}

function graceOf(config: AppConfig | undefined): number {
  return typeof config?.terminationGracePeriodSeconds === 'number' ? config.terminationGracePeriodSeconds : DEFAULT_GRACE_SECONDS;
}

const MEMORY_SUMMARY = /\bmemory:? ?(\d{1,4}(?:\.\d{1,3})?\s?[GMgm]i?)\s{0,3}(?:->|→|to)\s{0,3}(\d{1,4}(?:\.\d{1,3})?\s?[GMgm]i?)\b/;

/** The change since the last healthy revision lowered this container's memory: a 137 now has a likely cause. */
function memoryLowered(config: AppConfig | undefined, container: string): boolean {
  const changes = config?.changesSinceHealthy?.changes;
  if (!Array.isArray(changes)) return false;
  // The change's values, or its summary when it carries only the kind ("memory 2Gi -> 0.5Gi").
  const summary = MEMORY_SUMMARY.exec(String(config?.changesSinceHealthy?.summary ?? '').slice(0, 500));
  return changes.some((c) => {
    if (c?.kind !== 'memory' || (c.container !== undefined && c.container !== container)) return false;
    const before = memoryGiB(c.before ?? summary?.[1]);
    const after = memoryGiB(c.after ?? summary?.[2]);
    return before !== undefined && after !== undefined && after < before;
  });
}

/**
 * The container's own command gives the JVM a heap cap (`-Xmx1536m`) at or above its memory limit: the
 * heap can grow past what the container may use, so a 137 is the kernel's out-of-memory kill.
 */
function heapAboveLimit(config: AppConfig | undefined, container: string, lines: readonly TimedLine[] = []): boolean {
  const spec = mainContainer(config, container);
  const limit = memoryGiB(spec?.memory);
  if (limit === undefined) return false;
  const heap = heapCapGiB(config, container, lines);
  return heap !== undefined && heap >= limit;
}

/**
 * The heap cap the JVM runs with, in GiB: an -Xmx in the container's command, in an options variable a
 * change since the healthy revision set (JAVA_OPTS, JAVA_TOOL_OPTIONS, ...), or the maximum the JVM printed.
 */
export function heapCapGiB(config: AppConfig | undefined, container: string, lines: readonly TimedLine[]): number | undefined {
  const spec = mainContainer(config, container);
  // The change summary prints an options variable's new value ("JAVA_OPTS set to -Xmx2048m"): flags, not secrets.
  const summary = typeof config?.changesSinceHealthy?.summary === 'string' ? config.changesSinceHealthy.summary.slice(0, 2000) : '';
  const optionWords = /OPTS|OPTIONS/i.test(summary) ? summary.split(/[\s,;'"]+/) : [];
  const fromFlags = [...commandWords(spec), ...optionWords].map((w) => heapFlagGiB(w.slice(0, 40), 'cap')).filter((g): g is number => g !== undefined);
  const fromLines = lines.map((l) => printedHeapGiB(l.text)).filter((g): g is number => g !== undefined);
  const all = [...fromFlags, ...fromLines];
  return all.length ? Math.max(...all) : undefined;
}

/** A size the app printed (`rss_mb=1981`, `509M->505M(512M)`, `RSS: 1.9 GB`), in mebibytes. */
const SIZE = /(\d{1,7}(?:\.\d{1,3})?)\s?(GiB|GB|G|MiB|MB|M)\b|_(mb|gb)[=:]\s?(\d{2,7}(?:\.\d{1,3})?)/gi;
/** A memory share the app printed (`memory usage 97%`). */
const SHARE = /\bmem(?:ory)?\b[^%\n]{0,30}?(\d{2,3}(?:\.\d)?)\s?%/i;

/**
 * The app's own numbers put its memory at the limit before the kill: the last lines print a size within
 * a tenth of the container's memory, or a memory share of 90% or more. Sizes are read only as far as the
 * line's first 300 characters, so a long line costs no more than a short one.
 */
function memoryNearLimit(lines: readonly TimedLine[], limit: string | undefined): boolean {
  const limitGi = memoryGiB(limit);
  for (const l of lines) {
    const text = l.text.slice(0, 300);
    const share = SHARE.exec(text);
    if (share && Number(share[1]) >= 90 && Number(share[1]) <= 100) return true;
    if (limitGi === undefined) continue;
    for (const m of text.matchAll(SIZE)) {
      const value = Number(m[1] ?? m[4]);
      const unit = (m[2] ?? m[3] ?? '').toUpperCase();
      const mib = unit.startsWith('G') ? value * 1024 : value;
      if (mib >= limitGi * 1024 * 0.9 && mib <= limitGi * 1024 * 1.1) return true;
    }
  }
  return false;
}

/** The kill came when the replica had run for its job's replica timeout (within a tenth of it). */
function atReplicaTimeout(ctx: ExitContext, sys: Sys): boolean {
  const timeout = ctx.config?.job?.replicaTimeout;
  if (typeof timeout !== 'number' || timeout <= 0) return false;
  const started = (ctx.starts ?? []).filter((s) => sameReplica(s, sys) && s.ms < sys.ms).map((s) => s.ms);
  // Without a start row, the replica's first console line is when it was already running: a lower bound.
  const firstLine = started.length === 0 ? ctx.consoleLines.find((l) => sameReplica(l, sys) && l.ms < sys.ms)?.ms : undefined;
  if (started.length === 0 && firstLine === undefined) return false;
  const ranFor = (sys.ms - (started.length > 0 ? Math.max(...started) : firstLine!)) / 1000;
  return Math.abs(ranFor - timeout) <= timeout * 0.1 + 5;
}

/**
 * The progress the killed replica printed and the replica timeout its whole run needs at that pace, when
 * that is more than the current one (jobProgress.ts).
 */
function progressNames(ctx: ExitContext, sys: Sys): Record<string, string> {
  const timeout = ctx.config?.job?.replicaTimeout;
  const started = (ctx.starts ?? []).filter((s) => sameReplica(s, sys) && s.ms < sys.ms).map((s) => s.ms);
  const p = jobProgress(ctx.consoleLines.filter((l) => sameReplica(l, sys)), started.length > 0 ? Math.max(...started) : undefined, sys.ms);
  if (!p || typeof timeout !== 'number' || !(p.needed > timeout)) return {};
  return { progressDone: String(p.done), progressTotal: String(p.total), progressSeconds: String(p.seconds), progressWhole: String(p.whole), neededReplicaTimeout: String(p.needed) };
}

/** A runtime saying its memory ran out, in words no single rule was written for (`ERROR  Java heap space`). */
const MEMORY_WORDS = /OutOfMemory|out of memory|Java heap space|heap limit|Allocation failed|MemoryError|Cannot allocate memory|oom-kill/i;

/** Looser than MEMORY_WORDS: a line that names a memory limit or exhausted memory at all, for what the explanation says. */
const MEMORY_MENTION = new RegExp(`${MEMORY_WORDS.source}|\\bmemory limit\\b|MEMORY_LIMIT_EXCEEDED`, 'i');

/** The replica's last lines speak of memory: its own numbers at the limit, or words of exhausted memory. */
function memoryInLastWords(lines: readonly TimedLine[], limit: string | undefined): boolean {
  return lines.some((l) => MEMORY_WORDS.test(l.text.slice(0, 500))) || memoryNearLimit(lines, limit);
}

/**
 * Servers that fork into the background unless told otherwise, each with what keeps it in the foreground.
 * Run as the container's command without that, the process the platform started returns 0 at once.
 */
const DAEMONIZERS: readonly { program: RegExp; foreground: RegExp }[] = [
  { program: /^(?:\S{0,200}\/)?nginx$/, foreground: /\bdaemon\s{1,4}off\b/ },
  { program: /^(?:\S{0,200}\/)?(?:httpd|apache2|apachectl|apache2ctl)$/, foreground: /-D\s{0,2}FOREGROUND\b|(?:^|\s)-X(?:\s|$)/ },
  { program: /^(?:\S{0,200}\/)?sshd$/, foreground: /(?:^|\s)-\w{0,8}D/ },
  { program: /^(?:\S{0,200}\/)?crond?$/, foreground: /(?:^|\s)-\w{0,8}[fn]\b/ },
];

/** An init script or service manager asked to start something: it starts it in the background and returns. */
const SERVICE_START = /^(?:(?:\S{0,200}\/)?service \S{1,100} (?:re)?start|\/etc\/init\.d\/\S{1,100} (?:re)?start|(?:\S{0,200}\/)?systemctl (?:re)?start\b)/;

/**
 * The container's command and args, when they start a server in the background (a daemonizing server
 * without its foreground flag, a `service x start`, a shell script that ends with `&`): the words, for
 * naming, and the program. Undefined when the command runs in the foreground or is the image's own.
 */
function daemonizingCommand(container: ReturnType<typeof mainContainer>): { command: string; daemonizer: string } | undefined {
  const words = commandWords(container).map((w) => w.slice(0, 500));
  if (!Array.isArray(container?.command) || words.length === 0) return undefined;
  const line = words.join(' ');
  const command = line.slice(0, 200);
  // `sh -c "nginx; ..."`: the script's own words are the command line to read.
  const shell = /^(?:\S{0,200}\/)?(?:ba|da|z)?sh$/.test(words[0] ?? '') && words[1] === '-c' ? words.slice(2).join(' ').trim() : undefined;
  if (shell !== undefined && /[^&]&\s{0,20}$/.test(shell)) return { command, daemonizer: 'a shell script that backgrounds its last command' };
  const run = shell ?? line;
  if (SERVICE_START.test(run)) return { command, daemonizer: 'an init script' };
  const program = run.split(/\s/, 1)[0] ?? '';
  const server = DAEMONIZERS.find((d) => d.program.test(program));
  if (!server || server.foreground.test(run)) return undefined;
  return { command, daemonizer: program.split('/').pop() ?? program };
}

/**
 * The replica kept doing its work (console rows other than its shutdown notice) between the platform's
 * stop request and the kill: it did not honour SIGTERM, so a 137 on scale-in is a forced kill, not the
 * quiet end of an idle surplus replica (which logs nothing after the stop).
 */
function workedAfterStop(ctx: ExitContext, sys: Sys, stops: SystemHit[], grace: number): boolean {
  const asked = stops
    .filter((h) => sameReplica(h.sys, sys) && Number.isFinite(h.sys.ms) && within(h.sys.ms, sys.ms, (grace + 60) * 1000, 0))
    .map((h) => h.sys.ms);
  if (asked.length === 0 || !Number.isFinite(sys.ms)) return false;
  const from = Math.min(...asked);
  const shutdown = new Set(ctx.signals.filter((s) => s.kind === 'shutdown').map((s) => s.line.index));
  return ctx.consoleLines.some((l) => sameReplica(l, sys) && l.ms > from && l.ms < sys.ms && !shutdown.has(l.index) && l.text.trim() !== '');
}

/** The rule that reads one exit, with the names it needs. */
function ruleForExit(exit: Exit, ctx: ExitContext, names: Record<string, string>): RuleBase {
  const { sys, code } = exit;
  const grace = graceOf(ctx.config);
  // Only stops and kills (0, 143, 137) are read with memory in mind: every other exit of a crash loop
  // skips the scan of its replica's console.
  const hasMemorySignal =
    (code === 0 || code === 143 || code === 137) &&
    (ctx.signals.some((s) => s.kind === 'memory') ||
    ctx.systemHits.some((h) => h.rule.role === 'memory') ||
    memoryLowered(ctx.config, exit.container) ||
    heapAboveLimit(ctx.config, exit.container, ctx.consoleLines.filter((l) => sameReplica(l, sys))) ||
      memoryInLastWords(ctx.consoleLines.filter((l) => sameReplica(l, sys)).slice(-60), mainContainer(ctx.config, exit.container)?.memory));
  const hasStorageSignal = ctx.signals.some((s) => s.kind === 'storage') || ctx.systemHits.some((h) => h.rule.role === 'storage');
  const hasCapacitySignal = ctx.systemHits.some((h) => h.rule.role === 'capacity');
  const stops = ctx.systemHits.filter((h) => h.rule.role === 'stop' || h.rule.role === 'scale-to-zero' || h.rule.role === 'scale-in');
  /** A scale-in or scale to zero from the grace period (and a minute) before the exit to `after` ms past it. */
  const scaledWithin = (after: number) =>
    ctx.systemHits.some((h) => (h.rule.role === 'scale-to-zero' || h.rule.role === 'scale-in') && within(h.sys.ms, sys.ms, (grace + 60) * 1000, after));
  const scaleIn = scaledWithin(5_000);
  // The platform's events are not always in order: a scale-in reported up to a minute after a clean exit
  // is the operation that stopped it.
  const scaledAround = scaledWithin(60_000);
  // The platform asked this replica to stop (a stop or scale-in event, or the app logging SIGTERM) shortly before it exited.
  const stopRequested =
    stops.some((h) => sameReplica(h.sys, sys) && within(h.sys.ms, sys.ms, (grace + 60) * 1000, 5_000)) ||
    ctx.signals.some((s) => s.kind === 'shutdown' && sameReplica(s.line, sys) && within(s.line.ms, sys.ms, (grace + 60) * 1000, 5_000));
  // A liveness or startup probe failed on this replica just before: the platform killed an unresponsive container.
  const probeKill = ctx.liveProbeHits.some((h) => sameReplica(h.sys, sys) && within(h.sys.ms, sys.ms, 10 * 60_000, 5_000));
  const container = mainContainer(ctx.config, exit.container);
  const image = ctx.consoleLines.find((l) => l.image && sameReplica(l, sys))?.image ?? container?.image;
  if (/^k8se-/.test(exit.container) && code === 0) return DERIVED_RULES.sidecarExit;
  // A replica of a revision a deployment replaced, stopped (0, 143) or killed after its grace period (137).
  const replacement = ctx.replaced?.(sys.revision);
  if ((code === 0 || code === 143) && replacement && !hasMemorySignal) {
    if (replacement.by) names.newRevision = replacement.by;
    return DERIVED_RULES.revisionReplaced;
  }
  // Killed after the grace period: the stop was planned, but the app did not finish in time.
  if (code === 137 && ctx.replaced?.(sys.revision) && !hasMemorySignal) {
    Object.assign(names, { gracePeriod: String(grace), graceText: `the ${grace}s grace period` });
    return DERIVED_RULES.forcedKill;
  }
  // A job's replica killed when its run reached the replica timeout.
  if (code === 137 && ctx.isJob && !hasMemorySignal && atReplicaTimeout(ctx, sys)) {
    Object.assign(names, { setting: 'replicaTimeout', graceText: "the job's replica timeout" }, progressNames(ctx, sys));
    return DERIVED_RULES.forcedKill;
  }
  // An app that handles SIGTERM by finishing its work and returning 0 was stopped, not done.
  // An app that logs its own shutdown and then backs off stopped by itself: only a platform stop makes it a stop.
  const platformStop = stops.some((h) => sameReplica(h.sys, sys) && within(h.sys.ms, sys.ms, (grace + 60) * 1000, 5_000));
  // A job's replica the platform asked to stop before it exited did not complete, whatever code it returned.
  if (ctx.isJob && (code === 0 || code === 143)) {
    const near = stops.filter((h) => sameReplica(h.sys, sys) && stopsContainer(h, exit.container) && within(h.sys.ms, sys.ms, (grace + 60) * 1000, 5_000));
    const stop = near.find((h) => h.rule.id === 'system.node-scale-down') ?? near[0];
    if (stop && atReplicaTimeout(ctx, sys)) {
      Object.assign(names, { setting: 'replicaTimeout', graceText: "the job's replica timeout" }, progressNames(ctx, sys));
      return DERIVED_RULES.forcedKill;
    }
    if (stop) {
      names.stopReason = stopReasonOf(stop);
      return DERIVED_RULES.jobInterrupted;
    }
  }
  if (code === 0 && ctx.isJob) return DERIVED_RULES.jobCompleted;
  // A stop the platform asked for because a liveness or startup probe failed is the probe's kill, not a scale-in.
  if ((code === 0 || code === 143) && probeKill && !scaleIn) return DERIVED_RULES.probeKill;
  if (code === 0 && (stopRequested || (scaledAround && !ctx.crashLoop)) && (platformStop || !ctx.crashLoop)) return nameScaleIn(ctx, sys, grace, names);
  // A container app whose command starts its server in the background: the foreground process is done at once.
  const daemon = code === 0 && !ctx.isJob ? daemonizingCommand(container) : undefined;
  if (daemon) {
    Object.assign(names, daemon);
    return DERIVED_RULES.commandDaemonizes;
  }
  if (code === 137) {
    if (scaleIn && !hasMemorySignal && !ctx.crashLoop && ctx.liveProbeHits.length === 0 && !workedAfterStop(ctx, sys, stops, grace)) {
      Object.assign(names, { gracePeriod: String(grace), graceText: `the ${grace}s grace period` });
      return DERIVED_RULES.scaleInKill;
    }
    if (stopRequested && !hasMemorySignal) {
      Object.assign(names, { gracePeriod: String(grace), graceText: `the ${grace}s grace period` });
      return DERIVED_RULES.forcedKill;
    }
    if (probeKill && !hasMemorySignal) return DERIVED_RULES.probeKill;
    if (hasMemorySignal && container?.memory && !hasStorageSignal && !hasCapacitySignal) {
      names.memoryLimit = container.memory;
      return DERIVED_RULES.memoryLimit;
    }
    if (container?.memory) names.memoryLimit = container.memory;
    return exitCodeRule(137);
  }
  if (code === 143) {
    const shutdownLines = ctx.signals.some((s) => s.kind === 'shutdown' && sameReplica(s.line, sys));
    const minReplicasZero = ctx.config?.scale?.minReplicas === 0;
    if (minReplicasZero || scaleIn || (!ctx.crashLoop && ctx.liveProbeHits.length === 0 && (stops.length > 0 || shutdownLines))) {
      return nameScaleIn(ctx, sys, grace, names);
    }
    if (probeKill) return DERIVED_RULES.probeKill;
    return exitCodeRule(143);
  }
  return exitCodeRule(code ?? 0, image, runtimeFor(ctx, sys, image));
}

/** The replica count a scale-in row names: `from 3 to 1`, `New size: 2`, `Scale down to 2`. */
const SCALED_TO = /\bfrom (\d{1,4}) to (\d{1,4})\b|New size: (\d{1,4})|Scale down to (\d{1,4})/;

/**
 * A stop by the scaler: when its rows show the revision going to fewer replicas but not to zero (`from 3
 * to 1`), the replica was surplus, and the scale-to-zero text (and its "set minReplicas" hint) does not apply.
 */
function nameScaleIn(ctx: ExitContext, sys: Sys, grace: number, names: Record<string, string>): RuleBase {
  const near = ctx.systemHits.filter((h) => (h.rule.role === 'scale-to-zero' || h.rule.role === 'scale-in') && within(h.sys.ms, sys.ms, (grace + 60) * 1000, 60_000));
  if (near.some((h) => h.rule.role === 'scale-to-zero')) return DERIVED_RULES.scaleToZero;
  const counts = near.map((h) => SCALED_TO.exec(h.sys.message.slice(0, 500))).find((m) => m !== null);
  const to = counts?.[2] ?? counts?.[3] ?? counts?.[4];
  if (to && Number(to) > 0) {
    names.scaledTo = to;
    names.stopContext = `The scaler took the revision ${counts?.[1] ? `from ${counts[1]} ` : ''}to ${to} replica${to === '1' ? '' : 's'} as the load fell: this replica was surplus, the normal end of a scale-in (not a scale to zero), not a crash.`;
  }
  return DERIVED_RULES.scaleToZero;
}

/** A stop row that is about this container (or about the whole replica). */
function stopsContainer(h: SystemHit, container: string): boolean {
  const named = h.names.container ?? h.sys.container;
  return !named || !container || named === container;
}

/** Why the platform stopped a replica, in a few words for a title. */
function stopReasonOf(h: SystemHit): string {
  if (h.rule.id === 'system.node-scale-down') return /shutdown/i.test(h.sys.message) ? 'its node was shut down' : 'its node was removed (node scale-down)';
  return 'the platform stopped its container';
}

/**
 * Job replicas the platform stopped or took away (a stop request, a node scaled down or shut down) that
 * never logged an exit of their own: that run did not complete, even when a retry on another replica did.
 * A replica with an exit row is read through its exit, and one past its deadline by the deadline rule.
 */
export function interruptedJobReplicas(ctx: ExitContext, exits: readonly Exit[]): Draft[] {
  if (!ctx.isJob) return [];
  const deadlines = ctx.systemHits.filter((h) => h.rule.id === 'system.job-deadline');
  const stopped = ctx.systemHits.filter(
    (h) =>
      h.rule.role === 'stop' &&
      h.sys.replica !== undefined &&
      !exits.some((e) => e.sys.replica === h.sys.replica) &&
      !deadlines.some((x) => x.sys.replica === h.sys.replica),
  );
  if (stopped.length === 0) return [];
  // The most telling stop names the reason: the node's removal says more than the stop request it caused.
  const lead = stopped.find((h) => h.rule.id === 'system.node-scale-down') ?? stopped[0]!;
  const container = lead.names.container ?? lead.sys.container;
  const d = draft(DERIVED_RULES.jobInterrupted, { ...(container ? { container } : {}), stopReason: stopReasonOf(lead) }, 'system');
  for (const h of stopped) {
    addEvidence(d, [sysLine(h.sys)]);
    d.times.push(h.sys.ms);
    if (h.sys.replica) d.replicas.add(h.sys.replica);
  }
  d.occurrences = d.replicas.size;
  const last = Math.max(...stopped.map((h) => h.sys.ms));
  const completedLater = exits.some((e) => e.code === 0 && e.sys.ms > last && !d.replicas.has(e.sys.replica ?? ''));
  if (completedLater) d.explanationExtra.push('A later replica of the job exited 0: the retry finished the work this time.');
  return [d];
}

/** Runtime per replica, worked out once: a crash loop has many exits on the same replica. */
const RUNTIME_CACHE = new WeakMap<ExitContext, Map<string, ReturnType<typeof runtimeOf>>>();

function runtimeFor(ctx: ExitContext, sys: Sys, image: string | undefined): ReturnType<typeof runtimeOf> {
  let cache = RUNTIME_CACHE.get(ctx);
  if (!cache) {
    cache = new Map();
    RUNTIME_CACHE.set(ctx, cache);
  }
  const key = `${sys.replica ?? ''}|${sys.revision ?? ''}|${image ?? ''}`;
  if (!cache.has(key)) cache.set(key, runtimeOf(ctx.consoleLines.filter((l) => sameReplica(l, sys)).slice(-200), image));
  return cache.get(key);
}

/** Exit findings, folded by rule, container and code. */
export function readExits(exits: Exit[], ctx: ExitContext): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const exit of exits) {
    const { sys, code } = exit;
    if (code === undefined) continue; // an empty code comes with a reason (image pull, create failure) the rules read
    const names: Record<string, string> = { container: exit.container };
    const rule = ruleForExit(exit, ctx, names);
    const key = `${rule.id}|${exit.container}|${code}`;
    let d = drafts.get(key);
    if (!d) {
      d = draft(rule, names, 'exit');
      d.exitCode = code;
      const sig = plausibleSignal(code);
      if (sig && rule.category !== 'application-error' && !rule.id.startsWith('exit.app-defined')) {
        d.signal = sig.name;
        d.names.signal = sig.name;
      }
      d.names.exitCode = String(code);
      // A bare SIGKILL says who stopped the process, not why: name the readings it could be.
      if (rule.id === 'exit.137') d.alternatives = ['unknown', 'forced-kill', 'storage-failure'];
      drafts.set(key, d);
    }
    addEvidence(d, [sysLine(sys)]);
    d.occurrences += sys.count;
    d.times.push(sys.ms);
    if (sys.replica) d.replicas.add(sys.replica);
  }
  return [...drafts.values()];
}

/** Words an app uses when it reports a failure, in any runtime; a start-up banner uses none of them. */
const ERROR_LIKE =
  /\b(?:error|exception|fatal|panic|traceback|failed|failure|denied|refused|cannot|can't|could not|unable|invalid|not found|missing|required|unhandled|abort(?:ed|ing)?)\b/i;
/**
 * Lines a runner or a trace prints around the error without naming it: a traceback's header, a package
 * manager's "command failed" and "npm ERR!" summary, a log-file pointer. Quoted, they send on-call nowhere.
 */
const WRAPPER_LINE =
  /^\s*(?:Traceback \(most recent call last\):?|(?:error )?Command failed with exit code \d{1,3}|npm (?:ERR!|error)|info Visit https?:|ELIFECYCLE|A complete log of this run|During handling of the above exception|The above exception was the direct cause|Stack trace:?$|Exception in thread "main"\s*$)/i;
/** A stack frame names where, not what: the line above it does. */
const STACK_FRAME = /^\s*(?:at [\w$.<]|File ")/;
/** Words of an error line that ERROR_LIKE's plain words miss: an exception type, "does not exist". */
const ERROR_SHAPE = /\b[A-Z]\w{0,80}(?:Error|Exception)\b|\berrors?\.[A-Z]\w{0,80}|\bdoes not exist\b|\bError: [A-Z]\d{3,5}\b/;

/**
 * The app's last words: the last error-like line that is not a wrapper's. Only when the replica printed
 * nothing but wrapper lines is one of them the lead (the failure is then still not silent).
 */
function leadLine(latestFirst: readonly TimedLine[]): TimedLine | undefined {
  const errorLike = latestFirst.filter((l) => ERROR_LIKE.test(l.text.slice(0, 500)));
  if (errorLike.length === 0) return undefined;
  const telling = latestFirst.find((l) => {
    const t = l.text.slice(0, 500);
    return (ERROR_LIKE.test(t) || ERROR_SHAPE.test(t)) && !WRAPPER_LINE.test(t) && !STACK_FRAME.test(t);
  });
  return telling ?? errorLike[0];
}

/** How far before an exit the app's lines still count as its last words. */
const LAST_WORDS_MS = 2 * 60_000;

/**
 * An exit code the app chose (1, an app-defined code) says nothing by itself. When the replica printed an
 * error-like line just before, that line is the lead and joins the evidence; when it printed nothing of
 * the kind, the failure is silent: the category is unknown, with the readings it could be.
 */
function readLastError(d: Draft, consoleLines: readonly TimedLine[]): void {
  const around = linesAround(d, consoleLines, { from: 'last', before: LAST_WORDS_MS, after: 5_000 });
  const lead = leadLine(around.reverse());
  if (lead) {
    d.silent = false;
    addEvidence(d, [{ source: 'console', replica: lead.replica, revision: lead.revision, text: lead.text.slice(0, 2000) }]);
    d.explanationExtra.push('No rule recognised the app\'s last error line (in the evidence): read it first.');
    return;
  }
  d.silent = true;
  d.category = 'unknown';
  d.alternatives = ['application-error', 'missing-configuration', 'dependency-unreachable'];
}

/** What the exit findings say besides their rule: memory lines, empty console, repetition. */
export function annotateExits(drafts: Draft[], ctx: ExitContext & { system: Sys[]; noConsole: boolean }, memoryLines: TimedLine[]): void {
  for (const d of drafts) {
    if (d.source !== 'exit') continue;
    // Benign only for a true platform scale-in: never while the container is crash-looping or failing probes.
    if ((d.rule.id === DERIVED_RULES.scaleToZero.id || d.rule.id === DERIVED_RULES.scaleInKill.id) && (ctx.crashLoop || ctx.liveProbeHits.length > 0)) d.benign = false;
    // A non-zero exit other than SIGTERM's is never called benign: a replica that had to be killed after
    // its grace period is a grace-period question even when the stop itself was planned.
    if (d.benign && d.exitCode !== undefined && d.exitCode !== 0 && d.exitCode !== 143) {
      d.benign = false;
      d.explanationExtra.push('The stop itself was planned; what needs a look is that the replica did not finish within its grace period.');
    }
    if (d.rule.id === DERIVED_RULES.memoryLimit.id) {
      d.confidence = 0.97;
      // It joins the exit and the memory lines before it, so it is as much "last words" as they are.
      d.bonus = 0.1;
      // No memory line, but the JVM printed the heap it may grow to: that line is the evidence (and the raise's need).
      const heapLines = memoryLines.length ? [] : ctx.consoleLines.filter((l) => printedHeapGiB(l.text) !== undefined).slice(-1);
      for (const l of [...memoryLines.slice(0, 3), ...heapLines]) addEvidence(d, [{ time: undefined, source: 'console', replica: l.replica, revision: l.revision, text: l.text.slice(0, 2000) }]);
      // Read from a lowered limit alone: say that, not "memory lines" nobody printed.
      if (memoryLines.length === 0 && memoryLowered(ctx.config, d.names.container ?? '')) {
        d.title = `killed (exit 137, SIGKILL) after the memory limit was lowered to ${d.names.memoryLimit ?? 'a smaller size'} since the last healthy revision`;
      }
    }
    if (d.rule.id === 'exit.137') {
      // A console line that speaks of memory (a server's own memory limit, a printed heap) is evidence:
      // never say none was found beside it (v23 review: 26, 93).
      const spoken = ctx.consoleLines.find((l) => MEMORY_MENTION.test(l.text.slice(0, 500)) || printedHeapGiB(l.text) !== undefined);
      d.explanationExtra.push(
        spoken
          ? `A console line speaks of memory ("${spoken.text.trim().slice(0, 160)}"), so compare the memory working set with the container's ${d.names.memoryLimit ?? 'memory'} limit before the other causes.`
          : d.names.memoryLimit
          ? `The container's memory limit is ${d.names.memoryLimit}, but no memory-related line was found, so running out of memory is one possibility among the others, not a finding.`
          : 'No memory-related line was found in the console, so out-of-memory is a guess here.',
      );
    }
    if (d.rule.id === 'exit.1' || d.rule.id === 'exit.app-defined') readLastError(d, ctx.consoleLines);
    // An app that ended with 0 said why in its last lines ("queue is empty", "cleanup done"): they are its steps' lead.
    if (d.rule.id === 'exit.0' && !d.evidence.some((e) => e.source === 'console')) {
      const last = linesAround(d, ctx.consoleLines, { from: 'last', before: LAST_WORDS_MS, after: 5_000 }).slice(-2);
      addEvidence(d, last.map((l) => ({ source: 'console' as const, replica: l.replica, revision: l.revision, text: l.text.slice(0, 2000) })));
    }
    // A server that went to the background is silent by nature: its log goes with it, nothing is missing from the console.
    if (ctx.noConsole && !d.benign && d.rule.id !== DERIVED_RULES.commandDaemonizes.id) {
      d.explanationExtra.push('No console output was found for the window, so the app said nothing before it exited (or its logs are not collected).');
      d.actionsExtra.push(TURN_UP_LOGGING);
    }
    if (ctx.crashLoop && !d.benign) d.explanationExtra.push('The exits repeat and the platform is backing off (a crash loop).');
  }
}
