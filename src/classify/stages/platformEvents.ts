import type { AppConfig } from '../../model';
import { matchConsoleLine } from '../consoleMatcher';
import { DERIVED_RULES } from '../rules/configRules';
import { NEW_REVISION_PATTERN, SYSTEM_RULES, TERMINATION_PATTERN, START_PATTERN } from '../rules/systemRules';
import type { RuleBase, SystemRule } from '../types';
import { addEvidence, draft, mergeNames, type Draft } from './draft';
import { sameReplica, sysLine, within, type Sys } from './evidence';

/**
 * Stage 2, platform events: every system row is read once. Terminations become exits, starts are kept
 * for the recovered-or-looping question, the rest go through the system rules (docs/classify-platform-messages.md).
 */

export interface Exit {
  sys: Sys;
  container: string;
  code?: number;
  reason?: string;
}

export interface SystemHit {
  rule: SystemRule;
  sys: Sys;
  names: Record<string, string>;
}

export interface PlatformReading {
  exits: Exit[];
  hits: SystemHit[];
  /** Container starts (ContainerStarted / "Started container"), for the recovery check. */
  starts: Sys[];
  /** Warnings no system rule knows, kept so "no failure evidence" is never said over them. */
  unknownWarnings: Sys[];
  /** Findings read from app-level text quoted inside a platform message. */
  drafts: Draft[];
}

/** Reasons and words that make an unrecognised row a warning worth reporting. */
const WARNING_WORDS = /warn|fail|error|backoff|crash|unhealthy|expired|timeout|timed out|evict|denied|invalid/i;

