/**
 * Azure services a failing app talks to, told by the host (or the resource name) its rows give: which
 * resource it is, the data-plane role a refused operation needs, and the command that admits the app
 * through the service's own firewall. The resource group of the service is not in the rows, so every
 * command looks it up by name when pasted (`az resource list -n <name> --resource-type <type>`).
 */
import { shellQuote } from './fillCommand';

/** One service: how its resource is named in rows, its ARM type, and how its firewall admits an address. */
interface AzureService {
  key: string;
  /** What an on-call engineer calls it. */
  label: string;
  /** Group 1 (or 2) is the resource name. */
  name: RegExp;
  type: string;
  /** The command that admits `{clientIp}` (templates: docs/az-commands.md); undefined: no IP firewall. */
  firewall?: string;
  /** Said beside the command when its flags differ between CLI versions. */
  cliNote?: string;
  /** Rows that say the resource is this service and not a sibling on the same host (Event Hubs on servicebus.windows.net). */
  only?: RegExp;
}

/** An address in a service's firewall: the one the rows name, else a blank the outbound-IP step fills. */
const IP = '{clientIp|<outbound-ip>}';
const GROUP = '{svcGroup}';

const EVENT_HUBS = /EventHubs?|eventhub|consumergroups\/|EventProcessor|\/partitions\/\d/i;

const SERVICES: readonly AzureService[] = [
  {
    key: 'postgres', label: 'Azure Database for PostgreSQL flexible server', name: /\b([a-z0-9][a-z0-9-]{1,62})\.postgres\.database\.azure\.com/i,
    type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    cliNote: 'Azure CLI 2.86 and later name the server --server-name and the rule --name',
    firewall: `az postgres flexible-server firewall-rule create -g ${GROUP} -n {svcName} --rule-name {fwRule} --start-ip-address ${IP} --end-ip-address ${IP}`,
  },
  {
    key: 'mysql', label: 'Azure Database for MySQL flexible server', name: /\b([a-z0-9][a-z0-9-]{1,62})\.mysql\.database\.azure\.com/i,
    type: 'Microsoft.DBforMySQL/flexibleServers',
    cliNote: 'Azure CLI 2.86 and later name the server --server-name and the rule --name',
    firewall: `az mysql flexible-server firewall-rule create -g ${GROUP} -n {svcName} --rule-name {fwRule} --start-ip-address ${IP} --end-ip-address ${IP}`,
  },
  {
    // By host, or as Azure SQL's firewall refusal names the server (`Cannot open server 'x' requested by the login`).
    key: 'sql', label: 'Azure SQL server', name: /\b([a-z0-9][a-z0-9-]{0,62})\.database\.windows\.net|Cannot open server '([a-z0-9][a-z0-9-]{0,62})'/i,
    type: 'Microsoft.Sql/servers',
    firewall: `az sql server firewall-rule create -g ${GROUP} -s {svcName} -n {fwRule} --start-ip-address ${IP} --end-ip-address ${IP}`,
  },
  {
    key: 'redis', label: 'Azure Cache for Redis', name: /\b([a-z0-9][a-z0-9-]{0,62})\.redis\.cache\.windows\.net/i,
    type: 'Microsoft.Cache/Redis',
    // Redis firewall rule names take letters and digits only.
    firewall: `az redis firewall-rules create -g ${GROUP} -n {svcName} --rule-name {fwRuleAlnum} --start-ip ${IP} --end-ip ${IP}`,
  },
  {
    key: 'storage', label: 'storage account', name: /\b([a-z0-9]{3,24})\.(?:blob|queue|table|file|dfs)\.core\.windows\.net/i,
    type: 'Microsoft.Storage/storageAccounts',
    firewall: `az storage account network-rule add -g ${GROUP} --account-name {svcName} --ip-address ${IP}`,
  },
  {
    // By host, or as Key Vault's errors name the vault (`on key vault 'x;location=...'`, `Vault: x;location=...`).
    key: 'keyvault', label: 'key vault', name: /\b([a-z0-9][a-z0-9-]{2,23})\.vault\.azure\.net|(?:on key vault '|Vault: )([a-z0-9][a-z0-9-]{2,23})[;']/i,
    type: 'Microsoft.KeyVault/vaults',
    firewall: `az keyvault network-rule add -g ${GROUP} -n {svcName} --ip-address ${IP}`,
  },
  {
    key: 'eventhubs', label: 'Event Hubs namespace', name: /\b([a-z0-9][a-z0-9-]{4,49})\.servicebus\.windows\.net/i, only: EVENT_HUBS,
    type: 'Microsoft.EventHub/namespaces',
    firewall: `az eventhubs namespace network-rule-set ip-rule add -g ${GROUP} --namespace-name {svcName} --ip-rule ip-address=${IP} action=Allow`,
  },
  {
    key: 'servicebus', label: 'Service Bus namespace', name: /\b([a-z0-9][a-z0-9-]{4,49})\.servicebus\.windows\.net/i,
    type: 'Microsoft.ServiceBus/namespaces',
    firewall: `az servicebus namespace network-rule-set ip-rule add -g ${GROUP} --namespace-name {svcName} --ip-rule ip-address=${IP} action=Allow`,
  },
  {
    // Azure Cosmos DB for MongoDB (vCore): its own resource type and firewall (cosmosdb-preview extension).
    key: 'mongocluster', label: 'Azure Cosmos DB for MongoDB (vCore) cluster', name: /\b([a-z0-9][a-z0-9-]{2,39})\.mongocluster\.cosmos\.azure\.com/i,
    type: 'Microsoft.DocumentDB/mongoClusters',
    cliNote: 'the command comes with the cosmosdb-preview extension, which az installs on first use',
    firewall: `az cosmosdb mongocluster firewall rule create -g ${GROUP} --cluster-name {svcName} --rule-name {fwRule} --start-ip-address ${IP} --end-ip-address ${IP}`,
  },
  {
    // By host, or as the data plane names the account (`Request blocked by Auth <account> :`).
    key: 'cosmos', label: 'Azure Cosmos DB account', name: /\b([a-z0-9][a-z0-9-]{2,43})\.(?:documents|mongo\.cosmos|table\.cosmos)\.azure\.com|Request blocked by Auth ([a-z0-9][a-z0-9-]{2,43}) ?:/i,
    type: 'Microsoft.DocumentDB/databaseAccounts',
  },
  { key: 'appconfig', label: 'App Configuration store', name: /\b([a-z0-9][a-z0-9-]{4,49})\.azconfig\.io/i, type: 'Microsoft.AppConfiguration/configurationStores' },
];

