/**
 * Steps about a variable and the secret behind it, rewritten with what the configuration says: a
 * variable is pointed at the secret the app already has instead of a new one, a change whose diff is
 * known says where the removed value is, several missing settings are all set, and a refused credential
 * names the secret to set. Commands stay templates (`{app}`, `{resourceGroup}`); attachCommands fills them.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import type { ExistingSecret } from './secretNames';
import { RESTART_REVISION } from '../rules/commandTemplates';
import { isCredentialName, mayHoldCredential } from './credentialNames';

/** Fills a new step's command template with the target's names (and words it for a job). */
export type Make = (step: FindingStep) => FindingStep;

const SETTING_CATEGORIES = new Set(['missing-configuration', 'configuration-change', 'dependency-unreachable']);
const STORE = /^az containerapp (?:job )?secret set .*--secrets (\S+)=<value>/;
const SET_ENV = (v: string): RegExp => new RegExp(`--set-env-vars ${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=secretref:(\\S+)`);

/** `--set-env-vars DB_PASSWORD=secretref:db-password` for the variable and the secret it should read. */
function pointCommand(envVar: string, secret: string): string {
  return `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${envVar}=secretref:${secret}`;
}

function pointText(envVar: string, e: ExistingSecret, missing: string | undefined, healthy: string | undefined, removed = false): string {
  if (e.why === 'previous') {
    return `${envVar} now reads secret ${e.current ?? 'another secret'}; ${healthy ? `healthy revision ${healthy}` : 'the healthy revision'} read ${e.secret}, which the app still has: point ${envVar} back to ${e.secret} (leave ${e.secret}'s value as it is: secrets are app-wide). This creates a new revision.`;
  }
  // The change since the healthy revision took the variable away: say so, and that the secret it can read is still there.
  if (removed && !missing) {
    return `The change since ${healthy ? `healthy revision ${healthy}` : 'the healthy revision'} removed ${envVar}, and the app still has secret ${e.secret}, which no variable reads: point ${envVar} back at it (no new secret needed; set its value with \`az containerapp secret set\` only if it is stale). This creates a new revision.`;
  }
  const lead = missing ? `${envVar} reads secret ${missing}, which the app does not have; ` : `${envVar} is not set, but `;
  return `${lead}the app already has secret ${e.secret}, which no variable reads: point ${envVar} at it (no new secret needed; set its value with \`az containerapp secret set\` only if it is stale). This creates a new revision.`;
}

/**
 * A variable whose secret the app already has: the steps that would store its value under a new name and
 * point the variable there give way to one step that points it at the existing secret. A rule's step that
 * creates the secret the variable names (when that one is missing) stays as the alternative.
 */
export function existingSecretSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, e: ExistingSecret | undefined, make: Make): FindingStep[] {
  const envVar = names.envVar ?? names.setVar;
  if (!e || !envVar || f.benign || !SETTING_CATEGORIES.has(f.category)) return steps;
  const missing = names.secret && names.secret !== e.secret && names.secret !== e.current ? names.secret : undefined;
  const setEnv = SET_ENV(envVar);
  const out: FindingStep[] = [];
  let placed = false;
  const place = (): void => {
    if (placed) return;
    placed = true;
    out.push(make({ text: pointText(envVar, e, missing, names.lastHealthy, names.removedEnvVar === envVar), command: pointCommand(envVar, e.secret) }));
  };
  for (const s of steps) {
    const stored = STORE.exec(s.command ?? '')?.[1];
    const pointed = setEnv.exec(s.command ?? '')?.[1];
    if (stored && stored === missing) {
      place();
      out.push({ ...s, text: `Or, if ${missing} is the name meant, create it instead: ${s.text.charAt(0).toLowerCase()}${s.text.slice(1)}` });
      continue;
    }
    if (stored && stored === e.current) {
      place();
      out.push({ ...s, text: `Or, if ${e.current} is meant to replace ${e.secret}, check that it holds the right value and set it (replace <value>); restart the revision after.` });
      continue;
    }
    if (stored || pointed) {
      place();
      continue;
    }
    // A commandless step that says to set the variable "from a secret" is what the point step does.
    if (!s.command && new RegExp(`\\b[Ss]et ${envVar}\\b[^.]{0,80}\\bfrom (?:a|the) secret\\b`).test(s.text)) {
      place();
      continue;
    }
    out.push(s);
  }
  if (!placed) {
    const at = out.findIndex((s) => !/^Roll back/.test(s.text));
    out.splice(at < 0 ? out.length : at, 0, make({ text: pointText(envVar, e, missing, names.lastHealthy, names.removedEnvVar === envVar), command: pointCommand(envVar, e.secret) }));
  }
  return out;
}

