/**
 * A Slack message for an incoming webhook: Block Kit blocks plus a plain `text` fallback (used for the
 * notification and by screen readers). Every text is cut to its block's limit and evidence is trimmed
 * with "+N more lines", so the message is always accepted rather than rejected as `invalid_blocks`.
 */
import type { Diagnosis } from '../model';
import {
  DEFAULT_MAX_EVIDENCE_LINES,
  DEFAULT_MAX_LINE_CHARS,
  SLACK_ACTIONS_MAX_ELEMENTS,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_BUTTON_URL_MAX,
  SLACK_CONTEXT_MAX_ELEMENTS,
  SLACK_FALLBACK_TEXT_MAX,
  SLACK_HEADER_TEXT_MAX,
  SLACK_MAX_BLOCKS,
  SLACK_SECTION_FIELD_TEXT_MAX,
  SLACK_SECTION_MAX_FIELDS,
  SLACK_SECTION_TEXT_MAX,
  DEFAULT_MAX_STEP_CHARS,
} from './limits';
import { redactDiagnosis } from './redact';
import { moreLines, truncate, truncateAtSentence } from './text';
import type { RenderedPayload, RenderOptions } from './types';
import { buildView, type DiagnosisView, type StepView, type Tone } from './view';

type TextObject = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string; verbatim?: boolean };
export type SlackBlock = Record<string, unknown> & { type: string };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const TONE_EMOJI: Record<Tone, string> = {
  critical: ':red_circle:',
  error: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':large_blue_circle:',
  good: ':large_green_circle:',
};

/** Slack treats &, < and > as control characters in message text; everything else is literal. */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Three backticks inside evidence would end the code block; break them up with zero-width spaces. */
function codeSafe(s: string): string {
  return escapeSlack(s).replace(/```/g, '`\u200b`\u200b`');
}

/**
 * Verbatim: Slack would otherwise turn a bare URL or #channel in the text into a link, and much of the
 * text is a crashing app's own output. The message's links are buttons built from vetted URLs.
 */
const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text, verbatim: true });
const plainText = (text: string): TextObject => ({ type: 'plain_text', text, emoji: true });

function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(truncate(text, SLACK_SECTION_TEXT_MAX)) };
}

/** Evidence lines shortened to different widths: prefer showing every line, shorter, over fewer. */
const LINE_WIDTHS = [DEFAULT_MAX_LINE_CHARS, 200, 120];

/**
 * The evidence as one code block that fits a section's text limit: as many lines as fit (up to
 * `wanted`), then "+N more lines" for the rest.
 */
function evidenceText(lines: readonly string[], wanted: number, maxLineChars: number): string {
  let best = '';
  let bestShown = -1;
  for (const width of LINE_WIDTHS.map((w) => Math.min(w, maxLineChars))) {
    const prepared = lines.slice(0, wanted).map((l) => codeSafe(truncate(l, width)));
    let shown = 0;
    let used = 0;
    for (const line of prepared) {
      const hidden = lines.length - (shown + 1);
      // Fences, newlines and the "+N more lines" tail all count against the limit.
      const tail = hidden > 0 ? moreLines(hidden).length + 1 : 0;
      if (8 + used + line.length + 1 + tail > SLACK_SECTION_TEXT_MAX) break;
      used += line.length + 1;
      shown += 1;
    }
    if (shown > bestShown) {
      const hidden = lines.length - shown;
      best = '```\n' + prepared.slice(0, shown).join('\n') + '\n```' + (hidden > 0 ? `\n${moreLines(hidden)}` : '');
      bestShown = shown;
    }
    if (shown === Math.min(wanted, lines.length)) break;
  }
  return bestShown > 0 ? best : moreLines(lines.length);
}

/**
 * Owners written as Slack ids become mentions that notify: a member id (`U…`/`W…`) as `<@U…>`, a user
 * group id (`S…`) as `<!subteam^S…>`. Names that are not ids are already in the facts as plain text.
 */
export function slackMentions(owners: readonly string[]): string | undefined {
  const out: string[] = [];
  for (const o of owners) {
    const id = o.replace(/^@/, '');
    if (/^[UW][A-Z0-9]{6,20}$/.test(id)) out.push(`<@${id}>`);
    else if (/^S[A-Z0-9]{6,20}$/.test(id)) out.push(`<!subteam^${id}>`);
  }
  return out.length ? out.join(' ') : undefined;
}