/** A service by its key, for a client the rows name when they give no host (SqlClient without a server name). */
export function azureServiceByKey(key: string): AzureService | undefined {
  return SERVICES.find((s) => s.key === key);
}

export interface AzureResource {
  service: AzureService;
  name: string;
}

/** The first Azure resource the host or the rows name (the host the rule extracted first). */
export function azureResourceOf(host: string | undefined, rows: string): AzureResource | undefined {
  for (const text of [host ?? '', rows]) {
    for (const service of SERVICES) {
      if (service.only && !service.only.test(rows)) continue;
      const m = service.name.exec(text);
      const name = (m?.[1] ?? m?.[2])?.toLowerCase();
      if (name) return { service, name };
    }
  }
  return undefined;
}

/** `$(az resource list ...)`: a resource's group or id, looked up by name when the command is pasted. */
function lookup(r: AzureResource, field: 'resourceGroup' | 'id'): string {
  return `$(az resource list -n ${shellQuote(r.name)} --resource-type ${r.service.type} --query '[0].${field}' -o tsv)`;
}

/** Cosmos DB's built-in data-plane roles (assigned on the account, not with `az role assignment`). */
const COSMOS_READER = '00000000-0000-0000-0000-000000000001';
const COSMOS_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';

/** The right a Service Bus / Event Hubs refusal names, else the one its rows imply. */
function messagingRight(claim: string | undefined, rows: string): string | undefined {
  if (claim) return claim;
  if (/\$Resources|ManagementClient|AdministrationClient|'Manage'/i.test(rows)) return 'Manage';
  if (/'Listen'/.test(rows)) return 'Listen';
  if (/'Send'/.test(rows)) return 'Send';
  return undefined;
}

const RIGHT_ROLE: Record<string, string> = { Listen: 'Data Receiver', Send: 'Data Sender', Manage: 'Data Owner' };

/** Key Vault: the object kind and whether the refused operation writes (`does not have keys get permission`). */
function keyVaultRole(rows: string): string {
  const m = /does not have (secrets|keys|certificates) (\w{1,20}) permission/i.exec(rows);
  const kind = (m?.[1] ?? (/\/keys\/|KeyClient|CryptographyClient/i.test(rows) ? 'keys' : /\/certificates\/|CertificateClient/i.test(rows) ? 'certificates' : 'secrets')).toLowerCase();
  const op = (m?.[2] ?? '').toLowerCase();
  const writes = /^(?:set|delete|purge|recover|backup|restore|create|import|update)$/.test(op) || /SecretSet|SecretDelete/.test(rows);
  if (kind === 'keys') return writes ? 'Key Vault Crypto Officer' : 'Key Vault Crypto User';
  if (kind === 'certificates') return writes ? 'Key Vault Certificates Officer' : 'Key Vault Certificate User';
  return writes ? 'Key Vault Secrets Officer' : 'Key Vault Secrets User';
}

