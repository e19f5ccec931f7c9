/**
 * The application and dependency classes of the v6 steps review (issue #11, review-v6): the exit-1
 * fallback quotes the app's real error line, failed migrations are named by their tool, a dependency is
 * never a source location or the client's own address, a name that does not resolve gets a DNS step,
 * a peer container app over TCP gets its ingress, Azure Redis on 6379 gets TLS and no firewall, and
 * native addons, scripts, musl bases, .NET frameworks and non-root nginx get their own fix.
 * Each incident uses a public wording, with its source.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5d1c2e8a-7b44-4f0e-9a61-2c3b4d5e6f70';
const { target, config, exit, line } = appFixtures({
  app: 'fitness-web', resourceGroup: 'rg-apps', subscriptionId: SUB, t0: Date.parse('2026-12-03T08:00:00Z'),
  replica: 'fitness-web--0000007-fe5132148-46cf7',
  container: { name: 'fitness-web', image: 'appsacr.azurecr.io/fitness-web:7', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});

describe('exit 1: the quoted line is the error, not a wrapper; a failed migration is named by its tool', () => {
  it('Django migrate: psycopg2 UndefinedTable is quoted over "Traceback", with migrate and the way back', () => {
    // https://github.com/wger-project/docker/issues/63
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('Operations to perform:', -0.6),
        line('  Apply all migrations: admin, auth, contenttypes, core, exercises, sessions', -0.5),
        line('Traceback (most recent call last):', -0.4),
        line('  File "/usr/local/lib/python3.10/dist-packages/django/db/backends/utils.py", line 89, in _execute', -0.3),
        line('psycopg2.errors.UndefinedTable: relation "exercises_exercisebase" does not exist', -0.2),
        line('LINE 1: ... COUNT("exercises_exercise"."id") AS "count" FROM "exercises...', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(f.category).toBe('application-error');
    expect(texts(f)).not.toContain('"Traceback (most recent call last):"');
    expect(texts(f)).toContain('Table exercises_exercisebase does not exist');
    expect(texts(f)).toContain('python manage.py migrate');
    expect(commands(f).join('\n')).toContain('az containerapp revision list -n fitness-web');
    expectValidCommands(f);
  });

  it('Prisma P3009 behind yarn\'s "Command failed": migrate resolve --rolled-back with the migration\'s name', () => {
    // https://github.com/linkwarden/linkwarden/issues/547
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('Error: P3009', -0.5),
        line('migrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve', -0.4),
        line('The `20230719181459_init` migration started at 2026-10-13 16:21:53.387465 UTC failed', -0.3),
        line('error Command failed with exit code 1.', -0.2),
        line('info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).not.toContain('Command failed with exit code 1');
    expect(texts(f)).toContain('npx prisma migrate resolve --rolled-back 20230719181459_init');
    expect(texts(f)).not.toContain('Run the same image locally');
  });
});

describe('dependencies: the right name, and the step for how it failed', () => {
  it('a Go source location (`[main.go:40]`) is never the address; NATS gets TCP ingress on 4222', () => {
    // https://github.com/ionorg/ion/issues/594
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('[2026-10-02 16:42:01.512]  INFO default: [main.go:40] [main.main.func1] start pprof on :6060', -0.3),
        line('[2026-10-02 16:42:01.512] ERROR default: [node.go:50] [ion.(*Node).Start] new nats conn error nats: no servers available for connection', -0.2),
        line('[2026-10-02 16:42:01.512] ERROR default: [main.go:53] [main.main] sfu init start: nats: no servers available for connection', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(texts(f)).not.toContain('main.go');
    expect(texts(f)).toContain('TCP ingress exposing 4222');
    expect(commands(f).join('\n')).toContain('az containerapp ingress show -n <nats-app>');
    expectValidCommands(f);
  });

  it('MySQL\'s \'user\'@\'address\' is the client: no "dependency 10.240.1.37", and the host grant is named', () => {
    // https://github.com/pacoorozco/probind/issues/269
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('Running: php artisan migrate --force', -0.3), line('   Illuminate\\Database\\QueryException ', -0.2), line("  SQLSTATE[HY000] [1045] Access denied for user 'laravel'@'10.240.1.37' (using password: YES)", -0.1)],
      target: target(), config: config(),
    });
    expect(f.category).toBe('authentication-failure');
    expect(texts(f)).not.toContain('dependency 10.240.1.37');
    expect(texts(f)).toContain("SHOW GRANTS FOR 'laravel'@'%'");
  });

  it('"Host not found" (SqlClient 11001) is DNS: the setting and the private DNS zone, no firewall step', () => {
    // https://github.com/dotnet/efcore/issues/19566
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [
        line('Unhandled exception. Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections.(provider: TCP Provider, error: 0 - Host not found.)', -0.2),
        line(' ---> System.ComponentModel.Win32Exception (11001): Host not found.', -0.1),
      ],
      target: target(),
      config: config({ secrets: [{ name: 'sql-conn' }] }, { env: [{ name: 'ConnectionStrings__Inventory', secretRef: 'sql-conn', hasValue: false }] }),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(texts(f)).toContain('The server name in ConnectionStrings__Inventory does not resolve');
    expect(texts(f)).toContain('privatelink.database.windows.net');
    expect(texts(f)).not.toMatch(/firewall or private endpoint admits/);
  });

  it('nginx "host not found in upstream": the backend app\'s name or a resolver, naming the conf file and line', () => {
    // https://github.com/NoFxAiOS/nofx/pull/82
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('2026/10/05 15:57:00 [emerg] 1#1: host not found in upstream "orders-backend" in /etc/nginx/conf.d/default.conf:31', -0.2),
        line('nginx: [emerg] host not found in upstream "orders-backend" in /etc/nginx/conf.d/default.conf:31', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('/etc/nginx/conf.d/default.conf:31');
    expect(texts(f)).toContain('`resolver` directive');
    expect(commands(f).join('\n')).toContain('az containerapp ingress show -n orders-backend');
    expect(texts(f)).not.toContain('docker-compose service name');
    expectValidCommands(f);
  });

  it('a peer name that resolved and refused (KafkaJS): TCP ingress and minReplicas on the peer, no guessed variable', () => {
    // https://github.com/tomasAlabes/graphql-kafkajs-subscriptions/issues/13
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('{"level":"ERROR","logger":"kafkajs","message":"[Connection] Connection error: connect ECONNREFUSED 100.100.60.12:9092","broker":"kafka-svc:9092","clientId":"notifications-api"}', -0.2),
        line('Error: Connection error: connect ECONNREFUSED 100.100.60.12:9092', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('minReplicas 1');
    expect(commands(f).join('\n')).toContain('az containerapp ingress show -n kafka-svc');
    expect(texts(f)).not.toContain('KAFKA_BOOTSTRAP_SERVERS');
    expectValidCommands(f);
  });

  it('Azure Cache for Redis on 6379: TLS on 6380 in the secret the variable reads, a restart, no firewall steps', () => {
    // https://github.com/StackExchange/StackExchange.Redis/issues/1304
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line('StackExchange.Redis.RedisConnectionException: UnableToConnect on cart-cache-prod.redis.cache.windows.net:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync, outstanding: 0, last-read: 0s ago, last-write: 0s ago, keep-alive: 180s, state: Connecting, mgr: 10 of 10 available, last-heartbeat: never, global: 0s ago, v: 2.0.601.3402', -0.1)],
      target: target(),
      config: config({ secrets: [{ name: 'redis-conn' }] }, { env: [{ name: 'ConnectionStrings__Redis', secretRef: 'redis-conn', hasValue: true }] }),
    });
    expect(texts(f)).toContain('ssl=True,abortConnect=False');
    expect(commands(f).join('\n')).toContain('--secrets redis-conn=<connection-string>');
    expect(commands(f).join('\n')).toContain('az containerapp revision restart');
    expect(commands(f).join('\n')).not.toMatch(/firewall-rules|outboundIpAddresses/);
    expectValidCommands(f);
  });
});

describe('images: the fix for how the image was built', () => {
  it('a native addon with an invalid ELF header: .dockerignore node_modules and npm rebuild, not "install it"', () => {
    // https://github.com/snoopysecurity/dvws-node/issues/10
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('Error: /home/dvws-node/node_modules/bcrypt/lib/binding/bcrypt_lib.node: invalid ELF header', -0.2),
        line('    at Object.Module._extensions..node (internal/modules/cjs/loader.js:807:18)', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('npm rebuild bcrypt');
    expect(texts(f)).toContain('.dockerignore');
    expect(texts(f)).not.toContain('Install the missing dependency');
  });

  it('exit 127 of a script: its shebang and CRLF line endings, named', () => {
    // https://github.com/nick-zh/docker-kafka-eagle/issues/18
    const f = primary({
      system: [exit(127), exit(127, 40)],
      console: [line('/usr/bin/env: ‘bash\\r’: No such file or directory', -0.1)],
      target: target(), config: config({}, { command: ['/entrypoint.sh'] }),
    });
    expect(f.category).toBe('entrypoint-error');
    // GNU env's curly quotes now reach the CRLF rule itself, which names the script the same way.
    expect(texts(f)).toContain('Convert /entrypoint.sh to LF endings (`dos2unix`');
    expect(texts(f)).toContain('sed -i "s/\\r$//" /entrypoint.sh');
    expect(texts(f)).not.toContain('check the command path and PATH');
  });

  it('a JVM SIGSEGV after the base moved to Alpine: musl named as the lead', () => {
    // https://github.com/adoptium/adoptium-support/issues/652
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [
        line('# A fatal error has been detected by the Java Runtime Environment:', -0.3),
        line('#  SIGSEGV (0xb) at pc=0x0000000000003fd6, pid=1, tid=7', -0.2),
        line('# Problematic frame:', -0.1),
      ],
      target: target(),
      config: config({
        changesSinceHealthy: {
          fromRevision: 'fitness-web--0000006',
          summary: 'base image switched to eclipse-temurin:11.0.17_8-jre-alpine',
          changes: [{ kind: 'image', container: 'fitness-web', before: 'appsacr.azurecr.io/fitness-web:6', after: 'appsacr.azurecr.io/fitness-web:7' }],
        },
      } as never),
    });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('Alpine (musl libc) base, eclipse-temurin:11.0.17_8-jre-alpine');
  });

  it('exit 150 for Microsoft.AspNetCore.App: the aspnet image, and roll-forward cannot supply it', () => {
    // https://github.com/dotnet/aspnetcore/issues/3885
    const f = primary({
      system: [exit(150), exit(150, 40)],
      console: [
        line("The specified framework 'Microsoft.AspNetCore.App', version '2.1.1' was not found.", -0.2),
        line('  - Check application dependencies and target a framework version installed at:', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('mcr.microsoft.com/dotnet/aspnet');
    expect(texts(f)).toContain('DOTNET_ROLL_FORWARD does not help here');
  });

  it('nginx as non-root: its paths, nginx-unprivileged or temp paths in /tmp', () => {
    // https://github.com/cortexproject/cortex-helm-chart/issues/294
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('2026/10/13 10:12:32 [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)', -0.2), line('nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)', -0.1)],
      target: target(), config: config(),
    });
    expect(f.category).toBe('permission-denied');
    expect(texts(f)).toContain('nginx-unprivileged');
    expect(texts(f)).toContain('client_body_temp_path');
    expect(texts(f)).not.toContain('Give the image\'s USER ownership');
  });
});
