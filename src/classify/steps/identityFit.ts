/**
 * Identity commands fitted to the identity the configuration shows (v21 review class 3): a role grant that
 * reads `identity.principalId` is empty for an app with only a user-assigned identity; an app whose
 * identity is None needs `identity assign` before any grant; an app that pulls with a registry user name
 * and password is not helped by AcrPull. Each fixer reads the finished steps and the configuration only.
 */
import type { AppConfig, FindingStep } from '../../model';
import { containersOf } from '../stages/configChecks';
import { shellQuote } from './fillCommand';
import type { FixInput } from './fixCommands';

type Shape = 'user-only' | 'none' | 'other';

/** The identities the configuration gives the app; 'other' where it shows a system identity or says nothing. */
function identityShape(config: AppConfig | undefined): Shape {
  const type = config?.identity?.type;
  if (typeof type !== 'string') return 'other';
  if (/^none$/i.test(type.trim())) return 'none';
  if (/^userassigned$/i.test(type.trim())) return 'user-only';
  return 'other';
}

/** The one user-assigned identity's resource id, when the configuration lists exactly one. */
function onlyUserIdentity(config: AppConfig | undefined): string | undefined {
  const ids = Array.isArray(config?.identity?.userAssigned) ? config.identity.userAssigned.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
  return ids.length === 1 ? ids[0] : undefined;
}

