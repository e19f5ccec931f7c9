/**
 * Which of the app's existing secrets a variable should read, and the variable a framework reads a
 * configuration key from. A step that sets a variable from a secret must point at the secret the app
 * already has (the one the healthy revision read, or the one nothing reads any more) instead of inventing
 * a new name beside it, and must name the variable the framework really reads.
 */
import type { AppConfig } from '../../model';
import { listedMissing } from './missingList';
import { list } from './list';

/** Words that name the same thing in variable and secret names (`DATABASE_URL` and `postgres-url`). */
const CONCEPTS: readonly [RegExp, string][] = [
  [/^(?:database|db|datasource|postgres|postgresql|pg|psql|mysql|mariadb|mssql|sql|jdbc)$/, 'db'],
  [/^(?:url|uri|conn|connection|connectionstring|connstr|dsn|host|endpoint|server|servers|addr|address)$/, 'address'],
  [/^(?:password|pass|pwd|passwd)$/, 'password'],
  [/^(?:key|apikey|token|accesskey)$/, 'key'],
  [/^(?:rabbit|rabbitmq|amqp)$/, 'amqp'],
];
/** What kind of value a name holds: two names of different kinds never match. */
const KINDS = new Set(['address', 'password', 'key']);
/** Framework prefixes and filler words that say nothing about which service a name is for. */
const FILLER = /^(?:spring|quarkus|micronaut|django|rails|app|application|celery|string|the|value|prod|production|env|config|settings|secret|v\d{1,3}|\d{1,4})$/;

function words(name: string): { subject: Set<string>; kind: Set<string> } {
  const subject = new Set<string>();
  const kind = new Set<string>();
  for (const raw of name.toLowerCase().split(/[^a-z0-9]+/).slice(0, 12)) {
    if (!raw || FILLER.test(raw)) continue;
    const concept = CONCEPTS.find(([re]) => re.test(raw))?.[1] ?? raw;
    (KINDS.has(concept) ? kind : subject).add(concept);
  }
  return { subject, kind };
}

/**
 * A secret name fits a variable when every word of its subject (`postgres` in `postgres-url`) is one of
 * the variable's, and their kinds (an address, a password, a key) do not contradict each other.
 */
export function secretFits(envVar: string, secret: string): boolean {
  const v = words(envVar);
  const s = words(secret);
  if (s.subject.size === 0 || v.subject.size === 0) return false;
  if (![...s.subject].every((w) => v.subject.has(w))) return false;
  if (v.kind.size > 0 && s.kind.size > 0 && ![...s.kind].some((k) => v.kind.has(k))) return false;
  return true;
}

/** Where the existing secret was found: it tells the step what to say about it. */
export type ExistingSecretWhy = 'previous' | 'unread';

export interface ExistingSecret {
  secret: string;
  why: ExistingSecretWhy;
  /** The secret the variable reads now, when the change moved it to another one. */
  current?: string;
}

