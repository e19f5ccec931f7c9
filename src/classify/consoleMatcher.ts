import type { ConsoleMatch, ConsoleRule } from './types';
import { CONSOLE_RULES } from './rules/consoleRules';
import { budgetSpent } from './budget';
import { MAX_CONTEXT_CHARS, scanWindow } from './window';

/**
 * The hot path: one console line in, its best rule match out. Every rule declares literal keywords that
 * any line it matches must contain; one combined, case-insensitive regex of all keywords rejects the
 * ordinary lines (request logs, info messages) before a single rule pattern runs.
 */

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledRule {
  rule: ConsoleRule;
  keywords: string[];
  /**
   * The pattern without regard to case, for lines no rule matched as written (a logger that upper-cases
   * whole lines, a library that capitalises differently). Only for patterns whose letters carry no
   * meaning by their case: one with a letter range ([A-Z], [a-z]) uses case to tell names apart and
   * gets none.
   */
  loose?: RegExp;
}

/** Confidence given up by a match that needed the case-insensitive pass. */
const LOOSE_PENALTY = 0.05;

const COMPILED: CompiledRule[] = CONSOLE_RULES.map((rule) => ({
  rule,
  keywords: rule.keywords.map((k) => k.toLowerCase()),
  loose: rule.pattern.flags.includes('i') || /A-Z|a-z/.test(rule.pattern.source) ? undefined : new RegExp(rule.pattern.source, `${rule.pattern.flags}i`),
}));

const ALL_KEYWORDS = [...new Set(COMPILED.flatMap((c) => c.keywords))].sort((a, b) => b.length - a.length);

/** One regex over every keyword: a line that fails it cannot match any rule. */
export const PREFILTER: RegExp = new RegExp(ALL_KEYWORDS.map(escapeRegex).join('|'), 'i');

/** ANSI colour and cursor sequences that some loggers write even when stdout is not a terminal. */
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
/** The CRI runtime's own prefix (`<RFC 3339 time> stdout|stderr F|P `), left on rows by some collectors. */
const CRI_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) [FP] /;

/**
 * The text the app meant to write: colour codes and a runtime log prefix removed, so anchored patterns and
 * keywords see the message itself. Two cheap character checks keep ordinary lines on the fast path.
 */
export function cleanLine(text: string): string {
  let out = text.includes('\u001b') ? text.replace(ANSI, '') : text;
  if (out.charCodeAt(4) === 45 /* '-' */ && CRI_PREFIX.test(out)) out = out.replace(CRI_PREFIX, '');
  return out;
}

/** Strips the `_2` suffix that lets one pattern capture the same name in several alternatives. */
export function namesFromGroups(groups: Record<string, string | undefined> | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  if (!groups) return names;
  for (const [key, value] of Object.entries(groups)) {
    if (value === undefined || value === '') continue;
    const name = key.replace(/_\d+$/, '');
    if (names[name] === undefined) names[name] = value;
  }
  return names;
}

/** Every rule whose pattern matches `line`, unsorted; `loose` runs the case-insensitive variants instead. */
function matchText(line: string, context: string | undefined, out: ConsoleMatch[], loose = false): void {
  const lower = line.toLowerCase();
  const start = out.length;
  let quoted = false;
  for (const { rule, keywords, loose: loosePattern } of COMPILED) {
    const pattern = loose ? loosePattern : rule.pattern;
    if (!pattern) continue;
    if (!keywords.some((k) => lower.includes(k))) continue;
    // A quoting rule already found (on the whole row) is still tested here: its line's quotation must go.
    const seen = out.some((o) => o.ruleId === rule.id);
    if (seen && !rule.quotes) continue;
    const m = pattern.exec(line);
    if (!m || rule.unless?.test(line)) continue;
    if (rule.quotes) quoted = true;
    if (seen) continue;
    let names = namesFromGroups(m.groups);
    let confidence = rule.confidence - (loose ? LOOSE_PENALTY : 0);
    if (rule.context) {
      const c = context === undefined ? null : rule.context.exec(context);
      if (c) {
        // Names from the line win over names found elsewhere in the block.
        names = { ...namesFromGroups(c.groups), ...names };
        confidence += rule.contextBoost ?? 0;
      } else if (rule.requireContext) {
        continue;
      }
    }
    if (rule.normalizeNames) names = rule.normalizeNames(names);
    out.push({
      ruleId: rule.id,
      category: rule.category,
      confidence: Math.min(1, confidence),
      benign: rule.benign,
      names,
      rule,
    });
  }
  // The line is a probe's or a mount's report: the error it quotes is the report's, not a second cause.
  if (quoted) {
    const own = out.splice(start);
    out.push(...own.filter((o) => o.rule.quotes));
  }
}