/** The system identity's principal id read at paste time (attachCommands' {principalId}). */
const SYSTEM_READ = /\$\(az containerapp (?:job )?show -n \S+ -g \S+ --query identity\.principalId -o tsv(?: --subscription \S+)?\)/g;
const SYSTEM_SHOWN = / ?\(system-assigned identity shown; use the user-assigned one's principal id if the app (?:uses|pulls with) that\)/g;

/** The user-assigned identity's property read at paste time: by its resource id, else from the app. */
function userIdentityRead(input: FixInput, property: 'principalId' | 'clientId'): string {
  const id = onlyUserIdentity(input.config);
  if (id) return `$(az identity show --ids ${shellQuote(id)} --query ${property} -o tsv)`;
  const { target } = input;
  const show = target.job ? 'containerapp job show' : 'containerapp show';
  const sub = target.subscription ? ` --subscription ${shellQuote(target.subscription)}` : '';
  return `$(az ${show} -n ${shellQuote(target.app ?? '<app>')} -g ${shellQuote(target.resourceGroup ?? '<resource-group>')} --query 'identity.userAssignedIdentities.*.${property}|[0]' -o tsv${sub})`;
}

/**
 * Only a user-assigned identity: the grant reads that identity's principal id, the text stops calling the
 * system identity the one shown, and AZURE_CLIENT_ID, which a step names but no step sets, gets its command.
 */
function userAssignedOnly(input: FixInput): FindingStep[] {
  if (identityShape(input.config) !== 'user-only') return input.steps;
  const steps = input.steps.map((s) => {
    const command = s.command?.replace(SYSTEM_READ, () => userIdentityRead(input, 'principalId'));
    const text = s.text.replace(SYSTEM_SHOWN, " (the app's user-assigned identity: it has no system-assigned one)");
    return command === s.command && text === s.text ? s : { ...s, text, ...(command ? { command } : {}) };
  });
  return withClientId(input, steps);
}

/** AZURE_CLIENT_ID named by a step, set by none, absent from the app: its update, after that step. */
function withClientId(input: FixInput, steps: FindingStep[]): FindingStep[] {
  const at = steps.findIndex((s) => /\bAZURE_CLIENT_ID\b/.test(s.text));
  if (at < 0 || steps.some((s) => /\bAZURE_CLIENT_ID=/.test(s.command ?? ''))) return steps;
  if (containersOf(input.config).some((c) => (c.env ?? []).some((e) => e?.name === 'AZURE_CLIENT_ID'))) return steps;
  const verb = input.target.job ? 'containerapp job update' : 'containerapp update';
  const set = input.make({
    text: "Set AZURE_CLIENT_ID to the client id of the app's user-assigned identity, so the credential signs in as it; this creates a new revision, which starts with the role too.",
    command: `az ${verb} -n {app} -g {resourceGroup} --container-name {container} --set-env-vars AZURE_CLIENT_ID=${userIdentityRead(input, 'clientId')}`,
  });
  // After the grants: the new revision the update creates then starts with both the variable and the role.
  const grants = steps.map((s, i) => (/role assignment create /.test(s.command ?? '') ? i : -1)).filter((i) => i >= 0);
  const after = Math.max(at, ...grants);
  return [...steps.slice(0, after + 1), set, ...steps.slice(after + 1)];
}

/**
 * A variable that names a user-assigned identity by its client id, for the Azure SDKs (AZURE_CLIENT_ID),
 * azcopy (AZCOPY_MSI_CLIENT_ID), other tools' *_MSI_CLIENT_ID, .NET's ManagedIdentityClientId or Spring's
 * credential client-id. With it the app asks the platform for THAT identity's token, so the role goes to
 * that identity's principal, not to the system-assigned one.
 */
const CLIENT_ID_VAR = /^(?:AZURE_CLIENT_ID|\w{0,60}?(?:MSI_CLIENT_?ID|MANAGED_?IDENTITY_?CLIENT_?ID)|SPRING_CLOUD_AZURE_CREDENTIAL_CLIENT_?ID)$/i;
/** Beside AZURE_CLIENT_ID these make it a service principal's (secret, certificate, workload identity), not an identity's. */
const PRINCIPAL_SECRET = /^AZURE_(?:CLIENT_SECRET|CLIENT_CERTIFICATE_PATH|FEDERATED_TOKEN_FILE|USERNAME)$/i;

/** The configured variable naming a user-assigned identity's client id, unless the app signs in as a service principal. */
export function clientIdVariable(config: AppConfig | undefined): string | undefined {
  const env = containersOf(config).flatMap((c) => (Array.isArray(c.env) ? c.env : []));
  const set = env.filter((e) => typeof e?.name === 'string' && (e.hasValue === true || typeof e.secretRef === 'string'));
  if (set.some((e) => PRINCIPAL_SECRET.test(e.name))) return undefined;
  return set.find((e) => CLIENT_ID_VAR.test(e.name))?.name;
}

/** That identity's principal (service principal object) id, looked up by the client id at paste time. */
const CLIENT_PRINCIPAL = '$(az ad sp show --id <client-id> --query id -o tsv)';
/** That identity's resource id, found among the subscription's identities by the client id. */
const CLIENT_RESOURCE = `$(az identity list --query ${shellQuote("[?clientId=='<client-id>'].id|[0]")} -o tsv)`;
const SYSTEM_HINT = / ?The system-assigned identity is shown; for a user-assigned one \(its client id is in [^)]{1,80}\) use its principal id\./;

/**
 * A client-id variable in the configuration, and no user-assigned identity listed: the grant reads the
 * principal of the identity that variable names (by its client id), never the system-assigned one's.
 */
function clientIdGrant(input: FixInput): FindingStep[] {
  const variable = clientIdVariable(input.config);
  if (!variable || identityShape(input.config) === 'user-only') return input.steps;
  const note = ` The app signs in as the user-assigned identity whose client id ${variable} holds, so the role goes to that identity's principal (replace <client-id> with the value of ${variable}), not to a system-assigned one.`;
  return input.steps.map((s) => {
    if (!s.command || !(s.command.search(SYSTEM_READ) >= 0 || s.command.includes('<principal-id>'))) return s;
    const command = s.command.replace(SYSTEM_READ, CLIENT_PRINCIPAL).replace('<principal-id>', CLIENT_PRINCIPAL);
    const text = s.text.replace(SYSTEM_HINT, '').replace(SYSTEM_SHOWN, '') + note;
    return { ...s, text, command };
  });
}

