import type { Finding, SystemEvent } from '../model';
import { printedRemedies } from './steps/printedRemedy';
import { TURN_UP_LOGGING } from './rules/categoryText';
import { DERIVED_RULES } from './rules/configRules';
import { buildBlocks, groupKey, type TimedLine } from './stackTraces';
import { attachCommands } from './steps';
import type { ClassifyInput } from './types';
import { finish, draft, type Draft } from './stages/draft';
import { normaliseConsole, normaliseSystem } from './stages/evidence';
import { matchSystem, readPlatformEvents, foldSystemHits, nameImagesFromPullRows, replacedRevisions } from './stages/platformEvents';
import { readConsole, relateToFailures, foldConsoleHits, type Failure } from './stages/lastWords';
import { annotateExits, interruptedJobReplicas, readExits } from './stages/exits';
import { crossCheckConfig, nameListenPorts, portChecksWithoutConfig } from './stages/configChecks';
import { generalise, lastLinesOf, neverStarted, platformWarnings, quietWarnings, rereadCatchAlls, scalerErrorsByWords, sidecarChecks } from './stages/generalise';
import { rank } from './stages/ranking';
import { scoreVocabulary } from './stages/vocabulary';
import { assessState, type StateAssessment } from './stages/state';
import { nameEntities } from './stages/entities';
import { localDefaults } from './stages/localDefaults';
import { emptySettingFallback } from './stages/emptySetting';
import { unwiredSecret } from './stages/unwiredSecret';
import { jvmMetaspace } from './stages/jvmMetaspace';
import { crashSite } from './stages/crashSite';
import { crashModule } from './stages/crashModule';
import { causeLines } from './stages/causeLines';
import { failingContainer, nameFailingSidecar } from './stages/failingSidecar';

export type { ClassifyInput } from './types';
export type { StateAssessment } from './stages/state';

/** What the classifier concludes: ranked findings and whether the app is still down. */
export interface Analysis {
  findings: Finding[];
  state: StateAssessment;
}

/**
 * The stages in order: normalise the rows, read the platform events, read each replica's last words,
 * read the exits, fall back on the vocabulary where no rule spoke, cross-check the configuration, rank,
 * and say whether the app recovered. Each stage lives in `stages/` with its own tests.
 */
function run(input: ClassifyInput): Analysis {
  const config = input && typeof input.config === 'object' && input.config !== null ? input.config : undefined;
  const target = input && typeof input.target === 'object' && input.target !== null ? input.target : undefined;
  const system = normaliseSystem(input?.system);
  const consoleLines = normaliseConsole(input?.console);
  const isJob = target?.kind === 'job' || config?.kind === 'job';
  const noConsole = consoleLines.length === 0;

  const platform = readPlatformEvents(system);
  const blocks = buildBlocks(consoleLines);
  const reading = readConsole(blocks);

  const probeHits = platform.hits.filter((h) => h.rule.role === 'probe');
  const backoffs = platform.hits.filter((h) => h.rule.role === 'backoff');
  const createFailures = platform.hits.filter((h) => h.rule.role === 'create');
  const failures: Failure[] = [
    ...platform.exits.filter((e) => e.code !== 0).map((e) => ({ sys: e.sys, code: e.code })),
    ...[...backoffs, ...probeHits, ...createFailures].map((h) => ({ sys: h.sys, code: undefined })),
  ];
  relateToFailures(reading.hits, failures);

  const drafts: Draft[] = [...platform.drafts, ...foldConsoleHits(reading.hits)];
  const systemDrafts = foldSystemHits(platform.hits, platform.exits, config);
  drafts.push(...systemDrafts.values());
  nameImagesFromPullRows(drafts, system);
  const oldProbe = systemDrafts.get(DERIVED_RULES.oldRevisionProbe.id);
  const liveProbeHits = probeHits.filter((h) => !oldProbe || !(h.sys.revision && oldProbe.names.revision === h.sys.revision));

  const exitCtx = { config, isJob, consoleLines, signals: reading.signals, systemHits: platform.hits, liveProbeHits, crashLoop: backoffs.length > 0, replaced: replacedRevisions(system, config), starts: platform.starts };
  drafts.push(...readExits(platform.exits, exitCtx), ...interruptedJobReplicas(exitCtx, platform.exits));
  annotateExits(drafts, { ...exitCtx, system, noConsole }, reading.signals.filter((s) => s.kind === 'memory').map((s) => s.line));
  for (const d of drafts) {
    if (d.rule.id === 'system.container-backoff' && noConsole) {
      d.explanationExtra.push('No console output was found at all: the app does not say why it stops.');
      d.actionsExtra.push(TURN_UP_LOGGING);
    }
  }

  // Where no specific rule spoke for a failure, the words of the replica's last lines still can.
  generalise(drafts, failures, consoleLines, reading.hits);
  rereadCatchAlls(drafts, consoleLines);
  scalerErrorsByWords(drafts);
  sidecarChecks(drafts, platform, consoleLines, reading.listens, config?.ingress?.targetPort, config?.dapr);
  const createFailed = createFailures.length > 0 || platform.exits.some((e) => e.code === undefined && /create/i.test(`${e.reason ?? ''} ${e.sys.reason}`));
  if (config) {
    crossCheckConfig(config, {
      drafts,
      probes: liveProbeHits,
      listens: reading.listens,
      anyProbe: probeHits.length > 0,
      createFailed,
      appSpoke: !noConsole,
      exitedOrBackedOff: backoffs.length > 0 || platform.exits.some((e) => e.code !== undefined && e.code !== 0) || probeHits.some((h) => /restart/i.test(h.rule.id)),
      probeRestartsOnly: backoffs.length === 0 && !platform.exits.some((e) => e.code !== undefined && e.code !== 0) && probeHits.some((h) => /restart/i.test(h.rule.id)),
      heapFlags: consoleLines.filter((l) => /-Xmx\d|MaxRAMPercentage/.test(l.text.slice(0, 2000))).map((l) => l.text.slice(0, 2000)),
      ...notFoundEvidence(consoleLines),
    });
  } else portChecksWithoutConfig(drafts, liveProbeHits, reading.listens);
  nameListenPorts(drafts, reading.listens);

  neverStarted(drafts, system, platform);
  platformWarnings(drafts, platform.unknownWarnings);
  if (drafts.length === 0) {
    const d = draft(DERIVED_RULES.noEvidence);
    if (noConsole) d.explanationExtra.push('There was no console output in the window either.');
    drafts.push(d);
  }
  quietWarnings(drafts);
  nameEntities(drafts, config, consoleLines, failingContainer(platform, config));
  localDefaults(drafts, config, consoleLines);
  emptySettingFallback(drafts, config, consoleLines);
  unwiredSecret(drafts, config);
  jvmMetaspace(drafts, consoleLines, config);
  crashSite(drafts, consoleLines);
  crashModule(drafts, config, consoleLines);
  causeLines(drafts, consoleLines);
  const vocabulary = scoreVocabulary(lastLinesOf(consoleLines));
  const findings = rank(drafts, vocabulary, noConsole).map(finish);
  const state = assessState({ exits: platform.exits, hits: platform.hits, starts: platform.starts, consoleLines, primary: findings[0] });
  recoveredReading(drafts, findings, state);
  nameFailingSidecar(findings, platform, config);
  if (state.phrase && findings[0]) findings[0].title = `${findings[0].title} (${state.phrase})`;
  return { findings, state };
}

