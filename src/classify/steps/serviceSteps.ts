/**
 * Steps the steps module adds for an Azure service the rows name, where a rule's own steps say what to do
 * but carry no command for it: a firewall that refused or dropped the app's connection gets the app's
 * outbound addresses and the service's own rule command; a refused permission gets the role assignment.
 * Commands stay templates here (`{app}`, `{svcGroup}`...); attachCommands fills them.
 */
import type { Finding, FindingStep } from '../../model';
import { OUTBOUND_ADDRESSES } from '../rules/commandTemplates';
import { azureResourceOf, azureServiceByKey, firewallNames, networkBlock, type AzureResource } from './azureServices';

/** No answer at all: a timeout or an unreachable network, what a firewall that drops packets looks like. */
const NO_ANSWER = /timed? ?out|ETIMEDOUT|EHOSTUNREACH|No route to host|network is unreachable|ConnectTimeout|UnableToConnect/i;
/** A name that did not resolve or a certificate not trusted: a firewall rule fixes neither. */
const NOT_FIREWALL = /could not translate host name|Name or service not known|getaddrinfo|no such host|ENOTFOUND|UnknownHostException|Temporary failure in name resolution|Host not found|No such host is known|x509|certificate verify failed|PKIX path building failed|self[- ]signed certificate/i;

