/** The Diagnosis itself, for machines: the generic JSON destination and the CLI's `--format json`. */
import type { Diagnosis } from '../model';
import { redactDiagnosis } from './redact';
import type { RenderedPayload, RenderOptions } from './types';

/**
 * The redacted Diagnosis as JSON, nothing added or dropped: readers rely on `schemaVersion` and the
 * model's fields, so this stays the exact versioned shape. Compact unless `pretty` is set.
 */
export function renderJson(d: Diagnosis, options: RenderOptions = {}): RenderedPayload {
  const body = JSON.stringify(redactDiagnosis(d), null, options.pretty ? 2 : undefined);
  return { contentType: 'application/json; charset=utf-8', body };
}
