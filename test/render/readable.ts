import type { RenderFormat } from '../../src/render';

/** Every string in a parsed JSON body, depth first. */
export function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((v) => strings(v, out));
  return out;
}

/**
 * What a reader of the output would see, with each format's escaping undone, so that a secret hidden
 * only by escaping (a `&` turned into `&amp;`, a `*` into `\*`) still counts as leaked.
 */
export function readable(format: RenderFormat, body: string): string {
  if (format === 'markdown') return body.replace(/\\([\\`*_[\]<>|])/g, '$1');
  const text = strings(JSON.parse(body)).join('\n');
  return format === 'slack' ? text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : text;
}