function rowsOf(f: Finding): string {
  return (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
}

const SERVICE_CATEGORIES = new Set(['dependency-unreachable', 'authentication-failure']);

/** A sentence starts with a capital even when it starts with a service's label ("key vault ..."). */
function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const OUTBOUND = OUTBOUND_ADDRESSES;

/**
 * A firewall in the way: the service refused the app's address by name (any category), or a dependency
 * on an Azure host got no answer. The steps name the service and carry its own rule command.
 */
export function firewallSteps(f: Finding, names: Record<string, string>, app: string | undefined): { steps: FindingStep[]; names: Record<string, string> } {
  const none = { steps: [], names: {} };
  // Only the dependency's own finding: an exit code's finding quoting the same line gets no copy.
  if (f.benign || !SERVICE_CATEGORIES.has(f.category)) return none;
  // Azure Cache for Redis on its plain port: nothing listens there by default, so no firewall rule helps.
  if (names.azureRedisPlain) return none;
  const rows = rowsOf(f);
  const blocked = networkBlock(rows);
  const dropped = f.category === 'dependency-unreachable' && NO_ANSWER.test(rows) && !NOT_FIREWALL.test(rows);
  if (!blocked && !dropped) return none;
  // An AMQP connection (5671/5672) that timed out is an outbound port an NSG or firewall drops: a namespace
  // IP filter refuses at once (its own error), so its ip-rule does not fit a timeout.
  if (!blocked && (f.ruleId === 'console.azure.messaging-timeout' || AMQP_PORT.test(rows))) return none;
  const named = azureResourceOf(names.host, rows);
  const r = named ?? unnamedSqlServer(`${rows}\n${names.exception ?? ''}`);
  if (!r) return none;
  const fw = firewallNames(r, app, rows);
  // No server name in the rows: both names are blanks the connection string fills.
  if (!named) Object.assign(fw, { svcGroup: '<server-resource-group>' });
  const what = `${r.service.label} ${r.name}`;
  const steps: FindingStep[] = [];
  if (!fw.clientIp) {
    steps.push({ text: `Read the app's outbound IP addresses: the addresses ${what} sees the app's connections come from.`, command: OUTBOUND });
  }
  const why = fw.clientIp
    ? `${what} refused the app's address ${fw.clientIp} (its firewall, not the credential): admit it`
    : `${blocked ? `${what} refused the app's address` : `The connection to ${what} got no answer`}: admit each outbound address in its firewall (replace <outbound-ip>, once per address)`;
  const blank = named ? '' : ` (for an Azure SQL server; the rows give no server name: replace <server-name> with the one in the connection string's Server=tcp:<server-name>.database.windows.net, and <server-resource-group> with its resource group)`;
  const stable = `${blank}; a Consumption environment's outbound addresses can change, so for a fixed path reach it through a private endpoint from the environment's VNet instead.`;
  if (fw.firewallCommand) {
    steps.push({ text: capital(`${why}${stable}`) + (fw.cliNote ? ` (${fw.cliNote}.)` : ''), command: fw.firewallCommand });
  } else if (r.service.key === 'cosmos') {
    // --ip-range-filter replaces the whole list: the current entries are read first and kept.
    steps.push({
      text: capital(`${why}`) + ` by adding it to the account's IP firewall: \`az cosmosdb update --ip-range-filter\` replaces the whole list, so pass the current entries (shown by this command) plus the new address${stable}`,
      command: 'az cosmosdb show -n {svcName} -g {svcGroup} --query ipRules -o table',
    });
  }
  return { steps, names: fw };
}

/** An AMQP endpoint in a row (`contoso.servicebus.windows.net:5671`). */
const AMQP_PORT = /\.(?:servicebus|eventhubs?)\.windows\.net:567[12]\b|\bamqps?:\/\//i;

/** SqlClient's timeout without a host: an Azure SQL server whose name the connection string holds. */
const SQLCLIENT_TIMEOUT = /SqlException|Microsoft\.Data\.SqlClient|System\.Data\.SqlClient|establishing a connection to SQL Server/;

function unnamedSqlServer(rows: string): AzureResource | undefined {
  const service = SQLCLIENT_TIMEOUT.test(rows) ? azureServiceByKey('sql') : undefined;
  return service ? { service, name: '<server-name>' } : undefined;
}

/** A name lookup that failed, as .NET's resolver words it beside the client's own message. */
const DNS_FAILED = /System\.Net\.Dns\.|GetHostEntry|GetHostAddresses|Resource temporarily unavailable|Name or service not known|No such host is known|could not translate host name|Temporary failure in name resolution|getaddrinfo|ENOTFOUND|UnknownHostException/i;

/** The private DNS zone of each service a private endpoint would resolve through. */
const ZONES: readonly [RegExp, string, string][] = [
  [/\.postgres\.database\.azure\.com|psycopg|Npgsql|postgres/i, 'privatelink.postgres.database.azure.com', 'PostgreSQL'],
  [/\.mysql\.database\.azure\.com|mysql/i, 'privatelink.mysql.database.azure.com', 'MySQL'],
  [/\.database\.windows\.net|SqlClient|SqlException|connection to SQL Server/i, 'privatelink.database.windows.net', 'the SQL server'],
  [/\.redis\.cache\.windows\.net|redis/i, 'privatelink.redis.cache.windows.net', 'Redis'],
];

/**
 * A dependency whose name does not resolve gets the name and DNS steps in place of a rule's command-less
 * "got no answer: check the firewall" step: no firewall rule makes a name resolve.
 */
export function dnsInsteadOfFirewall(f: Finding, steps: FindingStep[], exception: string | undefined): FindingStep[] {
  const rows = rowsOf(f);
  if (f.benign || f.category !== 'dependency-unreachable' || !DNS_FAILED.test(rows)) return steps;
  const at = steps.findIndex((s) => !s.command && /got no answer/.test(s.text) && /firewall/i.test(s.text));
  if (at < 0) return steps;
  const zone = ZONES.find(([re]) => re.test(`${rows}\n${exception ?? ''}`));
  const what = zone?.[2] ?? 'the dependency';
  const made: FindingStep[] = [
    {
      text: `The name of ${what} does not resolve from the environment (a DNS failure, not a firewall): check the host name in the connection string${zone ? `; for a private endpoint, check that the private DNS zone ${zone[1]} is linked to the environment's VNet` : ''}, or that the VNet's custom DNS forwards to Azure DNS (168.63.129.16).`,
    },
  ];
  if (zone) {
    made.push({
      text: `List the VNets linked to ${zone[1]} (replace <zone-resource-group> with the zone's resource group); the environment's VNet should be among them.`,
      command: `az network private-dns link vnet list -g <zone-resource-group> -z ${zone[1]} -o table`,
    });
  }
  return [...steps.slice(0, at), ...made, ...steps.slice(at + 1)];
}

/** A rule step about a role or a rotated credential: beside the point when a firewall refused the address. */
const CREDENTIAL_OR_ROLE = /\brole\b|rotated|credential|password|SAS\b|secret value|identity you granted/i;

/** Drops the role and credential steps when the service's firewall is what refused the app. */
export function withoutCredentialSteps(f: Finding, steps: FindingStep[]): FindingStep[] {
  if (!networkBlock(rowsOf(f))) return steps;
  return steps.filter((s) => !CREDENTIAL_OR_ROLE.test(s.text) && !/^az (?:role assignment create|containerapp secret|containerapp revision restart)/.test(s.command ?? ''));
}

/**
 * The service's firewall steps take the place of a rule's command-less firewall advice (they say the same
 * with the service's name, the address and the command), where that advice stood; else they follow the rule's steps.
 */
export function placeFirewall(steps: FindingStep[], firewall: FindingStep[]): FindingStep[] {
  if (firewall.length === 0) return steps;
  const superseded = (s: FindingStep): boolean => !s.command && /firewall/i.test(s.text);
  const at = steps.findIndex(superseded);
  if (at < 0) return [...steps, ...firewall];
  const rest = steps.filter((s) => !superseded(s));
  return [...rest.slice(0, at), ...firewall, ...rest.slice(at)];
}

const ROLE_ASSIGNMENT = 'az role assignment create --assignee-object-id {principalId} --assignee-principal-type ServicePrincipal --role {dataRole} --scope {roleScope}';

/**
 * A refused permission whose role the rows name, when no step carries the command for it (a rule that
 * describes the role in words): the assignment, with the identity the app selects and the resource scope.
 */
export function roleStep(f: Finding, steps: readonly FindingStep[], names: Record<string, string>): FindingStep[] {
  if (f.benign || !names.dataRole || !names.roleScope) return [];
  if (steps.some((s) => /role assignment create|cosmosdb sql role assignment/.test(s.command ?? ''))) return [];
  const user = names.userPrincipalId && names.identityVar;
  const who = user ? `the user-assigned identity the app selects with ${names.identityVar}` : "the app's system-assigned identity";
  const principal = user ? '{userPrincipalId}' : '{principalId}';
  const cosmos = names.roleCommand
    ? ` Cosmos DB data access is a role assignment on the account itself (Azure RBAC roles such as Contributor give none); use role definition ${names.cosmosReaderId ?? ''} (Data Reader) instead if the app only reads.`
    : '';
  return [
    {
      text: `Grant ${who} ${names.dataRole} on ${names.roleService ?? 'resource'} ${names.roleResource}.${cosmos} A new assignment takes a few minutes to apply.`,
      command: (names.roleCommand ?? ROLE_ASSIGNMENT).replace('{principalId}', principal),
    },
  ];
}
