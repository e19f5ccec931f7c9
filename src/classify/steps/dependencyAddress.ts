/**
 * A dependency the app could not reach, where the only step said "check the server name and port in the
 * setting that names the service" in words (v21 review, set A class 1: cases 5, 13, 23, 30, 38, 50). The
 * step names the variables the configuration sets for that service (DB_HOST and DB_PORT, AMQP_HOST, a
 * connection string read from a secret), gives the commands that show and set them with the app's names,
 * and, where Azure hosts the service (Cache for Redis, SQL, Cosmos DB, MySQL/PostgreSQL flexible server),
 * the command that reads its network access: a disabled public endpoint, a firewall, a paused database.
 */
import type { AppConfig, EnvVarSpec, FindingStep } from '../../model';
import type { FixInput } from './fixCommands';
import { mayHoldCredential } from './credentialNames';

/** The words a variable that configures each service carries (the services dependencyNames names). */
const SERVICE_WORDS: Record<string, RegExp> = {
  Redis: /REDIS|CACHE/i,
  MongoDB: /MONGO/i,
  'Cosmos DB': /COSMOS/i,
  Kafka: /KAFKA|BOOTSTRAP_SERVERS/i,
  RabbitMQ: /RABBIT|AMQP|BROKER/i,
  PostgreSQL: /POSTGRES|(?:^|_)PG|DATABASE|(?:^|_)DB(?:_|$)/i,
  MySQL: /MYSQL|MARIADB|DATABASE|(?:^|_)DB(?:_|$)/i,
  'SQL Server': /SQL|DATABASE|ConnectionStrings__|(?:^|_)DB(?:_|$)/i,
  Elasticsearch: /ELASTIC|OPENSEARCH/i,
  'the database': /DATABASE|(?:^|_)DB(?:_|$)/i,
};

/** A variable that holds where the service is: its host, port, URL or a connection string. */
// CONNECTION alone is not one: Laravel's DB_CONNECTION names the driver (mysql), not the server.
const ADDRESS_PART = /HOST|PORT|URL|URI|SERVER|ADDR|CONN_?STR|CONNECTION_?STRING|DSN|ENDPOINT|BROKER|^ConnectionStrings__/i;

/** The generic step this module replaces, as categoryText and the broker rules word it. */
const CHECK_STEP = /^Check the server name and port in |^Check the [\w ]{2,40} the app reads \(host and port\)/;

function mainEnv(config: AppConfig | undefined, container: string | undefined): EnvVarSpec[] {
  const containers = Array.isArray(config?.containers) ? config.containers : [];
  const c = containers.find((x) => x?.name === container) ?? containers[0];
  return (Array.isArray(c?.env) ? c.env : []).filter((e): e is EnvVarSpec => typeof e?.name === 'string');
}

/** The app's variables that address the service: its words and an address part (a password has neither). */
export function serviceAddressVars(service: string | undefined, env: readonly EnvVarSpec[]): EnvVarSpec[] {
  const words = service ? SERVICE_WORDS[service] : undefined;
  if (!words) return [];
  return env.filter((e) => words.test(e.name) && ADDRESS_PART.test(e.name)).slice(0, 4);
}

/** The blank a variable's value is replaced by, by what its name says it holds. */
function blankFor(name: string): string {
  if (/PORT$/i.test(name)) return '<port>';
  if (/HOST(?:NAME)?$|SERVER$/i.test(name)) return '<host>';
  // A bootstrap list, a broker or an address variable carries the port with the host.
  return '<host>:<port>';
}

/** Which Azure resource may stand behind the service, and the command that reads its network access. */
interface AzureCheck {
  about: RegExp;
  text: string;
  command: string;
}

const AZURE_CHECKS: readonly AzureCheck[] = [
  {
    about: /^Redis$/,
    text: "If it is an Azure Cache for Redis (replace <cache-name> with the name before .redis.cache.windows.net, <cache-resource-group> with its resource group), read its network access: publicNetworkAccess Disabled means only a private endpoint reaches it, so the environment must run in a VNet that routes to that endpoint and resolves privatelink.redis.cache.windows.net; TLS is on port 6380.",
    command: "az redis show -n <cache-name> -g <cache-resource-group> --query '{host:hostName,sslPort:sslPort,publicNetworkAccess:publicNetworkAccess,privateEndpoints:privateEndpointConnections[].id}' -o json",
  },
  {
    about: /^Cosmos DB$/,
    text: "Read the Cosmos DB account's network access (replace <account-name> with the name before .documents.azure.com in the endpoint, <account-resource-group> with its resource group): publicNetworkAccess Disabled or a virtual-network filter admits only a private endpoint or the listed subnets, and a non-empty ipRules list must include the environment's outbound addresses.",
    command: "az cosmosdb show -n <account-name> -g <account-resource-group> --query '{publicNetworkAccess:publicNetworkAccess,ipRules:ipRules,vnetFilter:isVirtualNetworkFilterEnabled,privateEndpoints:privateEndpointConnections[].id}' -o json",
  },
  {
    about: /^SQL Server$/,
    text: "If it is an Azure SQL server (replace <server-name> with the name before .database.windows.net, <server-resource-group> with its resource group), list its firewall rules: AllowAllWindowsAzureIps (0.0.0.0) admits Azure services, else the environment's outbound addresses must be listed; with public network access disabled only a private endpoint reaches it.",
    command: 'az sql server firewall-rule list -s <server-name> -g <server-resource-group> -o table',
  },
  {
    about: /^SQL Server$/,
    text: 'A serverless database that auto-paused answers its first login slowly or times out: read its status (replace <database-name>); Paused resumes on the next connection.',
    command: "az sql db show -s <server-name> -n <database-name> -g <server-resource-group> --query '{status:status,autoPauseDelay:autoPauseDelay}' -o json",
  },
  {
    about: /^(?:MySQL|the database)$/,
    text: "If it is an Azure Database for MySQL flexible server (replace <server-name> with the name before .mysql.database.azure.com, <server-resource-group> with its resource group), read its network settings: with public access it admits only the addresses in its firewall rules; with a delegated subnet only that VNet reaches it.",
    command: 'az mysql flexible-server show -n <server-name> -g <server-resource-group> --query network -o json',
  },
  {
    about: /^PostgreSQL$/,
    text: "If it is an Azure Database for PostgreSQL flexible server (replace <server-name> with the name before .postgres.database.azure.com, <server-resource-group> with its resource group), read its network settings: with public access it admits only the addresses in its firewall rules; with a delegated subnet only that VNet reaches it.",
    command: 'az postgres flexible-server show -n <server-name> -g <server-resource-group> --query network -o json',
  },
];

