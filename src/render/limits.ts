/**
 * Hard limits of the places rendered diagnoses are posted to, and the budgets this app keeps under them.
 * Limits are the platforms' published numbers; budgets are ours and sit a little below them so that a
 * hop we do not control (Power Automate re-wrapping the card, Slack counting differently) cannot push a
 * message over the edge.
 */

/**
 * Microsoft Teams rejects a message bigger than about 28 KB ("Request Entity too large"). The number is
 * stated for Incoming Webhooks and for the Workflows (Power Automate) "post card" actions alike; it
 * covers the whole message, measured here as the UTF-8 bytes of the JSON body we send.
 */
export const TEAMS_MAX_PAYLOAD_BYTES = 28 * 1024;

/**
 * What the Teams renderer aims for. Workflows forwards only the card, but adds its own envelope on the
 * way to the channel, so we leave about 2 KB of room.
 */
export const TEAMS_PAYLOAD_BUDGET_BYTES = 26 * 1024;

/** The Adaptive Card schema version Teams renders in full (Teams supports up to 1.5 on every client). */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams shows at most six card-level actions; we stay well below. */
export const TEAMS_MAX_ACTIONS = 6;

/** Slack Block Kit (docs.slack.dev, "Blocks" and "Block elements" references). */
export const SLACK_MAX_BLOCKS = 50;
/** `text` of a section block. */
export const SLACK_SECTION_TEXT_MAX = 3000;
/** Each of a section block's `fields` (at most ten of them). */
export const SLACK_SECTION_FIELD_TEXT_MAX = 2000;
export const SLACK_SECTION_MAX_FIELDS = 10;
/** `text` of a header block, plain_text only. */
export const SLACK_HEADER_TEXT_MAX = 150;
/** A context block holds at most ten elements. */
export const SLACK_CONTEXT_MAX_ELEMENTS = 10;
/** An actions block holds at most 25 elements. */
export const SLACK_ACTIONS_MAX_ELEMENTS = 25;
/** A button's label (plain_text) and its `url`. */
export const SLACK_BUTTON_TEXT_MAX = 75;
export const SLACK_BUTTON_URL_MAX = 3000;
/** `action_id` and `block_id` values. */
export const SLACK_ID_MAX = 255;
/**
 * The top-level `text` is the notification and accessibility fallback when blocks are present. Slack
 * truncates message text beyond 40,000 characters; a fallback needs only a sentence, so we keep it short.
 */
export const SLACK_FALLBACK_TEXT_MAX = 3000;

/** Our own defaults, not platform limits: how much evidence a person can take in at a glance. */
export const DEFAULT_MAX_EVIDENCE_LINES = 20;
/** Longest evidence line shown before it is cut with an ellipsis (full lines stay in the JSON form). */
export const DEFAULT_MAX_LINE_CHARS = 400;
/** Markdown: longest explanation, and most next steps / notes listed before "+N more". */
export const DEFAULT_MAX_TEXT_CHARS = 4000;
export const DEFAULT_MAX_LIST_ITEMS = 10;
export const DEFAULT_MAX_ITEM_CHARS = 500;
/** Longest next step shown; a longer one is cut after its last whole sentence (see truncateAtSentence). */
export const DEFAULT_MAX_STEP_CHARS = 1200;
/** Longest title any format shows (the JSON form keeps the full summary). */
export const MAX_TITLE_CHARS = 300;
/** Contributing (non-primary) findings listed briefly. */
export const DEFAULT_MAX_CONTRIBUTING = 5;
/** Buckets in a computed timeline sparkline; wider windows use wider buckets. */
export const MAX_SPARKLINE_BUCKETS = 60;
