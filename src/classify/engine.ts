import type { AppConfig, Category, ConsoleLine, EvidenceLine, Finding, SystemEvent } from '../model';
import { cleanLine, matchConsoleLine } from './consoleMatcher';
import { CATEGORY_TEXT } from './rules/categoryText';
import { DERIVED_RULES, LISTEN_PATTERNS, LOOPBACK } from './rules/configRules';
import { exitCodeRule } from './rules/exitCodes';
import { signalForExitCode } from './rules/signals';
import { SYSTEM_RULES, TERMINATION_PATTERN } from './rules/systemRules';
import { buildBlocks, groupKey, type Block, type TimedLine } from './stackTraces';
import { attachCommands, rememberStepInput, ruleSteps } from './steps';
import { fillTemplate } from './template';
import type { ClassifyInput, ConsoleMatch, RuleBase, SystemRule } from './types';

export type { ClassifyInput } from './types';

/** How far before an exit the replica's console rows count as its "last words". */
const LAST_WORDS_BEFORE_MS = 10 * 60_000;
/** Console rows are ingested with a lag and clocks differ a little: accept rows slightly after the exit. */
const LAST_WORDS_AFTER_MS = 2 * 60_000;
const LAST_WORDS_BONUS = 0.1;
/**
 * Ordering penalty for a failure the app logged as handled (a warning, a retry) when a later, unhandled
 * failure on the same replica followed it: the app survived the first one, so the later one ended it.
 */
const SUPERSEDED_PENALTY = -0.2;
/** Words with which apps say they will try again, on the failure line or right around it. */
const RETRY_MARKER = /\b(?:retry(?:ing)?|retries|will retry|trying again|reconnecting|backing off)\b/i;
/** Warning-level log lines (plain-text and JSON loggers). */
const WARN_MARKER = /\bWARN(?:ING)?\b|\blevel=warn|"level":\s*"warn|"level":\s*40\b|^\s*warn(?:ing)?:/;
const MAX_EVIDENCE = 10;
const DEFAULT_GRACE_SECONDS = 30;

// ---------------------------------------------------------------------------------------------------
// Normalised evidence

interface Sys {
  ms: number;
  firstMs: number;
  reason: string;
  message: string;
  replica?: string;
  revision?: string;
  container?: string;
  count: number;
  index: number;
}

interface Exit {
  sys: Sys;
  container: string;
  code?: number;
  reason?: string;
}

interface SystemHit {
  rule: SystemRule;
  sys: Sys;
  names: Record<string, string>;
}

interface ConsoleHit {
  match: ConsoleMatch;
  line: TimedLine;
  block: Block;
  lastWords: boolean;
  exitCode?: number;
  /** The app logged this failure as something it handles (a warning, a retry). */
  handled: boolean;
  /** A later failure on the same replica that was not handled. */
  superseded: boolean;
}

/**
 * A line's best match, with names the other matches of the same category found on it (one rule knows
 * the error type, another the host:port quoted in the same message).
 */
function withSiblingNames(matches: ConsoleMatch[]): ConsoleMatch | undefined {
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

function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).getTime();
  return Number.NaN;
}

