/**
 * Issue #11, commands and names for Azure services: a firewall that refused or dropped the app gets the
 * service's own rule command (with the address the rows name, else the app's outbound addresses), a
 * refused permission the built-in data role for the service the rows name, assigned with a command that
 * carries the app's identity and the resource's scope. Incidents use the services' public error wordings.
 */
import { classify } from '../../src/classify';
import type { Finding } from '../../src/model';
import { appFixtures, commands, expectValidCommands, texts } from './stepsFixtures';

const SUB = '3f6b1c2d-8e4a-4b7c-9d10-5a2e7c9f1b08';
const { target, config, exit, line } = appFixtures({
  app: 'orders-api', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: Date.parse('2026-11-30T02:10:00Z'),
  replica: 'orders-api--r3k9x2q-7d9c8b6f5-p4m2z',
  container: { name: 'orders-api', image: 'crshop.azurecr.io/orders-api:4.2.0', cpu: 1, memory: '2Gi', env: [], probes: [] },
});

/** The finding of the given category (the dependency's own, not the exit code's). */
function finding(rows: string[], category: string, extra: Partial<Parameters<typeof classify>[0]> = {}): Finding {
  const f = classify({ system: [exit(1, 5), exit(1, 40)], console: rows.map((r) => line(r)), target: target(), ...extra }).find((x) => x.category === category);
  if (!f) throw new Error(`no ${category} finding`);
  return f;
}
const all = (f: Finding): string => commands(f).join('\n');

describe('a service firewall in the way gets the service\'s own rule command', () => {
  it('Azure SQL "Client with IP address ... is not allowed" admits that address on the server the row names', () => {
    const f = finding(["Unhandled exception. Microsoft.Data.SqlClient.SqlException (0x80131904): Cannot open server 'sql-shop-prod' requested by the login. Client with IP address '20.61.14.200' is not allowed to access the server. To enable access, use the Azure Management Portal or run sp_set_firewall_rule on the master database to create a firewall rule for this IP address or address range."], 'dependency-unreachable');
    expect(texts(f)).toContain('Azure SQL server sql-shop-prod refused the app\'s address 20.61.14.200');
    expect(all(f)).toContain('az sql server firewall-rule create -g $(az resource list -n sql-shop-prod --resource-type Microsoft.Sql/servers');
    expect(all(f)).toContain('-s sql-shop-prod -n allow-orders-api --start-ip-address 20.61.14.200 --end-ip-address 20.61.14.200');
    expect(all(f)).toContain(`--subscription ${SUB}`);
    // The rule's command-less "add a firewall rule" gives way to the named step; no outbound lookup is needed.
    expect(texts(f)).not.toContain("Add a firewall rule for the environment's outbound IP address");
    expect(all(f)).not.toContain('outboundIpAddresses');
    expectValidCommands(f);
  });

  it('a PostgreSQL flexible server that times out gets the app\'s outbound addresses and the server\'s firewall rule', () => {
    const f = finding(['psycopg2.OperationalError: connection to server at "pg-shop.postgres.database.azure.com" (52.174.10.20), port 5432 failed: Connection timed out', '\tIs the server running on that host and accepting TCP/IP connections?'], 'dependency-unreachable');
    expect(all(f)).toContain(`az containerapp show -n orders-api -g rg-shop --query properties.outboundIpAddresses -o tsv --subscription ${SUB}`);
    expect(all(f)).toContain('az postgres flexible-server firewall-rule create -g $(az resource list -n pg-shop --resource-type Microsoft.DBforPostgreSQL/flexibleServers');
    expect(all(f)).toContain('-n pg-shop --rule-name allow-orders-api --start-ip-address <outbound-ip>');
    expect(texts(f)).toContain('Azure Database for PostgreSQL flexible server pg-shop');
    expect(texts(f)).toContain('private endpoint');
    expectValidCommands(f);
  });

  it('Azure Cache for Redis that never answers gets a Redis firewall rule (letters and digits in the rule name)', () => {
    const f = finding(['StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s). UnableToConnect on redis-shop.redis.cache.windows.net:6380/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync, outstanding: 0, last-read: 0s ago, last-write: 0s ago, keep-alive: 60s, state: Connecting, mgr: 10 of 10 available, last-heartbeat: never, global: 0s ago, v: 2.6.122.38350 ConnectTimeout'], 'dependency-unreachable');
    expect(all(f)).toContain('az redis firewall-rules create -g $(az resource list -n redis-shop --resource-type Microsoft.Cache/Redis');
    expect(all(f)).toContain('--rule-name allowordersapi --start-ip <outbound-ip> --end-ip <outbound-ip>');
    expectValidCommands(f);
  });

  it('a name that does not resolve gets no firewall rule (the private DNS zone is the question)', () => {
    const f = finding(['psycopg2.OperationalError: could not translate host name "pg-shop.postgres.database.azure.com" to address: Name or service not known'], 'dependency-unreachable');
    expect(all(f)).not.toMatch(/firewall-rule|outboundIpAddresses/);
  });

  it('Key Vault\'s "Client address is not authorized" is its firewall: a network rule for that address, no role', () => {
    const f = finding(['Azure.RequestFailedException: Client address is not authorized and caller is not a trusted service.\nClient address: 20.61.14.200\nCaller: appid=2f1e;oid=9a8b\nVault: kv-shop-prod;location=westeurope\nStatus: 403 (Forbidden)\nErrorCode: Forbidden'], 'dependency-unreachable');
    // The vault's firewall refused the address (ForbiddenByFirewall), not the identity: the network is the cause.
    expect(f.ruleId).toBe('console.network.firewall-blocked');
    expect(texts(f)).toContain('Key vault kv-shop-prod refused the app\'s address 20.61.14.200');
    expect(all(f)).toContain('az keyvault network-rule add -g $(az resource list -n kv-shop-prod --resource-type Microsoft.KeyVault/vaults');
    expect(all(f)).toContain('-n kv-shop-prod --ip-address 20.61.14.200');
    expect(texts(f)).not.toMatch(/\brole\b|rotated/);
    expect(all(f)).not.toContain('role assignment');
    expectValidCommands(f);
  });

  it('Storage AuthorizationFailure (not ...PermissionMismatch) is the account firewall: network rule, no data role or key rotation', () => {
    const f = finding(['Azure.RequestFailedException: This request is not authorized to perform this operation.\nRequestId:6c1e\nStatus: 403 (This request is not authorized to perform this operation.)\nErrorCode: AuthorizationFailure Uri: https://stshopexports.blob.core.windows.net/exports/2026-11-30.csv'], 'authentication-failure');
    expect(all(f)).toContain('az storage account network-rule add -g $(az resource list -n stshopexports --resource-type Microsoft.Storage/storageAccounts');
    expect(all(f)).toContain('--account-name stshopexports --ip-address <outbound-ip>');
    expect(all(f)).toContain('properties.outboundIpAddresses');
    expect(texts(f)).not.toMatch(/Storage Blob Data|rotated/);
    expectValidCommands(f);
  });
});

