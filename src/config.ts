/**
 * Every app setting the app reads, read and validated here and nowhere else. `local.settings.sample.json`
 * lists the same names with a sentence each; the README's settings table is generated from the same list
 * by hand, so keep the three in step.
 */
import { ConfigurationError } from './errors';
import { CATEGORIES, type Category } from './model/finding';
import { parseTeamRules, RuleFileError, type TeamRule } from './classify/teamRules';

export type DestinationFormat = 'json' | 'teams' | 'slack' | 'markdown' | 'pagerduty';
export const DESTINATION_FORMATS: readonly DestinationFormat[] = ['json', 'teams', 'slack', 'markdown', 'pagerduty'];

/** PagerDuty's Events API v2 endpoint, the default URL of a `pagerduty` destination. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/**
 * What a destination takes (all given fields must match; a destination without a filter takes all).
 * See src/deliver/routing.ts for how diagnoses without a cause are judged.
 */
export interface DestinationFilter {
  /** App or job names, shell globs (`orders-*`), case-insensitive. */
  apps?: string[];
  /** Managed environment names, globs. */
  environments?: string[];
  resourceGroups?: string[];
  /** Category ids of the primary finding (`image-pull-failure`, ...). */
  categories?: Category[];
  /** The least severe alert severity taken: `Sev2` takes Sev0, Sev1 and Sev2. */
  minSeverity?: string;
  /** true: only benign outcomes; false: only those that need action. */
  benign?: boolean;
}

export interface Destination {
  /** A short name used in logs and in the dedupe key ("ops-teams"). Never the URL: URLs carry secrets. */
  name: string;
  url: string;
  format: DestinationFormat;
  /**
   * Set when the URL's app setting still holds the literal `@Microsoft.KeyVault(...)` text: the platform
   * could not read the secret. Such a destination is reported as failed by name, never posted to, and
   * does not stop the others.
   */
  unresolvedSetting?: string;
  filter?: DestinationFilter;
  /** Takes what no other destination's filter took, so no page is lost. */
  fallback?: boolean;
  /** PagerDuty only: the integration's routing key (from `routingKeySetting`, typically a Key Vault reference). */
  routingKey?: string;
}

