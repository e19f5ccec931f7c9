/**
 * A Microsoft Teams message for a Workflows ("When a Teams webhook request is received") webhook: an
 * Adaptive Card 1.5 wrapped in the `message` envelope the workflow's "Post card" step expects.
 *
 * Text that comes from the evidence (titles, explanations, log lines) goes into RichTextBlock/TextRun
 * elements, which Teams shows as plain text: a crashing app's console output cannot turn into Markdown
 * links or formatting in the channel.
 *
 * Teams refuses messages over about 28 KB, so the card is built at decreasing levels of detail until its
 * serialized UTF-8 body fits the budget. Evidence lines go first (with "+N more lines"), then long texts
 * are shortened; the smallest level is always small enough, so rendering never fails on size.
 */
import type { Diagnosis } from '../model';
import {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  DEFAULT_MAX_EVIDENCE_LINES,
  TEAMS_MAX_ACTIONS,
  TEAMS_PAYLOAD_BUDGET_BYTES,
} from './limits';
import { redactDiagnosis } from './redact';
import { moreLines, truncate, truncateAtSentence, utf8Bytes } from './text';
import type { RenderedPayload, RenderOptions } from './types';
import { buildView, type DiagnosisView, type Tone } from './view';

type CardElement = Record<string, unknown>;

export interface TeamsMessage {
  type: 'message';
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive';
      contentUrl: null;
      content: CardElement;
    },
  ];
}

/** Container style behind the title, and the title's colour, per tone. */
const TONE_STYLES: Record<Tone, { style: string; color: string }> = {
  critical: { style: 'attention', color: 'attention' },
  error: { style: 'attention', color: 'attention' },
  warning: { style: 'warning', color: 'warning' },
  info: { style: 'accent', color: 'accent' },
  good: { style: 'good', color: 'good' },
};

/** How much of each part a level keeps. Levels go from generous to minimal. */
interface Level {
  lineChars: number;
  titleChars: number;
  textChars: number;
  factChars: number;
  steps: number;
  stepChars: number;
  contributing: number;
  notes: number;
  noteChars: number;
  evidence: boolean;
  facts: boolean;
  /** Buttons whose URL is longer than this are left out (portal query links can be kilobytes). */
  urlChars: number;
}

const LEVELS: readonly Level[] = [
  { lineChars: 400, titleChars: 300, textChars: 2000, factChars: 200, steps: 10, stepChars: 500, contributing: 10, notes: 10, noteChars: 400, evidence: true, facts: true, urlChars: 8000 },
  { lineChars: 200, titleChars: 200, textChars: 1000, factChars: 150, steps: 6, stepChars: 300, contributing: 5, notes: 5, noteChars: 200, evidence: true, facts: true, urlChars: 8000 },
  { lineChars: 120, titleChars: 200, textChars: 400, factChars: 100, steps: 3, stepChars: 200, contributing: 3, notes: 3, noteChars: 150, evidence: true, facts: true, urlChars: 4000 },
  { lineChars: 80, titleChars: 150, textChars: 200, factChars: 80, steps: 3, stepChars: 150, contributing: 0, notes: 0, noteChars: 0, evidence: false, facts: true, urlChars: 2000 },
  { lineChars: 0, titleChars: 150, textChars: 0, factChars: 0, steps: 0, stepChars: 0, contributing: 0, notes: 0, noteChars: 0, evidence: false, facts: false, urlChars: 2000 },
];

/** Plain text (no Markdown interpretation) as a RichTextBlock with one TextRun. */
function plain(text: string, run: CardElement = {}, block: CardElement = {}): CardElement {
  return { type: 'RichTextBlock', ...block, inlines: [{ type: 'TextRun', text, ...run }] };
}

/** A heading of fixed wording (Markdown in a TextBlock is harmless when the text is ours). */
function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true, spacing: 'Medium', separator: true };
}

/** A heading that carries evidence text: TextRun, so `[x](url)` in a log line stays literal text. */
function textHeading(text: string): CardElement {
  return plain(text, { weight: 'Bolder', size: 'Medium' }, { spacing: 'Medium', separator: true });
}

/**
 * Owners given as user principal names (`alex@contoso.com`) become Teams mentions, which notify them:
 * `<at>…</at>` in the text plus a `mention` entity naming the user. Other owner names stay plain facts.
 */
export function teamsMentions(owners: readonly string[]): { type: 'mention'; text: string; mentioned: { id: string; name: string } }[] {
  return owners
    .filter((o) => /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,24}$/.test(o))
    .map((upn) => ({ type: 'mention' as const, text: `<at>${upn}</at>`, mentioned: { id: upn, name: upn } }));
}