describe('a refused permission gets the built-in role of the service the rows name', () => {
  it('an Event Hubs "Listen" claim on a servicebus.windows.net host is Azure Event Hubs Data Receiver on the Event Hubs namespace', () => {
    const f = finding(["Azure.Messaging.EventHubs.EventHubsException(GeneralError): Unauthorized access. 'Listen' claim(s) are required to perform this operation. Resource: 'sb://evh-shop.servicebus.windows.net/orders/consumergroups/$default/partitions/0'."], 'authentication-failure');
    expect(texts(f)).toContain('Azure Event Hubs Data Receiver');
    expect(all(f)).toContain("--role 'Azure Event Hubs Data Receiver' --scope $(az resource list -n evh-shop --resource-type Microsoft.EventHub/namespaces");
    expect(texts(f)).not.toContain('Service Bus Data');
    expectValidCommands(f);
  });

  it('a Cosmos DB RBAC refusal gets the data-plane assignment on the account, for the user-assigned identity the app selects', () => {
    const f = finding(
      ['Microsoft.Azure.Cosmos.CosmosException : Response status code does not indicate success: Forbidden (403); Substatus: 5301; ActivityId: 1e2f; Reason: (Request blocked by Auth cosmos-shop : Request is blocked because principal [9c1d] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/]. Learn more: https://aka.ms/cosmos-native-rbac.'],
      'authentication-failure',
      { config: config({}, { env: [{ name: 'AZURE_CLIENT_ID', hasValue: true }] }) },
    );
    const cmd = all(f);
    expect(cmd).toContain('az cosmosdb sql role assignment create --account-name cosmos-shop -g $(az resource list -n cosmos-shop --resource-type Microsoft.DocumentDB/databaseAccounts');
    expect(cmd).toContain('--role-definition-id 00000000-0000-0000-0000-000000000002');
    expect(cmd).toContain("--query 'identity.userAssignedIdentities.*.principalId | [0]'");
    expect(cmd).toContain('--scope /');
    expect(texts(f)).toContain('the user-assigned identity the app selects with AZURE_CLIENT_ID');
    expectValidCommands(f);
  });

  it('a Key Vault "keys get" refusal is Key Vault Crypto User, not a secrets role', () => {
    const f = finding(["Azure.RequestFailedException: The user, group or application 'appid=2f1e;oid=9a8b;iss=https://sts.windows.net/t/' does not have keys get permission on key vault 'kv-shop-keys;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287\nStatus: 403 (Forbidden)\nErrorCode: Forbidden"], 'authentication-failure');
    expect(texts(f)).toContain('Key Vault Crypto User');
    expect(all(f)).toContain("--role 'Key Vault Crypto User' --scope $(az resource list -n kv-shop-keys --resource-type Microsoft.KeyVault/vaults");
    expectValidCommands(f);
  });

  it('a table endpoint\'s AuthorizationPermissionMismatch is Storage Table Data Contributor', () => {
    const f = finding(['Azure.RequestFailedException: This request is not authorized to perform this operation using this permission. RequestId:77aa Status: 403 (Forbidden) ErrorCode: AuthorizationPermissionMismatch Uri: https://stshopstate.table.core.windows.net/Orders'], 'authentication-failure');
    expect(texts(f)).toContain('Storage Table Data Contributor');
    expect(all(f)).toContain('az resource list -n stshopstate --resource-type Microsoft.Storage/storageAccounts');
    expect(all(f)).not.toContain('network-rule');
    expectValidCommands(f);
  });
});
