/**
 * Sub-causes of an authentication failure that the rows and the configuration tell apart, each with its
 * own fix instead of the category's "the key was rotated, put the current value back":
 *  - a right the credential lacks on a service it reached (a Service Bus / Event Hubs claim): grant the
 *    right (a shared access policy that has it), or stop the library from needing it;
 *  - an endpoint or account changed since the healthy revision while its key did not: the key of the new
 *    account, read from it with that service's keys command;
 *  - a request sent with no credential at all (anonymous): wire the identity or secret, nothing to rotate.
 * Reviews v25 #2, #7, #19, #23.
 */
import type { AppConfig, Finding, FindingStep } from '../../model';
import { RESTART_REVISION } from '../rules/commandTemplates';
import { list } from './list';
import { envRefs, oneSecretReader, type EnvRef } from './envRefs';

type Make = (step: FindingStep) => FindingStep;

export interface CauseInput {
  f: Finding;
  names: Record<string, string>;
  rows: string;
  config: AppConfig | undefined;
  make: Make;
}

const envOf = (config: AppConfig | undefined): EnvRef[] => envRefs(config);

const oneReader = (config: AppConfig | undefined, fits: (name: string) => boolean): EnvRef | undefined => oneSecretReader(config, fits);

const RESTART = (make: Make): FindingStep => make({ text: 'A new secret value reaches the app only when the revision restarts: restart it after the change.', command: RESTART_REVISION });

// --- (a) A right the credential lacks on a messaging namespace it reached -------------------------------

/** Service Bus's own words for a missing claim ("Manage claim is required", "'Send' claim(s) are required"). */
const CLAIM = /'?\b(Manage|Send|Listen)'? claim(?:\(s\))? (?:is|are) required\b/i;
/** The transports' wording of the same refusal by operation (NServiceBus: "Unauthorized access for 'CreateOrUpdateSubscription' operation"). */
const OPERATION = /\bUnauthorized access for '(\w{1,60})' operation\b/;
const MESSAGING = /servicebus|Service ?Bus|EventHubs?|Event Hubs/i;
const BROKER_VAR = /SERVICE_?BUS|SERVICEBUS|(?:^|_)A?SB_|(?:^|_)ASB|EVENT_?HUB|(?:^|_)EH_/i;
const KEY_VAR = /CONN|KEY|SAS|SECRET/i;
const NAMESPACE_HOST = /\b([a-z0-9][a-z0-9-]{4,48}[a-z0-9])\.servicebus\.windows\.net\b/i;
/** An entity path with a real namespace: the entity-level policy pass (fixCommands.sasPolicy) does that better for Send/Listen. */
const ENTITY_PATH = /\bsb:\/\/[a-z0-9][a-z0-9-]{4,48}[a-z0-9]\.servicebus\.windows\.net\/\w/i;