/** The storage role by the endpoint the rows name; AuthorizationFailure alone is the firewall, not a role. */
function storageRole(rows: string): string | undefined {
  if (!/AuthorizationPermissionMismatch|\b403\b|Forbidden/i.test(rows) || STORAGE_FIREWALL.test(rows)) return undefined;
  if (/\.queue\.core\.windows\.net/i.test(rows)) return 'Storage Queue Data Contributor';
  if (/\.table\.core\.windows\.net/i.test(rows)) return 'Storage Table Data Contributor';
  if (/\.(?:blob|dfs)\.core\.windows\.net/i.test(rows)) return 'Storage Blob Data Contributor';
  return undefined;
}

/** The data-plane role a refused operation needs on the resource, when the rows say enough to name it. */
function roleFor(r: AzureResource, claim: string | undefined, rows: string): string | undefined {
  switch (r.service.key) {
    case 'servicebus':
    case 'eventhubs': {
      const right = messagingRight(claim, rows);
      const prefix = r.service.key === 'servicebus' ? 'Azure Service Bus' : 'Azure Event Hubs';
      return right && RIGHT_ROLE[right] ? `${prefix} ${RIGHT_ROLE[right]}` : undefined;
    }
    case 'keyvault':
      return keyVaultRole(rows);
    case 'appconfig':
      return /\bPUT\b|\bDELETE\b|SetConfigurationSetting|AddConfigurationSetting|DeleteConfigurationSetting/.test(rows) ? 'App Configuration Data Owner' : 'App Configuration Data Reader';
    case 'storage':
      return storageRole(rows);
    case 'cosmos':
      return /does not have required RBAC permissions|blocked by Auth|\b403\b|Forbidden/i.test(rows) ? 'Cosmos DB Built-in Data Contributor' : undefined;
    default:
      return undefined;
  }
}

/**
 * Names for a permission refusal: the role, the resource, its scope (looked up by name), and for Cosmos DB
 * the data-plane assignment command that replaces `az role assignment create` (ARM roles give no data access there).
 */
export function roleNames(host: string | undefined, claim: string | undefined, rows: string, endpointVar?: string, vaultVar?: string): Record<string, string> {
  if (networkBlock(rows)) return {};
  const r = azureResourceOf(host, rows);
  if (!r) return KEY_VAULT_CALL.test(rows) ? unnamedKeyVault(rows, vaultVar) : unnamedAppConfig(rows, endpointVar);
  const role = r ? roleFor(r, claim, rows) : undefined;
  if (!r || !role) return {};
  const out: Record<string, string> = { dataRole: role, roleResource: r.name, roleScope: lookup(r, 'id'), roleService: r.service.label };
  if (r.service.key === 'storage') out.storageAccount = r.name;
  if (r.service.key === 'cosmos') {
    // readMetadata, the action every Cosmos DB client is refused first, does not tell reads from writes: the
    // Contributor covers both (the step names the Reader for an app that only reads).
    out.roleCommand = `az cosmosdb sql role assignment create --account-name ${shellQuote(r.name)} -g ${lookup(r, 'resourceGroup')} --role-definition-id ${COSMOS_CONTRIBUTOR} --principal-id {principalId} --scope /`;
    out.cosmosReaderId = COSMOS_READER;
  }
  return out;
}

/** The access-policy permission flag's word (`--secret-permissions`), by the kind of object the app reads. */
const VAULT_POLICY: Record<'secrets' | 'keys' | 'certificates', string> = { secrets: 'secret', keys: 'key', certificates: 'certificate' };

/** A Key Vault client or configuration provider at work (.NET KeyVaultClient, Spring's property source, the SDKs' clients). */
const KEY_VAULT_CALL = /KeyVaultErrorException|Microsoft\.Azure\.KeyVault\.|Azure\.Security\.KeyVault\.|KeyVault property source|keyvault\.environment\.|com\.azure\.security\.keyvault|azure\.keyvault\.|AddAzureKeyVault|\b(?:Secret|Key|Certificate)Client\b/;

/**
 * A refused Key Vault call whose vault the rows do not name: the role is still known from the call (secrets
 * get and list: Key Vault Secrets User), and the vault is the one the app's vault URL (its variable, when the
 * configuration has one) points at; its id is looked up by name when pasted.
 */
