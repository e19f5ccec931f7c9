/**
 * Rendering: a Diagnosis into the body a destination expects. Every renderer redacts first, so nothing
 * unredacted leaves even when a caller forgets to.
 */
import { InvalidRequestError } from '../errors';
import type { Diagnosis } from '../model';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSlack } from './slack';
import { renderTeams } from './teams';
import { renderPagerDuty } from './pagerduty';
import { RENDER_FORMATS, type RenderedPayload, type RenderFormat, type RenderOptions } from './types';

export type Renderer = (d: Diagnosis, options?: RenderOptions) => RenderedPayload;

/** One renderer per format; `render` looks the format up here. */
export const RENDERERS: Readonly<Record<RenderFormat, Renderer>> = {
  json: renderJson,
  markdown: renderMarkdown,
  teams: renderTeams,
  slack: renderSlack,
  pagerduty: renderPagerDuty,
};

export function isRenderFormat(value: unknown): value is RenderFormat {
  return typeof value === 'string' && (RENDER_FORMATS as readonly string[]).includes(value);
}

/** Renders `d` in `format`. An unknown format (from a CLI flag, say) is an InvalidRequestError. */
export function render(d: Diagnosis, format: RenderFormat, options?: RenderOptions): RenderedPayload {
  if (!isRenderFormat(format)) {
    throw new InvalidRequestError(`Unknown output format "${String(format)}"; use one of ${RENDER_FORMATS.join(', ')}.`, {
      context: { format: String(format) },
    });
  }
  return RENDERERS[format](d, options);
}

export { renderJson, renderMarkdown, renderSlack, renderTeams, renderPagerDuty };
export { buildPagerDutyEvent, pagerDutySeverity, pagerDutyDedupKey, type PagerDutyEvent } from './pagerduty';
export { buildTeamsMessage, type TeamsMessage } from './teams';
export { buildSlackMessage, escapeSlack, type SlackMessage, type SlackBlock } from './slack';
export { escapeMarkdown } from './markdown';
export { redact, redactDiagnosis, redactLogProperties, isSensitivePropertyName, REDACTED } from './redact';
export { sparkline, timelineOf, type Timeline } from './sparkline';
export { RENDER_FORMATS, type RenderFormat, type RenderedPayload, type RenderOptions } from './types';
export * as limits from './limits';