/** Key Vault references the platform could not resolve stay as their literal text. */
const KEY_VAULT_REFERENCE = /^\s*@Microsoft\.KeyVault\(/i;

export interface Settings {
  logAnalytics: {
    /** Workspace customer id (GUID). Optional: otherwise taken from the alert or the app's environment. */
    workspaceId?: string;
    /** Base URL without `/v1`, e.g. `https://api.loganalytics.io`. */
    endpoint: string;
    /** OAuth scope for tokens, derived from the endpoint unless LOG_ANALYTICS_AUDIENCE is set. */
    scope: string;
    serverTimeoutSeconds: number;
    /** Console lines kept per replica before each termination. */
    consoleLinesPerReplica: number;
    /**
     * Evidence fetches in flight at once for the whole app (every instance), each `QUERIES_PER_FETCH`
     * queries. With storage configured the bound is kept through slots in the dedupe table, so it holds
     * however far the queue trigger scales out; without storage it is per process.
     */
    maxConcurrentFetches: number;
    /** Longest an evidence fetch waits for a free slot before the alert goes back on the queue. */
    slotWaitSeconds: number;
  };
  arm: { endpoint: string; scope: string };
  /** Client id of the user-assigned managed identity (AZURE_CLIENT_ID). */
  azureClientId?: string;
  /**
   * Which credential every Azure call uses (Log Analytics, ARM, Tables, Queues). `managed-identity` when
   * AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential (the deployment sets it): one deterministic credential,
   * no probing of developer sign-ins. Otherwise `default`: DefaultAzureCredential's chain (the CLI, local runs).
   */
  credential: 'managed-identity' | 'default';
  destinations: Destination[];
  webhook: { timeoutMs: number; maxAttempts: number };
  /** Window used by manual calls that give no `since`. */
  defaultLookbackMinutes: number;
  /** Largest request body the HTTP functions accept. */
  maxBodyBytes: number;
  /** ARM scopes a target must fall under ("/subscriptions/x" or "/subscriptions/x/resourceGroups/y"). Empty = any. */
  allowedScopes: string[];
  auth: {
    /** `function-key` (default: the Functions host checks keys) or `entra` (secure webhook bearer tokens). */
    mode: 'function-key' | 'entra';
    tenantId?: string;
    audience?: string;
    /** Where the signing keys are; defaults to the tenant's public JWKS in the Entra authority. */
    jwksUrl?: string;
    authorityHost: string;
  };
  storage: {
    alertsQueue: string;
    outboxQueue: string;
    dedupeTable: string;
    /**
     * Identity-based storage: the queue and table service URLs, exactly as the deployment wrote them from
     * the account's primaryEndpoints (so sovereign clouds work; no host name is made up here). Undefined
     * with a connection string (AzureWebJobsStorage, e.g. Azurite) or without storage (in-memory stores).
     */
    endpoints?: { queue: string; table: string };
    /** How the app reaches storage: an identity with the endpoints above, a connection string, or not at all. */
    access: 'identity' | 'connection-string' | 'none';
    /**
     * Tries the host gives a queue message before it moves it to `<queue>-poison`. Read from the same app
     * setting the host reads (AzureFunctionsJobHost__extensions__queues__maxDequeueCount), the one source.
     */
    maxDequeueCount: number;
    /** Days a delivery record stays in the dedupe table; a daily timer deletes older ones. */
    dedupeRetentionDays: number;
  };
  /** How long to wait for console rows still being ingested before delivering, at most. */
  consoleLagMaxSeconds: number;
  /** How long alerts for the same app and window are coalesced into one enrichment. */
  coalesceSeconds: number;
  /**
   * `queue` (the default): the alerts function answers 202 once the alert is on the Storage queue and a
   * queue trigger enriches it. `inline`: enrich and deliver inside the HTTP call. Without a queue output
   * binding (`npm run serve`) the alerts function always enriches inline.
   */
  intake: 'queue' | 'inline';
  routing: {
    /** App tags whose values name a diagnosis's owners (OWNER_TAGS). */
    ownerTags: string[];
  };
  /** A team's own rules: from OWN_RULES (the JSON itself), and a blob to read at start (OWN_RULES_URL). */
  teamRules: { rules: TeamRule[]; url?: string };
  /**
   * Repeat pages (src/deliver/followUp.ts): the same cause on the same app and revision within
   * `windowMinutes` of the last alert gets a short follow-up instead of a full post, at most one per
   * destination every `intervalMinutes`; the alerts in between are counted, not posted. 0 turns it off.
   */
  followUps: { windowMinutes: number; intervalMinutes: number; table: string };
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigurationError(`App setting ${name} must be a whole number from ${min} to ${max}, got "${raw}".`, {
      context: { setting: name },
    });
  }
  return n;
}

function httpsUrl(env: Env, name: string, fallback: string): string {
  const raw = str(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`App setting ${name} is not a URL.`, { context: { setting: name } });
  }
  if (url.protocol !== 'https:') {
    throw new ConfigurationError(`App setting ${name} must be an https URL.`, { context: { setting: name } });
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Public-cloud Log Analytics hosts all take tokens for the original audience. */
function logAnalyticsScope(endpoint: string, audience?: string): string {
  if (audience) return `${audience.replace(/\/+$/, '')}/.default`;
  const host = new URL(endpoint).host;
  if (host === 'api.loganalytics.azure.com') return 'https://api.loganalytics.io/.default';
  return `${new URL(endpoint).origin}/.default`;
}

function destinationError(i: number, message: string): ConfigurationError {
  return new ConfigurationError(`DESTINATIONS[${i}]${message}`, { context: { setting: 'DESTINATIONS', index: i } });
}

function globList(raw: unknown, i: number, field: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 260)) {
    throw destinationError(i, `.filter.${field} must be a non-empty list of names or globs.`);
  }
  return list as string[];
}

