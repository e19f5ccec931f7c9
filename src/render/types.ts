/** The renderers' shared vocabulary. */

export type RenderFormat = 'json' | 'markdown' | 'teams' | 'slack' | 'pagerduty';
export const RENDER_FORMATS: readonly RenderFormat[] = ['json', 'markdown', 'teams', 'slack', 'pagerduty'];

/** What a renderer hands to delivery: the body to POST and the Content-Type to send it with. */
export interface RenderedPayload {
  contentType: string;
  body: string;
}

export interface RenderOptions {
  /** JSON only: indent the output (the CLI does; webhooks get it compact). Default false. */
  pretty?: boolean;
  /** Evidence lines of the primary finding shown at most (markdown, Teams, Slack). Default 20. */
  maxEvidenceLines?: number;
  /** Longest evidence line shown before it is cut. Default 400 characters. */
  maxLineChars?: number;
  /** Contributing findings listed at most. Default 5. */
  maxContributing?: number;
  /** Teams only: the UTF-8 size the whole message must fit in. Default TEAMS_PAYLOAD_BUDGET_BYTES. */
  maxBytes?: number;
  /** PagerDuty only: the integration's routing key (a placeholder when absent, e.g. in the CLI). */
  routingKey?: string;
}
