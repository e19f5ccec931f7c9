/**
 * A team's own rules: failures only they know ("E4031 ledger lock lost" means the ledger DB failed over),
 * in the same shape as the built-in rules, loaded from settings (OWN_RULES / OWN_RULES_URL) or the CLI's
 * `--rules FILE`. A file is checked whole before any rule is used; each mistake is reported with the
 * rule's id (or index) and the field. Patterns that could backtrack catastrophically are refused
 * (patternSafety.ts), and every line a team rule reads is cut to MAX_TEAM_LINE_CHARS.
 *
 * Team rules run before the built-in ones: a finding from one comes first, with `origin: "team"` and a
 * `team.` prefix on its rule id, so a reader always knows whose words they are reading.
 */
import { CATEGORIES, type Category, type ConsoleLine, type DocLink, type EvidenceLine, type Finding, type SystemEvent } from '../model';
import { unsafePatternReason } from './patternSafety';
import { commandNames, fillCommand, type CommandNames } from './steps/fillCommand';
import { fillTemplate } from './template';
import type { ClassifyInput } from './types';

export const MAX_TEAM_RULES = 200;
export const MAX_TEAM_LINE_CHARS = 4000;
export const MAX_PATTERN_CHARS = 500;

export interface TeamAction {
  text: string;
  command?: string;
}

/** A checked, compiled team rule. */
export interface TeamRule {
  id: string;
  kind: 'console' | 'system';
  category: Category;
  title: string;
  /** Console rules: the line pattern. System rules: the message pattern (and/or `reason`). */
  pattern?: RegExp;
  reason?: RegExp;
  /** Lower-case literals; a line must hold one of them before the pattern runs (cheap prefilter). */
  keywords: string[];
  explanation: string;
  actions: TeamAction[];
  confidence: number;
  benign: boolean;
  owner?: string;
  links?: DocLink[];
}

/** One problem in a rules file, named by rule and field. */
export interface RuleFileProblem {
  rule: string;
  field: string;
  message: string;
}

export class RuleFileError extends Error {
  constructor(readonly problems: RuleFileProblem[], readonly source: string) {
    super(`${source}: ${problems.map((p) => `rule ${p.rule}, ${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'RuleFileError';
  }
}

type Raw = Record<string, unknown>;

const ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

function compile(raw: unknown, field: string, caseSensitive: boolean, fail: (field: string, message: string) => void): RegExp | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_PATTERN_CHARS) {
    fail(field, `must be a regular expression of 1 to ${MAX_PATTERN_CHARS} characters`);
    return undefined;
  }
  const unsafe = unsafePatternReason(raw);
  if (unsafe) {
    fail(field, `refused because ${unsafe}: it could take exponential time on a hostile line`);
    return undefined;
  }
  try {
    return new RegExp(raw, caseSensitive ? 'u' : 'iu');
  } catch (err) {
    fail(field, `is not a valid regular expression (${(err as Error).message})`);
    return undefined;
  }
}

function actionsOf(raw: unknown, fail: (field: string, message: string) => void): TeamAction[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    fail('actions', 'must be a list of strings or {text, command} objects');
    return [];
  }
  return raw.flatMap((a, i): TeamAction[] => {
    if (typeof a === 'string' && a.trim()) return [{ text: a.trim() }];
    const o = a as Raw;
    if (o && typeof o === 'object' && typeof o.text === 'string' && o.text.trim() && (o.command === undefined || typeof o.command === 'string')) {
      return [{ text: o.text.trim(), ...(typeof o.command === 'string' && o.command.trim() ? { command: o.command.trim() } : {}) }];
    }
    fail(`actions[${i}]`, 'must be a string or {text, command}');
    return [];
  });
}

/** Checks and compiles one rule; problems go to `problems`. */
function parseRule(raw: unknown, index: number, seen: Set<string>, problems: RuleFileProblem[]): TeamRule | undefined {
  const r = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Raw;
  const name = typeof r.id === 'string' && r.id ? r.id : `#${index}`;
  const before = problems.length;
  const fail = (field: string, message: string): void => {
    problems.push({ rule: name, field, message });
  };
  if (typeof r.id !== 'string' || !ID.test(r.id)) fail('id', 'must be lower-case letters, digits, ".", "_" or "-" (at most 63)');
  else if (seen.has(r.id)) fail('id', 'is used by another rule');
  else seen.add(r.id);
  const kind = r.kind ?? 'console';
  if (kind !== 'console' && kind !== 'system') fail('kind', 'must be "console" or "system"');
  if (!(CATEGORIES as readonly unknown[]).includes(r.category)) fail('category', `must be one of ${CATEGORIES.join(', ')}`);
  if (typeof r.title !== 'string' || !r.title.trim() || r.title.length > 200) fail('title', 'must be a sentence of at most 200 characters');
  if (typeof r.explanation !== 'string' || !r.explanation.trim()) fail('explanation', 'must say what the failure means');
  const confidence = r.confidence ?? 0.9;
  if (typeof confidence !== 'number' || confidence <= 0 || confidence > 1) fail('confidence', 'must be a number above 0 and at most 1');
  if (r.benign !== undefined && typeof r.benign !== 'boolean') fail('benign', 'must be true or false');
  if (r.owner !== undefined && (typeof r.owner !== 'string' || !r.owner.trim())) fail('owner', 'must be a team name');
  if (r.caseSensitive !== undefined && typeof r.caseSensitive !== 'boolean') fail('caseSensitive', 'must be true or false');
  const keywords = r.keywords ?? [];
  if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string' && k.length > 0)) fail('keywords', 'must be a list of words');
  const caseSensitive = r.caseSensitive === true;
  const pattern = compile(r.pattern, 'pattern', caseSensitive, fail);
  const reason = compile(r.reason, 'reason', caseSensitive, fail);
  if (!pattern && !reason && r.pattern === undefined && r.reason === undefined) {
    fail(kind === 'system' ? 'pattern' : 'pattern', kind === 'system' ? 'a system rule needs "pattern" (the message) or "reason"' : 'is required');
  }
  const actions = actionsOf(r.actions, fail);
  if (problems.length > before) return undefined;
  return {
    id: r.id as string,
    kind: kind as TeamRule['kind'],
    category: r.category as Category,
    title: (r.title as string).trim(),
    ...(pattern ? { pattern } : {}),
    ...(reason ? { reason } : {}),
    keywords: (keywords as string[]).map((k) => k.toLowerCase()),
    explanation: (r.explanation as string).trim(),
    actions,
    confidence: confidence as number,
    // A team rule can call an outcome benign, but never a crash: the engine's own rule applies.
    benign: r.benign === true,
    ...(typeof r.owner === 'string' ? { owner: r.owner.trim() } : {}),
  };
}