function unnamedKeyVault(rows: string, vaultVar: string | undefined): Record<string, string> {
  const kind = (text: string): 'secrets' | 'keys' | 'certificates' => {
    const role = keyVaultRole(text);
    return /Crypto/.test(role) ? 'keys' : /Certificate/.test(role) ? 'certificates' : 'secrets';
  };
  return {
    dataRole: keyVaultRole(rows),
    roleResource: `the vault ${vaultVar ? `${vaultVar} points at` : 'the app reads'}, https://<vault-name>.vault.azure.net (replace <vault-name> with its name)`,
    roleScope: '$(az keyvault show -n <vault-name> --query id -o tsv)',
    roleService: 'key vault',
    [`vault_${VAULT_POLICY[kind(rows)]}_policy`]: 'yes',
  };
}

/** An App Configuration data-plane call (`GET <endpoint>/kv?key=...`, the SDK's clients) refused with 403. */
const APPCONFIG_CALL = /\/kv\?key=|\/kv\/[\w%.-]|\bConfigurationClient\b|\bAzureAppConfiguration\b/;

/**
 * A refused App Configuration call whose store the rows do not name (a redacted or logged-as-setting
 * endpoint): the role is still known, and the store is the one the app's endpoint variable points at.
 */
function unnamedAppConfig(rows: string, endpointVar: string | undefined): Record<string, string> {
  // The call itself, or (no other service named) the app's one App Configuration endpoint variable.
  if (!(APPCONFIG_CALL.test(rows) || endpointVar) || !/\b403\b|Forbidden/i.test(rows)) return {};
  const writes = /\bPUT\b|\bDELETE\b|SetConfigurationSetting|AddConfigurationSetting|DeleteConfigurationSetting/.test(rows);
  return {
    dataRole: writes ? 'App Configuration Data Owner' : 'App Configuration Data Reader',
    roleResource: `the store ${endpointVar ?? 'the app\'s endpoint setting'} points at, https://<store-name>.azconfig.io (replace <store-name> with its name)`,
    roleScope: '$(az appconfig show -n <store-name> --query id -o tsv)',
    roleService: 'App Configuration store',
  };
}

/** Storage's firewall answer: AuthorizationFailure without "using this permission" (that one is a role). */
const STORAGE_FIREWALL = /AuthorizationFailure(?![\s\S]{0,200}using this permission)|This request is not authorized to perform this operation\.(?! using)/;

/**
 * A service's own firewall refused the app's address (as opposed to a missing role or a wrong password):
 * Azure SQL's "Client with IP address", Key Vault's "Client address is not authorized", MySQL's "Host ... is
 * not allowed to connect", Storage's AuthorizationFailure, Cosmos DB's "blocked by your Cosmos DB account firewall".
 */
export function networkBlock(rows: string): boolean {
  return (
    /Client with IP address '?\d{1,3}(?:\.\d{1,3}){3}'? is not allowed|Client address is not authorized|ForbiddenByFirewall|Host '\d{1,3}(?:\.\d{1,3}){3}' is not allowed to connect|blocked by your Cosmos DB account firewall|IpAddressNotAuthorized|not allowed by the (?:firewall|network) rules/i.test(rows) ||
    (STORAGE_FIREWALL.test(rows) && !/AuthorizationPermissionMismatch/.test(rows))
  );
}

/** The client address a firewall refusal names: the app's outbound address as the service saw it. */
export function clientIpOf(rows: string): string | undefined {
  const m = /(?:Client with IP address|Client address:?|Host|request originated from IP)\s*'?(\d{1,3}(?:\.\d{1,3}){3})'?/i.exec(rows);
  return m?.[1];
}

/**
 * Names and steps that admit the app through a service's firewall: the app's outbound addresses (unless
 * the rows already name the one the service saw), then the service's own rule command with the app's names.
 */
export function firewallNames(r: AzureResource, app: string | undefined, rows: string): Record<string, string> {
  const rule = `allow-${(app ?? 'container-app').replace(/[^A-Za-z0-9-]/g, '-').slice(0, 60)}`;
  const out: Record<string, string> = {
    svcName: r.name,
    svcLabel: r.service.label,
    svcGroup: lookup(r, 'resourceGroup'),
    fwRule: rule,
    fwRuleAlnum: rule.replace(/[^A-Za-z0-9]/g, ''),
  };
  // Only a refusal names the app's own address; in a timeout an address is the server's.
  const ip = networkBlock(rows) ? clientIpOf(rows) : undefined;
  if (ip) out.clientIp = ip;
  if (r.service.firewall) out.firewallCommand = r.service.firewall;
  if (r.service.cliNote) out.cliNote = r.service.cliNote;
  return out;
}