/** `DB_PASSWORD now references db-password-v2 instead of db-password`: the secret before the change. */
function previousRef(envVar: string, config: AppConfig): { before: string; after?: string } | undefined {
  const change = list(config.changesSinceHealthy?.changes).find((c) => c?.kind === 'env-secret-ref' && c.name === envVar);
  if (change?.before) return { before: change.before, ...(change.after ? { after: change.after } : {}) };
  const summary = typeof config.changesSinceHealthy?.summary === 'string' ? config.changesSinceHealthy.summary.slice(0, 500) : '';
  const m = /\b([A-Za-z_][\w.]{0,100}) now references (?:secret )?([a-z0-9][a-z0-9.-]{0,252}) (?:instead of|\(was) (?:secret )?([a-z0-9][a-z0-9.-]{0,252})/.exec(summary);
  return m && m[1] === envVar ? { before: m[3]!, after: m[2]! } : undefined;
}

/**
 * The app's own secret a variable should read, when the configuration leaves no doubt: the one the
 * variable read before the change moved it to another secret, else the one secret that no variable
 * reads and whose name fits the variable. None when the variable already reads a secret the app has
 * (that secret is the one to fix), or when two could.
 */
export function existingSecretFor(envVar: string | undefined, config: AppConfig | undefined): ExistingSecret | undefined {
  if (!envVar || !config || typeof config !== 'object') return undefined;
  const secrets = new Set(list(config.secrets).map((s) => s?.name).filter((n): n is string => typeof n === 'string'));
  const env = [...list(config.containers), ...list(config.initContainers)].flatMap((c) => list(c?.env));
  const own = env.find((e) => e?.name === envVar)?.secretRef;
  const previous = previousRef(envVar, config);
  if (previous && secrets.has(previous.before) && previous.before !== own) {
    return { secret: previous.before, why: 'previous', ...(own ?? previous.after ? { current: own ?? previous.after } : {}) };
  }
  if (own && secrets.has(own)) return undefined;
  const read = new Set(env.map((e) => e?.secretRef).filter((n): n is string => typeof n === 'string'));
  // The secret named exactly as the variable (`APP_KEY` -> `app-key`) fits even when its words are all filler.
  const kebab = envVar.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const unread = [...secrets].filter((s) => !read.has(s) && (secretFits(envVar, s) || s === kebab));
  return unread.length === 1 ? { secret: unread[0]!, why: 'unread' } : undefined;
}

/**
 * The environment variable a framework reads a dotted or colon-separated configuration key from:
 * Quarkus and Micronaut upper-case it with every other character as `_` (`pricing.tax-service.url` ->
 * PRICING_TAX_SERVICE_URL), Spring Boot drops the dashes first (PRICING_TAXSERVICE_URL), and .NET
 * configuration turns each `:` into `__` (`ConnectionStrings:Inventory` -> ConnectionStrings__Inventory).
 * Undefined when the rows do not say which framework it is.
 */
export function frameworkEnvName(key: string | undefined, rows: string): { envVar: string; framework: string } | undefined {
  if (!key || !/^[A-Za-z_][\w.:-]{0,120}$/.test(key) || !/[.:-]/.test(key)) return undefined;
  if (key.includes(':')) return { envVar: key.replace(/:/g, '__'), framework: '.NET configuration' };
  // SmallRye Config (Quarkus) words a missing key "could not be found in any config source".
  if (/\bquarkus\b|io\.qua\.|could not be found in any config source|SRCFG\d/i.test(rows)) return { envVar: key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase(), framework: 'Quarkus' };
  if (/\bmicronaut\b/i.test(rows)) return { envVar: key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase(), framework: 'Micronaut' };
  if (/springframework|spring boot|\bspring\b/i.test(rows)) return { envVar: key.replace(/-/g, '').replace(/\./g, '_').toUpperCase(), framework: 'Spring Boot' };
  return undefined;
}

/**
 * The fields a pydantic (or pydantic-settings) validation error lists as required and missing, in the
 * order it lists them: every one must be set, not only the first.
 */
export function missingFields(rows: readonly string[]): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (let i = 0; i < rows.length && i < 200; i++) {
    const row = rows[i] ?? '';
    // A line that lists several missing variables at once (a panic, a startup check).
    const listed = listedMissing(row);
    if (listed.length > 0) return listed;
    if (/\d{1,3} validation errors? for \w{1,80}/.test(row)) {
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    const field = /^\s{0,2}([A-Za-z_][\w.]{0,60})\s*$/.exec(row)?.[1];
    if (field) {
      const next = rows[i + 1] ?? '';
      // A field with a wrong value (`Input should be a valid integer`) is to correct, not to set.
      if (/^\s/.test(next) && !/Field required|type=missing/i.test(next)) continue;
      if (!out.includes(field)) out.push(field);
      continue;
    }
    if (!/^\s/.test(row)) inBlock = false;
  }
  return out.slice(0, 10);
}