function capital(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

/** The right the refusal names, else the one its operation needs. */
function missingRight(rows: string, claim: string | undefined): string | undefined {
  if (claim && /^(?:Manage|Send|Listen)$/i.test(claim)) return capital(claim);
  const m = CLAIM.exec(rows);
  if (m) return capital(m[1]!);
  const op = OPERATION.exec(rows)?.[1];
  if (!op) return undefined;
  if (/^(?:Send|Schedule|Cancel)/i.test(op)) return 'Send';
  if (/^(?:Receive|Peek|Complete|Abandon|Defer|RenewLock|DeadLetter)/i.test(op)) return 'Listen';
  return /^(?:Create|Delete|Update|Get|List)/i.test(op) ? 'Manage' : undefined;
}

/** The library's own way to run without Manage, by the name the rows give it. */
function withoutManage(rows: string): string {
  if (/\bRebus\b/.test(rows)) {
    return 'Or keep the least-privilege policy: Rebus reads (and creates) the queue\'s description at start-up, which needs Manage; with the queue created beforehand, configure its Azure Service Bus transport with .DoNotCheckQueueConfiguration() (and .DoNotCreateQueues()), then rebuild and deploy the image.';
  }
  if (/NServiceBus|Unauthorized access for '\w{1,60}' operation on endpoint/.test(rows)) {
    return 'Or keep the least-privilege policy: NServiceBus creates its queues, topic and subscriptions at start-up (installers, and auto-subscribe since transport 3.0), which needs Manage; create them out of band (the asb-transport command-line tool: endpoint create, endpoint subscribe), turn installers and auto-subscribe off in the endpoint, then rebuild and deploy the image.';
  }
  if (/MassTransit/.test(rows)) {
    return 'Or keep the least-privilege policy: MassTransit configures its topology at start-up, which needs Manage; create the topology out of band and turn that off for the bus (ConfigureConsumeTopology = false on the receive endpoints), then rebuild and deploy the image.';
  }
  return 'Or keep the least-privilege policy: create the queues, topics and subscriptions out of band and turn off the library\'s own creation and checks of them at start-up (the management operations are what need Manage), then rebuild and deploy the image.';
}

/**
 * A connection string whose policy lacks the right: a namespace policy that has it (Manage must come with
 * Send and Listen), its connection string straight into the secret the app reads, the restart; for
 * Manage, the library's way to need none. An app that signs in with its identity keeps the role steps.
 */
export function missingRightSteps(a: CauseInput): FindingStep[] | undefined {
  const right = missingRight(a.rows, a.names.claim);
  if (!right || !(MESSAGING.test(a.rows) || MESSAGING.test(a.f.title))) return undefined;
  if (right !== 'Manage' && ENTITY_PATH.test(a.rows)) return undefined;
  const reader = oneReader(a.config, (n) => BROKER_VAR.test(n) && KEY_VAR.test(n)) ?? oneReader(a.config, (n) => /CONNECTION/i.test(n));
  if (!reader?.secretRef) return undefined;
  const hub = /EventHubs?\b|eventhub/i.test(`${a.rows}\n${reader.name}`) && !/ServiceBus|service-bus|SERVICE_?BUS|ASB/i.test(`${a.rows}\n${reader.name}`);
  const cli = hub ? 'az eventhubs namespace authorization-rule' : 'az servicebus namespace authorization-rule';
  const type = hub ? 'Microsoft.EventHub/namespaces' : 'Microsoft.ServiceBus/namespaces';
  const ns = NAMESPACE_HOST.exec(a.rows)?.[1]?.toLowerCase();
  const namespace = ns ?? '<namespace>';
  const group = ns ? `$(az resource list -n ${ns} --resource-type ${type} --query '[0].resourceGroup' -o tsv)` : '<namespace-resource-group>';
  const rights = right === 'Manage' ? 'Manage Send Listen' : 'Send Listen';
  const rule = `{app}-${right.toLowerCase()}`;
  const blanks = ns ? '' : ' Replace <namespace> with the namespace in that connection string and <namespace-resource-group> with its resource group.';
  const steps: FindingStep[] = [
    a.make({
      text: `The namespace accepted the key and refused the operation: it needs the ${right} right, which the shared access policy behind ${reader.name} (secret ${reader.secretRef}) does not have. Nothing was rotated, so putting that policy's key back changes nothing: create a policy with ${rights.replace(/ /g, ', ')}${right === 'Manage' ? ' (a Manage policy must have Send and Listen too)' : ''}.${blanks}`,
      command: `${cli} create -g ${group} --namespace-name ${namespace} -n ${rule} --rights ${rights}`,
    }),
    a.make({
      text: `Put that policy's connection string into secret ${reader.secretRef}, which ${reader.name} reads; the command reads it from the policy, so it is never printed.`,
      command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${reader.secretRef}=$(${cli} keys list -g ${group} --namespace-name ${namespace} -n ${rule} --query primaryConnectionString -o tsv)`,
    }),
    RESTART(a.make),
  ];
  if (right === 'Manage') steps.push({ text: withoutManage(a.rows) });
  return steps;
}

// --- (b) The endpoint moved to another account, the key stayed ------------------------------------------

interface KeyedService {
  label: string;
  vars: RegExp;
  /** The command that reads the account's key (or connection string), given the account and its group. */
  key: (account: string, group: string, connection: boolean) => string;
  type: string;
}

const KEYED: readonly KeyedService[] = [
  {
    label: 'Cosmos DB',
    vars: /COSMOS/i,
    type: 'Microsoft.DocumentDB/databaseAccounts',
    key: (account, group, connection) =>
      connection
        ? `az cosmosdb keys list -n ${account} -g ${group} --type connection-strings --query 'connectionStrings[0].connectionString' -o tsv`
        : `az cosmosdb keys list -n ${account} -g ${group} --query primaryMasterKey -o tsv`,
  },
  {
    label: 'Azure Storage',
    vars: /STORAGE|(?:^|_)BLOB|(?:^|_)QUEUE/i,
    type: 'Microsoft.Storage/storageAccounts',
    key: (account, group) => `az storage account keys list -n ${account} -g ${group} --query '[0].value' -o tsv`,
  },
];

const ADDRESS_VAR = /ENDPOINT|URI|URL|HOST|ACCOUNT|FQDN/i;
const CHANGED_VALUE = /^env-(?:value-set|value-changed|changed|set|added)$/;

interface Change {
  kind?: string;
  name?: string;
}

/**
 * The rows refuse the key and the change since the healthy revision set the service's address variable
 * while neither the key's variable nor its secret changed: the secret holds the old account's key.
 */
export function movedEndpointSteps(a: CauseInput): FindingStep[] | undefined {
  const since = a.config?.changesSinceHealthy;
  const changes: Change[] = Array.isArray(since?.changes) ? (since!.changes as Change[]) : [];
  if (changes.length === 0) return undefined;
  for (const s of KEYED) {
    const moved = changes.find((c) => typeof c?.name === 'string' && CHANGED_VALUE.test(c.kind ?? '') && s.vars.test(c.name) && ADDRESS_VAR.test(c.name) && !KEY_VAR.test(c.name));
    if (!moved) continue;
    const reader = oneReader(a.config, (n) => s.vars.test(n) && KEY_VAR.test(n));
    if (!reader?.secretRef) continue;
    // The key changed too (its variable or a secret update): not this reading.
    if (changes.some((c) => c?.name === reader.name || c?.name === reader.secretRef || /secret/i.test(c?.kind ?? ''))) continue;
    const connection = /CONN/i.test(reader.name);
    const group = `$(az resource list -n <account-name> --resource-type ${s.type} --query '[0].resourceGroup' -o tsv)`;
    const from = typeof since?.fromRevision === 'string' ? ` since healthy revision ${since.fromRevision}` : ' since the healthy revision';
    return [
      a.make({
        text: `The variable ${moved.name} changed${from} and the key did not: ${reader.name} still reads secret ${reader.secretRef}, which holds the ${connection ? 'connection string' : 'key'} of the account ${moved.name} named before. A ${s.label} key belongs to one account, so the new one refuses it; nothing was rotated. Put the new account's ${connection ? 'connection string' : 'key'} in ${reader.secretRef} (replace <account-name> with the account ${moved.name} now names; the command reads it from the account, so it is never printed).`,
        command: `az containerapp secret set -n {app} -g {resourceGroup} --secrets ${reader.secretRef}=$(${s.key('<account-name>', group, connection)})`,
      }),
      RESTART(a.make),
    ];
  }
  return undefined;
}