/** A destination's `filter`, checked field by field so a mistake names the field. */
function parseFilter(raw: unknown, i: number): DestinationFilter | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw destinationError(i, '.filter must be an object.');
  const f = raw as Record<string, unknown>;
  const known = ['apps', 'environments', 'resourceGroups', 'categories', 'minSeverity', 'benign'];
  const unknown = Object.keys(f).filter((k) => !known.includes(k));
  if (unknown.length) throw destinationError(i, `.filter has unknown field(s) ${unknown.join(', ')}; use ${known.join(', ')}.`);
  const categories = globList(f.categories, i, 'categories');
  const bad = categories?.filter((c) => !(CATEGORIES as readonly string[]).includes(c));
  if (bad?.length) throw destinationError(i, `.filter.categories has unknown categories ${bad.join(', ')}.`);
  if (f.minSeverity !== undefined && !(typeof f.minSeverity === 'string' && /^sev[0-4]$/i.test(f.minSeverity))) {
    throw destinationError(i, '.filter.minSeverity must be one of Sev0, Sev1, Sev2, Sev3, Sev4.');
  }
  if (f.benign !== undefined && typeof f.benign !== 'boolean') throw destinationError(i, '.filter.benign must be true or false.');
  const filter: DestinationFilter = {
    apps: globList(f.apps, i, 'apps'),
    environments: globList(f.environments, i, 'environments'),
    resourceGroups: globList(f.resourceGroups, i, 'resourceGroups'),
    categories: categories as Category[] | undefined,
    minSeverity: f.minSeverity as string | undefined,
    benign: f.benign as boolean | undefined,
  };
  for (const k of Object.keys(filter) as (keyof DestinationFilter)[]) if (filter[k] === undefined) delete filter[k];
  return filter;
}

type RawDestination = Partial<Destination> & { urlSetting?: string; routingKeySetting?: string; filter?: unknown };

/** The routing key of a PagerDuty destination: inline, or from the app setting it names. */
function routingKeyOf(d: RawDestination, env: Env, i: number): { key?: string; unresolved?: string } {
  const key = d.routingKey ?? (d.routingKeySetting ? str(env, d.routingKeySetting) : undefined);
  if (typeof key === 'string' && KEY_VAULT_REFERENCE.test(key)) return { unresolved: d.routingKeySetting ?? 'DESTINATIONS' };
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    throw destinationError(i, ' (pagerduty) needs routingKeySetting naming an app setting that holds the integration key.');
  }
  return { key };
}

function parseDestination(item: unknown, i: number, env: Env): Destination {
  const d = (item ?? {}) as RawDestination;
  const format = (d.format ?? 'json') as DestinationFormat;
  if (!DESTINATION_FORMATS.includes(format)) throw destinationError(i, `.format must be one of ${DESTINATION_FORMATS.join(', ')}.`);
  const name = typeof d.name === 'string' && d.name ? d.name : `destination-${i + 1}`;
  const routing = {
    ...(d.filter !== undefined ? { filter: parseFilter(d.filter, i) } : {}),
    ...(d.fallback === true ? { fallback: true } : {}),
  };
  // A destination may name another app setting that holds its URL (e.g. a Key Vault reference).
  const url = d.url ?? (d.urlSetting ? str(env, d.urlSetting) : undefined) ?? (format === 'pagerduty' ? PAGERDUTY_EVENTS_URL : undefined);
  if (typeof url === 'string' && KEY_VAULT_REFERENCE.test(url)) {
    return { name, url: '', format, unresolvedSetting: d.urlSetting ?? 'DESTINATIONS', ...routing };
  }
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    throw destinationError(i, ' needs a url (or urlSetting naming a setting that holds one).');
  }
  if (format !== 'pagerduty') return { name, url, format, ...routing };
  const key = routingKeyOf(d, env, i);
  if (key.unresolved) return { name, url: '', format, unresolvedSetting: key.unresolved, ...routing };
  return { name, url, format, routingKey: key.key, ...routing };
}

function parseDestinations(env: Env): Destination[] {
  const raw = str(env, 'DESTINATIONS');
  const out: Destination[] = [];
  if (raw) {
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch {
      throw new ConfigurationError('App setting DESTINATIONS must be a JSON array of {name, url, format}.', {
        context: { setting: 'DESTINATIONS' },
      });
    }
    if (!Array.isArray(list)) {
      throw new ConfigurationError('App setting DESTINATIONS must be a JSON array.', { context: { setting: 'DESTINATIONS' } });
    }
    list.forEach((item, i) => out.push(parseDestination(item, i, env)));
  }
  const single = str(env, 'DIAGNOSIS_WEBHOOK_URL');
  const singleFormat = (str(env, 'DIAGNOSIS_WEBHOOK_FORMAT') ?? 'json') as DestinationFormat;
  if (single && KEY_VAULT_REFERENCE.test(single)) {
    out.push({ name: 'default', url: '', format: singleFormat, unresolvedSetting: 'DIAGNOSIS_WEBHOOK_URL' });
  } else if (single) {
    out.push({ name: 'default', url: single, format: singleFormat });
  }
  return out;
}