function buildCard(v: DiagnosisView, level: Level, evidenceLines: number): CardElement {
  const tone = TONE_STYLES[v.tone];
  const body: CardElement[] = [];
  const header: CardElement[] = [
    plain(truncate(v.title, level.titleChars), { size: 'Large', weight: 'Bolder', color: tone.color }),
  ];
  if (v.subtitle) header.push(plain(truncate(v.subtitle, level.titleChars), { isSubtle: true }, { spacing: 'None' }));
  body.push({ type: 'Container', style: tone.style, bleed: true, items: header });

  if (level.facts && v.facts.length > 0) {
    body.push({
      type: 'FactSet',
      facts: v.facts.map((f) => ({ title: f.label, value: truncate(f.value, level.factChars) })),
    });
  }
  if (level.facts && v.timeline) {
    body.push(
      plain(`Timeline ${v.timeline.sparkline}  (${v.timeline.caption})`, { fontType: 'Monospace', size: 'Small' }),
    );
  }

  if (v.primary) {
    body.push(textHeading(truncate(`Cause: ${v.primary.title} (${v.primary.confidence})`, level.titleChars)));
    if (v.primary.detail && level.textChars > 0) body.push(plain(v.primary.detail, { isSubtle: true }, { spacing: 'None' }));
    if (v.primary.explanation && level.textChars > 0) body.push(plain(truncate(v.primary.explanation, level.textChars)));
    if (level.evidence && v.primary.evidence.length > 0) {
      const shown = v.primary.evidence.slice(0, evidenceLines);
      const hidden = v.primary.evidence.length - shown.length;
      const items: CardElement[] = shown.map((line, i) =>
        plain(truncate(line, level.lineChars), { fontType: 'Monospace', size: 'Small' }, { spacing: i === 0 ? 'Default' : 'None' }),
      );
      if (hidden > 0) items.push(plain(moreLines(hidden), { isSubtle: true, italic: true, size: 'Small' }, { spacing: 'Small' }));
      body.push({ type: 'Container', style: 'emphasis', spacing: 'Medium', items });
    } else if (v.primary.evidence.length > 0) {
      body.push(plain(`${moreLines(v.primary.evidence.length)} of evidence (open the query)`, { isSubtle: true, size: 'Small' }));
    }
  }

  const steps = v.nextSteps.slice(0, level.steps);
  if (steps.length > 0) {
    body.push(heading('Next steps'));
    steps.forEach((s, i) => {
      body.push(plain(`${i + 1}. ${truncateAtSentence(s.text, level.stepChars)}`, {}, { spacing: 'Small' }));
      // A command is shown whole or not at all; the smaller levels leave commands out before steps.
      if (s.command && s.command.length <= level.stepChars * 2) {
        body.push(plain(s.command, { fontType: 'Monospace', size: 'Small' }, { spacing: 'None' }));
      }
    });
  }
  const contributing = v.contributing.slice(0, level.contributing);
  if (contributing.length > 0) {
    body.push(heading('Also seen'));
    for (const c of contributing) body.push(plain(`• ${truncate(c, level.stepChars)}`, { size: 'Small' }, { spacing: 'None' }));
  }
  const notes = v.notes.slice(0, level.notes);
  if (notes.length > 0) {
    body.push(heading('Notes'));
    for (const n of notes) {
      body.push(plain(truncate(n, level.noteChars), { isSubtle: true, size: 'Small' }, { spacing: 'None' }));
    }
  }

  const mentioned = teamsMentions(v.owners);
  // A TextBlock, not a TextRun: Teams resolves `<at>` mentions only there. The text is built from
  // validated principal names alone, never from log text.
  if (mentioned.length > 0) body.push({ type: 'TextBlock', text: `Owners: ${mentioned.map((m) => m.text).join(' ')}`, wrap: true, size: 'Small' });

  const actions = v.links
    .filter((l) => l.url.length <= level.urlChars)
    .slice(0, TEAMS_MAX_ACTIONS)
    .map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url }));

  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    // Without this Teams draws the card at a narrow fixed width and evidence lines wrap badly.
    msteams: { width: 'Full', ...(mentioned.length > 0 ? { entities: mentioned } : {}) },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function wrap(card: CardElement): TeamsMessage {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

/**
 * The Teams message object, already fitted to `maxBytes` (measured on `JSON.stringify` of it, UTF-8).
 * Exposed for delivery code and tests that want the object rather than the string.
 */
export function buildTeamsMessage(d: Diagnosis, options: RenderOptions = {}): TeamsMessage {
  const v = buildView(redactDiagnosis(d), options);
  const budget = options.maxBytes ?? TEAMS_PAYLOAD_BUDGET_BYTES;
  const wanted = Math.min(v.primary?.evidence.length ?? 0, Math.max(0, options.maxEvidenceLines ?? DEFAULT_MAX_EVIDENCE_LINES));
  const fits = (m: TeamsMessage): boolean => utf8Bytes(JSON.stringify(m)) <= budget;

  for (const level of LEVELS) {
    const at = (n: number): TeamsMessage => wrap(buildCard(v, level, n));
    const full = at(wanted);
    if (fits(full)) return full;
    if (!level.evidence || wanted === 0 || !fits(at(0))) continue;
    // Size grows with the number of lines, so binary search for the most lines that still fit.
    let lo = 0;
    let hi = wanted;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(at(mid))) lo = mid;
      else hi = mid - 1;
    }
    return at(lo);
  }
  // Only reachable with an unrealistically small budget: send the smallest card rather than nothing.
  return wrap(buildCard(v, LEVELS[LEVELS.length - 1]!, 0));
}

export function renderTeams(d: Diagnosis, options: RenderOptions = {}): RenderedPayload {
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(buildTeamsMessage(d, options)) };
}