export function matchSystem(s: Sys): SystemHit | undefined {
  // Rule patterns only need the head of a message; a bounded window keeps every pattern linear.
  const message = s.message.length > 4000 ? s.message.slice(0, 4000) : s.message;
  for (const rule of SYSTEM_RULES) {
    const reasonOk = rule.reason ? rule.reason.test(s.reason) : false;
    const m = rule.message ? rule.message.exec(message) : null;
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

export function readPlatformEvents(system: Sys[]): PlatformReading {
  const out: PlatformReading = { exits: [], hits: [], starts: [], unknownWarnings: [], drafts: [] };
  for (const s of system) {
    const term = TERMINATION_PATTERN.exec(s.message.slice(0, 1000));
    if (term?.groups) {
      const codeText = term.groups.code ?? '';
      out.exits.push({
        sys: s,
        container: term.groups.container ?? s.container ?? '',
        code: codeText === '' ? undefined : Number(codeText),
        reason: term.groups.reason,
      });
    }
    if (/^ContainerStarted$/i.test(s.reason) || START_PATTERN.test(s.message.slice(0, 300))) out.starts.push(s);
    const hit = matchSystem(s);
    if (hit) {
      if (hit.rule.role !== 'ignore') out.hits.push(hit);
      // A create failure quoting the runtime's own words ("executable file not found") says more than the reason.
      if (hit.rule.role === 'create') readQuotedAppText(s, out);
      continue;
    }
    if (term) continue;
    if (!WARNING_WORDS.test(`${s.reason} ${s.message.slice(0, 1000)}`)) continue;
    // An unrecognised warning can still carry an app-level message (a create failure quoting the
    // runtime's "executable file not found"): read it with the console rules.
    if (!readQuotedAppText(s, out)) out.unknownWarnings.push(s);
  }
  return out;
}

function readQuotedAppText(s: Sys, out: PlatformReading): boolean {
  const m = matchConsoleLine(s.message, s.message).find((x) => !x.benign);
  if (!m) return false;
  const d = draft(m.rule, m.names, 'system');
  d.confidence = m.confidence;
  d.occurrences = s.count;
  d.times.push(s.ms);
  if (s.replica) d.replicas.add(s.replica);
  addEvidence(d, [sysLine(s)]);
  out.drafts.push(d);
  return true;
}

/**
 * The image a revision was pulling, from its "Pulling image" rows (pull failures do not always name it). The
 * platform quotes it with double or single quotes depending on the row; neither quote belongs to the name.
 */
const PULLING = /^(?:Pulling image|Back-off pulling image) ["']?(?<image>[^"'\s]{1,300})/;

/** A binary the kernel would not run: the image was built for another CPU, so the image is what to rebuild. */
const WRONG_ARCHITECTURE = /exec format error/i;

export function nameImagesFromPullRows(drafts: Iterable<Draft>, system: Sys[]): void {
  for (const d of drafts) {
    const wrongArchitecture = d.category === 'entrypoint-error' && d.evidence.some((e) => WRONG_ARCHITECTURE.test(e.text.slice(0, 1000)));
    if ((d.category !== 'image-pull-failure' && !wrongArchitecture) || d.names.image) continue;
    const row = system.find((s) => PULLING.test(s.message) && (d.replicas.size === 0 || !s.replica || d.replicas.has(s.replica)));
    const image = row ? PULLING.exec(row.message)?.groups?.image : undefined;
    if (image) d.names.image = image;
  }
}

/**
 * Revisions a deployment replaced: a newer revision was created or took over in the window ("Deactivating
 * old revisions" is written under the new one), or the config names a different latest revision that is
 * ready in single-revision mode, or lists this one inactive. Their stops are benign, not scale rules to
 * change. The answer carries the revision that replaced it, when the rows or the config name it.
 */
export type Replacement = false | { by?: string };

export function replacedRevisions(system: Sys[], config: AppConfig | undefined): (revision: string | undefined) => Replacement {
  const created = system.filter((s) => NEW_REVISION_PATTERN.test(s.message)).map((s) => ({ ms: s.ms, revision: NEW_REVISION_PATTERN.exec(s.message)?.groups?.revision }));
  const deactivating = system.filter((s) => /Deactivating old revisions/i.test(s.message));
  const latest = config?.latestRevisionName;
  const single = /^single$/i.test(config?.activeRevisionsMode ?? '');
  const latestReady = latest !== undefined && config?.latestReadyRevisionName === latest;
  const inactive = new Set((Array.isArray(config?.revisions) ? config.revisions : []).filter((r) => r && r.active === false).map((r) => r.name));
  return (revision) => {
    if (!revision) return false;
    const newer = created.find((c) => c.revision && c.revision !== revision);
    if (newer && (deactivating.length > 0 || created.length > 0)) return { by: newer.revision };
    const taker = deactivating.find((d) => d.revision && d.revision !== revision);
    if (taker) return { by: taker.revision };
    if (latest !== undefined && revision !== latest && (inactive.has(revision) || (single && latestReady))) return { by: latest };
    // The deactivation row filed under the stopping revision's own replica (as some exports file it): in
    // single-revision mode that revision is the old one going away, unless the config says it is the latest.
    const own = deactivating.find((d) => d.revision === revision && /ActiveRevisionsMode=Single/i.test(d.message));
    if (own && revision !== latest) return latest ? { by: latest } : {};
    return false;
  };
}

/** How long before an exit a platform event still belongs to it. */
const EVENT_BEFORE_EXIT_MS = 10 * 60_000;

/**
 * System findings, folded by rule. Probes failing on a revision that is being replaced are part of the
 * switch, not the problem; the exit that followed an event on the same replica joins its story.
 */
export function foldSystemHits(hits: SystemHit[], exits: Exit[], config: AppConfig | undefined): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  const latest = config?.latestRevisionName;
  const activeRevisions = new Set(
    (Array.isArray(config?.revisions) ? config.revisions : []).filter((r) => r?.active).map((r) => r.name),
  );
  for (const hit of hits) {
    let rule: RuleBase = hit.rule;
    if (hit.rule.role === 'probe' && latest && hit.sys.revision && hit.sys.revision !== latest && !activeRevisions.has(hit.sys.revision)) {
      rule = DERIVED_RULES.oldRevisionProbe;
      hit.names.revision = hit.sys.revision;
    }
    let d = drafts.get(rule.id);
    if (!d) {
      d = draft(rule, hit.names, 'system');
      drafts.set(rule.id, d);
    } else mergeNames(d, hit.names);
    addEvidence(d, [sysLine(hit.sys)]);
    d.occurrences += hit.sys.count;
    d.times.push(hit.sys.firstMs, hit.sys.ms);
    if (d.exitCode === undefined && !d.benign && hit.rule.role !== 'backoff') {
      const next = exits.find(
        (e) => e.code !== undefined && e.code !== 0 && sameReplica(e.sys, hit.sys) && within(hit.sys.ms, e.sys.ms, EVENT_BEFORE_EXIT_MS, 5_000),
      );
      if (next?.code !== undefined) d.exitCode = next.code;
    }
    if (hit.sys.replica) d.replicas.add(hit.sys.replica);
  }
  return drafts;
}
