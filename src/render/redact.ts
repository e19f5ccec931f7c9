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
  if (!text.includes('\n')) return redactLine(text);
  // One pass of the rules over the whole text (a PEM block keeps its one-piece form), then the rows:
  // the context of the row before each, and percent-decoding where a row has escapes.
  return redactRows(applyRules(text).split('\n'), true).join('\n');
}

/** The rules over one text, then once more over its percent-decoded form when that differs. */
function redactLine(text: string): string {
  return percentPass(applyRules(text));
}

/**
 * `password%3Dhunter2`: URL-encoded pairs are read decoded once; when that finds more, the decoded and
 * redacted form is what goes out. `text` has been through the rules already.
 */
function percentPass(text: string): string {
  if (!PERCENT.test(text)) return text;
  const decoded = decodePercentOnce(text);
  if (decoded === text) return text;
  const again = applyRules(decoded);
  return again === decoded ? text : again;
}

function applyRules(text: string): string {
  let out = text;
  for (const rule of REDACTION_RULES) {
    // Each pattern is global and shared, so reset it: `replace` does, but be explicit for readers.
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

const PERCENT = /%[0-9A-Fa-f]{2}/;

/** Decodes printable ASCII escapes (%20-%7E) once; other bytes stay encoded, malformed ones untouched. */
export function decodePercentOnce(text: string): string {
  return text.replace(/%([2-7][0-9A-Fa-f])/g, (m, hex: string) => {
    const code = parseInt(hex, 16);
    return code >= 0x20 && code <= 0x7e ? String.fromCharCode(code) : m;
  });
}

/**
 * Rows that only make sense together: a key on one row and its value on the next (pretty-printed JSON,
 * `password:` then an indented value), a YAML block scalar (`secret: |` and the indented rows under
 * it), a PEM body one line per row, a connection string cut after `Password=` or in the middle of its
 * value. Each row is redacted on its own first; then what the row before it opened is closed here.
 */
export function redactRows(rows: readonly string[], rulesApplied = false): string[] {
  const out: string[] = [];
  let state: RowState = { kind: 'none' };
  for (const raw of rows) {
    const row = typeof raw === 'string' ? raw : String(raw);
    const continued = continueRow(state, row);
    const own = rulesApplied ? percentPass(row) : row.includes('\n') ? redact(row) : redactLine(row);
    out.push(continued.row === row ? own : continued.row);
    state = continued.row === row ? openedBy(row) : continued.next;
  }
  return out;
}

type RowState =
  | { kind: 'none' }
  | { kind: 'value-next' }
  | { kind: 'block'; indent: number }
  | { kind: 'pem' }
  | { kind: 'conn-tail' };

const KEY_WORDS =
  'password|passwd|passphrase|pasword|passwrd|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key|client[_-]?secret|connection[_-]?string|credentials?';
/** A sensitive key with nothing after its separator: the value is on the next row. */
const KEY_ONLY = new RegExp(`(?:^|[\\s{,"'])["']?[A-Za-z0-9_.-]{0,48}?(?:${KEY_WORDS})["']?\\s{0,8}[:=]\\s{0,8}$`, 'i');
/** `password: |` / `secret: >-`: a YAML block scalar; its rows are the value. */
const BLOCK_SCALAR = new RegExp(`^(\\s*)["']?[A-Za-z0-9_.-]{0,48}?(?:${KEY_WORDS})["']?\\s{0,8}:\\s{0,8}[|>][-+0-9]{0,3}\\s*$`, 'i');
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const PEM_BODY = /^\s*(?:[A-Za-z0-9+/=]{8,100}|[A-Za-z][A-Za-z-]{0,30}: [^\r\n]{0,200})\s*$/;
/** A connection-string secret whose value runs to the end of the row, without its closing `;`. */
const CONN_OPEN = /(?:Password|Pwd|AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey)\s{0,8}=\s{0,8}[^;\s"'<>]*$/i;

function openedBy(row: string): RowState {
  if (PEM_BEGIN.test(row) && !PEM_END.test(row)) return { kind: 'pem' };
  const block = BLOCK_SCALAR.exec(row);
  if (block) return { kind: 'block', indent: block[1]!.length };
  if (KEY_ONLY.test(row)) return { kind: 'value-next' };
  if (CONN_OPEN.test(row) && row.includes(';')) return { kind: 'conn-tail' };
  return { kind: 'none' };
}

function indentOf(row: string): number {
  return /^\s*/.exec(row)![0].length;
}

function continueRow(state: RowState, row: string): { row: string; next: RowState } {
  switch (state.kind) {
    case 'pem':
      if (PEM_END.test(row)) return { row: row.replace(/^[^-]*(?=-----END)/, (m) => (m.trim() ? REDACTED : m)), next: { kind: 'none' } };
      if (PEM_BODY.test(row)) return { row: `${/^\s*/.exec(row)![0]}${REDACTED}`, next: state };
      return { row, next: { kind: 'none' } };
    case 'block':
      if (row.trim() !== '' && indentOf(row) > state.indent) return { row: `${' '.repeat(indentOf(row))}${REDACTED}`, next: state };
      return { row, next: { kind: 'none' } };
    case 'value-next': {
      const m = /^(\s*)("(?:[^"\\\r\n]|\\.){0,4000}"?|'[^'\r\n]{0,4000}'?|[^\s,;]{1,4000})/.exec(row);
      if (!m || m[2] === '' || /^[{[]/.test(m[2]!)) return { row, next: { kind: 'none' } };
      const value = m[2]!;
      const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
      const redacted = q ? `${q}${REDACTED}${value.length > 1 && value.endsWith(q) ? q : ''}` : REDACTED;
      return { row: redactLine(`${m[1]}${redacted}${row.slice(m[0].length)}`), next: { kind: 'none' } };
    }
    case 'conn-tail': {
      const m = /^(\s*)([^\s;]{1,400})(?=;)/.exec(row);
      if (!m) return { row, next: { kind: 'none' } };
      return { row: redactLine(`${m[1]}${REDACTED}${row.slice(m[0].length)}`), next: { kind: 'none' } };
    }
    default:
      return { row, next: { kind: 'none' } };
  }
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
  const out = redactValue(d, undefined, 0) as Diagnosis;
  if (!Array.isArray(d.findings)) return out;
  const all = d.findings.flatMap((f) => secretValues(f?.names)).sort((a, b) => b.value.length - a.value.length);
  // Every finding's names count for every finding: a contributing title may repeat the primary's name.
  out.findings = d.findings.map((f, i) => (f && typeof f === 'object' ? redactFinding(f, out.findings[i]!, all) : out.findings[i]!));
  // An enriched summary is the tool's headline built from the primary title: only the names in it can hold a secret.
  if (d.status === 'enriched' && typeof d.summary === 'string') out.summary = hideValues(d.summary, all);
  return out;
}

/** A name's value that holds a secret, with what replaces it. */
interface SecretValue {
  value: string;
  replacement: string;
}

function secretValues(names: unknown): SecretValue[] {
  if (!names || typeof names !== 'object') return [];
  const out: SecretValue[] = [];
  for (const [k, v] of Object.entries(names as Record<string, unknown>)) {
    if (typeof v !== 'string' || v.length === 0) continue;
    const replacement = isSensitivePropertyName(k) ? REDACTED : redact(v);
    if (replacement !== v) out.push({ value: v, replacement });
  }
  // Longest first, so a value containing another is replaced whole.
  return out.sort((a, b) => b.value.length - a.value.length);
}

function hideValues(text: string, secrets: readonly SecretValue[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s.value).join(s.replacement);
  return out;
}

/**
 * Titles, explanations and steps are the project's own sentences with extracted names filled in: they
 * do not go through the secret patterns (which would hide "credentials:" in a sentence about them); only
 * a filled-in name that holds a secret is replaced. A command that contains such a name is dropped
 * rather than edited: a command must run as shown or not be shown. Evidence rows are redacted together,
 * so a secret split over adjacent rows is caught.
 */
function redactFinding(
  f: Diagnosis['findings'][number],
  generic: Diagnosis['findings'][number],
  secrets: readonly SecretValue[],
): Diagnosis['findings'][number] {
  const own = (s: unknown): string => (typeof s === 'string' ? hideValues(s, secrets) : String(s ?? ''));
  const out = { ...generic, title: own(f.title), explanation: own(f.explanation) };
  if (Array.isArray(f.actions)) out.actions = f.actions.map(own);
  if (Array.isArray(f.steps)) {
    out.steps = f.steps.map((step) => {
      const text = own(step?.text);
      const command = typeof step?.command === 'string' ? step.command : undefined;
      const unsafe = command !== undefined && secrets.some((x) => command.includes(x.value) || command.includes(x.value.replace(/'/g, `'\\''`)));
      return command && !unsafe ? { text, command } : { text };
    });
  }
  if (Array.isArray(f.evidence)) {
    const rows = redactRows(f.evidence.map((e) => (typeof e?.text === 'string' ? e.text : '')));
    out.evidence = f.evidence.map((e, i) => ({ ...(generic.evidence[i] ?? e), text: rows[i]! }));
  }
  return out;
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