function iso(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function normaliseSystem(rows: unknown): Sys[] {
  if (!Array.isArray(rows)) return [];
  const out: Sys[] = [];
  rows.forEach((row: Partial<SystemEvent> | null, index) => {
    if (!row || typeof row !== 'object') return;
    const ms = toMs(row.time);
    const first = toMs(row.firstSeen);
    out.push({
      ms,
      firstMs: Number.isFinite(first) ? first : ms,
      reason: typeof row.reason === 'string' ? row.reason : '',
      message: typeof row.message === 'string' ? row.message : '',
      replica: str(row.replica),
      revision: str(row.revision),
      container: str(row.container),
      count: typeof row.count === 'number' && row.count >= 1 ? Math.floor(row.count) : 1,
      index,
    });
  });
  return out.sort((a, b) => (a.ms - b.ms) || (a.index - b.index) || 0);
}

function normaliseConsole(rows: unknown): TimedLine[] {
  if (!Array.isArray(rows)) return [];
  const out: TimedLine[] = [];
  rows.forEach((row: Partial<ConsoleLine> | null, index) => {
    if (!row || typeof row !== 'object' || typeof row.text !== 'string') return;
    out.push({
      ms: toMs(row.time),
      // Rows sometimes carry the trailing newline (and a CR) of the line the app wrote, colour codes, or
      // the container runtime's own prefix.
      text: cleanLine(row.text.replace(/\r?\n$/, '')),
      replica: str(row.replica),
      revision: str(row.revision),
      container: str(row.container),
      image: str(row.image),
      index,
    });
  });
  return out;
}

function sysLine(s: Sys): EvidenceLine {
  const count = s.count > 1 ? ` (x${s.count})` : '';
  return {
    time: iso(s.ms),
    source: 'system',
    replica: s.replica,
    revision: s.revision,
    text: `${s.reason ? `[${s.reason}] ` : ''}${s.message}${count}`.slice(0, 2000),
  };
}

function consoleEvidence(l: TimedLine): EvidenceLine {
  return { time: iso(l.ms), source: 'console', replica: l.replica, revision: l.revision, text: l.text.slice(0, 2000) };
}

/** Same replica when both know it; otherwise same revision; otherwise assume related. */
function sameReplica(a: { replica?: string; revision?: string }, b: { replica?: string; revision?: string }): boolean {
  if (a.replica && b.replica) return a.replica === b.replica;
  if (a.revision && b.revision) return a.revision === b.revision;
  return true;
}

function within(ms: number, exitMs: number, before: number, after: number): boolean {
  if (!Number.isFinite(ms) || !Number.isFinite(exitMs)) return true;
  return ms >= exitMs - before && ms <= exitMs + after;
}

// ---------------------------------------------------------------------------------------------------
// Findings under construction

interface Draft {
  rule: RuleBase;
  /** Extra score for ordering only (last words), not reported as confidence. */
  bonus: number;
  confidence: number;
  benign: boolean;
  category: Category;
  names: Record<string, string>;
  evidence: EvidenceLine[];
  times: number[];
  replicas: Set<string>;
  occurrences: number;
  exitCode?: number;
  signal?: string;
  title?: string;
  explanationExtra: string[];
  actionsExtra: string[];
}

function draft(rule: RuleBase, names: Record<string, string> = {}): Draft {
  return {
    rule,
    bonus: 0,
    confidence: rule.confidence,
    benign: rule.benign,
    category: rule.category,
    names: { ...names },
    evidence: [],
    times: [],
    replicas: new Set(),
    occurrences: 0,
    explanationExtra: [],
    actionsExtra: [],
  };
}

function addEvidence(d: Draft, lines: EvidenceLine[]): void {
  for (const l of lines) {
    if (d.evidence.length >= MAX_EVIDENCE) return;
    if (d.evidence.some((e) => e.text === l.text && e.replica === l.replica)) continue;
    d.evidence.push(l);
  }
}

function finish(d: Draft): Finding {
  const names = d.names;
  const times = d.times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const explanation = [fillTemplate(d.rule.explanation, names), ...d.explanationExtra].filter(Boolean).join(' ');
  const finding: Finding = {
    ruleId: d.rule.id,
    category: d.category,
    title: d.title ?? fillTemplate(d.rule.title, names),
    confidence: Math.round(Math.max(0, Math.min(1, d.confidence)) * 100) / 100,
    benign: d.benign,
    evidence: d.evidence.slice(0, MAX_EVIDENCE),
    explanation,
    actions: [],
    links: d.rule.links ?? CATEGORY_TEXT[d.category].links,
  };
  // Steps (schema 1.1): texts now, commands once `attachCommands` knows the target.
  const stepInput = { actions: d.rule.actions, extras: d.actionsExtra, names, evidence: finding.evidence };
  finding.steps = ruleSteps(stepInput);
  finding.actions = finding.steps.map((s) => s.text);
  rememberStepInput(finding, stepInput);
  if (d.exitCode !== undefined) finding.exitCode = d.exitCode;
  if (d.signal) finding.signal = d.signal;
  if (Object.keys(names).length > 0) finding.names = { ...names };
  if (d.occurrences > 0) finding.occurrences = d.occurrences;
  if (times.length > 0) {
    finding.firstSeen = iso(times[0]);
    finding.lastSeen = iso(times[times.length - 1]);
  }
  if (d.replicas.size > 0) finding.replicas = [...d.replicas].sort();
  return finding;
}

// ---------------------------------------------------------------------------------------------------
// System rows

function matchSystem(s: Sys): SystemHit | undefined {
  for (const rule of SYSTEM_RULES) {
    const reasonOk = rule.reason ? rule.reason.test(s.reason) : false;
    const m = rule.message ? rule.message.exec(s.message) : null;
    const ok = rule.both ? reasonOk && m !== null : reasonOk || m !== null;
    if (!ok) continue;
    const names: Record<string, string> = {};
    if (m?.groups) {
      for (const [k, v] of Object.entries(m.groups)) {
        const key = k.replace(/_\d+$/, '');
        if (v && names[key] === undefined) names[key] = v;
      }
    }
    if (names.probe) names.probe = names.probe.charAt(0).toUpperCase() + names.probe.slice(1).toLowerCase();
    if (!names.container && s.container) names.container = s.container;
    if (!names.revision && s.revision && /revision/.test(rule.title)) names.revision = s.revision;
    return { rule, sys: s, names };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Config helpers (AppConfig is optional and may be partial: read it defensively)

function containersOf(config: AppConfig | undefined): AppConfig['containers'] {
  if (!config || !Array.isArray(config.containers)) return [];
  return config.containers.filter((c) => c && typeof c === 'object');
}

function mainContainer(config: AppConfig | undefined, name?: string): AppConfig['containers'][number] | undefined {
  const list = containersOf(config);
  return list.find((c) => c.name === name) ?? list[0];
}

function envOf(config: AppConfig | undefined): AppConfig['containers'][number]['env'] {
  return [...containersOf(config), ...(Array.isArray(config?.initContainers) ? config.initContainers : [])].flatMap(
    (c) => (Array.isArray(c?.env) ? c.env.filter((e) => e && typeof e.name === 'string') : []),
  );
}

function secretNames(config: AppConfig | undefined): Set<string> {
  return new Set(Array.isArray(config?.secrets) ? config.secrets.map((s) => s?.name).filter((n): n is string => !!n) : []);
}

// ---------------------------------------------------------------------------------------------------
// The classifier

function run(input: ClassifyInput): Finding[] {
  const config = input && typeof input.config === 'object' && input.config !== null ? input.config : undefined;
  const target = input && typeof input.target === 'object' && input.target !== null ? input.target : undefined;
  const system = normaliseSystem(input?.system);
  const consoleLines = normaliseConsole(input?.console);
  const isJob = target?.kind === 'job' || config?.kind === 'job';

  const drafts: Draft[] = [];
  const exits: Exit[] = [];
  const systemHits: SystemHit[] = [];

  // 1. Platform events.
  for (const s of system) {
    const term = TERMINATION_PATTERN.exec(s.message);
    if (term?.groups) {
      const codeText = term.groups.code ?? '';
      exits.push({
        sys: s,
        container: term.groups.container ?? s.container ?? '',
        code: codeText === '' ? undefined : Number(codeText),
        reason: term.groups.reason,
      });
    }
    const hit = matchSystem(s);
    if (hit) {
      if (hit.rule.role !== 'ignore') systemHits.push(hit);
      continue;
    }
    if (term) continue;
    // An unrecognised warning can still carry an app-level message (a create failure quoting the
    // runtime's "executable file not found"): read it with the console rules.
    if (/warn|fail|error|backoff|crash/i.test(`${s.reason} ${s.message}`)) {
      const m = matchConsoleLine(s.message, s.message).find((x) => !x.benign);
      if (m) {
        const d = draft(m.rule, m.names);
        d.confidence = m.confidence;
        d.occurrences = s.count;
        d.times.push(s.ms);
        if (s.replica) d.replicas.add(s.replica);
        addEvidence(d, [sysLine(s)]);
        drafts.push(d);
      }
    }
  }

  // 2. Console rows: blocks per replica, the best cause per block.
  const blocks = buildBlocks(consoleLines);
  const hits: ConsoleHit[] = [];
  const signals: { kind: 'shutdown' | 'memory' | 'storage'; line: TimedLine }[] = [];
  const listens: { line: TimedLine; address?: string; port: number }[] = [];
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    let best: { match: ConsoleMatch; line: TimedLine } | undefined;
    for (const line of block.lines) {
      for (const pattern of LISTEN_PATTERNS) {
        const m = pattern.exec(line.text);
        if (m?.groups?.port) {
          listens.push({ line, address: m.groups.address, port: Number(m.groups.port) });
          break;
        }
      }
      const matches = matchConsoleLine(line.text, block.text);
      for (const m of matches) if (m.rule.signal) signals.push({ kind: m.rule.signal, line });
      const top = withSiblingNames(matches);
      // Equal confidence: the line that names more wins, then the later line (a trace ends with its cause).
      if (
        top &&
        (!best ||
          top.confidence > best.match.confidence ||
          (top.confidence === best.match.confidence &&
            Object.keys(top.names).length >= Object.keys(best.match.names).length))
      ) {
        best = { match: top, line };
      }
    }
    if (best) {
      const idx = block.lines.indexOf(best.line);
      const prevBlock = blocks[bi - 1]?.key === block.key ? blocks[bi - 1] : undefined;
      const nextBlock = blocks[bi + 1]?.key === block.key ? blocks[bi + 1] : undefined;
      const before = idx > 0 ? block.lines[idx - 1] : prevBlock?.lines[prevBlock.lines.length - 1];
      // A retry announced after the failure: in the rest of its block, or on the row right after it.
      const after = [...block.lines.slice(idx + 1), ...(nextBlock ? [nextBlock.lines[0]] : [])];
      const handled =
        RETRY_MARKER.test(best.line.text) ||
        WARN_MARKER.test(best.line.text) ||
        (before !== undefined && (RETRY_MARKER.test(before.text) || WARN_MARKER.test(before.text))) ||
        after.some((l) => RETRY_MARKER.test(l.text));
      hits.push({ ...best, block, lastWords: false, handled, superseded: false });
    }
  }
  // A handled failure followed by an unhandled one on the same replica did not end the process.
  for (const hit of hits) {
    if (!hit.handled) continue;
    hit.superseded = hits.some(
      (later) =>
        later !== hit &&
        !later.handled &&
        !later.match.benign &&
        later.block.key === hit.block.key &&
        later.match.ruleId !== hit.match.ruleId &&
        (later.line.ms > hit.line.ms || (later.line.ms === hit.line.ms && later.line.index > hit.line.index)),
    );
  }

  // 3. Relate console causes to the exits and back-offs they precede.
  const backoffs = systemHits.filter((h) => h.rule.role === 'backoff');
  const failures = [
    ...exits.filter((e) => e.code !== 0).map((e) => ({ sys: e.sys, code: e.code })),
    ...backoffs.map((b) => ({ sys: b.sys, code: undefined as number | undefined })),
  ];
  for (const hit of hits) {
    for (const f of failures) {
      if (!sameReplica(hit.line, f.sys)) continue;
      if (!within(hit.line.ms, f.sys.ms, LAST_WORDS_BEFORE_MS, LAST_WORDS_AFTER_MS)) continue;
      hit.lastWords = true;
      if (f.code !== undefined && hit.exitCode === undefined) hit.exitCode = f.code;
    }
  }

  // 4. Console findings, folded by rule and the main extracted name.
  const consoleDrafts = new Map<string, Draft>();
  for (const hit of hits) {
    const { match } = hit;
    const key = `${match.ruleId}|${match.names.envVar ?? match.names.host ?? match.names.module ?? match.names.file ?? match.names.class ?? ''}`;
    let d = consoleDrafts.get(key);
    if (!d) {
      d = draft(match.rule, match.names);
      d.confidence = match.confidence;
      consoleDrafts.set(key, d);
      // The first occurrence shows its trace: the block's opening line and the lines leading to the match.
      const idx = hit.block.lines.indexOf(hit.line);
      const lead = hit.block.lines.slice(Math.max(0, idx - 5), idx);
      const opener = idx - 5 > 0 ? [hit.block.lines[0]] : [];
      addEvidence(d, [...opener, ...lead].map(consoleEvidence));
    } else {
      for (const [k, v] of Object.entries(match.names)) if (d.names[k] === undefined) d.names[k] = v;
      d.confidence = Math.max(d.confidence, match.confidence);
    }
    addEvidence(d, [consoleEvidence(hit.line)]);
    d.occurrences += 1;
    d.times.push(hit.line.ms);
    if (hit.line.replica) d.replicas.add(hit.line.replica);
    // Folded hits: one that is neither handled-and-superseded earns the draft its full standing.
    const standing = hit.superseded ? SUPERSEDED_PENALTY : hit.lastWords ? LAST_WORDS_BONUS : 0;
    d.bonus = d.occurrences === 1 ? standing : Math.max(d.bonus, standing);
    if (hit.exitCode !== undefined && d.exitCode === undefined) {
      d.exitCode = hit.exitCode;
      const sig = signalForExitCode(hit.exitCode);
      if (sig && !d.signal) {
        d.signal = sig.name;
        if (d.names.signal === undefined) d.names.signal = sig.name;
      }
    }
  }
  // A matched evidence line should be last among the first ones shown; keep the cap at ten.
  drafts.push(...consoleDrafts.values());

  // 5. System findings, folded by rule.
  const systemDrafts = new Map<string, Draft>();
  const latest = config?.latestRevisionName;
  const activeRevisions = new Set(
    (Array.isArray(config?.revisions) ? config.revisions : []).filter((r) => r?.active).map((r) => r.name),
  );
  for (const hit of systemHits) {
    let rule: RuleBase = hit.rule;
    // Probes failing on a revision that is being replaced are part of the switch, not the problem.
    if (
      hit.rule.role === 'probe' &&
      latest &&
      hit.sys.revision &&
      hit.sys.revision !== latest &&
      !activeRevisions.has(hit.sys.revision)
    ) {
      rule = DERIVED_RULES.oldRevisionProbe;
      hit.names.revision = hit.sys.revision;
    }
    let d = systemDrafts.get(rule.id);
    if (!d) {
      d = draft(rule, hit.names);
      systemDrafts.set(rule.id, d);
    } else {
      for (const [k, v] of Object.entries(hit.names)) if (d.names[k] === undefined) d.names[k] = v;
    }
    addEvidence(d, [sysLine(hit.sys)]);
    d.occurrences += hit.sys.count;
    d.times.push(hit.sys.firstMs, hit.sys.ms);
    if (d.exitCode === undefined && !d.benign && hit.rule.role !== 'backoff') {
      // The exit that followed this event on the same replica is part of the same story.
      const next = exits.find(
        (e) => e.code !== undefined && e.code !== 0 && sameReplica(e.sys, hit.sys) && within(hit.sys.ms, e.sys.ms, LAST_WORDS_BEFORE_MS, 5_000),
      );
      if (next?.code !== undefined) d.exitCode = next.code;
    }
    if (hit.sys.replica) d.replicas.add(hit.sys.replica);
  }
  drafts.push(...systemDrafts.values());

  const probeHits = systemHits.filter((h) => h.rule.role === 'probe');
  const liveProbeHits = probeHits.filter((h) => {
    const d = systemDrafts.get(DERIVED_RULES.oldRevisionProbe.id);
    return !d || !(h.sys.revision && d.names.revision === h.sys.revision);
  });
  const scaleToZero = systemHits.some((h) => h.rule.role === 'scale-to-zero');
  const stops = systemHits.filter((h) => h.rule.role === 'stop' || h.rule.role === 'scale-to-zero');
  const crashLoop = backoffs.length > 0;
  const hasMemorySignal = signals.some((s) => s.kind === 'memory') || systemHits.some((h) => h.rule.role === 'memory');
  const hasStorageSignal = signals.some((s) => s.kind === 'storage') || systemHits.some((h) => h.rule.role === 'storage');
  const hasCapacitySignal = systemHits.some((h) => h.rule.role === 'capacity');

  // 6. Exits, read through the exit-code table and the configuration.
  const grace = typeof config?.terminationGracePeriodSeconds === 'number' ? config.terminationGracePeriodSeconds : DEFAULT_GRACE_SECONDS;
  const minReplicasZero = config?.scale?.minReplicas === 0;
  const exitDrafts = new Map<string, Draft>();
  const noConsole = consoleLines.length === 0;
  // The platform asked this replica to stop (a stop or scale-to-zero event, or the app logging SIGTERM) shortly before it exited.
  const stopRequestedBefore = (sys: Sys): boolean =>
    stops.some((h) => sameReplica(h.sys, sys) && within(h.sys.ms, sys.ms, (grace + 60) * 1000, 5_000)) ||
    signals.some((s) => s.kind === 'shutdown' && sameReplica(s.line, sys) && within(s.line.ms, sys.ms, (grace + 60) * 1000, 5_000));
  for (const exit of exits) {
    const { sys, code } = exit;
    if (code === undefined) continue; // an empty code comes with a reason (image pull) the rules read
    const isSidecar = /^k8se-/.test(exit.container);
    let rule: RuleBase;
    const names: Record<string, string> = { container: exit.container };
    if (isSidecar && code === 0) rule = DERIVED_RULES.sidecarExit;
    else if (code === 0 && isJob) rule = DERIVED_RULES.jobCompleted;
    // An app that handles SIGTERM by finishing its work and returning 0 was stopped, not done.
    else if (code === 0 && stopRequestedBefore(sys)) rule = DERIVED_RULES.scaleToZero;
    else if (code === 137) {
      const sigtermBefore = stopRequestedBefore(sys);
      const limit = mainContainer(config, exit.container)?.memory;
      if (sigtermBefore && !hasMemorySignal) {
        rule = DERIVED_RULES.forcedKill;
        names.gracePeriod = String(grace);
      } else if (limit && !hasStorageSignal && !hasCapacitySignal) {
        rule = DERIVED_RULES.memoryLimit;
        names.memoryLimit = limit;
      } else rule = exitCodeRule(code);
    } else if (code === 143) {
      rule = exitCodeRule(code);
      const shutdownLines = signals.some((s) => s.kind === 'shutdown' && sameReplica(s.line, sys));
      if (minReplicasZero || scaleToZero || (!crashLoop && liveProbeHits.length === 0 && (stops.length > 0 || shutdownLines))) {
        rule = DERIVED_RULES.scaleToZero;
      }
    } else {
      const image = consoleLines.find((l) => l.image && sameReplica(l, sys))?.image ?? mainContainer(config, exit.container)?.image;
      rule = exitCodeRule(code, image);
    }
    const key = `${rule.id}|${exit.container}|${code}`;
    let d = exitDrafts.get(key);
    if (!d) {
      d = draft(rule, names);
      d.exitCode = code;
      const sig = signalForExitCode(code);
      if (sig) {
        d.signal = sig.name;
        d.names.signal = sig.name;
      }
      d.names.exitCode = String(code);
      if (rule.id === 'exit.signal' || rule.id === 'exit.app-defined') d.rule = { ...rule, explanation: rule.explanation };
      exitDrafts.set(key, d);
    }
    addEvidence(d, [sysLine(sys)]);
    d.occurrences += sys.count;
    d.times.push(sys.ms);
    if (sys.replica) d.replicas.add(sys.replica);
  }
  for (const d of exitDrafts.values()) {
    // Benign only for a true platform scale-in: never while the container is crash-looping or failing probes.
    if (d.rule.id === DERIVED_RULES.scaleToZero.id && (crashLoop || liveProbeHits.length > 0)) d.benign = false;
    if (d.rule.id === DERIVED_RULES.memoryLimit.id && hasMemorySignal) {
      d.confidence = 0.97;
      // It joins the exit and the memory lines before it, so it is as much "last words" as they are.
      d.bonus = LAST_WORDS_BONUS;
      for (const s of signals.filter((x) => x.kind === 'memory').slice(0, 3)) addEvidence(d, [consoleEvidence(s.line)]);
    }
    if (d.rule.id === 'exit.137' && !hasMemorySignal) {
      d.explanationExtra.push('No memory-related line was found in the console, so out-of-memory is a guess here.');
    }
    if (noConsole && !d.benign) {
      d.explanationExtra.push(
        'No console output was found for the window, so the app said nothing before it exited (or its logs are not collected).',
      );
      d.actionsExtra.push('Turn up logging: make the app write startup errors to stderr and raise its log level, then reproduce.');
    }
    if (crashLoop && !d.benign) d.explanationExtra.push('The exits repeat and the platform is backing off (a crash loop).');
    else if (!d.benign && d.occurrences === 1 && !crashLoop) {
      const later = [...system, ...consoleLines].some(
        (r) => r.replica && d.replicas.size > 0 && !d.replicas.has(r.replica) && r.ms > (d.times[0] ?? Number.NaN),
      );
      if (later) d.explanationExtra.push('It happened once and a new replica started afterwards (recovered).');
    }
    drafts.push(d);
  }
  for (const d of drafts) {
    if (d.rule.id === 'system.container-backoff' && noConsole) {
      d.explanationExtra.push('No console output was found at all: the app does not say why it stops.');
      d.actionsExtra.push('Turn up logging: write errors to stderr, raise the log level, and check that the environment sends console logs to Log Analytics.');
    }
  }

  // 7. Configuration cross-checks.
  if (config) crossCheckConfig(config, drafts, liveProbeHits, listens, probeHits.length > 0);
  else portChecksWithoutConfig(drafts, liveProbeHits, listens);

  if (drafts.length === 0) {
    const d = draft(DERIVED_RULES.noEvidence);
    if (noConsole) d.explanationExtra.push('There was no console output in the window either.');
    drafts.push(d);
  }
  return rank(drafts).map(finish);
}

function crossCheckConfig(
  config: AppConfig,
  drafts: Draft[],
  probes: SystemHit[],
  listens: { line: TimedLine; address?: string; port: number }[],
  anyProbe: boolean,
): void {
  const env = envOf(config);
  const secrets = secretNames(config);
  // Missing variables the console named: say whether the template defines them.
  for (const d of drafts) {
    const name = d.names.envVar;
    if (!name || d.category !== 'missing-configuration') continue;
    const spec = env.find((e) => e.name === name);
    if (!spec) {
      d.names.template = 'not-defined';
      d.title = `${fillTemplate(d.rule.title, d.names)} (not defined in the app's template)`;
      d.confidence = Math.min(1, d.confidence + 0.05);
      addEvidence(d, [{ source: 'config', text: `Environment variable ${name} is not in the container's env list.` }]);
    } else if (spec.secretRef && !secrets.has(spec.secretRef)) {
      d.names.secret = spec.secretRef;
      d.title = `${name} is not set: it references secret ${spec.secretRef}, which the app does not define`;
      addEvidence(d, [{ source: 'config', text: `${name} uses secretRef ${spec.secretRef}; no secret of that name exists.` }]);
    } else if (!spec.secretRef && !spec.hasValue) {
      d.title = `${name} is defined but empty`;
    }
  }
  // secretRefs to secrets that do not exist, whether or not the app complained yet.
  for (const e of env) {
    if (!e.secretRef || secrets.has(e.secretRef)) continue;
    if (drafts.some((d) => d.names.envVar === e.name && d.names.secret === e.secretRef)) continue;
    const d = draft(DERIVED_RULES.secretRefMissing, { envVar: e.name, secret: e.secretRef });
    addEvidence(d, [{ source: 'config', text: `env ${e.name} -> secretRef ${e.secretRef} (secrets: ${[...secrets].join(', ') || 'none'})` }]);
    drafts.push(d);
  }
  // Ports: what the app says it listens on against what ingress and probes use.
  const probePorts = containersOf(config)
    .flatMap((c) => (Array.isArray(c.probes) ? c.probes : []))
    .map((p) => p?.port)
    .filter((p): p is number => typeof p === 'number');
  const observed = probes.map((p) => Number(p.names.port)).find((p) => Number.isFinite(p) && p > 0);
  const expected = config.ingress?.targetPort ?? observed ?? probePorts[0];
  portChecks(drafts, probes, listens, expected, anyProbe || expected !== undefined);

  // What changed since the last healthy revision (a field another stage may add).
  const change = (config as unknown as { changesSinceHealthy?: unknown }).changesSinceHealthy;
  if (change && typeof change === 'object') {
    const c = change as { fromRevision?: unknown; changes?: unknown; summary?: unknown };
    const names: Record<string, string> = {};
    if (typeof c.fromRevision === 'string') names.fromRevision = c.fromRevision;
    // The title names both revisions, so the summary's own "since revision X:" lead would repeat it.
    if (typeof config.failingRevisionName === 'string') names.toRevision = config.failingRevisionName;
    if (typeof c.summary === 'string') names.summary = c.summary.replace(/^since revision [^:]*:\s*/, '').slice(0, 200);
    const d = draft(DERIVED_RULES.configChange, names);
    const list = Array.isArray(c.changes) ? c.changes : [];
    addEvidence(
      d,
      list.slice(0, MAX_EVIDENCE).map((x) => ({ source: 'config' as const, text: describeChange(x).slice(0, 500) })),
    );
    if (list.length > 0 || names.summary) drafts.push(d);
    // A variable the app misses that the change removed (or emptied) is the link between the two findings.
    for (const x of list) {
      const ch = x as { kind?: unknown; name?: unknown };
      if (typeof ch?.name !== 'string' || !/^env-(?:removed|value-cleared|secret-ref)$/.test(String(ch.kind))) continue;
      for (const other of drafts) {
        if (other.names.envVar === ch.name && other !== d) {
          other.explanationExtra.push(`The change since revision ${names.fromRevision ?? 'the last healthy one'} touched ${ch.name} (${String(ch.kind)}).`);
        }
      }
    }
  }
}

/** One line for a change record (RevisionChange) or whatever else the list holds. */
function describeChange(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const c = x as { kind?: unknown; container?: unknown; name?: unknown; before?: unknown; after?: unknown };
    if (typeof c.kind === 'string') {
      const what = [c.container, c.name].filter((v) => typeof v === 'string' && v).join(' ');
      const diff = c.before !== undefined || c.after !== undefined ? `: ${String(c.before ?? '(none)')} -> ${String(c.after ?? '(none)')}` : '';
      return `${c.kind}${what ? ` ${what}` : ''}${diff}`;
    }
  }
  return safeJson(x);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function portChecksWithoutConfig(drafts: Draft[], probes: SystemHit[], listens: { line: TimedLine; address?: string; port: number }[]): void {
  const observed = probes.map((p) => Number(p.names.port)).find((p) => Number.isFinite(p) && p > 0);
  portChecks(drafts, probes, listens, observed, probes.length > 0);
}

function portChecks(
  drafts: Draft[],
  probes: SystemHit[],
  listens: { line: TimedLine; address?: string; port: number }[],
  expected: number | undefined,
  relevant: boolean,
): void {
  if (!relevant || listens.length === 0) return;
  const last = listens[listens.length - 1];
  const probeEvidence = probes.slice(0, 3).map((p) => sysLine(p.sys));
  const address = last.address?.replace(/^\[|\]$/g, (m) => m);
  if (address && LOOPBACK.test(address)) {
    const d = draft(DERIVED_RULES.loopbackListen, { listenAddress: address, listenPort: String(last.port) });
    if (expected !== undefined) d.names.expectedPort = String(expected);
    if (probes.length === 0) d.confidence = 0.7;
    addEvidence(d, [consoleEvidence(last.line), ...probeEvidence]);
    d.times.push(last.line.ms);
    drafts.push(d);
    return;
  }
  if (expected !== undefined && last.port !== expected) {
    const d = draft(DERIVED_RULES.portMismatch, { listenPort: String(last.port), expectedPort: String(expected) });
    if (probes.length === 0) d.confidence = 0.6;
    addEvidence(d, [consoleEvidence(last.line), ...probeEvidence]);
    d.times.push(last.line.ms);
    drafts.push(d);
  }
}

/** Causes first (by confidence, last words count), configuration changes right after the primary, noise last. */
function rank(drafts: Draft[]): Draft[] {
  const score = (d: Draft): number => d.confidence + d.bonus;
  const order = (a: Draft, b: Draft): number =>
    score(b) - score(a) ||
    Number(a.category === 'unknown') - Number(b.category === 'unknown') ||
    b.occurrences - a.occurrences ||
    (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0);
  const causes = drafts.filter((d) => !d.benign && d.category !== 'configuration-change').sort(order);
  const changes = drafts.filter((d) => !d.benign && d.category === 'configuration-change').sort(order);
  const noise = drafts.filter((d) => d.benign).sort(order);
  if (causes.length === 0) return [...changes, ...noise];
  return [causes[0], ...changes, ...causes.slice(1), ...noise];
}

/**
 * Reads the evidence like an expert would and returns findings, the primary cause first. Pure and
 * deterministic; never throws: anything unexpected degrades to an `unknown` finding.
 */
export function classify(input: ClassifyInput): Finding[] {
  try {
    const config = input && typeof input.config === 'object' && input.config !== null ? input.config : undefined;
    const target = input && typeof input.target === 'object' && input.target !== null ? input.target : undefined;
    return attachCommands(run(input), target, config);
  } catch {
    return [finish(draft(DERIVED_RULES.internalError))];
  }
}

/** Exposed for tests and docs: which system rule (if any) a single event matches. */
export function classifySystemEvent(event: Pick<SystemEvent, 'reason' | 'message'>): string | undefined {
  const hit = matchSystem({
    ms: Number.NaN,
    firstMs: Number.NaN,
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: 1,
    index: 0,
  });
  return hit?.rule.id;
}

export { groupKey };