// --- (c) A request with no credential at all ------------------------------------------------------------

/** A service's answer to a request that carried no credential (Storage's code, anonymous refusals, a missing header). */
const NO_CREDENTIAL = /\bNoAuthenticationInformation\b|\banonymous (?:access|requests?) (?:is |are )?not (?:permitted|allowed)\b|\bmissing (?:an? |the )?Authorization header\b|\bAuthorization header (?:is )?(?:missing|required)\b/i;
const STORAGE_ROWS = /NoAuthenticationInformation|core\.windows\.net|Azure Storage|BlobServiceClient|BlobContainerClient/i;
/** Storage Blob Data Contributor's role definition id (by id: the name has spaces the command line would need quoted). */
const BLOB_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

/** Secrets the app defines that no variable reads: the configuration rule for an unwired secret says more. */
function unreadSecret(config: AppConfig | undefined): boolean {
  const read = new Set(envOf(config).map((e) => e.secretRef));
  return list(config?.secrets).some((s) => typeof s?.name === 'string' && !read.has(s.name));
}

export function noCredentialSteps(a: CauseInput): FindingStep[] | undefined {
  if (!NO_CREDENTIAL.test(a.rows) || unreadSecret(a.config)) return undefined;
  const env = envOf(a.config);
  const keyed = env.find((e) => e.secretRef && KEY_VAR.test(e.name));
  const storage = STORAGE_ROWS.test(a.rows);
  const what = storage ? 'Azure Storage' : 'the service';
  const lead = `The request reached ${what} with no credential at all${/NoAuthenticationInformation/.test(a.rows) ? ' (NoAuthenticationInformation)' : ''}: the client sent neither a token nor a key, so there is nothing to rotate; the credential is not wired to the client.`;
  if (keyed) {
    return [
      a.make({
        text: `${lead} ${keyed.name} reads secret ${keyed.secretRef}: check that the client is built from it (a connection string with AccountKey=, or a SAS) and not from an address alone.`,
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env' -o json",
      }),
    ];
  }
  const clientId = env.some((e) => e.name === 'AZURE_CLIENT_ID');
  const address = env.find((e) => /URL|ENDPOINT|URI|ACCOUNT/i.test(e.name))?.name;
  const steps: FindingStep[] = [
    a.make({
      text: `${lead} ${clientId ? 'The app picks a user-assigned identity by AZURE_CLIENT_ID: check that an identity with that client id is assigned to the app (userAssignedIdentities, clientId).' : 'Check which managed identity the app has.'}`,
      command: 'az containerapp identity show -n {app} -g {resourceGroup}',
    }),
  ];
  if (clientId) {
    steps.push(a.make({ text: 'If it is not there, assign it (replace <identity-resource-id> with the id of the identity whose client id AZURE_CLIENT_ID holds).', command: 'az containerapp identity assign -n {app} -g {resourceGroup} --user-assigned <identity-resource-id>' }));
  }
  steps.push({
    text: `Check that the client attaches a token: build it with a token credential (DefaultAzureCredential or ManagedIdentityCredential${clientId ? ' with AZURE_CLIENT_ID' : ''}), not from ${address ?? 'the address'} alone, which sends anonymous requests; then rebuild and deploy the image.`,
  });
  if (storage) {
    steps.push(
      a.make({
        text: `Once the requests carry a token, the identity needs a data role on the account: Storage Blob Data Contributor (role id ${BLOB_CONTRIBUTOR}); replace <storage-account-id> with the account's resource id${clientId ? '' : " and <principal-id> with the identity's principalId from the show above"}.`,
        command: `az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role ${BLOB_CONTRIBUTOR} --scope <storage-account-id>`,
      }),
    );
  }
  return steps;
}
