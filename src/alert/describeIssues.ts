/**
 * Turns zod issues into sentences a person can act on: the field's full path, what was expected, and
 * what arrived, e.g. `data.essentials.monitorCondition must be "Fired" or "Resolved" (got "Active")`.
 */
import type { z } from 'zod';
import { quoteValue } from './naming';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

/** `data.alertContext.condition.allOf[0].dimensions[2].value`; odd keys are bracket-quoted. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || 'the alert body';
}

/** What a JSON value is, in words, for "got ..." clauses. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return quoteValue(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key as string)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function orList(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** The expected types a union issue lists, e.g. ["a string", "a number"]. */
function unionExpectations(issue: Extract<Issue, { code: 'invalid_union' }>): string[] {
  const words: string[] = [];
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.path.length === 0 && inner.code === 'invalid_type') words.push(TYPE_WORDS[inner.expected] ?? inner.expected);
    }
  }
  return words;
}

/** One issue as a sentence. `prefix` is the path of the object that was parsed (e.g. `data.alertContext`). */
export function describeIssue(issue: Issue, input: unknown, prefix: readonly PathKey[] = []): string {
  const path = [...prefix, ...issue.path];
  const where = formatPath(path);
  const value = valueAt(input, issue.path);
  const got = ` (got ${describeValue(value)})`;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined) return `${where} is missing: it must be ${expected}`;
      return `${where} must be ${expected}${got}`;
    }
    case 'invalid_value':
      return `${where} must be ${orList(issue.values.map((v) => JSON.stringify(v)))}${value === undefined ? ' but is missing' : got}`;
    case 'invalid_union': {
      const expected = unionExpectations(issue);
      return expected.length > 0 ? `${where} must be ${orList(expected)}${got}` : `${where} has an unexpected shape${got}`;
    }
    case 'custom':
    case 'too_small':
    case 'too_big':
      return `${where} ${issue.message}${got}`;
    default:
      return `${where} is not valid: ${issue.message}`;
  }
}

/** All issues as sentences, the most useful first (missing and mistyped fields before nested details). */
export function describeIssues(issues: readonly Issue[], input: unknown, prefix: readonly PathKey[] = []): string[] {
  const ordered = [...issues].sort((a, b) => a.path.length - b.path.length);
  return ordered.map((issue) => describeIssue(issue, input, prefix));
}