/**
 * Parses a rules file (`{"rules": [...]}` or a bare list). Throws RuleFileError naming every problem;
 * `source` names the file or setting in the message.
 */
export function parseTeamRules(text: string, source: string): TeamRule[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new RuleFileError([{ rule: '-', field: '-', message: `not valid JSON (${(err as Error).message})` }], source);
  }
  const list = Array.isArray(doc) ? doc : (doc as Raw | null)?.rules;
  if (!Array.isArray(list)) throw new RuleFileError([{ rule: '-', field: 'rules', message: 'must be a list of rules' }], source);
  if (list.length > MAX_TEAM_RULES) throw new RuleFileError([{ rule: '-', field: 'rules', message: `at most ${MAX_TEAM_RULES} rules` }], source);
  const problems: RuleFileProblem[] = [];
  const seen = new Set<string>();
  const rules = list.map((r, i) => parseRule(r, i, seen, problems));
  if (problems.length) throw new RuleFileError(problems, source);
  return rules as TeamRule[];
}

function window(text: string): string {
  return text.length <= MAX_TEAM_LINE_CHARS ? text : text.slice(0, MAX_TEAM_LINE_CHARS / 2) + text.slice(-MAX_TEAM_LINE_CHARS / 2);
}

function matchLine(rule: TeamRule, text: string): Record<string, string> | undefined {
  const line = window(text);
  if (rule.keywords.length && !rule.keywords.some((k) => line.toLowerCase().includes(k))) return undefined;
  const m = rule.pattern?.exec(line);
  if (!m) return undefined;
  const names: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) names[k] = v;
  return names;
}

interface Hit {
  time: Date;
  names: Record<string, string>;
  evidence: EvidenceLine;
  replica?: string;
}

/** The rule's steps with names filled in; commands are shell-quoted like the built-in ones. */
function stepsOf(rule: TeamRule, names: Record<string, string>, target: CommandNames): { text: string; command?: string }[] {
  return rule.actions.map((a) => {
    const command = a.command ? fillCommand(a.command, names, target) : undefined;
    return { text: fillTemplate(a.text, names), ...(command ? { command } : {}) };
  });
}

function finding(rule: TeamRule, hits: Hit[], target: CommandNames): Finding {
  const last = hits[hits.length - 1]!;
  const names = last.names;
  const steps = stepsOf(rule, names, target);
  const replicas = [...new Set(hits.map((h) => h.replica).filter((r): r is string => !!r))];
  return {
    ruleId: `team.${rule.id}`,
    origin: 'team',
    category: rule.category,
    title: fillTemplate(rule.title, names),
    confidence: rule.confidence,
    benign: rule.benign,
    evidence: hits.slice(-5).map((h) => h.evidence),
    explanation: fillTemplate(rule.explanation, names),
    actions: steps.map((st) => st.text),
    steps,
    ...(Object.keys(names).length ? { names } : {}),
    ...(rule.owner ? { owner: rule.owner } : {}),
    occurrences: hits.length,
    firstSeen: hits[0]!.time.toISOString(),
    lastSeen: last.time.toISOString(),
    ...(replicas.length ? { replicas } : {}),
  };
}

function consoleHits(rule: TeamRule, lines: readonly ConsoleLine[]): Hit[] {
  const hits: Hit[] = [];
  for (const l of lines) {
    const names = matchLine(rule, l.text);
    if (names) hits.push({ time: l.time, names, replica: l.replica, evidence: { time: l.time.toISOString(), source: 'console', replica: l.replica, revision: l.revision, text: l.text } });
  }
  return hits;
}

function systemHits(rule: TeamRule, events: readonly SystemEvent[]): Hit[] {
  const hits: Hit[] = [];
  for (const e of events) {
    if (rule.reason && !rule.reason.test(window(e.reason))) continue;
    const names = rule.pattern ? matchLine(rule, e.message) : {};
    if (!names) continue;
    hits.push({ time: e.time, names, replica: e.replica, evidence: { time: e.time.toISOString(), source: 'system', replica: e.replica, revision: e.revision, text: `${e.reason}: ${e.message}` } });
  }
  return hits;
}

/** The findings of the team rules that matched, in the file's order (it is the team's priority). */
export function matchTeamRules(rules: readonly TeamRule[], input: ClassifyInput): Finding[] {
  const out: Finding[] = [];
  const target = commandNames(input.target, input.config);
  for (const rule of rules) {
    const hits = rule.kind === 'system' ? systemHits(rule, input.system) : consoleHits(rule, input.console);
    if (hits.length) out.push(finding(rule, hits, target));
  }
  return out;
}
