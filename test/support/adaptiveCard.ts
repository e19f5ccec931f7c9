/**
 * A focused validator for the Teams messages we send: the Workflows `message` envelope around an
 * Adaptive Card 1.5. It checks what the Teams renderer is strict about: known element and action types
 * only, their required properties, enum values, known properties only (a typo is silently dropped by
 * Teams, so we want it to fail here), the version and `$schema`, and the ~28 KB size limit.
 */
import { TEAMS_MAX_PAYLOAD_BYTES } from '../../src/render/limits';

type Json = Record<string, unknown>;

const COMMON_ELEMENT_PROPS = ['type', 'id', 'spacing', 'separator', 'isVisible', 'requires', 'fallback', 'height'];

const ENUMS: Record<string, readonly string[]> = {
  size: ['default', 'small', 'medium', 'large', 'extralarge'],
  weight: ['default', 'lighter', 'bolder'],
  color: ['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'],
  fontType: ['default', 'monospace'],
  spacing: ['none', 'small', 'default', 'medium', 'large', 'extralarge', 'padding'],
  horizontalAlignment: ['left', 'center', 'right'],
  containerStyle: ['default', 'emphasis', 'good', 'attention', 'warning', 'accent'],
  textBlockStyle: ['default', 'heading'],
  actionStyle: ['default', 'positive', 'destructive'],
};

interface ElementRule {
  required: string[];
  props: string[];
  /** Property name → the ENUMS key its value must come from. */
  enums?: Record<string, string>;
  /** Property → kind of child array to validate. */
  children?: Record<string, 'elements' | 'inlines' | 'facts' | 'actions' | 'columns'>;
}

const TEXT_ENUMS = { size: 'size', weight: 'weight', color: 'color', fontType: 'fontType' };

const ELEMENTS: Record<string, ElementRule> = {
  TextBlock: {
    required: ['text'],
    props: ['text', 'color', 'fontType', 'horizontalAlignment', 'isSubtle', 'maxLines', 'size', 'weight', 'wrap', 'style'],
    enums: { ...TEXT_ENUMS, horizontalAlignment: 'horizontalAlignment', style: 'textBlockStyle' },
  },
  RichTextBlock: {
    required: ['inlines'],
    props: ['inlines', 'horizontalAlignment'],
    enums: { horizontalAlignment: 'horizontalAlignment' },
    children: { inlines: 'inlines' },
  },
  FactSet: { required: ['facts'], props: ['facts'], children: { facts: 'facts' } },
  Container: {
    required: ['items'],
    props: ['items', 'selectAction', 'style', 'verticalContentAlignment', 'bleed', 'backgroundImage', 'minHeight', 'rtl'],
    enums: { style: 'containerStyle' },
    children: { items: 'elements' },
  },
  ColumnSet: {
    required: [],
    props: ['columns', 'selectAction', 'style', 'bleed', 'minHeight', 'horizontalAlignment'],
    enums: { style: 'containerStyle' },
    children: { columns: 'columns' },
  },
  Image: {
    required: ['url'],
    props: ['url', 'altText', 'backgroundColor', 'horizontalAlignment', 'selectAction', 'size', 'style', 'width'],
  },
  ActionSet: { required: ['actions'], props: ['actions'], children: { actions: 'actions' } },
};

const TEXT_RUN_PROPS = ['type', 'text', 'color', 'fontType', 'highlight', 'isSubtle', 'italic', 'selectAction', 'size', 'strikethrough', 'underline', 'weight'];

const ACTIONS: Record<string, { required: string[]; props: string[] }> = {
  'Action.OpenUrl': { required: ['url'], props: ['url'] },
  'Action.Submit': { required: [], props: ['data', 'associatedInputs'] },
  'Action.Execute': { required: [], props: ['verb', 'data', 'associatedInputs'] },
  'Action.ShowCard': { required: ['card'], props: ['card'] },
  'Action.ToggleVisibility': { required: ['targetElements'], props: ['targetElements'] },
};
const COMMON_ACTION_PROPS = ['type', 'id', 'title', 'iconUrl', 'style', 'fallback', 'tooltip', 'isEnabled', 'mode', 'requires'];

const CARD_PROPS = [
  'type', '$schema', 'version', 'body', 'actions', 'msteams', 'fallbackText', 'speak', 'lang', 'minHeight',
  'verticalContentAlignment', 'selectAction', 'rtl', 'backgroundImage', 'refresh', 'authentication', 'metadata',
];

export const ADAPTIVE_CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAbsoluteHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

class Checker {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  knownProps(path: string, obj: Json, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.fail(path, `unknown property "${k}"`);
  }

  enumValue(path: string, obj: Json, prop: string, enumName: string): void {
    if (obj[prop] === undefined) return;
    const v = obj[prop];
    if (typeof v !== 'string' || !ENUMS[enumName]!.includes(v.toLowerCase())) {
      this.fail(path, `${prop} "${String(v)}" is not one of ${ENUMS[enumName]!.join(', ')}`);
    }
  }

  elements(path: string, items: unknown): void {
    if (!Array.isArray(items)) return this.fail(path, 'must be an array');
    items.forEach((el, i) => this.element(`${path}[${i}]`, el));
  }

