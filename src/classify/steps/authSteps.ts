/**
 * Authentication and credential steps for the cause the rows name, instead of the category's "find the
 * secret, put the current value in it" template: a legacy managed-identity client the platform refuses, SMTP
 * basic authentication turned off, a certificate secret without PEM data, the Event Hubs Kafka login, an API
 * key no variable passes, an Entra ID (AADSTS) code read by its meaning. Each reading is keyed on the words
 * of a kind of error, never on one incident. Commands stay templates; `make` fills them (and words them for a job).
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { existingSecretFor } from './secretNames';
import { RESTART_REVISION } from '../rules/commandTemplates';
import { list } from './list';
import { envRefs, oneSecretReader, type EnvRef } from './envRefs';
import { missingRightSteps, movedEndpointSteps, noCredentialSteps } from './authCauses';

/** Fills a new step's command template with the target's names (and words it for a job). */
export type Make = (step: FindingStep) => FindingStep;

export interface AuthInput {
  f: Finding;
  steps: FindingStep[];
  names: Record<string, string>;
  rows: string;
  config: AppConfig | undefined;
  make: Make;
}

/** Every variable the app's containers set, init containers included. */
const envOf = (config: AppConfig | undefined): EnvRef[] => envRefs(config, { withInit: true });

/** The one variable whose name matches and that reads a secret; none when two could. */
const secretReader = (config: AppConfig | undefined, re: RegExp): EnvRef | undefined => oneSecretReader(config, (name) => re.test(name), { withInit: true });

const RESTART: FindingStep = { text: 'Restart the revision so the app reads the new value.', command: RESTART_REVISION };
const DEPLOY: FindingStep = {
  text: 'Deploy the rebuilt image (replace <new-image>); this creates a new revision.',
  command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --image <new-image>',
};