/** A line saying a file could not be found or loaded. */
const NOT_FOUND = /\b(?:No such file or directory|Could not load file or assembly|cannot find (?:the )?(?:file|module)|Unable to access jarfile|can't open file|Cannot find module|not found)\b/i;
/** The absolute path of a "No such file or directory" line (`cat: /etc/secrets/*: No such file or directory`). */
const MISSING_PATH = /(\/[\w.@*+-]{1,100}(?:\/[\w.@*+-]{1,100}){0,20}): No such file or directory\b/;

/**
 * The console's not-found lines (at most twenty) and the absolute paths they say are missing (at most ten),
 * in one pass that stops once both are full: the configuration checks compare them with the template.
 */
function notFoundEvidence(lines: readonly TimedLine[]): { notFoundLines: string[]; missingPaths: string[] } {
  const notFoundLines: string[] = [];
  const paths = new Set<string>();
  for (const l of lines) {
    if (notFoundLines.length >= 20 && paths.size >= 10) break;
    const text = l.text.slice(0, 2000);
    if (!NOT_FOUND.test(text)) continue;
    if (notFoundLines.length < 20) notFoundLines.push(text);
    const path = paths.size < 10 ? MISSING_PATH.exec(text)?.[1] : undefined;
    if (path) paths.add(path);
  }
  return { notFoundLines, missingPaths: [...paths] };
}

/** A primary finding whose rule reads differently once the replica recovered (`whenRecovered`). */
function recoveredReading(drafts: Draft[], findings: Finding[], state: StateAssessment): void {
  const primary = findings[0];
  if (!primary || state.state !== 'recovered') return;
  const rule = drafts.find((d) => d.rule.id === primary.ruleId)?.rule as { whenRecovered?: { category: Finding['category']; title: string } } | undefined;
  if (!rule?.whenRecovered) return;
  primary.category = rule.whenRecovered.category;
  primary.title = rule.whenRecovered.title;
}

/**
 * Reads the evidence like an expert would and returns findings and the app's state, the primary cause
 * first. Pure and deterministic; never throws: anything unexpected degrades to an `unknown` finding.
 */
export function analyse(input: ClassifyInput): Analysis {
  try {
    const config = input && typeof input.config === 'object' && input.config !== null ? input.config : undefined;
    const target = input && typeof input.target === 'object' && input.target !== null ? input.target : undefined;
    const analysis = run(input);
    return { ...analysis, findings: attachCommands(analysis.findings, target, config, analysis.state, printedRemedies(normaliseConsole(input?.console))) };
  } catch {
    return { findings: [finish(draft(DERIVED_RULES.internalError))], state: { state: 'unknown' } };
  }
}

/** The findings alone, primary first (see `analyse` for the state too). */
export function classify(input: ClassifyInput): Finding[] {
  return analyse(input).findings;
}

/** Exposed for tests and docs: which system rule (if any) a single event matches. */
export function classifySystemEvent(event: Pick<SystemEvent, 'reason' | 'message'>): string | undefined {
  const hit = matchSystem({ ms: Number.NaN, firstMs: Number.NaN, reason: event.reason ?? '', message: event.message ?? '', count: 1, index: 0 });
  return hit?.rule.id;
}

export type { TimedLine };
export { groupKey };
