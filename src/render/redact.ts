/**
 * Removes secrets from text before it leaves the app: in rendered diagnoses, in webhook bodies and in
 * the app's own log lines. Evidence comes from console logs the app under diagnosis wrote, and apps do
 * print connection strings and tokens when they crash, so everything that goes out passes through here.
 *
 * The rules are data (`redactionRules.ts`); this module applies them and walks structures.
 */
import type { LogProperties } from '../logger';
import type { Diagnosis } from '../model';
import { REDACTED, REDACTION_RULES, type RedactionRule } from './redactionRules';

export { REDACTED, REDACTION_RULES, type RedactionRule };

/**
 * Property names whose whole value is a secret, wherever they appear (log properties, `names` in a
 * finding). A bare `secret`, `secretName` or `secretRef` names a Container Apps secret rather than
 * holding one, and the reader needs that name, so those stay.
 */
const SENSITIVE_PROPERTY =
  /(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key|client[_-]?secret|connection[_-]?string|authorization|credentials?|cookie)$/i;
const SECRET_NAME_PROPERTY = /^secret(?:[_-]?(?:name|ref))?$/i;

export function isSensitivePropertyName(name: string): boolean {
  return SENSITIVE_PROPERTY.test(name) && !SECRET_NAME_PROPERTY.test(name);
}

/**
 * Replaces every secret the rules recognise with `[REDACTED]`, keeping the name in front of it
 * (`Password=[REDACTED]`) so the reader still knows what was there. Ordinary text is returned as is.
 * Linear in the length of the text; idempotent.
 */
export function redact(text: string): string {
  if (text.length === 0) return text;
  let out = text;
  for (const rule of REDACTION_RULES) {
    // Each pattern is global and shared, so reset it: `replace` does, but be explicit for readers.
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

/** Deep copy of a JSON-like value with every string redacted, and values under sensitive keys removed. */
function redactValue(value: unknown, key: string | undefined, depth: number): unknown {
  if (typeof value === 'string') {
    return key !== undefined && isSensitivePropertyName(key) && value.length > 0 ? REDACTED : redact(value);
  }
  if (value === null || typeof value !== 'object') return value;
  // Diagnoses are shallow trees; a depth this large can only be a cycle or a hostile value.
  if (depth > 32) return undefined;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, undefined, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = redactValue(v, k, depth + 1);
  }
  return out;
}

/**
 * A copy of the diagnosis with every string in it redacted: summary, reason, titles, evidence text,
 * explanations, actions, names, notes, the alert's description and links (their `sig=`, `code=` ...
 * query values). Walking the whole tree rather than a list of fields means a field added to the model
 * later is covered without anyone remembering to add it here. The input is not modified.
 */
export function redactDiagnosis(d: Diagnosis): Diagnosis {
  return redactValue(d, undefined, 0) as Diagnosis;
}

/**
 * Log properties with sensitive values removed: a property whose name says it is a secret loses its
 * whole value; every other string is redacted as text. Numbers and booleans pass through.
 */
export function redactLogProperties(props: LogProperties): LogProperties;
export function redactLogProperties(props: LogProperties | undefined): LogProperties | undefined;
export function redactLogProperties(props: LogProperties | undefined): LogProperties | undefined {
  if (props === undefined) return undefined;
  const out: LogProperties = {};
  for (const [k, v] of Object.entries(props)) {
    if (typeof v !== 'string') out[k] = v;
    else out[k] = isSensitivePropertyName(k) && v.length > 0 ? REDACTED : redact(v);
  }
  return out;
}