/** A secret named by the configuration, else the list of secret names and a set with a blank name. */
function setSecret(make: Make, reader: EnvRef | undefined, what: string): FindingStep[] {
  if (reader?.secretRef) {
    return [make({ text: `Put ${what} in secret ${reader.secretRef} (read by ${reader.name}; replace <value>).`, command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${reader.secretRef}=<value>` })];
  }
  return [
    make({ text: `Find the app secret the variable for it reads (its env entry has secretref:<secret-name>).`, command: 'az containerapp secret list -n {app} -g {resourceGroup} -o table' }),
    make({ text: `Put ${what} in that secret (replace <secret-name> and <value>).`, command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets <secret-name>=<value>' }),
  ];
}

// --- Legacy managed-identity clients -----------------------------------------------------------------

/** msrestazure, an old Azure CLI or SDK that reads MSI_ENDPOINT and speaks the 2017 protocol. */
const LEGACY_MSI = /msrestazure|MSI_ENDPOINT|MSIAuthentication|Failed to connect to MSI|MSI: (?:Retrieving|Failed to retrieve) a token|api-version=2017-09-01/i;
const REFUSED_METHOD = /\b40[05]\b|Method Not Allowed/i;

/** The endpoint understood the request and found no such identity: the identity, not the protocol, is wrong. */
const IDENTITY_UNKNOWN = /Unable to load (?:the )?requested managed identity|Identity not found/i;

function legacyMsi(a: AuthInput): FindingStep[] | undefined {
  if (!LEGACY_MSI.test(a.rows) || !REFUSED_METHOD.test(a.rows) || IDENTITY_UNKNOWN.test(a.rows)) return undefined;
  const client = /msrestazure/i.test(a.rows) ? "msrestazure's MSIAuthentication" : 'an old Azure SDK or Azure CLI';
  return [
    {
      text: `The app asks for its token with the legacy MSI protocol (${client}, which reads MSI_ENDPOINT and sends the 2017-09-01 request), and the Container Apps identity endpoint refuses that request (405/400). No secret or role is wrong: move the code to azure-identity (ManagedIdentityCredential or DefaultAzureCredential, which use IDENTITY_ENDPOINT and IDENTITY_HEADER), or upgrade the SDK or CLI that makes the call, then rebuild the image.`,
    },
    a.make(DEPLOY),
    a.make({
      text: 'Check that the identity the new client uses is assigned to the app (a user-assigned one also needs AZURE_CLIENT_ID) and holds the role the call needs.',
      command: 'az containerapp identity show -n {app} -g {resourceGroup}',
    }),
  ];
}

// --- SMTP basic authentication turned off -------------------------------------------------------------

const SMTP_BASIC_OFF = /basic authentication is disabled|SmtpClientAuthentication is disabled|SMTP ?AUTH(?:entication)? is disabled|5\.7\.139 Authentication unsuccessful, the request did not meet the criteria/i;

function smtpBasicOff(a: AuthInput): FindingStep[] | undefined {
  if (!SMTP_BASIC_OFF.test(a.rows)) return undefined;
  const code = /\b535[ -](5\.7\.\d{1,3})\b/.exec(a.rows)?.[1];
  const mail = secretReader(a.config, /SMTP|MAIL/i);
  return [
    {
      text: `The mail server refused SMTP basic authentication itself${code ? ` (${code})` : ''}: SMTP AUTH is turned off (or blocked by security defaults or Conditional Access) for this mailbox or the tenant, so a rotated password is refused the same way. Move the sender to OAuth 2.0 (SMTP with XOAUTH2 for an Entra app registration, or Microsoft Graph sendMail), or send through a relay such as Azure Communication Services Email; only where the tenant still allows basic SMTP AUTH, an Exchange admin can turn it on for this one mailbox (Set-CASMailbox <mailbox> -SmtpClientAuthenticationDisabled $false).`,
    },
    a.make({ text: `After the change (the new sender's credential in ${mail?.secretRef ? `secret ${mail.secretRef}` : 'an app secret'}), restart the revision so the app reads it.`, command: RESTART.command }),
  ];
}

// --- A certificate or key secret without PEM data -----------------------------------------------------

const NO_PEM = /failed to find any PEM data in (?<which>certificate|key) input|failed to find (?:any )?PEM data|no PEM data found|PEM routines.{0,80}no start line|no valid PEM/i;

/** The secret that holds the certificate (or the key), among the app's secrets, when only one fits. */
function pemSecret(config: AppConfig | undefined, key: boolean): string | undefined {
  const names = list(config?.secrets).map((s) => s?.name).filter((n): n is string => typeof n === 'string');
  const fits = names.filter((n) => (key ? /key/i.test(n) && /tls|ssl|cert|priv|pem/i.test(n) : /crt|cert|pem|chain|tls|ssl/i.test(n) && !/key|pass/i.test(n)));
  return fits.length === 1 ? fits[0] : undefined;
}

/** Where a secret volume is mounted: each secret is a file there, named after the secret. */
function secretMount(config: AppConfig | undefined): string | undefined {
  const volumes = new Set(list(config?.volumes).filter((v) => /secret/i.test(v?.storageType ?? '')).map((v) => v?.name));
  const mounts = list(config?.containers).flatMap((c) => list(c?.volumeMounts)).filter((m) => volumes.has(m?.volumeName));
  return mounts.length === 1 ? mounts[0]!.mountPath : undefined;
}

function noPem(a: AuthInput): FindingStep[] | undefined {
  const m = NO_PEM.exec(a.rows);
  if (!m) return undefined;
  const key = m.groups?.which === 'key';
  const what = key ? 'private key' : 'certificate';
  const secret = pemSecret(a.config, key);
  const mount = secretMount(a.config);
  const where = mount ? ` from the secret volume at ${mount} (each secret is a file there named after it${secret ? `: ${mount.replace(/\/$/, '')}/${secret}` : ''})` : '';
  const begin = key ? '-----BEGIN PRIVATE KEY-----' : '-----BEGIN CERTIFICATE-----';
  const name = secret ?? '<secret-name>';
  return [
    a.make({
      text: `The ${what} the app loads${where} holds no PEM data: the secret${secret ? ` ${secret}` : ''} has the wrong content (empty, base64 of the PEM, a PFX or DER file). Set it to the PEM text itself, from the ${begin} line to its END line (a PFX converts with \`openssl pkcs12 -in cert.pfx -out cert.pem -nodes\`); in bash, \`--secrets ${name}="$(cat ${key ? 'tls.key' : 'tls.crt'})"\` passes the file (replace <pem-text> that way).`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${name}=<pem-text>`,
    }),
    a.make({ text: 'A secret volume is read when the replica starts: restart the revision after the change.', command: RESTART.command }),
  ];
}

// --- Event Hubs through its Kafka endpoint ------------------------------------------------------------

const EH_KAFKA = /([a-z0-9][a-z0-9-]{4,49})\.servicebus\.windows\.net:9093/i;
const SASL_REFUSED = /Authentication failure|SaslAuthenticationException|SASL authentication|Invalid username or password|invalid credentials|authentication failed/i;

function eventHubsKafka(a: AuthInput): FindingStep[] | undefined {
  const m = EH_KAFKA.exec(a.rows);
  if (!m || !SASL_REFUSED.test(a.rows)) return undefined;
  const reader = secretReader(a.config, /EH_|EVENTHUB|EVENT_HUB|KAFKA|SASL|JAAS/i);
  return [
    {
      text: `Event Hubs' Kafka endpoint (${m[1]}.servicebus.windows.net:9093) takes SASL PLAIN over TLS with a fixed user name: security.protocol=SASL_SSL, sasl.mechanism=PLAIN, user name $ConnectionString (that literal text) and, as the password, a full connection string of the namespace (Endpoint=sb://${m[1]}.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...). Check the client gets exactly these (librdkafka sasl.username/sasl.password; Java sasl.jaas.config with PlainLoginModule).`,
    },
    ...setSecret(a.make, reader, 'the whole connection string of a shared access policy on the namespace'),
    a.make(RESTART),
  ];
}

// --- An API key no variable passes --------------------------------------------------------------------

/** A key the app made up because none was given: a placeholder, not a revoked key. */
const PLACEHOLDER_KEY = /Incorrect API key provided: '?(?<placeholder>no-?token|none|null|undefined|empty|dummy|changeme|placeholder|your[-_ ]?(?:api[-_ ]?)?key(?:[-_ ]?here)?|sk-x{3,}|x{4,})\b/i;

/** The variable each provider's clients read their key from. */
const KEY_VARS: readonly [RegExp, string][] = [
  [/openai\.azure\.com|AzureOpenAI/i, 'AZURE_OPENAI_API_KEY'],
  [/openai/i, 'OPENAI_API_KEY'],
  [/anthropic/i, 'ANTHROPIC_API_KEY'],
];

function placeholderKey(a: AuthInput): FindingStep[] | undefined {
  const m = PLACEHOLDER_KEY.exec(a.rows);
  const envVar = KEY_VARS.find(([re]) => re.test(a.rows))?.[1];
  if (!m || !envVar) return undefined;
  const set = envOf(a.config).find((e) => e.name === envVar);
  const placeholder = m.groups?.placeholder ?? 'a placeholder';
  if (set?.secretRef) {
    return [
      a.make({ text: `The app sent the placeholder '${placeholder}' as its key although ${envVar} reads secret ${set.secretRef}: that secret holds the placeholder. Put the real key in it (replace <value>).`, command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${set.secretRef}=<value>` }),
      a.make(RESTART),
    ];
  }
  if (set) return undefined;
  const existing = existingSecretFor(envVar, a.config);
  const secret = existing?.secret ?? envVar.toLowerCase().replace(/_/g, '-');
  const steps: FindingStep[] = [];
  if (!existing) steps.push(a.make({ text: `Store the key as app secret ${secret} (replace <value>).`, command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${secret}=<value>` }));
  steps.push(
    a.make({
      text: `No variable passes the key: the app sent its placeholder '${placeholder}', so no key was rotated or revoked. Set ${envVar} from ${existing ? `secret ${secret}, which the app already has and no variable reads` : `secret ${secret}`}; this creates a new revision.`,
      command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${envVar}=secretref:${secret}`,
    }),
  );
  return steps;
}

// --- Entra ID (AADSTS) codes by their meaning ---------------------------------------------------------

const ENTRA_ERRORS = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';
const CLIENT_SECRET_VAR = /CLIENT_?SECRET/i;
const CLIENT_ID_VAR = /CLIENT_?ID/i;

interface EntraContext {
  a: AuthInput;
  code: string;
  appId?: string;
  secret?: EnvRef;
  clientIdVar?: string;
  tenantVar?: string;
}

const ENV_SHOW = "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env' -o json";

function newClientSecret(c: EntraContext, why: string): FindingStep[] {
  const id = c.appId ?? `<app-id>`;
  const idNote = c.appId ? '' : ` (replace <app-id> with the application (client) id${c.clientIdVar ? `, the value of ${c.clientIdVar}` : ''})`;
  return [
    c.a.make({
      text: `${why} Create a new client secret for the app registration${c.appId ? ` ${c.appId}` : ''}${idNote}; --append keeps its other credentials, and the command prints the new value.`,
      command: `az ad app credential reset --id ${id} --append --years 1 --query password -o tsv`,
    }),
    ...setSecret(c.a.make, c.secret, 'the new client secret value'),
    c.a.make(RESTART),
    { text: 'A managed identity (ManagedIdentityCredential or DefaultAzureCredential, with the same role) has no secret to expire: prefer it over a client secret.' },
  ];
}

/** The subject and issuer of the presented token, as Entra ID and the GitHub/Kubernetes token logs word them. */
const ASSERTION_SUBJECT = /(?:assertion subject|subject)[ :-]{1,3}'([^'\s]{1,200})'/i;
const ASSERTION_ISSUER = /issuer[ :-]{1,4}'?(https:\/\/[\w.-]{1,100}(?:\/[\w.-]{0,100}){0,4})'?/i;

/**
 * No federated credential matches the token (AADSTS70021/700213): the credential on the app registration
 * gets the subject (and issuer) the token carries, matched case-sensitively; the list shows what is there.
 */
function federatedSubject(c: EntraContext): FindingStep[] {
  const subject = ASSERTION_SUBJECT.exec(c.a.rows)?.[1];
  const issuer = ASSERTION_ISSUER.exec(c.a.rows)?.[1] ?? (/githubusercontent/i.test(c.a.rows) ? 'https://token.actions.githubusercontent.com' : undefined);
  const id = c.appId ?? '<app-id>';
  const idNote = c.appId ? '' : ' (replace <app-id> with the application (client) id the app signs in as)';
  const quoted = subject ? `'${subject}'` : 'the subject the token carries';
  const parameters = JSON.stringify({ name: '<credential-name>', issuer: issuer ?? '<issuer>', subject: subject ?? '<subject>', audiences: ['api://AzureADTokenExchange'] });
  return [
    c.a.make({
      text: `No federated identity credential on the app registration matches the token the app presents (AADSTS${c.code}): the token's subject is ${quoted}${issuer ? ` from issuer ${issuer}` : ''}. List the registration's federated credentials${idNote} and compare subject, issuer and audience (matching is case-sensitive).`,
      command: `az ad app federated-credential list --id ${id} -o table`,
    }),
    c.a.make({
      text: `Add a federated credential with exactly that subject (or fix the one that differs with \`az ad app federated-credential update --federated-credential-id <id>\`); replace <credential-name>${subject ? '' : ', <subject>'}${issuer ? '' : ', <issuer>'}.`,
      command: `az ad app federated-credential create --id ${id} --parameters '${parameters}'`,
    }),
  ];
}

function checkIds(c: EntraContext, text: string): FindingStep[] {
  return [c.a.make({ text, command: ENV_SHOW })];
}

/** Each code the way the Entra ID error reference words it, and what to do about it. */
const ENTRA_CODES: Readonly<Record<string, (c: EntraContext) => FindingStep[]>> = {
  '7000222': (c) => newClientSecret(c, 'The client secret the app signs in with has expired (AADSTS7000222).'),
  '7000215': (c) => [
    ...setSecret(c.a.make, c.secret, "the client secret's Value (AADSTS7000215 means the app sent an invalid secret: often the secret's ID was stored instead of its Value, or a secret of another app registration)"),
    c.a.make(RESTART),
    // An expired or deleted secret is refused with the same code: its value cannot be read back, only replaced.
    ...newClientSecret(c, 'If the Value is lost or the secret expired or was deleted (the registration\'s Certificates & secrets page shows it), it cannot be read back:')
      .slice(0, 1)
      .map((s) => ({ ...s, text: `${s.text} Put that value in the secret as above and restart.` })),
  ],
  '7000218': (c) => [
    {
      text: `The app sent no client secret or certificate at all (AADSTS7000218): ${c.secret ? `${c.secret.name} reads secret ${c.secret.secretRef}; check that it is not empty` : 'the variable the credential reads it from (AZURE_CLIENT_SECRET for EnvironmentCredential) is not set'}, or use the app's managed identity instead.`,
    },
    ...(c.secret ? [] : checkIds(c, 'See the variables the app sets.')),
  ],
  '700016': (c) =>
    checkIds(c, `No application with the client id the app sends exists in the tenant it signs in to (AADSTS700016): ${c.clientIdVar ?? 'the client id setting'} holds a wrong id, or ${c.tenantVar ?? 'the tenant setting'} names another tenant (or the registration was deleted). Compare both with the registration's Application (client) ID and Directory (tenant) ID.`),
  '90002': (c) => checkIds(c, `The tenant the app signs in to does not exist (AADSTS90002): correct ${c.tenantVar ?? 'the tenant id setting'} to the Directory (tenant) ID.`),
  '900023': (c) => checkIds(c, `The tenant id the app sends is not a valid tenant (AADSTS900023): correct ${c.tenantVar ?? 'the tenant id setting'} to the Directory (tenant) ID.`),
  '50034': (c) => [
    { text: 'The user account the app signs in with does not exist in that tenant (AADSTS50034): the user name is wrong or belongs to another tenant. A service should not sign in as a user: use its managed identity or a service principal.' },
    ...checkIds(c, 'See the user name and tenant settings the app passes.'),
  ],
  '50126': (c) => [
    ...setSecret(c.a.make, secretReader(c.a.config, /PASSWORD|PASS$|PWD/i), "the user's current password (AADSTS50126: invalid user name or password)"),
    c.a.make(RESTART),
    { text: 'A service signing in as a user breaks on every password change or MFA rule: move it to a managed identity or a service principal.' },
  ],
  '50076': () => [{ text: 'The user account the app signs in with requires MFA (AADSTS50076), which a service cannot answer: sign in with the app\'s managed identity or a service principal instead of a user.' }],
  '50079': () => [{ text: 'The user account the app signs in with must enroll in MFA (AADSTS50079), which a service cannot do: sign in with the app\'s managed identity or a service principal instead of a user.' }],
  '53003': () => [{ text: 'A Conditional Access policy blocked the sign-in (AADSTS53003): an Entra admin must exclude this identity or allow the app\'s location in the policy (the sign-in log names the policy), or the app must use a managed identity the policy does not cover.' }],
  '65001': () => [{ text: 'The app registration lacks consent for the API permission it asks for (AADSTS65001): an admin grants it (Entra ID > App registrations > API permissions > Grant admin consent).' }],
  '700027': () => [{ text: 'The certificate the app signs its client assertion with is not registered on the app registration (AADSTS700027): upload its public certificate there, or give the app the certificate that is.' }],
  '70021': federatedSubject,
  '700213': federatedSubject,
  '500011': () => [{ text: 'The resource the app asks a token for does not exist in the tenant (AADSTS500011): correct the scope or resource URI the app requests (for example https://vault.azure.net/.default).' }],
  '70011': () => [{ text: 'The scope the app asks for is not valid (AADSTS70011): a service signing in as itself asks for <resource>/.default (for example https://storage.azure.com/.default).' }],
  '7000112': () => [{ text: 'The app registration (or its service principal) is disabled in the tenant (AADSTS7000112): an Entra admin must enable it again.' }],
};

function entraCode(a: AuthInput): FindingStep[] | undefined {
  // Other rules name a service's own error code `code` too: only an AADSTS number is Entra ID's.
  const code = /AADSTS(\d{5,7})\b/.exec(`${a.rows}\n${a.f.title}`)?.[1] ?? (a.f.ruleId === 'console.azure.aadsts' && /^\d{5,7}$/.test(a.names.code ?? '') ? a.names.code : undefined);
  if (!code) return undefined;
  const env = envOf(a.config);
  const c: EntraContext = {
    a,
    code,
    appId: /(?:for app|added to app|application with identifier|app id|client id)[ :']{1,3}'?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(a.rows)?.[1],
    secret: secretReader(a.config, CLIENT_SECRET_VAR),
    clientIdVar: env.find((e) => CLIENT_ID_VAR.test(e.name))?.name,
    tenantVar: env.find((e) => /TENANT/i.test(e.name))?.name,
  };
  const known = ENTRA_CODES[code];
  if (known) return known(c);
  return [{ text: `Look AADSTS${code} up in the Entra ID error reference (${ENTRA_ERRORS}) and fix the credential or setting it names.` }, { text: 'Prefer a managed identity over client secrets stored in the app.' }];
}

// --- A Key Vault that uses access policies ------------------------------------------------------------

/**
 * "does not have secrets get permission on key vault 'kv;location=...'" is the access-policy model's
 * wording (an RBAC vault answers ForbiddenByRbac): a role assignment does nothing there, an access policy
 * for the object id in the error does. https://learn.microsoft.com/azure/key-vault/general/troubleshooting-access-issues
 */
const POLICY_DENIED = /does not have (secrets|keys|certificates) (\w{2,20}) permission on key vault '([\w-]{3,24});location=/i;
const CALLER_OID = /\boid=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

function vaultAccessPolicy(a: AuthInput): FindingStep[] | undefined {
  const m = POLICY_DENIED.exec(a.rows);
  if (!m) return undefined;
  const [, kind, permission, vault] = m as unknown as [string, string, string, string];
  const oid = CALLER_OID.exec(a.rows)?.[1];
  const flag = { secrets: '--secret-permissions', keys: '--key-permissions', certificates: '--certificate-permissions' }[kind.toLowerCase() as 'secrets' | 'keys' | 'certificates'];
  const perms = [...new Set(['get', 'list', permission.toLowerCase()])].join(' ');
  const roles = a.steps.filter(ROLE_STEP);
  const role = (roles.some((s) => s.command) ? roles.filter((s) => s.command) : roles.slice(0, 1)).map((s) => ({ ...s, text: `Only if enableRbacAuthorization is true: ${s.text.charAt(0).toLowerCase()}${s.text.slice(1)}` }));
  return [
    a.make({
      text: `The error's wording (no ${kind.toLowerCase()} ${permission} permission on key vault ${vault}) is the access-policy model's: ${vault} uses access policies, where a role assignment does not help. Check it (false or empty means access policies).`,
      command: `az keyvault show -n ${vault} --query properties.enableRbacAuthorization -o tsv`,
    }),
    a.make({
      text: `Give the caller${oid ? ` (object id ${oid}, from the error)` : " (the app's identity; replace <principal-id> with its principal id)"} an access policy with ${perms} on ${kind.toLowerCase()} of ${vault}.`,
      command: `az keyvault set-policy -n ${vault} --object-id ${oid ?? '<principal-id>'} ${flag} ${perms}`,
    }),
    a.make({ ...RESTART, text: 'Restart the revision once the policy is in place, so the app reads the vault again.' }),
    ...role,
  ];
}

// --- Readings, first that applies wins -----------------------------------------------------------------

interface Reading {
  id: string;
  /** Categories whose findings the reading may rewrite (a guess in the wrong category included). */
  categories: ReadonlySet<string>;
  steps: (a: AuthInput) => FindingStep[] | undefined;
}

const AUTH = new Set(['authentication-failure']);
const AUTH_OR_GUESS = new Set(['authentication-failure', 'dependency-unreachable', 'application-error', 'unknown']);
const CONFIG_OR_AUTH = new Set(['authentication-failure', 'missing-configuration', 'configuration-change', 'application-error', 'unknown', 'dependency-unreachable']);

const READINGS: readonly Reading[] = [
  { id: 'legacy-msi', categories: AUTH_OR_GUESS, steps: legacyMsi },
  { id: 'smtp-basic-off', categories: CONFIG_OR_AUTH, steps: smtpBasicOff },
  { id: 'no-pem', categories: CONFIG_OR_AUTH, steps: noPem },
  { id: 'event-hubs-kafka', categories: AUTH, steps: eventHubsKafka },
  { id: 'placeholder-key', categories: new Set(['authentication-failure', 'missing-configuration']), steps: placeholderKey },
  { id: 'entra-code', categories: AUTH, steps: entraCode },
  { id: 'vault-access-policy', categories: AUTH, steps: vaultAccessPolicy },
  // Sub-causes that are not a rotated key (authCauses.ts): a missing right, a moved account, no credential sent.
  { id: 'missing-right', categories: AUTH, steps: missingRightSteps },
  { id: 'moved-endpoint', categories: AUTH, steps: movedEndpointSteps },
  { id: 'no-credential', categories: AUTH, steps: noCredentialSteps },
];

/** The way back comes first and stays: the reading replaces only the steps about the cause. */
const ROLLBACK = /^Roll back/;

/**
 * The steps of the first reading whose evidence words the rows carry, in place of the template ones
 * (a rollback the finding got stays first); the steps unchanged when no reading applies.
 */
export function authReadingSteps(a: AuthInput): FindingStep[] {
  if (a.f.benign) return a.steps;
  for (const r of READINGS) {
    if (!r.categories.has(a.f.category)) continue;
    const made = r.steps(a);
    if (made && made.length > 0) return [...a.steps.filter((s) => ROLLBACK.test(s.text)), ...made];
  }
  return authModeSteps(a);
}

// --- A key-based app gets no role step, an identity-based one no key step -----------------------------

/** The variable words of each Azure service whose data plane takes a key or an identity. */
const SERVICE_VARS: readonly [RegExp, RegExp][] = [
  [/servicebus\.windows\.net|Service ?Bus|Event ?Hubs?/i, /SERVICE_?BUS|(?:^|_)SB_|(?:^|_)ASB_|EVENT_?HUB|(?:^|_)EH_/i],
  [/\.(?:blob|queue|table|file|dfs)\.core\.windows\.net|Azure Storage|Storage account/i, /STORAGE|BLOB|QUEUE/i],
  [/documents\.azure\.com|Cosmos/i, /COSMOS/i],
];
const KEY_WORDS = /CONNECTION|CONN(?:_|$)|CONNSTR|(?:^|_)KEY$|ACCESS_?KEY|ACCOUNT_?KEY|SAS(?:_|$)/i;
const KEY_ROWS = /SharedAccessSignature|SharedAccessKeyName|SharedAccessKey=|AccountKey=|\bSAS token\b/i;
const IDENTITY_ROWS = /ManagedIdentityCredential|DefaultAzureCredential|WorkloadIdentityCredential|ChainedTokenCredential/;

/** How the app signs in to the service the rows name: with a key (connection string, SAS) or its identity. */
function authMode(a: AuthInput): { mode: 'key'; reader?: EnvRef } | { mode: 'identity' } | undefined {
  const service = SERVICE_VARS.find(([rows]) => rows.test(a.rows) || rows.test(a.names.roleService ?? ''));
  if (!service) return undefined;
  const readers = envOf(a.config).filter((e) => e.secretRef && service[1].test(e.name) && KEY_WORDS.test(e.name));
  if (KEY_ROWS.test(a.rows) || readers.length > 0) return { mode: 'key', ...(readers.length === 1 ? { reader: readers[0] } : {}) };
  if (IDENTITY_ROWS.test(a.rows)) return { mode: 'identity' };
  // No key anywhere, and the app names the service by its address or selects an identity: it signs in as itself.
  const env = envOf(a.config);
  const byAddress = env.some((e) => service[1].test(e.name) && /NAMESPACE|FQDN|FULLY_QUALIFIED|ENDPOINT|HOST|URL|ACCOUNT_NAME/i.test(e.name));
  if (byAddress || env.some((e) => e.name === 'AZURE_CLIENT_ID')) return { mode: 'identity' };
  return undefined;
}

const ROLE_STEP = (s: FindingStep): boolean => /role assignment create|cosmosdb sql role assignment/.test(s.command ?? '') || /^(?:Grant|Give) the (?:app's )?(?:managed )?identity|^With managed identity/.test(s.text);
const KEY_STEP = (s: FindingStep): boolean => /^Or, with a connection string|^With a key or SAS|account key the app uses|\baccount's current key\b/.test(s.text) || /containerapp (?:job )?secret set/.test(s.command ?? '');

/**
 * A permission refused to an app that signs in with a connection string gets the key's steps (the right
 * policy, the secret that holds it; a role grant does nothing for a SAS key), and one that signs in with
 * its identity gets the role's (no key to rotate).
 */
function authModeSteps(a: AuthInput): FindingStep[] {
  if (a.f.category !== 'authentication-failure') return a.steps;
  const m = authMode(a);
  if (!m) return a.steps;
  if (m.mode === 'identity') return a.steps.some(ROLE_STEP) ? a.steps.filter((s) => !KEY_STEP(s)) : a.steps;
  if (!a.steps.some(ROLE_STEP)) return a.steps;
  const kept = a.steps.filter((s) => !ROLE_STEP(s) && !/^Or, with a connection string/.test(s.text));
  const claim = a.names.claim;
  const right = claim ? ` with the ${claim} right` : ' with the rights this operation needs';
  const previous = m.reader ? existingSecretFor(m.reader.name, a.config) : undefined;
  const made: FindingStep[] = [];
  if (m.reader && previous?.why === 'previous') {
    made.push(
      a.make({
        text: `The app signs in with a connection string, not its identity: ${m.reader.name} now reads secret ${m.reader.secretRef}, whose policy lacks the right${claim ? ` (${claim})` : ''}; the healthy revision read ${previous.secret}: point ${m.reader.name} back to it (a role for the identity would not help a key). This creates a new revision.`,
        command: `az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ${m.reader.name}=secretref:${previous.secret}`,
      }),
    );
  } else {
    made.push(
      ...setSecret(
        a.make,
        m.reader,
        `a connection string of a shared access policy${right} (the app signs in with a connection string, so a role for its identity would not help)`,
      ),
      a.make(RESTART),
    );
  }
  const at = kept.findIndex((s) => !ROLLBACK.test(s.text));
  const index = at < 0 ? kept.length : at;
  return [...kept.slice(0, index), ...made, ...kept.slice(index)];
}
