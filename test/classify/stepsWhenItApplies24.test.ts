/**
 * When a step applies (docs/steps-review-v21-fresh.md, "a category's template replaces this cause's fix"),
 * second part: an expired token is renewed, not granted a role; MySQL 1044 is a missing GRANT, not a
 * password; glibc's heap-corruption abort is a memory bug, not a libc/CPU build; a vendor's GPU image is
 * run at another tag, not rebuilt. Each wording is public, with its source; each class has a near miss.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
const make = (app: string, image: string) => appFixtures({
  app, resourceGroup: 'rg-apps', subscriptionId: SUB, t0: Date.parse('2026-12-22T10:00:00Z'),
  replica: `${app}--0000005-6d9f7c8b5-a1b2c`, revision: `${app}--0000005`,
  container: { name: app, image, cpu: 1, memory: '2Gi', env: [], probes: [] },
});

describe('an expired token is renewed, not granted a role', () => {
  const { target, config, sys, exit, line } = make('catalog-sync', 'contosoacr.azurecr.io/catalog-sync:0.9.4');
  const cfg = config({ secrets: [{ name: 'cosmos-token' }] } as Partial<AppConfig>,
    { env: [{ name: 'COSMOS_RESOURCE_TOKEN', secretRef: 'cosmos-token' }] } as never);
  const loop = [exit(1, 24), sys('BackOff', 'Back-off restarting failed container catalog-sync', 30), exit(1, 60)];

  // https://github.com/Azure-Samples/azure-cosmos-db-python-getting-started/issues/18 (the exact exception)
  it('Cosmos "authorization token is not valid at the current time": the secret is renewed, no role grant', () => {
    const rows = [
      line('INFO:catalog_sync:connecting to Cosmos DB account', 1),
      line('azure.cosmos.exceptions.CosmosHttpResponseError: (Forbidden) The authorization token is not valid at the current time. Please create another token and retry (token start time: Mon, 29 Mar 2021 08:10:54 GMT, token expiry time: Mon, 29 Mar 2021 08:25:54 GMT, current server time: Tue, 30 Mar 2021 12:56:21 GMT).', 20),
    ];
    const f = primary({ system: loop, console: rows, target: target(), config: cfg });
    expect(texts(f)).toContain('has expired');
    expect(texts(f)).not.toContain('missing permission');
    expect(commands(f).some((c) => c.includes('role assignment create'))).toBe(false);
    expect(commands(f).some((c) => c.includes('secret set') && c.includes('cosmos-token=<value>'))).toBe(true);
    expectValidCommands(f);
  });

  // https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory (a 403 without a time problem)
  it('near miss: a 403 for a missing data role keeps the role grant', () => {
    const rows = [line('azure.core.exceptions.HttpResponseError: This request is not authorized to perform this operation using this permission. ErrorCode:AuthorizationPermissionMismatch', 20)];
    const f = primary({ system: loop, console: rows, target: target(), config: cfg });
    expect(texts(f)).not.toContain('has expired');
    expect(commands(f).some((c) => c.includes('role assignment create'))).toBe(true);
  });
});

describe('MySQL 1044 is a missing GRANT, not a rotated password', () => {
  const { target, config, sys, line } = make('team-chat', 'docker.io/mattermost/mattermost-enterprise-edition:9.5');
  const cfg = config({ secrets: [{ name: 'mm-dsn' }] } as Partial<AppConfig>,
    { env: [{ name: 'MM_SQLSETTINGS_DRIVERNAME' }, { name: 'MM_SQLSETTINGS_DATASOURCE', secretRef: 'mm-dsn' }] } as never);
  const system = [sys('ReplicaUnhealthy', 'startup probe failed: connection refused', 600)];

  // MySQL's ER_DBACCESS_DENIED_ERROR (1044) as Mattermost's sqlstore logs it; the fix as
  // https://docs.mattermost.com/install/prepare-mattermost-mysql-database.html gives it (grant all privileges on mattermost.*)
  it('"Error 1044: Access denied for user ... to database": GRANT on the database, no password steps', () => {
    const rows = [
      line('INFO[2019-10-09T13:02:08.4026673+03:00] Pinging SQL caller="sqlstore/supplier.go:222" database=master', 10),
      line('ERRO[2019-10-09T13:02:08.4040518+03:00] Failed to ping DB caller="sqlstore/supplier.go:234" error="Error 1044: Access denied for user \'mmuser\'@\'%\' to database \'mattermost\'" retrying in seconds=10', 11),
    ];
    const f = primary({ system, console: rows, target: target(), config: cfg });
    expect(texts(f)).toContain("GRANT ALL PRIVILEGES ON mattermost.* TO 'mmuser'@'%'");
    expect(texts(f)).not.toMatch(/Check the password|rotated/);
    expect(commands(f).some((c) => c.includes('<secret-name>'))).toBe(false);
    expectValidCommands(f);
  });

  // https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html (ER_ACCESS_DENIED_ERROR, 1045)
  it('near miss: 1045 (using password: YES) keeps the password steps', () => {
    const rows = [line('ERRO Failed to ping DB caller="sqlstore/supplier.go:234" error="Error 1045: Access denied for user \'mmuser\'@\'10.0.0.4\' (using password: YES)" retrying in seconds=10', 11)];
    const f = primary({ system, console: rows, target: target(), config: cfg });
    expect(texts(f)).not.toContain('GRANT ALL PRIVILEGES');
    expect(texts(f)).toMatch(/Check the (?:credential|password)/);
  });
});

describe('glibc heap corruption is a memory bug, not a libc or CPU build', () => {
  // glibc's check as https://github.com/Icinga/icinga2/issues/7750 shows it, then bash's "Aborted (core dumped)" job line
  it('a C++ server that ran, then aborted on free(): no ML-library or libc/CPU lead; core dump or ASan', () => {
    const { target, config, exit, line } = make('matchd', 'gameacr.azurecr.io/matchd:3.4.1');
    const rows = [
      line('matchd 3.4.1 starting, worker threads=4', 2),
      line('loaded 212 map rotations', 8),
      line('free(): invalid pointer', 122),
      line('/app/run.sh: line 3:     7 Aborted                 (core dumped) ./matchd -port ${PORT-27015} -ip ${IP-0.0.0.0} -nobreakpad', 122),
    ];
    const f = primary({ system: [exit(134, 128), exit(134, 428)], console: rows, target: target(), config: config({}, { command: ['/app/run.sh'] }) });
    expect(texts(f)).not.toMatch(/torch|tokenizers|CUDA/);
    expect(texts(f)).not.toContain('its libc, musl or glibc, and CPU architecture');
    expect(texts(f)).toContain('AddressSanitizer');
    expect(commands(f).some((c) => c.includes('revision list') && c.includes('--all'))).toBe(true);
    expectValidCommands(f);
  });

  // https://github.com/Icinga/icinga2/issues/7750 (an icinga2 2.11 satellite aborting on "free(): invalid pointer")
  it('the abort\'s finding without the heap row: a sibling row replaces the libc/CPU build lead', () => {
    const { target, config, exit, line } = make('monitor-sat', 'monacr.azurecr.io/icinga2-satellite:2.11.2');
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => line(`[2026-10-01 00:10:43 +0000] information/CheckerComponent: Check result for 'db0${i % 9}!load'`, i * 3)),
      line('free(): invalid pointer', 170),
    ];
    const f = primary({ system: [exit(134, 172), exit(134, 352)], console: rows, target: target(), config: config() });
    expect(texts(f)).not.toContain('were built for this base image');
    expect(texts(f)).toContain('free(): invalid pointer');
    expectValidCommands(f);
  });

  it('near miss: an abort with no heap check keeps the native-build lead', () => {
    const { target, config, exit, line } = make('monitor-sat', 'monacr.azurecr.io/icinga2-satellite:2.11.2');
    const rows = [line("[2026-10-01 00:10:43 +0000] information/CheckerComponent: Check result for 'db01!load'", 3)];
    const f = primary({ system: [exit(134, 172), exit(134, 352)], console: rows, target: target(), config: config() });
    expect(texts(f)).not.toContain('AddressSanitizer');
    expect(texts(f)).toContain('were built for this base image');
  });
});

describe("a vendor's GPU serving image is run at another tag, not rebuilt", () => {
  const { target, config, exit, line } = make('tgi-mistral', 'ghcr.io/huggingface/text-generation-inference:2.1.1');
  const cfg = config({}, { args: ['--model-id', 'mistralai/Mistral-7B-Instruct-v0.3'] });
  const system = [exit(1, 100), exit(1, 340)];

  // https://github.com/huggingface/text-generation-inference/issues/2238 ("Shard process was signaled to shutdown with signal 4 rank=0")
  it('TGI shard killed by signal 4: another tag or --disable-custom-kernels, no rebuild', () => {
    const rows = [
      line('2024-07-15T09:12:40.101Z  INFO text_generation_launcher: Starting shard rank=0', 60),
      line('2024-07-15T09:12:44.512Z ERROR shard-manager: text_generation_launcher: Shard process was signaled to shutdown with signal 4 rank=0', 84),
      line('Error: ShardCannotStart', 96),
    ];
    const f = primary({ system, console: rows, target: target(), config: cfg });
    expect(texts(f)).toContain('--disable-custom-kernels');
    expect(texts(f)).not.toMatch(/\brebuild\b/);
    expect(commands(f).some((c) => c.includes('--image ghcr.io/huggingface/text-generation-inference:<tag>'))).toBe(true);
    expectValidCommands(f);
  });

  // https://github.com/huggingface/text-generation-inference/issues/446 (signal 7: the shm volume)
  it('near miss: signal 7 (SIGBUS) keeps the /dev/shm step', () => {
    const rows = [line('2024-07-15T09:12:44.512Z ERROR shard-manager: text_generation_launcher: Shard process was signaled to shutdown with signal 7 rank=0', 84)];
    const f = primary({ system, console: rows, target: target(), config: cfg });
    expect(texts(f)).toContain('/dev/shm');
  });
});

describe('a name that does not resolve is not waited for', () => {
  const { target, config, sys, exit, line } = make('label-printer', 'contosoacr.azurecr.io/label-printer:2.3.0');
  const cfg = config({}, { env: [{ name: 'AMQP_HOST', value: 'rabbit' }] } as never);
  const system = [exit(1, 40), sys('BackOff', 'Back-off restarting failed container label-printer', 50), exit(1, 280)];
  const bunny = (error: string) => [
    line(`W, [2026-10-01T00:48:34.534824 #1]  WARN -- #<Bunny::Session:0x7fc19383dc48 guest@rabbit:5672, vhost=/, addresses=[rabbit:5672]>: Could not establish TCP connection to rabbit:5672: ${error}`, 34),
    line('Bunny::TCPConnectionFailedForAllHosts: Could not establish TCP connection to any of the configured hosts', 35),
  ];

  // Bunny's WARN line (https://github.com/ruby-amqp/bunny/issues/434) with Ruby's resolver error (https://github.com/fastlane/fastlane/issues/1315)
  it('getaddrinfo for a compose service name: no start-up-order retry step', () => {
    const f = primary({ system, console: bunny('getaddrinfo: nodename nor servname provided, or not known'), target: target(), config: cfg });
    expect(texts(f)).not.toContain('start-up order');
    expect(texts(f)).toContain('AMQP_HOST');
    expectValidCommands(f);
  });

  it('near miss: a connection that timed out keeps the wait-for-the-broker step', () => {
    const f = primary({ system, console: bunny('Operation timed out'), target: target(), config: cfg });
    expect(texts(f)).toContain('start-up order');
  });
});

describe('a module hidden by a volume mounted over the image\'s files is not reinstalled', () => {
  const { target, config, sys, exit, line } = make('vllm-chat', 'docker.io/vllm/vllm-openai:latest');
  const system = [exit(1, 21), sys('BackOff', 'Back-off restarting failed container vllm-chat', 30), exit(1, 81)];
  // https://github.com/micytao/vllm-playground/issues/7 (the exact runpy wording)
  const rows = [line("/usr/bin/python3: Error while finding module specification for 'vllm.entrypoints.openai.api_server' (ModuleNotFoundError: No module named 'vllm')", 15)];
  const cfg = (mountPath: string) => config({ volumes: [{ name: 'hf-cache', storageType: 'AzureFile', storageName: 'hf-cache' }] } as Partial<AppConfig>,
    { volumeMounts: [{ volumeName: 'hf-cache', mountPath }] } as never);

  it('share mounted at /workspace: move the mount, no requirements.txt or rebuild', () => {
    const f = primary({ system, console: rows, target: target(), config: cfg('/workspace') });
    expect(texts(f)).toContain('mounted at /workspace');
    expect(texts(f)).toContain('/root/.cache/huggingface');
    expect(texts(f)).not.toMatch(/requirements\.txt|rebuild the image/);
    expect(commands(f).some((c) => c.includes('<new-tag>'))).toBe(false);
    expectValidCommands(f);
  });

  it('near miss: the share at the cache directory keeps the install steps', () => {
    const f = primary({ system, console: rows, target: target(), config: cfg('/root/.cache/huggingface') });
    expect(texts(f)).not.toContain('over the files the image');
  });
});
