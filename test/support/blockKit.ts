/**
 * A focused validator for the Slack messages we send (Block Kit in an incoming-webhook body): block
 * types and their fields, text object types, and the length and count limits Slack enforces by
 * rejecting the whole message with `invalid_blocks`.
 */
import {
  SLACK_ACTIONS_MAX_ELEMENTS,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_BUTTON_URL_MAX,
  SLACK_CONTEXT_MAX_ELEMENTS,
  SLACK_HEADER_TEXT_MAX,
  SLACK_ID_MAX,
  SLACK_MAX_BLOCKS,
  SLACK_SECTION_FIELD_TEXT_MAX,
  SLACK_SECTION_MAX_FIELDS,
  SLACK_SECTION_TEXT_MAX,
} from '../../src/render/limits';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const BLOCK_PROPS: Record<string, readonly string[]> = {
  header: ['type', 'block_id', 'text'],
  section: ['type', 'block_id', 'text', 'fields', 'accessory', 'expand'],
  context: ['type', 'block_id', 'elements'],
  divider: ['type', 'block_id'],
  actions: ['type', 'block_id', 'elements'],
  image: ['type', 'block_id', 'image_url', 'alt_text', 'title', 'slack_file'],
};

class Checker {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  text(path: string, t: unknown, opts: { types: ReadonlyArray<'plain_text' | 'mrkdwn'>; max: number }): void {
    if (!isObject(t)) return this.fail(path, 'text object required');
    if (!opts.types.includes(t.type as 'plain_text')) this.fail(path, `text type must be ${opts.types.join(' or ')}`);
    const allowed = t.type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'];
    for (const k of Object.keys(t)) if (!allowed.includes(k)) this.fail(path, `unknown text property "${k}"`);
    if (typeof t.text !== 'string' || t.text.length === 0) return this.fail(path, 'text must be a non-empty string');
    if (t.text.length > opts.max) this.fail(path, `text is ${t.text.length} characters, over ${opts.max}`);
  }

  button(path: string, b: Json, actionIds: Set<string>): void {
    for (const k of Object.keys(b)) {
      if (!['type', 'text', 'url', 'action_id', 'value', 'style', 'confirm', 'accessibility_label'].includes(k)) {
        this.fail(path, `unknown button property "${k}"`);
      }
    }
    this.text(`${path}.text`, b.text, { types: ['plain_text'], max: SLACK_BUTTON_TEXT_MAX });
    if (b.url !== undefined) {
      if (typeof b.url !== 'string' || b.url.length > SLACK_BUTTON_URL_MAX) this.fail(path, 'url missing or too long');
      else if (!/^https?:\/\//.test(b.url)) this.fail(path, 'url must be http(s)');
    }
    if (typeof b.action_id === 'string') {
      if (b.action_id.length > SLACK_ID_MAX) this.fail(path, 'action_id too long');
      if (actionIds.has(b.action_id)) this.fail(path, `duplicate action_id "${b.action_id}"`);
      actionIds.add(b.action_id);
    }
  }

  block(path: string, b: unknown, actionIds: Set<string>): void {
    if (!isObject(b)) return this.fail(path, 'block must be an object');
    const type = typeof b.type === 'string' ? b.type : '';
    const props = BLOCK_PROPS[type];
    if (!props) return this.fail(path, `unknown block type "${String(b.type)}"`);
    for (const k of Object.keys(b)) if (!props.includes(k)) this.fail(path, `unknown property "${k}" on ${type}`);
    if (typeof b.block_id === 'string' && b.block_id.length > SLACK_ID_MAX) this.fail(path, 'block_id too long');
    switch (type) {
      case 'header':
        this.text(`${path}.text`, b.text, { types: ['plain_text'], max: SLACK_HEADER_TEXT_MAX });
        break;
      case 'section': {
        if (b.text === undefined && b.fields === undefined) this.fail(path, 'section needs text or fields');
        if (b.text !== undefined) this.text(`${path}.text`, b.text, { types: ['plain_text', 'mrkdwn'], max: SLACK_SECTION_TEXT_MAX });
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > SLACK_SECTION_MAX_FIELDS) {
            this.fail(path, `fields must hold 1 to ${SLACK_SECTION_MAX_FIELDS} items`);
          } else {
            b.fields.forEach((f, i) =>
              this.text(`${path}.fields[${i}]`, f, { types: ['plain_text', 'mrkdwn'], max: SLACK_SECTION_FIELD_TEXT_MAX }),
            );
          }
        }
        break;
      }
      case 'context': {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > SLACK_CONTEXT_MAX_ELEMENTS) {
          this.fail(path, `elements must hold 1 to ${SLACK_CONTEXT_MAX_ELEMENTS} items`);
        } else {
          b.elements.forEach((e, i) =>
            this.text(`${path}.elements[${i}]`, e, { types: ['plain_text', 'mrkdwn'], max: SLACK_SECTION_TEXT_MAX }),
          );
        }
        break;
      }
      case 'actions': {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > SLACK_ACTIONS_MAX_ELEMENTS) {
          this.fail(path, `elements must hold 1 to ${SLACK_ACTIONS_MAX_ELEMENTS} items`);
        } else {
          b.elements.forEach((e, i) => {
            if (!isObject(e) || e.type !== 'button') return this.fail(`${path}.elements[${i}]`, 'only buttons are expected');
            this.button(`${path}.elements[${i}]`, e, actionIds);
          });
        }
        break;
      }
      default:
        break;
    }
  }
}

/** Validates a parsed Slack message body; returns the problems found (empty when valid). */
export function validateSlackMessage(message: unknown): string[] {
  const c = new Checker();
  if (!isObject(message)) return ['message must be an object'];
  for (const k of Object.keys(message)) {
    if (!['text', 'blocks', 'attachments', 'thread_ts', 'mrkdwn', 'unfurl_links', 'unfurl_media'].includes(k)) {
      c.fail('$', `unknown property "${k}"`);
    }
  }
  if (typeof message.text !== 'string' || message.text.length === 0) c.fail('$.text', 'fallback text is required');
  const blocks = message.blocks;
  if (!Array.isArray(blocks) || blocks.length === 0) return [...c.errors, '$.blocks: must be a non-empty array'];
  if (blocks.length > SLACK_MAX_BLOCKS) c.fail('$.blocks', `${blocks.length} blocks, over ${SLACK_MAX_BLOCKS}`);
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => c.block(`$.blocks[${i}]`, b, actionIds));
  return c.errors;
}
