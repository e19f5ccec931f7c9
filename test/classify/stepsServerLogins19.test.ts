/**
 * What the v19 first run asked for on refused credentials and unreachable dependencies in other runtimes'
 * words, each from a public wording (source on each case): servers' own refusals (NATS, ClickHouse,
 * Snowflake, SSH/SFTP) outrank the unhandled exception that carries them and name the user or the secret;
 * PHP Redis clients and Elixir connection pools that cannot reach their server; the Cosmos DB account and
 * principal of a data-plane refusal; every variable a change removed. Near misses beside each.
 */
import { expectValidCommands, appFixtures, primary } from './stepsFixtures';

const { target, config, sys, exit, line } = appFixtures({
  app: 'feeds',
  resourceGroup: 'rg-feeds',
  subscriptionId: '3c2a7e91-5b0d-4f6e-8a1c-9d4e2b7f6a05',
  t0: Date.parse('2026-11-20T06:00:00Z'),
  container: { name: 'feeds', image: 'crfeeds.azurecr.io/feeds:3.1', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = (code: number) => [sys('ContainerStarted', 'Started container feeds', -60), exit(code, -5), sys('BackOff', 'Back-off restarting failed container', -1)];

describe("a server's refusal of the credentials outranks the exception that carries it", () => {
  it('NATS Authorization Violation under a .NET unhandled exception names the token secret', () => {
    // https://github.com/alpacahq/alpaca-trade-api-csharp/issues/37
    const f = primary({
      system: crashLoop(134),
      console: [line("Unhandled exception. NATS.Client.NATSConnectionException: 'Authorization Violation'", -6)],
      target: target(),
      config: config({ secrets: [{ name: 'bus-token' }] }, { env: [{ name: 'NATS_URL', hasValue: true }, { name: 'NATS_TOKEN', secretRef: 'bus-token', hasValue: false }] }),
    });
    expect(f.ruleId).toBe('console.nats.authorization-violation');
    expect(f.names).toMatchObject({ envVar: 'NATS_TOKEN', secret: 'bus-token' });
    expectValidCommands(f);
  });

  it("nats-server's own trace of a client it refused is not the app's failure", () => {
    // https://github.com/nats-nui/nui/issues/47
    const f = primary({
      system: crashLoop(1),
      console: [line('[1] 2025/01/26 20:39:22.581033 [TRC] 172.20.0.1:52810 - cid:5 - ->> [-ERR Authorization Violation]', -6)],
      target: target(),
    });
    expect(f.ruleId).not.toBe('console.nats.authorization-violation');
  });

  it('ClickHouse code 516 names the user it refused and the connection-string secret', () => {
    // https://github.com/ClickHouse/ClickHouse/issues/27572
    const f = primary({
      system: crashLoop(134),
      console: [
        line('Unhandled exception. ClickHouse.Client.ClickHouseServerException', -6),
        line('Code: 516. DB::Exception: Received from localhost:9000. DB::Exception: default: Authentication failed: password is incorrect or there is no user with such name.', -6),
      ],
      target: target(),
      config: config({ secrets: [{ name: 'ch-conn' }] }, { env: [{ name: 'ConnectionStrings__ClickHouse', secretRef: 'ch-conn', hasValue: false }] }),
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names).toMatchObject({ user: 'default', secret: 'ch-conn' });
  });

  it('Snowflake names the account host and the password secret', () => {
    // https://github.com/dbt-labs/dbt-utils/issues/992 (DBT_ENV_SECRET_SNOWFLAKE_PASS after a rotation)
    const f = primary({
      system: crashLoop(1),
      console: [line('  250001 (08001): Failed to connect to DB: acme.snowflakecomputing.com:443. Incorrect username or password was specified.', -6)],
      target: target(),
      config: config({ secrets: [{ name: 'sf-pass' }] }, { env: [{ name: 'SNOWFLAKE_USER', hasValue: true }, { name: 'DBT_ENV_SECRET_SNOWFLAKE_PASS', secretRef: 'sf-pass', hasValue: false }] }),
    });
    expect(f.ruleId).toBe('console.snowflake.auth-failed');
    expect(f.names).toMatchObject({ host: 'acme.snowflakecomputing.com', secret: 'sf-pass' });
  });

  it('an SFTP refusal names the user the client said it connects as', () => {
    // https://github.com/theophilusx/ssh2-sftp-client/issues/21
    const f = primary({
      system: crashLoop(1),
      console: [line('sync: connecting to files.example.com:22 as edi_in', -7), line('Error: All configured authentication methods failed', -6)],
      target: target(),
    });
    expect(f.ruleId).toBe('console.ssh.auth-failed');
    expect(f.names?.user).toBe('edi_in');
  });

  it('paramiko is read as an SSH refusal, not as MongoDB', () => {
    // https://github.com/paramiko/paramiko/issues/1627
    const f = primary({ system: crashLoop(1), console: [line('paramiko.ssh_exception.AuthenticationException: Authentication failed.', -6)], target: target() });
    expect(f.ruleId).toBe('console.ssh.auth-failed');
  });

  it('"connecting to ... as a" is prose, not a user', () => {
    const f = primary({
      system: crashLoop(1),
      console: [line('connecting to files.example.com:22 as a fallback', -7), line('Error: All configured authentication methods failed', -6)],
      target: target(),
    });
    expect(f.names?.user).toBeUndefined();
  });
});

describe('dependencies unreachable in PHP and Elixir words', () => {
  it('Predis losing its Redis connection names the address', () => {
    // https://github.com/laravel/horizon/issues/793
    const f = primary({ system: crashLoop(1), console: [line('Predis\\Connection\\ConnectionException: Connection timed out [tcp://10.0.4.7:6379]', -6)], target: target() });
    expect(f.ruleId).toBe('console.db.php-redis-connection');
    expect(f.names).toMatchObject({ host: '10.0.4.7', port: '6379' });
  });

  it('an Elixir pool refused by its server is unreachable, not a missing module', () => {
    // https://github.com/plausible/analytics/issues/323
    const f = primary({
      system: crashLoop(1),
      console: [
        line('05:58:48.394 [error] Clickhousex.Protocol (#PID<0.245.0>) failed to connect: ** (ErlangError) Erlang error: :econnrefused', -7),
        line('** (UndefinedFunctionError) function :econnrefused.exception/1 is undefined (module :econnrefused is not available)', -6),
      ],
      target: target(),
    });
    expect(f.category).toBe('dependency-unreachable');
    expect(f.names?.client).toBe('Clickhousex.Protocol');
  });

  it('a module that is really missing from the release stays missing-module', () => {
    // https://github.com/saleyn/erlexec/issues/136 (a dependency left out of the release)
    const f = primary({ system: crashLoop(1), console: [line('** (UndefinedFunctionError) function :exec.start/1 is undefined (module :exec is not available)', -6)], target: target() });
    expect(f.category).toBe('missing-module');
  });
});

describe('names of Azure and cloud credential failures', () => {
  it('a Cosmos DB data-plane refusal names the account and the principal', () => {
    // https://github.com/microsoft/TechExcel-Integrating-Azure-PaaS-and-AI-Services-for-AI-Design-Wins/issues/60
    const f = primary({
      system: crashLoop(1),
      console: [
        line(
          'Response status code does not indicate success: Forbidden (403); Substatus: 5301; Reason: (Request blocked by Auth cosmos-orders : Request is blocked because principal [1a2b3c4d-0000-4e5f-8a9b-0c1d2e3f4a5b] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/].',
          -6,
        ),
      ],
      target: target(),
    });
    expect(f.ruleId).toBe('console.azure.cosmos-auth');
    expect(f.names).toMatchObject({ host: 'cosmos-orders', user: '1a2b3c4d-0000-4e5f-8a9b-0c1d2e3f4a5b' });
  });

  it('an invalid Azure AI subscription key names the key variable and its secret', () => {
    // https://github.com/SciSharp/BotSharp/issues/386
    const f = primary({
      system: crashLoop(134),
      console: [line('Unhandled exception. Azure.RequestFailedException: Access denied due to invalid subscription key or wrong API endpoint.', -6), line('Status: 401 (PermissionDenied)', -6)],
      target: target(),
      config: config({ secrets: [{ name: 'ai-key' }] }, { env: [{ name: 'AzureOpenAI__Endpoint', hasValue: true }, { name: 'AzureOpenAI__ApiKey', secretRef: 'ai-key', hasValue: false }] }),
    });
    expect(f.category).toBe('authentication-failure');
    expect(f.names).toMatchObject({ envVar: 'AzureOpenAI__ApiKey', secret: 'ai-key' });
  });

  it('missing credentials after a change that removed two variables name both', () => {
    // https://github.com/huggingface/finepdfs/issues/3 (botocore NoCredentialsError)
    const f = primary({
      system: crashLoop(1),
      console: [line('botocore.exceptions.NoCredentialsError: Unable to locate credentials', -6)],
      target: target(),
      config: config({
        changesSinceHealthy: {
          fromRevision: 'feeds--r0',
          summary: 'env vars removed',
          changes: [
            { kind: 'env-removed', container: 'feeds', name: 'AWS_ACCESS_KEY_ID' },
            { kind: 'env-removed', container: 'feeds', name: 'AWS_SECRET_ACCESS_KEY' },
          ],
        },
      }),
    });
    expect(f.category).toBe('missing-configuration');
    expect([f.names?.envVar, ...(f.names?.removedVar ?? '').split(', ')].sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  });
});
