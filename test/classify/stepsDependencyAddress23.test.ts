/**
 * An unreachable dependency names the variables the configuration sets for it and gives the commands that
 * show and set them, plus the Azure service's own network check (v21 review, set A class 1: cases 5, 13,
 * 30, 38, 50). Console lines are public ones: Laravel's SQLSTATE[HY000] [2002] (laravel/framework issues),
 * Bunny's TCPConnectionFailedForAllHosts (ruby-amqp/bunny issues), StackExchange.Redis's ConnectTimeout
 * (StackExchange/StackExchange.Redis issues), the ODBC driver's HYT00 login timeout (mkleehammer/pyodbc issues).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'orders', resourceGroup: 'rg-orders', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'orders--0000052-6a5b4c3d2e-mm7kd',
  container: { name: 'orders', image: 'contosoacr.azurecr.io/orders:4.2.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const GENERIC = /^Check the server name and port in the setting that names/m;

describe('an unreachable dependency: the configured address variables and the service check', () => {
  it('Laravel SQLSTATE 2002 with DB_HOST/DB_PORT: both named, shown and set; DB_CONNECTION (the driver) and DB_PASSWORD left out', () => {
    const f = primary({
      system: crashLoop,
      console: [line('   Illuminate\\Database\\QueryException  : SQLSTATE[HY000] [2002] Connection refused (SQL: select * from information_schema.tables where table_schema = orders and table_name = migrations)', 18)],
      target: target(),
      config: config({ secrets: [{ name: 'db-pass' }] }, { env: [
        { name: 'DB_CONNECTION', hasValue: true }, { name: 'DB_HOST', hasValue: true }, { name: 'DB_PORT', hasValue: true },
        { name: 'DB_PASSWORD', secretRef: 'db-pass', hasValue: false },
      ] }),
    });
    expect(texts(f)).not.toMatch(GENERIC);
    expect(texts(f)).toContain('from DB_HOST and DB_PORT');
    expect(commands(f)).toContain(`az containerapp update -n orders -g rg-orders --container-name orders --set-env-vars DB_HOST=<host> DB_PORT=<port> --subscription ${SUB}`);
    expect(commands(f).some((c) => c.includes("--query 'properties.template.containers[].env[]'"))).toBe(true);
    expect(commands(f).join('\n')).not.toMatch(/DB_CONNECTION=|DB_PASSWORD=<|--set-env-vars DB_PASSWORD=(?!secretref)/);
    expectValidCommands(f);
  });

  it('Bunny getaddrinfo for rabbit:5672 with AMQP_HOST: AMQP_HOST set, AMQP_USER not; no Azure check for a name that does not resolve', () => {
    const f = primary({
      system: crashLoop,
      console: [
        line('W, [2026-10-01T00:48:34.534824 #1]  WARN -- #<Bunny::Session:0x7fc19383dc48 guest@rabbit:5672, vhost=/, addresses=[rabbit:5672]>: Could not establish TCP connection to rabbit:5672: getaddrinfo: nodename nor servname provided, or not known', 17),
        line('Bunny::TCPConnectionFailedForAllHosts: Could not establish TCP connection to any of the configured hosts', 18),
      ],
      target: target(),
      config: config({}, { env: [{ name: 'AMQP_HOST', hasValue: true }, { name: 'AMQP_USER', hasValue: true }] }),
    });
    expect(texts(f)).toContain('from AMQP_HOST (the rows show it dialling rabbit:5672)');
    expect(commands(f)).toContain(`az containerapp update -n orders -g rg-orders --container-name orders --set-env-vars AMQP_HOST=<host> --subscription ${SUB}`);
    expect(commands(f).join('\n')).not.toMatch(/AMQP_USER=|az (?:redis|sql|cosmosdb|mysql|postgres) /);
    expectValidCommands(f);
  });

  it('StackExchange.Redis with ConnectionStrings__Redis from a secret: the variable and secret named, no plain set, az redis show', () => {
    const f = primary({
      system: crashLoop,
      console: [line('Unhandled exception. StackExchange.Redis.RedisConnectionException: No connection is available to service this operation', 18)],
      target: target(),
      config: config({ secrets: [{ name: 'redis-conn' }] }, { env: [{ name: 'ConnectionStrings__Redis', secretRef: 'redis-conn', hasValue: false }] }),
    });
    expect(texts(f)).toContain("The app reads Redis's address from ConnectionStrings__Redis, which reads secret redis-conn");
    expect(commands(f).some((c) => c.startsWith('az redis show -n <cache-name> -g <cache-resource-group> --query'))).toBe(true);
    expect(commands(f).join('\n')).not.toMatch(/ConnectionStrings__Redis=<|--set-env-vars ConnectionStrings__Redis=(?!secretref)/);
    expectValidCommands(f);
  });

  it('StackExchange.Redis ConnectTimeout, no config: the .NET connection-string convention, not REDIS_URL', () => {
    const f = primary({
      system: crashLoop,
      console: [line('Unhandled exception. StackExchange.Redis.RedisConnectionException: No connection is active/available to service this operation: SET keyName ; It was not possible to connect to the redis server(s). ConnectTimeout, mc: 1/1/0, mgr: 10 of 10 available, clientName: promo-svc', 18)],
      target: target(),
    });
    expect(texts(f)).not.toContain('REDIS_URL');
    expect(texts(f)).toContain('ConnectionStrings__<Name>');
    expect(commands(f).some((c) => c.startsWith('az redis show '))).toBe(true);
    expectValidCommands(f);
  });

  it('ODBC HYT00 login timeout (Django on Azure SQL), no config: the SQL firewall rules and a paused serverless database', () => {
    const f = primary({
      system: crashLoop,
      console: [line("django.db.utils.OperationalError: ('HYT00', '[HYT00] [Microsoft][ODBC Driver 17 for SQL Server]Login timeout expired (0) (SQLDriverConnect)')", 18)],
      target: target(),
    });
    expect(commands(f).some((c) => c.startsWith('az sql server firewall-rule list -s <server-name> -g <server-resource-group>'))).toBe(true);
    expect(commands(f).some((c) => c.startsWith('az sql db show -s <server-name> -n <database-name>') && c.includes('status:status'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: a named Azure Cache host keeps its firewall steps and gets no blank az redis show', () => {
    const f = primary({
      system: crashLoop,
      console: [line('Unhandled exception. StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s) RedisCacheSample1.redis.cache.windows.net:6380. ConnectTimeout', 18)],
      target: target(),
    });
    expect(commands(f).some((c) => c.startsWith('az redis show -n <cache-name>'))).toBe(false);
    expectValidCommands(f);
  });

  it('near miss: a refused password (authentication-failure) is not an address step', () => {
    const f = primary({
      system: crashLoop,
      console: [line("SQLSTATE[HY000] [1045] Access denied for user 'orders'@'10.0.0.5' (using password: YES)", 18)],
      target: target(),
      config: config({}, { env: [{ name: 'DB_HOST', hasValue: true }, { name: 'DB_PORT', hasValue: true }] }),
    });
    expect(commands(f).join('\n')).not.toContain('DB_HOST=<host>');
  });
});