/**
 * Refuses routing settings that could drop a page: once any destination filters, some destination must
 * take what the filters leave (one without a filter, or one marked `fallback`).
 */
export function validateRouting(destinations: readonly Destination[]): void {
  const filtering = destinations.some((d) => d.filter);
  const catchAll = destinations.some((d) => d.fallback || !d.filter);
  if (filtering && !catchAll) {
    throw new ConfigurationError(
      'DESTINATIONS: every destination has a filter, so an alert that matches none would reach nobody. ' +
        'Mark one destination "fallback": true, or leave one without a filter.',
      { context: { setting: 'DESTINATIONS' } },
    );
  }
}

function teamRulesSetting(env: Env): TeamRule[] {
  const raw = str(env, 'OWN_RULES');
  if (!raw) return [];
  try {
    return parseTeamRules(raw, 'OWN_RULES');
  } catch (err) {
    if (err instanceof RuleFileError) throw new ConfigurationError(err.message, { cause: err, context: { setting: 'OWN_RULES' } });
    throw err;
  }
}

function ownRulesUrl(env: Env): string | undefined {
  const raw = str(env, 'OWN_RULES_URL');
  if (raw === undefined) return undefined;
  return httpsUrl(env, 'OWN_RULES_URL', raw);
}

function nameList(raw: string): string[] {
  return raw.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Queue unless told otherwise: the alerts function only enriches inline when ALERT_INTAKE=inline or when it
 * has no queue output binding (`npm run serve`), so nothing here depends on a host-only setting.
 */
function intakeMode(env: Env): Settings['intake'] {
  const raw = str(env, 'ALERT_INTAKE');
  if (raw === undefined) return 'queue';
  if (raw !== 'queue' && raw !== 'inline') {
    throw new ConfigurationError('App setting ALERT_INTAKE must be "queue" or "inline".', { context: { setting: 'ALERT_INTAKE' } });
  }
  return raw;
}

/** Log Analytics runs at most this many queries at once per identity; more wait in its queue, then 429. */
export const LOG_ANALYTICS_CONCURRENT_QUERIES_PER_IDENTITY = 5;
/** One evidence fetch is one `$batch` request carrying two queries (system rows and console rows). */
export const QUERIES_PER_FETCH = 2;
/** The host's maxDequeueCount when the app setting is absent (the Functions default). */
export const DEFAULT_MAX_DEQUEUE_COUNT = 5;
/** The app setting the Functions host reads as host.json's `extensions.queues.maxDequeueCount`. */
export const MAX_DEQUEUE_COUNT_SETTING = 'AzureFunctionsJobHost__extensions__queues__maxDequeueCount';

function credentialKind(env: Env): Settings['credential'] {
  const raw = str(env, 'AZURE_TOKEN_CREDENTIALS');
  return raw !== undefined && raw.toLowerCase() === 'managedidentitycredential' ? 'managed-identity' : 'default';
}

function serviceUri(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`App setting ${name} is not a URL.`, { context: { setting: name } });
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function storageAccess(env: Env): Pick<Settings['storage'], 'endpoints' | 'access'> {
  const queue = serviceUri(env, 'AzureWebJobsStorage__queueServiceUri');
  const table = serviceUri(env, 'AzureWebJobsStorage__tableServiceUri');
  if (queue && table) return { endpoints: { queue, table }, access: 'identity' };
  if (str(env, 'AzureWebJobsStorage')) return { access: 'connection-string' };
  if (queue || table || str(env, 'AzureWebJobsStorage__accountName')) {
    // A host name made up from the account name would only be right in the public cloud.
    throw new ConfigurationError(
      'Identity-based storage needs both AzureWebJobsStorage__queueServiceUri and AzureWebJobsStorage__tableServiceUri ' +
        "(the account's primaryEndpoints).",
      { context: { setting: 'AzureWebJobsStorage__queueServiceUri' } },
    );
  }
  return { access: 'none' };
}

export function loadSettings(env: Env = process.env): Settings {
  const laEndpoint = httpsUrl(env, 'LOG_ANALYTICS_ENDPOINT', 'https://api.loganalytics.io').replace(/\/v1$/, '');
  const armEndpoint = httpsUrl(env, 'ARM_ENDPOINT', 'https://management.azure.com');
  const authMode = (str(env, 'AUTH_MODE') ?? 'function-key') as Settings['auth']['mode'];
  if (authMode !== 'function-key' && authMode !== 'entra') {
    throw new ConfigurationError('App setting AUTH_MODE must be "function-key" or "entra".', { context: { setting: 'AUTH_MODE' } });
  }
  const settings: Settings = {
    logAnalytics: {
      workspaceId: str(env, 'LOG_ANALYTICS_WORKSPACE_ID'),
      endpoint: laEndpoint,
      scope: logAnalyticsScope(laEndpoint, str(env, 'LOG_ANALYTICS_AUDIENCE')),
      serverTimeoutSeconds: int(env, 'LOG_QUERY_TIMEOUT_SECONDS', 60, 5, 600),
      consoleLinesPerReplica: int(env, 'CONSOLE_LINES_PER_REPLICA', 200, 10, 5000),
      maxConcurrentFetches: int(
        env,
        'LOG_ANALYTICS_MAX_CONCURRENT_FETCHES',
        2,
        1,
        Math.floor(LOG_ANALYTICS_CONCURRENT_QUERIES_PER_IDENTITY / QUERIES_PER_FETCH),
      ),
      slotWaitSeconds: int(env, 'LOG_ANALYTICS_SLOT_WAIT_SECONDS', 60, 1, 120),
    },
    arm: { endpoint: armEndpoint, scope: `${new URL(armEndpoint).origin}/.default` },
    azureClientId: str(env, 'AZURE_CLIENT_ID'),
    credential: credentialKind(env),
    destinations: parseDestinations(env),
    webhook: {
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10000, 100, 120000),
      maxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 4, 1, 10),
    },
    defaultLookbackMinutes: int(env, 'DEFAULT_LOOKBACK_MINUTES', 60, 1, 60 * 24 * 7),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 262144, 1024, 4 * 1024 * 1024),
    allowedScopes: (str(env, 'ALLOWED_SCOPES') ?? '')
      .split(/[,;\s]+/)
      .map((s) => s.trim().replace(/\/+$/, '').toLowerCase())
      .filter(Boolean),
    auth: {
      mode: authMode,
      tenantId: str(env, 'AUTH_TENANT_ID'),
      audience: str(env, 'AUTH_AUDIENCE'),
      jwksUrl: str(env, 'AUTH_JWKS_URL'),
      authorityHost: httpsUrl(env, 'AUTH_AUTHORITY_HOST', 'https://login.microsoftonline.com'),
    },
    storage: {
      alertsQueue: str(env, 'ALERTS_QUEUE') ?? 'alerts',
      outboxQueue: str(env, 'OUTBOX_QUEUE') ?? 'outbox',
      dedupeTable: str(env, 'DEDUPE_TABLE') ?? 'deliveries',
      ...storageAccess(env),
      maxDequeueCount: int(env, MAX_DEQUEUE_COUNT_SETTING, DEFAULT_MAX_DEQUEUE_COUNT, 1, 100),
      dedupeRetentionDays: int(env, 'DEDUPE_RETENTION_DAYS', 7, 1, 365),
    },
    consoleLagMaxSeconds: int(env, 'CONSOLE_LAG_MAX_SECONDS', 180, 0, 900),
    coalesceSeconds: int(env, 'COALESCE_SECONDS', 60, 0, 3600),
    intake: intakeMode(env),
    routing: { ownerTags: nameList(str(env, 'OWNER_TAGS') ?? 'owner,team') },
    teamRules: { rules: teamRulesSetting(env), url: ownRulesUrl(env) },
    followUps: {
      windowMinutes: int(env, 'FOLLOWUP_WINDOW_MINUTES', 60, 0, 7 * 24 * 60),
      intervalMinutes: int(env, 'FOLLOWUP_INTERVAL_MINUTES', 15, 1, 24 * 60),
      table: str(env, 'FOLLOWUP_TABLE') ?? 'followups',
    },
  };
  validateRouting(settings.destinations);
  if (settings.auth.mode === 'entra' && (!settings.auth.tenantId || !settings.auth.audience)) {
    throw new ConfigurationError('AUTH_MODE=entra needs AUTH_TENANT_ID and AUTH_AUDIENCE.', { context: { setting: 'AUTH_MODE' } });
  }
  return settings;
}