/** The category's own step for a change, which the diff makes redundant when it names what changed. */
const COMPARE_PADDING = /^Compare the failing revision with the last healthy one and revert the change to confirm\.$/;

/**
 * A configuration change whose diff is known: "compare and revert" says nothing the finding does not,
 * and a variable the change removed is restored from the healthy revision's template, where its value
 * (or the secret it read) still is.
 */
export function changeSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, config: AppConfig | undefined, make: Make): FindingStep[] {
  const changes = Array.isArray(config?.changesSinceHealthy?.changes) ? config.changesSinceHealthy.changes : [];
  if (f.benign || changes.length === 0) return steps;
  let out = steps.filter((s) => !COMPARE_PADDING.test(s.text) || steps.length === 1);
  const from = names.lastHealthy;
  const added = addedSteps(f, out, names, changes, config?.ingress?.targetPort, make);
  if (added) return added;
  const repointed = repointedSteps(f, out, names, changes as readonly RepointChange[], make);
  if (repointed) return repointed;
  const removedVars = [...new Set(changes.filter((c) => c?.kind === 'env-removed' && typeof c.name === 'string').map((c) => c.name!))].slice(0, 8);
  const removed = removedVars.includes(names.envVar ?? '');
  if (!from || !names.envVar || !removed || names.healthySecret || names.existingSecret) return out;
  const v = names.envVar;
  // Every variable the change removed is restored, the one the rows named first.
  const all = [v, ...removedVars.filter((x) => x !== v)];
  const list = all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}` : v;
  const read: FindingStep = make({
    text: `${list} ${all.length > 1 ? 'were' : 'was'} removed; ${all.length > 1 ? 'their values (or the secrets they read) are' : 'its value (or the secret it read) is'} still in healthy revision ${from}'s template: read ${all.length > 1 ? 'them' : 'it'} there.`,
    command: `az containerapp revision show -n {app} -g {resourceGroup} --revision ${from} --query 'properties.template.containers[].env' -o json`,
  });
  const restore: FindingStep = make({
    text: `Set ${all.length > 1 ? 'each' : v} back to ${all.length > 1 ? 'its' : 'that'} value (or to secretref:<secret> when it read a secret); this creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${all.map((x) => `${x}=<value>`).join(' ')}`,
  });
  // The generic "store it as a new secret, then point at it" pair gives way to the restore.
  const setEnv = SET_ENV(v);
  const generic = (s: FindingStep): boolean => (STORE.test(s.command ?? '') && (s.command ?? '').includes(`--secrets ${names.envSecret ?? ''}=`)) || setEnv.test(s.command ?? '');
  const at = out.findIndex(generic);
  out = out.filter((s) => !generic(s));
  const index = at >= 0 ? at : out.findIndex((s) => !/^Roll back/.test(s.text));
  out.splice(index < 0 ? out.length : index, 0, read, restore);
  return out;
}

/**
 * A change that added a variable or gave it a value (PORT set) broke the revision: the fix takes it out
 * again, or sets it to what the app must match (the ingress target port for a port variable), never
 * stores it as a new secret (that keeps the breaking value).
 */
function addedSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, changes: readonly { kind?: string; name?: string }[], targetPort: number | undefined, make: Make): FindingStep[] | undefined {
  const v = names.envVar;
  if (f.category !== 'configuration-change' || !v || !changes.some((c) => (c?.kind === 'env-added' || c?.kind === 'env-value-set') && c.name === v)) return undefined;
  const setEnv = SET_ENV(v);
  const generic = (s: FindingStep): boolean => (STORE.test(s.command ?? '') && (s.command ?? '').includes(`--secrets ${names.envSecret ?? secretName(v)}=`)) || setEnv.test(s.command ?? '');
  const port = /(?:^|_)PORT$/i.test(v) && typeof targetPort === 'number' ? String(targetPort) : undefined;
  const made: FindingStep[] = [
    make({
      text: `The change set ${v}${port ? `, so the app may no longer listen on the ingress target port ${port}` : ''}: remove it again (keeps the rest of the new revision); this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --remove-env-vars ${v}`,
    }),
    make(
      port
        ? { text: `Or keep ${v} and set it to the ingress target port ${port}; this creates a new revision.`, command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${v}=${port}` }
        : { text: `Or, if ${v} is needed, set it to the value the healthy revision's behaviour needs (replace <value>); this creates a new revision.`, command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${v}=<value>` },
    ),
  ];
  const at = steps.findIndex(generic);
  const rest = steps.filter((s) => !generic(s));
  const index = at >= 0 ? at : rest.findIndex((s) => !/^Roll back/.test(s.text));
  rest.splice(index < 0 ? rest.length : index, 0, ...made);
  return rest;
}

/** A change as the configuration gives it (before/after are secret names for env-secret-ref); recorded files may say secretRef. */
type RepointChange = { kind?: string; name?: string; before?: string; after?: string; secretRef?: string };
const SECRET_NAME = /^[a-z0-9][a-z0-9.-]{0,252}$/;

/**
 * A change that pointed a variable at another secret (env-secret-ref) broke the revision: the fix points
 * it back at the secret the healthy revision read, whose value is still right. Storing a typed-in value
 * under that name would overwrite it for every revision (secrets are app-wide), so those steps go.
 */
function repointedSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, changes: readonly RepointChange[], make: Make): FindingStep[] | undefined {
  const v = names.envVar;
  const change = changes.find((c) => c?.kind === 'env-secret-ref' && c.name === v);
  if (!v || !change || names.healthySecret || names.existingSecret) return undefined;
  const setEnv = SET_ENV(v);
  const generic = (s: FindingStep): boolean => STORE.test(s.command ?? '') || setEnv.test(s.command ?? '');
  if (!steps.some(generic)) return undefined;
  const from = names.lastHealthy;
  const after = change.after ?? change.secretRef;
  const before = change.before && SECRET_NAME.test(change.before) ? change.before : undefined;
  const now = after ? ` secret ${after}` : ' another secret';
  const made: FindingStep[] = [];
  if (from && !before) {
    made.push(make({
      text: `The change pointed ${v} at${now}; see which secret healthy revision ${from} read for it.`,
      command: `az containerapp revision show -n {app} -g {resourceGroup} --revision ${from} --query 'properties.template.containers[].env' -o json`,
    }));
  }
  const lead = steps.some((s) => /^Roll back/.test(s.text)) ? 'Or, keeping the new revision, point' : 'Point';
  made.push(make({
    text: before
      ? `${lead} ${v} back at secret ${before}, which it read before the change moved it to${now}; leave ${before}'s value as it is (secrets are app-wide, and it still holds what worked). This creates a new revision.`
      : `${lead} ${v} back at that secret (replace <healthy-secret>); leave its value as it is (secrets are app-wide, and it still holds what worked). This creates a new revision.`,
    command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${v}=secretref:${before ?? '<healthy-secret>'}`,
  }));
  const at = steps.findIndex(generic);
  const rest = steps.filter((s) => !generic(s));
  rest.splice(Math.min(at, rest.length), 0, ...made);
  return rest;
}

/** The secret name Container Apps accepts for a variable (same rule as attachCommands' secretNameFor). */
function secretName(envVar: string): string {
  return envVar.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '').slice(0, 253);
}

/**
 * A validation error that lists several required settings: every one is set, in one secret command and
 * one update, not only the first. pydantic-settings reads a field from the variable of the same name
 * (case-insensitively); a nested settings model reads its fields from `<FIELD>__<SUBFIELD>`.
 */
export function severalSettingsSteps(f: Finding, steps: FindingStep[], fields: readonly string[], make: Make): FindingStep[] {
  if (f.benign || f.category !== 'missing-configuration' || fields.length < 2) return steps;
  const vars = fields.map((x) => (/^[A-Za-z_][A-Za-z0-9_]{0,60}$/.test(x) ? x.toUpperCase() : undefined)).filter((x): x is string => !!x);
  if (vars.length < 2) return steps;
  const first = vars[0]!;
  const setEnv = SET_ENV(first);
  const mine = (s: FindingStep): boolean => (STORE.test(s.command ?? '') && (s.command ?? '').includes(`--secrets ${secretName(first)}=`)) || setEnv.test(s.command ?? '');
  const at = steps.findIndex(mine);
  if (at < 0) return steps;
  const nested = fields.filter((x) => /^[a-z][a-z0-9]{1,30}$/.test(x));
  const made: FindingStep[] = [
    {
      text: `The settings lack ${vars.length} required values: ${vars.join(', ')}. Store each as an app secret (replace each <value>; a value that is not sensitive can be set directly instead).`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${vars.map((v) => `${secretName(v)}=<value>`).join(' ')}`,
    },
    {
      text: `Set ${vars.slice(0, -1).join(', ')} and ${vars[vars.length - 1]} on the container from those secrets; this creates a new revision.${
        nested.length > 0
          ? ` If ${nested.join(' or ')} is a nested settings model, set its fields instead as ${nested.map((n) => `${n.toUpperCase()}__<FIELD>`).join(', ')} (pydantic-settings with env_nested_delimiter='__'), or the whole model as JSON in ${nested.map((n) => n.toUpperCase()).join(', ')}.`
          : ''
      }`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${vars.map((v) => `${v}=secretref:${secretName(v)}`).join(' ')}`,
    },
  ];
  const rest = steps.filter((s) => !mine(s));
  return [...rest.slice(0, at), ...made.map(make), ...rest.slice(at)];
}

/** Credentials the rows name by their service, and what to say about each. */
const CREDENTIALS: readonly { re: RegExp; what: string; note?: string }[] = [
  { re: /Incorrect API key provided|invalid_api_key|api\.openai\.com|platform\.openai\.com/i, what: 'the OpenAI API key', note: 'Create a new key in the OpenAI dashboard if this one was revoked.' },
  { re: /Invalid API key|invalid.{0,10}api.?key|401.{0,40}api.?key/i, what: 'the API key' },
  {
    re: /\b535[ -]5\.7\.(?:3|8|139)\b|smtp\.office365\.com/i,
    what: 'the SMTP login (mailbox user and password)',
    note: 'Office 365 also refuses it when SMTP AUTH is disabled for the mailbox or the tenant, and needs an app password when the mailbox has MFA.',
  },
  { re: /\b535\b.{0,40}(?:auth|login|credentials)|smtp/i, what: 'the SMTP login (user and password)' },
];

const GENERIC_CREDENTIAL = /^Check the credential the app uses \(the secret value or connection string\)/;

/** The category's password step, which lists the secrets but gives no command to set the one that is stale. */
const PASSWORD_CHECK = /^Check the password the app sends for /;

/** The variables a client of each dependency usually reads its password from (driver and image conventions). */
const PASSWORD_VARS: readonly { re: RegExp; vars: string }[] = [
  { re: /postgres|psycopg|\bpq: |Npgsql|\bpg\b|password authentication failed for user/i, vars: 'POSTGRES_PASSWORD, PGPASSWORD or the password inside DATABASE_URL' },
  { re: /mysql|mariadb|Access denied for user/i, vars: 'MYSQL_PASSWORD, DB_PASSWORD or the password inside DATABASE_URL' },
  { re: /Login failed for user|SqlClient|mssql|sqlserver/i, vars: 'the password inside the SQL connection string (ConnectionStrings__*, SQL_PASSWORD)' },
  { re: /amqp|rabbitmq|ACCESS_REFUSED/i, vars: 'the broker URL (amqp://user:password@host, e.g. CELERY_BROKER_URL, AMQP_URL, RABBITMQ_URL)' },
  { re: /redis|WRONGPASS|NOAUTH/i, vars: 'REDIS_PASSWORD or the key inside the Redis connection string' },
  { re: /mongo/i, vars: 'the password inside MONGODB_URI' },
];

/** The category's broker-login step, which names no secret and gives no command. */
const BROKER_CHECK = /^Check the broker user and password the app is given/;

/**
 * A broker that refused the login (AMQP ACCESS_REFUSED): the broker URL's secret gets the current user and
 * password (named when the configuration says which variable reads it), and the revision restarts to read it.
 */
function brokerSteps(s: FindingStep, names: Record<string, string>, make: Make): FindingStep[] {
  const secret = names.secret;
  const reader = names.secretVar ?? names.envVar;
  const set: FindingStep[] = secret
    ? [make({
      text: `Put the broker URL with the current user and password (amqp://<user>:<password>@<host>:5672/<vhost>) in secret ${secret}${reader ? ` (read by ${reader})` : ''}; replace <value>.`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=<value>`,
    })]
    : [
      make({ text: 'Find the secret the broker URL variable reads (CELERY_BROKER_URL, AMQP_URL, RABBITMQ_URL or similar; its env entry has secretref:<secret-name>).', command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table' }),
      make({ text: 'Put the broker URL with the current user and password (amqp://<user>:<password>@<host>:5672/<vhost>) in that secret (replace <secret-name> and <value>).', command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets <secret-name>=<value>' }),
    ];
  return [s, ...set, make({ text: 'Restart the revision so the app reads the new value.', command: RESTART_REVISION })];
}

/**
 * After "check the password" and the secret list: the command that puts the current password in the
 * secret the variable reads (the secret named when the configuration says which), and which variable that
 * usually is for the dependency the rows show.
 */
function passwordSetStep(names: Record<string, string>, rows: string, make: Make): FindingStep {
  // A connection string (a DSN, a datasource, a URL) carries the password inside it: the whole string is the value.
  if (names.secret && names.secretVar && !isCredentialName(names.secretVar) && mayHoldCredential(names.secretVar)) {
    return make({
      text: `Put the connection string with the current password in secret ${names.secret} (read by ${names.secretVar}); the password in it must be the one the database has for ${names.user ?? 'the user'} (replace <value>); restart the revision after.`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${names.secret}=<value>`,
    });
  }
  if (names.secret) {
    return make({
      text: `Put the current password in secret ${names.secret}${names.secretVar ? ` (read by ${names.secretVar})` : ''}, the same value the database has for ${names.user ?? 'the user'} (replace <value>); restart the revision after.`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${names.secret}=<value>`,
    });
  }
  const vars = PASSWORD_VARS.find((p) => p.re.test(rows))?.vars;
  return make({
    text: `Put the current password in the secret the password variable reads${vars ? ` (usually ${vars})` : ''}: its env entry has secretref:<secret-name>. Replace <secret-name> and <value>; the value must match what the server has for ${names.user ?? 'the user'}.`,
    command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets <secret-name>=<value>',
  });
}

/**
 * A refused credential with no secret named: the step says which credential the rows show and gives the
 * command that sets it (the list shows the secret names when the configuration did not say which).
 * With the secret and the variable known, the step names both.
 */
export function credentialSteps(f: Finding, steps: FindingStep[], names: Record<string, string>, rows: string, make: Make): FindingStep[] {
  if (f.benign || f.category !== 'authentication-failure') return steps;
  const kind = CREDENTIALS.find((c) => c.re.test(rows));
  const out: FindingStep[] = [];
  for (const s of steps) {
    if (GENERIC_CREDENTIAL.test(s.text) && !names.secret) {
      const what = kind?.what ?? 'the credential';
      out.push({
        text: `${what.charAt(0).toUpperCase()}${what.slice(1)} was refused: find the app secret that holds it (the list shows the secret names; the variable that reads it has secretref:<secret-name>).${kind?.note ? ` ${kind.note}` : ''}`,
        command: s.command,
      });
      out.push(make({ text: `Put the current value in that secret (replace <secret-name> and <value>).`, command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets <secret-name>=<value>' }));
      continue;
    }
    if (BROKER_CHECK.test(s.text) && !s.command && !steps.some((x) => /secret (?:set|list) /.test(x.command ?? ''))) {
      out.push(...brokerSteps(s, names, make));
      continue;
    }
    if (PASSWORD_CHECK.test(s.text) && /secret list/.test(s.command ?? '') && !steps.some((x) => /secret set /.test(x.command ?? ''))) {
      out.push(s, passwordSetStep(names, rows, make));
      continue;
    }
    if (names.secret && names.secretVar && /^Check the credential in secret /.test(s.text)) {
      out.push({ ...s, text: s.text.replace(/^Check the credential in secret (\S+)/, `Check the credential in secret $1 (read by ${names.secretVar})`) });
      continue;
    }
    if (names.secret && names.secretVar && /\(NOAUTH\)/.test(s.text)) {
      out.push({
        text: `The server requires a password and the app sent none (NOAUTH), although ${names.secretVar} reads secret ${names.secret}: pass ${names.secretVar} to the client the app builds (its password option, or the URL form redis://:<password>@host:port, rediss:// on port 6380 for Azure Cache for Redis).`,
      });
      out.push(make({
        text: `Check that ${names.secret} holds the current access key; set it if it was rotated (replace <value>).`,
        command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${names.secret}=<value>`,
      }));
      continue;
    }
    out.push(s);
  }
  return out;
}

/** A name whose value is a credential, or an address that usually carries one (a database or broker URL). */
const CARRIES_LOGIN = /DATABASE|(?:^|_)DB(?:_|$)|POSTGRES|(?:^|_)PG|MYSQL|MARIADB|MONGO|REDIS|AMQP|RABBIT|BROKER|SQL|JDBC|SMTP|KAFKA|SERVICE_?BUS/i;
/** The last word of a plain setting's name: a port, a host, a profile, a level. */
// A schedule, a switch, a count or a locale is a plain setting too (a cron expression kept in a secret
// only hides it from the next reader).
const PLAIN_END = /(?:^|_)(?:PORTS?|HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ADDR|ADDRESS|ENDPOINT|URLS|PROFILE|PROFILES|PROFILES_ACTIVE|ACTIVE|REGION|ENV|ENVIRONMENT|MODE|LEVEL|PATH|DIR|TIMEOUT|WORKERS|THREADS|SIZE|NAME|CRON|SCHEDULE|INTERVAL|TZ|TIMEZONE|LOCALE|LANG|LANGUAGE|ENABLED|DISABLED|DEBUG|VERBOSE|COUNT|LIMIT|RETRIES|CONCURRENCY|TTL|FORMAT)$/i;
/** A feature switch: `ENABLE_SIGNUP`, `FEATURE_X`, `DISABLE_TELEMETRY`. */
const SWITCH_START = /^(?:ENABLE|DISABLE|FEATURE|FF)_/i;

/**
 * A plain value (a port, a host name, a URL without a login, a profile name) is set on the container as it
 * is; only a credential goes through a secret. A URL is plain unless its service usually carries a login.
 */
export function isPlainSetting(envVar: string): boolean {
  if (isCredentialName(envVar)) return false;
  if (SWITCH_START.test(envVar)) return true;
  if (PLAIN_END.test(envVar) && !/(?:^|_)(?:URL|URI)$/i.test(envVar)) return !/CONNECTIONSTRINGS/i.test(envVar);
  return /(?:^|_)(?:URL|URI)$/i.test(envVar) && !CARRIES_LOGIN.test(envVar);
}

/** `--set-env-vars NAME=secretref:secret` in a step's command: the variable and the secret. */
const POINT = /--set-env-vars ([A-Za-z_][\w.]{0,100})=secretref:([a-z0-9][a-z0-9.-]{0,252})/;

/**
 * "Store the value as a new secret, then point the variable at it" for a plain value becomes one
 * `--set-env-vars NAME=<value>` step. A variable that reads a secret now, or a secret the app already has,
 * stays as it is (the configuration chose the secret).
 */
export function plainValueSteps(f: Finding, steps: FindingStep[], envVar: string | undefined, config: AppConfig | undefined): FindingStep[] {
  if (f.benign) return steps;
  const secrets = new Set((Array.isArray(config?.secrets) ? config.secrets : []).map((s) => s?.name));
  const env = [...(Array.isArray(config?.containers) ? config.containers : [])].flatMap((c) => (Array.isArray(c?.env) ? c.env : []));
  // "If it comes from a secret" is padding for a plain variable that the configuration sets as a value.
  const literal = !!config && !!envVar && isPlainSetting(envVar) && env.some((e) => e?.name === envVar && !e.secretRef);
  const out: FindingStep[] = [];
  for (const s of steps.filter((x) => !(literal && /^If it comes from a secret, check the secret's value/.test(x.text)))) {
    const m = POINT.exec(s.command ?? '');
    const v = m?.[1];
    const secret = m?.[2];
    if (!v || !secret || !isPlainSetting(v) || secrets.has(secret) || env.some((e) => e?.name === v && e.secretRef)) {
      out.push(s);
      continue;
    }
    // The "store it as a secret" step before it goes: the value is set directly.
    const stored = out.findIndex((x) => new RegExp(`--secrets ${secret.replace(/[.]/g, '\\.')}=<value>(?:\\s|$)`).test(x.command ?? ''));
    // A note put before either step (which variable a framework reads) stays.
    const note = (t: string, word: string): string => (t.indexOf(word) > 0 ? t.slice(0, t.indexOf(word)) : '');
    const lead = (stored >= 0 ? note(out[stored]!.text, 'Store the value of ') : '') || note(s.text, `Set ${v} `);
    if (stored >= 0) out.splice(stored, 1);
    const job = /^az containerapp job /.test(s.command ?? '');
    out.push({
      text: `${lead}Set ${v} to its right value on the container (a plain setting, not a credential: no secret needed; replace <value>${/(?:^|_)(?:CRON|SCHEDULE)$/i.test(v) ? ', a cron expression in quotes, since its fields are separated by spaces' : ''}); ${job ? 'the next execution of the job uses it' : 'this creates a new revision'}.`,
      command: s.command!.replace(`${v}=secretref:${secret}`, `${v}=<value>`),
    });
  }
  return out;
}