  element(path: string, el: unknown): void {
    if (!isObject(el)) return this.fail(path, 'element must be an object');
    const type = el.type;
    const rule = typeof type === 'string' ? ELEMENTS[type] : undefined;
    if (!rule) return this.fail(path, `unknown element type "${String(type)}"`);
    for (const r of rule.required) if (el[r] === undefined) this.fail(path, `${type} requires "${r}"`);
    this.knownProps(path, el, [...COMMON_ELEMENT_PROPS, ...rule.props]);
    this.enumValue(path, el, 'spacing', 'spacing');
    for (const [prop, enumName] of Object.entries(rule.enums ?? {})) this.enumValue(path, el, prop, enumName);
    if (type === 'TextBlock' && (typeof el.text !== 'string' || el.text.length === 0)) {
      this.fail(path, 'TextBlock text must be a non-empty string');
    }
    if (type === 'Image' && !isAbsoluteHttpUrl(el.url)) this.fail(path, 'Image url must be absolute http(s)');
    for (const [prop, kind] of Object.entries(rule.children ?? {})) {
      const value = el[prop];
      if (value === undefined) continue;
      const p = `${path}.${prop}`;
      if (kind === 'elements') this.elements(p, value);
      else if (kind === 'inlines') this.inlines(p, value);
      else if (kind === 'facts') this.facts(p, value);
      else if (kind === 'actions') this.actions(p, value);
      else if (kind === 'columns') this.columns(p, value);
    }
  }

  inlines(path: string, inlines: unknown): void {
    if (!Array.isArray(inlines) || inlines.length === 0) return this.fail(path, 'must be a non-empty array');
    inlines.forEach((run, i) => {
      const p = `${path}[${i}]`;
      if (typeof run === 'string') return;
      if (!isObject(run) || run.type !== 'TextRun') return this.fail(p, 'inline must be a string or a TextRun');
      if (typeof run.text !== 'string') this.fail(p, 'TextRun requires "text"');
      this.knownProps(p, run, TEXT_RUN_PROPS);
      for (const [prop, enumName] of Object.entries(TEXT_ENUMS)) this.enumValue(p, run, prop, enumName);
    });
  }

  facts(path: string, facts: unknown): void {
    if (!Array.isArray(facts)) return this.fail(path, 'must be an array');
    facts.forEach((f, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(f) || typeof f.title !== 'string' || typeof f.value !== 'string') {
        return this.fail(p, 'a fact needs string "title" and "value"');
      }
      this.knownProps(p, f, ['title', 'value']);
    });
  }

  columns(path: string, columns: unknown): void {
    if (!Array.isArray(columns)) return this.fail(path, 'must be an array');
    columns.forEach((c, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(c) || c.type !== 'Column') return this.fail(p, 'must be a Column');
      this.knownProps(p, c, [...COMMON_ELEMENT_PROPS, 'items', 'width', 'style', 'bleed', 'selectAction', 'verticalContentAlignment', 'minHeight']);
      if (c.items !== undefined) this.elements(`${p}.items`, c.items);
    });
  }

  actions(path: string, actions: unknown): void {
    if (!Array.isArray(actions)) return this.fail(path, 'must be an array');
    actions.forEach((a, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(a)) return this.fail(p, 'action must be an object');
      const rule = typeof a.type === 'string' ? ACTIONS[a.type] : undefined;
      if (!rule) return this.fail(p, `unknown action type "${String(a.type)}"`);
      for (const r of rule.required) if (a[r] === undefined) this.fail(p, `${String(a.type)} requires "${r}"`);
      this.knownProps(p, a, [...COMMON_ACTION_PROPS, ...rule.props]);
      this.enumValue(p, a, 'style', 'actionStyle');
      if (a.type === 'Action.OpenUrl' && !isAbsoluteHttpUrl(a.url)) this.fail(p, 'Action.OpenUrl url must be absolute http(s)');
      if (a.title !== undefined && typeof a.title !== 'string') this.fail(p, 'title must be a string');
    });
  }

  card(path: string, card: unknown): void {
    if (!isObject(card)) return this.fail(path, 'card must be an object');
    if (card.type !== 'AdaptiveCard') this.fail(path, 'type must be "AdaptiveCard"');
    if (card.version !== '1.5') this.fail(path, `version must be "1.5", got ${JSON.stringify(card.version)}`);
    if (card.$schema !== ADAPTIVE_CARD_SCHEMA_URL) this.fail(path, '$schema must be the Adaptive Card schema URL');
    this.knownProps(path, card, CARD_PROPS);
    if (card.body === undefined) this.fail(path, 'body is required');
    else this.elements(`${path}.body`, card.body);
    if (card.actions !== undefined) this.actions(`${path}.actions`, card.actions);
  }
}

/** Validates a parsed Teams Workflows message; returns the problems found (empty when valid). */
export function validateTeamsMessage(message: unknown, serialized?: string): string[] {
  const c = new Checker();
  if (!isObject(message)) return ['message must be an object'];
  if (message.type !== 'message') c.fail('$', 'type must be "message"');
  c.knownProps('$', message, ['type', 'attachments', 'summary', 'text']);
  const atts = message.attachments;
  if (!Array.isArray(atts) || atts.length !== 1) {
    c.fail('$.attachments', 'must hold exactly one attachment');
  } else {
    const a = atts[0];
    if (!isObject(a)) c.fail('$.attachments[0]', 'must be an object');
    else {
      if (a.contentType !== 'application/vnd.microsoft.card.adaptive') c.fail('$.attachments[0]', 'wrong contentType');
      if (a.contentUrl !== null) c.fail('$.attachments[0]', 'contentUrl must be null');
      c.card('$.attachments[0].content', a.content);
    }
  }
  const body = serialized ?? JSON.stringify(message);
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > TEAMS_MAX_PAYLOAD_BYTES) c.fail('$', `payload is ${bytes} bytes, over the ${TEAMS_MAX_PAYLOAD_BYTES}-byte limit`);
  return c.errors;
}