/** A name lookup that failed: the address is wrong, so the service's own network settings are not the lead. */
const DNS_FAILED = /getaddrinfo|ENOTFOUND|Name or service not known|No such host is known|could not translate host name|Temporary failure in name resolution|UnknownHostException|nodename nor servname/i;

const SHOW_ENV = "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env[]' -o table";
const UPDATE_ENV = 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars';

/** The steps that name and set the configured address variables; none when the config sets none. */
function variableSteps(input: FixInput, service: string, vars: readonly EnvVarSpec[]): FindingStep[] {
  // A connection string or URL usually carries the login (credentialNames.ts): it is named, never pasted in plain text.
  const plain = vars.filter((v) => !v.secretRef && !mayHoldCredential(v.name));
  const held = vars.filter((v) => !plain.includes(v));
  const seen = input.names.host ? ` (the rows show it dialling ${input.names.host}${input.names.port ? `:${input.names.port}` : ''})` : '';
  const steps: FindingStep[] = [];
  if (plain.length > 0) {
    const names = plain.map((v) => v.name).join(' and ');
    steps.push(input.make({ text: `The app reads ${service}'s address from ${names}${seen}: read ${plain.length === 1 ? 'its value' : 'their values'} in the running template (this command).`, command: SHOW_ENV }));
    steps.push(
      input.make({
        text: `If ${names} do${plain.length === 1 ? 'es' : ''} not name the server and port this environment reaches ${service} on (its full DNS name, not a docker-compose service name or localhost), set ${plain.length === 1 ? 'it' : 'them'} (replace ${plain.map((v) => blankFor(v.name)).join(' and ')}); this creates a new revision.`,
        command: `${UPDATE_ENV} ${plain.map((v) => `${v.name}=${blankFor(v.name)}`).join(' ')}`,
      }),
    );
  }
  for (const v of held.slice(0, 1)) {
    const where = v.secretRef ? `${v.name}, which reads secret ${v.secretRef}` : v.name;
    steps.push(input.make({ text: `The app reads ${service}'s address from ${where}${seen}: check the host and port in that connection string${v.secretRef ? ' (the template does not show a secret\'s value)' : ''}.` }));
  }
  return steps;
}

/** The generic address step replaced by the configured variables' commands and the Azure service's network check. */
function dependencyAddress(input: FixInput): FindingStep[] {
  const { f, steps, names } = input;
  if (f.benign || f.category !== 'dependency-unreachable') return steps;
  const at = steps.findIndex((s) => !s.command && CHECK_STEP.test(s.text));
  const service = names.service;
  if (at < 0 || !service) return steps;
  const vars = serviceAddressVars(service, mainEnv(input.config, names.container ?? input.target.container));
  const rows = (Array.isArray(f.evidence) ? f.evidence : []).map((e) => (typeof e?.text === 'string' ? e.text.slice(0, 2000) : '')).join('\n');
  // The rows name the host (an Azure host gets its firewall steps elsewhere); a name that does not resolve is the address itself.
  const azure = names.host || DNS_FAILED.test(rows) || steps.some((s) => /^az (?:redis|sql|cosmosdb|mysql|postgres) /.test(s.command ?? '')) ? [] : AZURE_CHECKS.filter((c) => c.about.test(service));
  const made = [...variableSteps(input, service, vars), ...azure.map((c) => input.make({ text: c.text, command: c.command }))];
  if (made.length === 0) return steps;
  // The generic step stays only when no configured variable replaced it (the check commands follow it).
  const keep = vars.length === 0 ? [steps[at]!] : [];
  return [...steps.slice(0, at), ...keep, ...made, ...steps.slice(at + 1)];
}

export const DEPENDENCY_ADDRESS_FIXERS: readonly ((input: FixInput) => FindingStep[])[] = [dependencyAddress];