/**
 * Every rule that matches the line, best first. `context` is the reassembled block the line belongs to
 * (its stack trace); without it, rules that require context do not match. A row that carries several
 * lines (a whole trace in one row, as some collectors store it) is also read line by line, so patterns
 * anchored to a line's start still see its last line.
 */
export function matchConsoleLine(text: string, context?: string): ConsoleMatch[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // Past the classification's CPU budget a line is left unread rather than stalling the worker.
  if (budgetSpent()) return [];
  const line = cleanLine(scanWindow(text));
  if (!PREFILTER.test(line)) return [];
  const out: ConsoleMatch[] = [];
  const block = context === undefined ? undefined : scanWindow(context, MAX_CONTEXT_CHARS);
  matchText(line, block, out);
  if (line.includes('\n')) {
    for (const part of line.split('\n')) {
      if (part.length > 0 && PREFILTER.test(part)) matchText(part, block, out);
    }
  }
  // Matching is case-insensitive unless a rule's own case carries meaning: tried only when nothing matched as written.
  if (out.length === 0) matchText(line, context, out, true);
  return out.sort((a, b) => b.confidence - a.confidence);
}

/** The best match for one line on its own (no surrounding trace), or undefined for an ordinary line. */
export function classifyConsoleLine(text: string): ConsoleMatch | undefined {
  return matchConsoleLine(text)[0];
}

/**
 * Turns a JS pattern source into POSIX ERE for `grep -E`: named and non-capturing groups become plain
 * groups, `\d \w \s \S` become bracket classes, lazy quantifiers become greedy (same set of matching
 * lines), escaped slashes lose their backslash. Patterns only use constructs this handles (no lookaround).
 */
export function toPosixEre(source: string): string {
  let out = '';
  let i = 0;
  const shorthand: Record<string, [string, string]> = {
    d: ['[0-9]', '0-9'],
    w: ['[[:alnum:]_]', '[:alnum:]_'],
    s: ['[[:space:]]', '[:space:]'],
    S: ['[^[:space:]]', ''],
    D: ['[^0-9]', ''],
    W: ['[^[:alnum:]_]', ''],
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (shorthand[next]) out += shorthand[next][0];
      else if (next === 'r') out += '\r';
      else if (next === 't') out += '\t';
      else if (next === '/' || next === '`' || next === "'" || next === '"' || next === '-') out += next;
      else out += '\\' + next;
      i += 2;
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      let cls = '[';
      if (source[j] === '^') {
        cls += '^';
        j++;
      }
      let first = true;
      let trailingDash = false;
      let closing = false;
      while (j < source.length && !(source[j] === ']' && !first)) {
        const c = source[j];
        if (c === '\\') {
          const n = source[j + 1] ?? '';
          if (shorthand[n] && shorthand[n][1]) cls += shorthand[n][1];
          else if (n === ']') closing = true; // POSIX: a literal ] must come first in the bracket
          else if (n === '-') trailingDash = true;
          else if (n === 'r') cls += '\r';
          else if (n === '\\') cls += '\\';
          else cls += n;
          j += 2;
        } else {
          cls += c;
          j++;
        }
        first = false;
      }
      const negated = cls.startsWith('[^');
      const body = cls.slice(negated ? 2 : 1);
      out += (negated ? '[^' : '[') + (closing ? ']' : '') + body + (trailingDash ? '-' : '') + ']';
      i = j + 1;
      continue;
    }
    if (ch === '(' && source[i + 1] === '?') {
      if (source[i + 2] === ':') i += 3;
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        i = source.indexOf('>', i) + 1;
      } else i += 3; // lookaround is not used by the rules; degrade to a group
      out += '(';
      continue;
    }
    if (ch === '?' && i > 0 && /[*+?}]/.test(source[i - 1]) && source[i - 2] !== '\\') {
      i++; // lazy quantifier: greedy accepts the same lines
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Each console rule's pattern as POSIX ERE, in rule order, for comparing with `grep -E`. */
export function allConsolePatterns(): string[] {
  return CONSOLE_RULES.map((r) => toPosixEre(r.pattern.source));
}

/** The prefilter keywords, for tools that want a fixed-string pass (`grep -F -i`). */
export function prefilterKeywords(): string[] {
  return [...ALL_KEYWORDS];
}
