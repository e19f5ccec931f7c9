/**
 * Markdown for a terminal, a GitHub comment or a chat that renders Markdown. Written to read well
 * raw as well as rendered: plain headings, short facts, evidence in a fenced block.
 */
import type { Diagnosis } from '../model';
import { DEFAULT_MAX_EVIDENCE_LINES, DEFAULT_MAX_ITEM_CHARS, DEFAULT_MAX_LIST_ITEMS, DEFAULT_MAX_STEP_CHARS, DEFAULT_MAX_TEXT_CHARS } from './limits';
import { redactDiagnosis } from './redact';
import { moreLines, truncate, truncateAtSentence } from './text';
import type { RenderedPayload, RenderOptions } from './types';
import { buildView, type StepView, type Tone } from './view';

const TONE_TAGS: Record<Tone, string> = {
  critical: '[CRITICAL]',
  error: '[ERROR]',
  warning: '[WARNING]',
  info: '[INFO]',
  good: '[OK]',
};

/**
 * Escapes what would change the meaning of inline Markdown (emphasis, links, HTML, code). Underscores
 * inside words (`DATABASE_URL`) are left alone: CommonMark does not treat them as emphasis, and
 * escaping them would make the raw text hard to read.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*[\]<>|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`);
}

/** A fence longer than any run of backticks in the content, so evidence cannot close the block early. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) {
    const runs = line.match(/`+/g);
    for (const r of runs ?? []) longest = Math.max(longest, r.length);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** At most DEFAULT_MAX_LIST_ITEMS entries, each cut to DEFAULT_MAX_ITEM_CHARS, then "+N more". */
function bounded(items: readonly string[], format: (item: string, index: number) => string, noun: string): string[] {
  const shown = items.slice(0, DEFAULT_MAX_LIST_ITEMS).map((s, i) => format(escapeMarkdown(truncate(s, DEFAULT_MAX_ITEM_CHARS)), i));
  const hidden = items.length - shown.length;
  if (hidden > 0) shown.push(`- +${hidden} more ${noun}`);
  return shown;
}

/** Numbered steps; a command goes in a fenced block indented under its step, so it copies cleanly. */
function stepLines(steps: readonly StepView[]): string[] {
  const shown = steps.slice(0, DEFAULT_MAX_LIST_ITEMS);
  const out: string[] = [];
  shown.forEach((s, i) => {
    out.push(`${i + 1}. ${escapeMarkdown(truncateAtSentence(s.text, DEFAULT_MAX_STEP_CHARS))}`);
    if (s.command) {
      const fence = fenceFor([s.command]);
      out.push('', `   ${fence}sh`, `   ${s.command}`, `   ${fence}`, '');
    }
  });
  const hidden = steps.length - shown.length;
  if (hidden > 0) out.push(`- +${hidden} more steps`);
  while (out[out.length - 1] === '') out.pop();
  return out;
}

export function renderMarkdown(d: Diagnosis, options: RenderOptions = {}): RenderedPayload {
  const v = buildView(redactDiagnosis(d), options);
  const maxLines = options.maxEvidenceLines ?? DEFAULT_MAX_EVIDENCE_LINES;
  const out: string[] = [];

  out.push(`## ${TONE_TAGS[v.tone]} ${escapeMarkdown(v.title)}`, '');
  if (v.subtitle) out.push(`*${escapeMarkdown(v.subtitle)}*`, '');
  for (const f of v.facts) out.push(`- **${escapeMarkdown(f.label)}:** ${escapeMarkdown(f.value)}`);
  if (v.timeline) out.push(`- **Timeline:** \`${v.timeline.sparkline}\` (${escapeMarkdown(v.timeline.caption)})`);
  out.push('');

  if (v.primary) {
    out.push(`### Cause: ${escapeMarkdown(v.primary.title)} (${v.primary.confidence})`, '');
    if (v.primary.detail) out.push(escapeMarkdown(v.primary.detail), '');
    if (v.primary.explanation) out.push(escapeMarkdown(truncate(v.primary.explanation, DEFAULT_MAX_TEXT_CHARS)), '');
    if (v.primary.evidence.length > 0) {
      const shown = v.primary.evidence.slice(0, Math.max(0, maxLines));
      const hidden = v.primary.evidence.length - shown.length;
      const body = hidden > 0 ? [...shown, moreLines(hidden)] : shown;
      const fence = fenceFor(body);
      out.push('**Evidence**', '', `${fence}text`, ...body, fence, '');
    }
  }
  if (v.nextSteps.length > 0) out.push('### Next steps', '', ...stepLines(v.nextSteps), '');
  if (v.contributing.length > 0) {
    out.push('### Also seen', '', ...bounded(v.contributing, (c) => `- ${c}`, 'findings'), '');
  }
  if (v.notes.length > 0) out.push('### Notes', '', ...bounded(v.notes, (n) => `- ${n}`, 'notes'), '');
  if (v.links.length > 0) {
    // Angle brackets keep URLs with parentheses or spaces intact inside the link.
    out.push('### Links', '', ...v.links.map((l) => `- [${escapeMarkdown(l.title)}](<${l.url}>)`), '');
  }
  return { contentType: 'text/markdown; charset=utf-8', body: out.join('\n').trimEnd() + '\n' };
}