const PRINCIPAL_USE = /identity\.principalId|<principal-id>/;
const IDENTITY_READ = /^az containerapp (?:job )?(?:identity show |show .*--query identity -o)/;

/**
 * Identity None: no grant can name a principal until one is assigned. The assignment takes the place of a
 * step that only reads the identity, else comes before the first grant; a blank principal becomes the
 * system identity's, read once it exists.
 */
function noIdentity(input: FixInput): FindingStep[] {
  if (identityShape(input.config) !== 'none') return input.steps;
  const { steps } = input;
  const grant = steps.findIndex((s) => PRINCIPAL_USE.test(s.command ?? ''));
  if (grant < 0 || steps.some((s) => / identity assign /.test(s.command ?? ''))) return steps;
  const verb = input.target.job ? 'containerapp job identity assign' : 'containerapp identity assign';
  const variable = clientIdVariable(input.config);
  // A client-id variable names the identity the app asks for: that one is assigned, not a new system one.
  const assign = input.make(variable ? {
    text: `The app has no managed identity (its configuration shows identity None), yet ${variable} names a user-assigned one by its client id: assign that identity (found by the client id; replace <client-id> with the value of ${variable}).`,
    command: `az ${verb} -n {app} -g {resourceGroup} --user-assigned ${CLIENT_RESOURCE}`,
  } : {
    text: "The app has no managed identity (its configuration shows identity None), so there is no token to get: assign it a system-assigned identity first.",
    command: `az ${verb} -n {app} -g {resourceGroup} --system-assigned`,
  });
  const principal = input.names.principalId;
  const filled = steps.map((s) => (principal && s.command?.includes('<principal-id>') ? { ...s, command: s.command.replace('<principal-id>', principal) } : s));
  const read = filled.findIndex((s) => IDENTITY_READ.test(s.command ?? ''));
  if (read >= 0 && read < grant) return [...filled.slice(0, read), assign, ...filled.slice(read + 1)];
  return [...filled.slice(0, grant), assign, ...filled.slice(grant)];
}

/**
 * The registry entry of the image's server signs in with a user name and a password secret, not an
 * identity: an AcrPull grant does not change that pull. The grant gives way to the password put back on
 * the entry (for Azure Container Registry read from its admin credentials, never printed).
 */
function passwordRegistry(input: FixInput): FindingStep[] {
  const { steps, config, names } = input;
  const at = steps.findIndex((s) => /--role AcrPull\b/.test(s.command ?? ''));
  if (at < 0) return steps;
  const server = names.registry ?? (names.image ?? '').split('/')[0];
  const entry = (Array.isArray(config?.registries) ? config.registries : []).find((r) => r?.server === server);
  if (!entry || entry.identity || !entry.username || !entry.passwordSecretRef) return steps;
  const acr = /^([a-z0-9]{5,50})\.azurecr\.io$/i.exec(entry.server)?.[1];
  const password = acr ? `$(az acr credential show -n ${shellQuote(acr)} --query 'passwords[0].value' -o tsv)` : '<password>';
  const verb = input.target.job ? 'containerapp job registry set' : 'containerapp registry set';
  const fix = input.make({
    text: `The app pulls from ${entry.server} as user ${entry.username} with the password in secret ${entry.passwordSecretRef}, not with a managed identity, so AcrPull does not apply: if the registry answered unauthorized, put its current password on the registry entry${acr ? ` (read from ${acr}'s admin credentials, so it is never printed)` : ' (replace <password>)'}.`,
    command: `az ${verb} -n {app} -g {resourceGroup} --server ${entry.server} --username ${shellQuote(entry.username)} --password ${password}`,
  });
  return [...steps.slice(0, at), fix, ...steps.slice(at + 1)];
}

export const IDENTITY_FIT_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [passwordRegistry, noIdentity, clientIdGrant, userAssignedOnly];