/**
 * Next steps as sections of at most SLACK_SECTION_TEXT_MAX characters, each command in a code block.
 * A step is never split across sections and a command never cut: one that cannot fit is left out.
 */
function stepSections(steps: readonly StepView[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current = '*Next steps*';
  steps.slice(0, 10).forEach((s, i) => {
    const text = `${i + 1}. ${escapeSlack(truncateAtSentence(s.text, DEFAULT_MAX_STEP_CHARS))}`;
    const command = s.command ? '```' + codeSafe(s.command) + '```' : '';
    const item = command && text.length + command.length + 1 <= SLACK_SECTION_TEXT_MAX ? `${text}\n${command}` : text;
    if (current.length + 1 + item.length > SLACK_SECTION_TEXT_MAX) {
      out.push(section(current));
      current = item;
    } else current = `${current}\n${item}`;
  });
  out.push(section(current));
  return out;
}

function buildBlocks(v: DiagnosisView, options: RenderOptions): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  blocks.push({ type: 'header', text: plainText(truncate(v.title, SLACK_HEADER_TEXT_MAX)) });
  if (v.subtitle) {
    blocks.push({ type: 'context', elements: [mrkdwn(truncate(`${TONE_EMOJI[v.tone]} ${escapeSlack(v.subtitle)}`, SLACK_SECTION_TEXT_MAX))] });
  }
  if (v.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: v.facts
        .slice(0, SLACK_SECTION_MAX_FIELDS)
        .map((f) => mrkdwn(truncate(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, SLACK_SECTION_FIELD_TEXT_MAX))),
    });
  }
  if (v.timeline) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`Timeline \`${v.timeline.sparkline}\` (${escapeSlack(v.timeline.caption)})`)],
    });
  }
  const mentions = slackMentions(v.owners);
  if (mentions) blocks.push({ type: 'context', elements: [mrkdwn(`Owners: ${mentions}`)] });
  blocks.push({ type: 'divider' });

  if (v.primary) {
    const parts = [`*Cause:* ${escapeSlack(v.primary.title)} _(${v.primary.confidence})_`];
    if (v.primary.detail) parts.push(escapeSlack(v.primary.detail));
    if (v.primary.explanation) parts.push('', escapeSlack(v.primary.explanation));
    blocks.push(section(parts.join('\n')));
    if (v.primary.evidence.length > 0) {
      const wanted = Math.max(0, options.maxEvidenceLines ?? DEFAULT_MAX_EVIDENCE_LINES);
      blocks.push(section(evidenceText(v.primary.evidence, wanted, options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS)));
    }
  }
  if (v.nextSteps.length > 0) blocks.push(...stepSections(v.nextSteps));
  if (v.contributing.length > 0) {
    blocks.push(section(['*Also seen*', ...v.contributing.map((c) => `• ${escapeSlack(c)}`)].join('\n')));
  }
  if (v.notes.length > 0) {
    const shown = v.notes.slice(0, SLACK_CONTEXT_MAX_ELEMENTS - 1).map((n) => mrkdwn(truncate(escapeSlack(n), 1000)));
    const hidden = v.notes.length - shown.length;
    if (hidden > 0) shown.push(mrkdwn(`+${hidden} more ${hidden === 1 ? 'note' : 'notes'}`));
    blocks.push({ type: 'context', elements: shown });
  }
  const buttons = v.links
    .filter((l) => l.url.length <= SLACK_BUTTON_URL_MAX)
    .slice(0, SLACK_ACTIONS_MAX_ELEMENTS)
    .map((l, i) => ({
      type: 'button',
      text: plainText(truncate(l.title, SLACK_BUTTON_TEXT_MAX)),
      url: l.url,
      action_id: `open-link-${i}`,
    }));
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  // Far below the limit by construction; the cut is a guard should the layout grow.
  return blocks.slice(0, SLACK_MAX_BLOCKS);
}

/** The Slack message object (for delivery code and tests that want it unserialized). */
export function buildSlackMessage(d: Diagnosis, options: RenderOptions = {}): SlackMessage {
  const v = buildView(redactDiagnosis(d), options);
  const fallback = [v.title, v.subtitle].filter(Boolean).join(' - ');
  return { text: truncate(escapeSlack(fallback), SLACK_FALLBACK_TEXT_MAX), blocks: buildBlocks(v, options) };
}

export function renderSlack(d: Diagnosis, options: RenderOptions = {}): RenderedPayload {
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(buildSlackMessage(d, options)) };
}
