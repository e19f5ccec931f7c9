import { classify, matchConsoleLine } from '../../src/classify';
import { LISTEN_PATTERNS } from '../../src/classify/rules/configRules';
import type { AppConfig } from '../../src/model';

/**
 * Names the v21 server-image and Ruby/PHP/Kotlin rules must give, from public lines: the password variable an
 * official database image asks for, the file a Redis configuration block names, the exception Laravel threw
 * over its driver's frame, the keystore argument a Java server was started with, and the listen lines of
 * Ktor and Phoenix that tell the app's port against the ingress target.
 */
const T0 = Date.parse('2025-03-04T10:00:00Z');
function run(rows: string[], config?: AppConfig, system: { at: number; reason: string; message: string }[] = []) {
  return classify({
    system: system.map((s) => ({ ...s, time: new Date(T0 + s.at * 1000), count: 1, container: 'app', replica: 'app--r1-x', revision: 'app--r1' })),
    console: rows.map((text, i) => ({ text, time: new Date(T0 - 10_000 + i * 10), replica: 'app--r1-x', revision: 'app--r1' })),
    config,
    target: { kind: 'containerApp', name: 'app', window: { start: new Date(T0 - 3600_000), end: new Date(T0 + 60_000) } },
  });
}
function names(text: string, id: string): Record<string, string> | undefined {
  const lines = text.split('\n');
  for (const l of lines) {
    const m = matchConsoleLine(l, text).find((x) => x.ruleId === id);
    if (m) return m.names;
  }
  return undefined;
}

describe('official database images: the variable the entrypoint asks for', () => {
  // https://github.com/libresh/compose-matomo/issues/11 (mysql 5.7), https://github.com/matomo-org/docker/pull/249 (mariadb),
  // https://github.com/docker-library/mysql/pull/913 (mysql 8's list).
  it.each([
    ["error: database is uninitialized and password option is not specified \n  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD", 'MYSQL_ROOT_PASSWORD'],
    ['[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD'],
    ['[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_ROOT_PASSWORD'],
  ])('%#', (text, envVar) => {
    expect(names(text, 'console.config.must-specify')?.envVar).toBe(envVar);
  });
});

describe('C servers: the path a configuration block names', () => {
  it('names the log file of a Redis FATAL CONFIG FILE ERROR from its >>> row (https://github.com/docker/for-win/issues/2669)', () => {
    const rows = ['*** FATAL CONFIG FILE ERROR ***', 'Reading the configuration file, at line 13', ">>> 'logfile /var/log/redis/redis-server.log'", "Can't open the log file: Permission denied"];
    const top = run(rows)[0];
    expect([top?.ruleId, top?.names?.file]).toEqual(['console.db.redis-config-path-denied', '/var/log/redis/redis-server.log']);
  });
  it('names the directive Redis could not parse (https://github.com/redis/docker-library-redis/issues/239)', () => {
    const text = "*** FATAL CONFIG FILE ERROR ***\nReading the configuration file, at line 335\n>>> 'rdb-del-sync-files no'\nBad directive or wrong number of arguments";
    expect(names(text, 'console.db.redis-config-directive')?.setting).toBe('rdb-del-sync-files no');
  });
});

describe('Laravel: the exception the framework threw, over the driver frame under it', () => {
  // https://github.com/tuandm/laravue/issues/63
  it('names Illuminate\\Database\\QueryException', () => {
    const rows = [
      '   Illuminate\\Database\\QueryException  : SQLSTATE[HY000] [2002] Connection refused (SQL: select * from information_schema.tables where table_schema = laravue and table_name = migrations)',
      '  at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php:664',
      '  Exception trace:',
      '  1   PDOException::("SQLSTATE[HY000] [2002] Connection refused")',
    ];
    const top = run(rows)[0];
    expect([top?.ruleId, top?.names?.exception]).toEqual(['console.php.pdo-connection', 'Illuminate\\Database\\QueryException']);
  });
  it('keeps a bare PDOException when no framework class wraps it', () => {
    expect(names('PDOException: SQLSTATE[HY000] [2002] Connection refused', 'console.php.pdo-connection')?.exception).toBeUndefined();
  });
});

describe('Java servers: the keystore argument', () => {
  const config = (args: string[]): AppConfig => ({ kind: 'containerApp', name: 'app', containers: [{ name: 'app', image: 'quay.io/keycloak/keycloak:24.0', env: [], args }] }) as unknown as AppConfig;
  // https://github.com/guanzhi/GmSSL/issues/1176 (the JDK's wording); the argument is Keycloak's documented option.
  it('names the keystore file option the container was started with', () => {
    const top = run(['ERROR: Failed to start server in (production) mode', 'ERROR: java.io.IOException: Invalid keystore format'], config(['start', '--https-key-store-file=/certs/server.bcfks', '--https-key-store-password=x']))[0];
    expect([top?.ruleId, top?.names?.setting]).toEqual(['console.java.keystore-format', '--https-key-store-file=/certs/server.bcfks']);
  });
  it('names no setting when the arguments name no keystore', () => {
    const top = run(['ERROR: java.io.IOException: Invalid keystore format'], config(['start', '--optimized']))[0];
    expect(top?.names?.setting).toBeUndefined();
  });
});

describe('listen lines of Ktor and Phoenix', () => {
  const port = (line: string) => LISTEN_PATTERNS.map((p) => p.exec(line)?.groups?.port).find(Boolean);
  it.each([
    // https://github.com/ktorio/ktor-documentation (running a packaged app)
    ['[main] INFO  Application - Responding at http://0.0.0.0:8080', '8080'],
    // https://github.com/kphrx/noxir (README), Phoenix with cowboy and over IPv6
    ['[info] Running Noxir.Router with Bandit 1.1.2 at 0.0.0.0:4000 (http)', '4000'],
    ['[info] Running BooksApiWeb.Endpoint with cowboy 2.8.0 at 0.0.0.0:4000 (http)', '4000'],
    ['19:52:53.813 [info] Running PhoenixReactWeb.Endpoint with cowboy 2.9.0 at :::4000 (http)', '4000'],
  ])('%s', (line, p) => {
    expect(port(line)).toBe(p);
  });
  it('does not take the link Phoenix prints for a browser as where it listens', () => {
    expect(port('[info] Access MyappWeb.Endpoint at http://localhost:4000')).toBeUndefined();
  });
  it('finds a Ktor app on 8080 behind an ingress that targets 80', () => {
    const config = { kind: 'containerApp', name: 'app', containers: [{ name: 'app', image: 'acr.io/ktor:1', env: [] }], ingress: { external: true, targetPort: 80 } } as unknown as AppConfig;
    const top = run(['INFO  Application - Application started in 0.412 seconds.', 'INFO  Application - Responding at http://0.0.0.0:8080'], config, [
      { at: -3, reason: 'ReplicaUnhealthy', message: 'Startup probe failed: dial tcp 100.100.0.18:80: connect: connection refused' },
    ])[0];
    expect([top?.category, top?.names?.listenPort, top?.names?.expectedPort]).toEqual(['port-misconfiguration', '8080', '80']);
  });
});
