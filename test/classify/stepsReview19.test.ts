/**
 * Tenth steps review (docs/steps-review-v18-fresh.md), "the fix is in prose but the az command is missing
 * or wrong": a restart after an app-scope change (registry, database lock, Dapr component) and none after a
 * template change, the variable the configuration already has (ServiceBus__TransportType, JAVA_TOOL_OPTIONS,
 * KAFKA_BOOTSTRAP_SERVERS, a password beside REDIS_HOST), a registry refusal's credential, an AMQP timeout
 * that is not an IP filter, an EmptyDir at /tmp, a rotated storage key, a rebuilt image, a dangling argument,
 * and a job timeout computed from the progress the rows print. Public wording, with sources; near misses.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { jobProgress } from '../../src/classify/stages/jobProgress';
import type { Finding } from '../../src/model';

const SUB = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const T0 = Date.parse('2026-12-30T02:00:00Z');
const app = appFixtures({
  app: 'shop-api', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: T0,
  revision: 'shop-api--0000021', replica: 'shop-api--0000021-5c6d7e8f9-a1b2c',
  container: { name: 'shop-api', image: 'shopacr.azurecr.io/shop-api:3.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = appFixtures({
  app: 'shop-export', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: T0,
  replica: 'shop-export-29480000-k2m4p',
  container: { name: 'shop-export', image: 'shopacr.azurecr.io/shop-export:1.0.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: Finding): string => commands(f).join('\n');
const restarts = (f: Finding): string[] => commands(f).filter((c) => /revision restart|job start/.test(c));
const loop = [app.exit(1, 10), app.exit(1, 40), app.exit(1, 80)];

describe('a registry refusal: the credential, then the restart it needs', () => {
  // https://github.com/containerd/containerd/blob/main/core/remotes/docker/auth/fetch.go ("failed to fetch oauth token")
  // https://docs.github.com/en/packages/working-with-a-github-packages-registry/working-with-the-container-registry (read:packages)
  const GHCR_403 = 'Failed to pull image "ghcr.io/contoso/shop-api:3.1.0": failed to resolve reference "ghcr.io/contoso/shop-api:3.1.0": failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden';

  it('ghcr.io with no registry entry: registry set with a read:packages token, then the failing revision restarts', () => {
    const { target, config, sys } = app;
    const f = primary({
      system: [sys('ImagePullFailure', GHCR_403, 5), sys('ImagePullFailure', GHCR_403, 65)], console: [], target: target(),
      config: config({ registries: [] }, { image: 'ghcr.io/contoso/shop-api:3.1.0' }),
    });
    expect(all(f)).toContain('az containerapp registry set -n shop-api -g rg-shop --server ghcr.io --username <user> --password <token>');
    expect(texts(f)).toContain('read:packages');
    expect(restarts(f)).toEqual([`az containerapp revision restart -n shop-api -g rg-shop --revision shop-api--0000021 --subscription ${SUB}`]);
    const cmds = commands(f);
    expect(cmds.findIndex((c) => c.includes('revision restart'))).toBeGreaterThan(cmds.findIndex((c) => c.includes('registry set')));
    expectValidCommands(f);
  });

  it('a job whose configuration lists no registries: job registry set, then a new execution', () => {
    // https://github.com/orgs/community/discussions/26534 ("denied: permission_denied: read_package")
    const DENIED = 'Error response from daemon: pull access denied for ghcr.io/contoso/shop-export, repository does not exist or may require \'docker login\': denied: permission_denied: read_package';
    const { target, config, sys } = job;
    const cfg = config({ kind: 'job' }, { image: 'ghcr.io/contoso/shop-export:1.0.0' });
    delete (cfg as { registries?: unknown }).registries;
    const f = primary({ system: [sys('ImagePullFailure', DENIED, 5), sys('ImagePullFailure', DENIED, 185)], console: [], target: target({ kind: 'job' }), config: cfg });
    expect(all(f)).toContain('az containerapp job registry set -n shop-export -g rg-shop --server ghcr.io --username <user> --password <token>');
    expect(restarts(f)).toEqual([`az containerapp job start -n shop-export -g rg-shop --subscription ${SUB}`]);
    expect(texts(f)).not.toMatch(/^Check the registry credentials configured on the app/m);
    expectValidCommands(f);
  });

  it('ACR refuses at provisioning (UNAUTHORIZED): identity, AcrPull, registry set, then the image applied again (no restart)', () => {
    // https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-login ("UNAUTHORIZED: authentication required, visit https://aka.ms/acr/authorization")
    const PROVISION = 'Failed to provision revision for container app \'shop-api\'. Error details: The following field(s) are either invalid or missing. Field \'template.containers.shop-api.image\' is invalid with details: \'Invalid value: "shopacr.azurecr.io/shop-api:3.1.0": GET https:: UNAUTHORIZED: authentication required, visit https://aka.ms/acr/authorization for more information.\';';
    const { target, config, sys } = app;
    const f = primary({ system: [sys('RevisionProvisioningError', PROVISION, 5)], console: [], target: target(), config: config() });
    expect(all(f)).toContain('--role AcrPull');
    expect(all(f)).toContain('az containerapp registry set -n shop-api -g rg-shop --server shopacr.azurecr.io --identity system');
    expect(all(f)).toContain('--image shopacr.azurecr.io/shop-api:3.1.0');
    expect(restarts(f)).toEqual([]);
    expectValidCommands(f);
  });

  it('near miss: a provisioning error for a registry that does not resolve keeps its own step', () => {
    const PROVISION = 'Field \'template.containers.shop-api.image\' is invalid with details: \'Invalid value: "shopacrx.azurecr.io/shop-api:3.1.0": Get "https://shopacrx.azurecr.io/v2/": dial tcp: lookup shopacrx.azurecr.io: no such host\'';
    const { target, config, sys } = app;
    const f = primary({ system: [sys('RevisionProvisioningError', PROVISION, 5)], console: [], target: target(), config: config() });
    expect(all(f)).not.toContain('registry set');
    expect(texts(f)).toContain('does not resolve');
  });
});

describe('a lock released in the database: the restart (a job: a new execution)', () => {
  // https://github.com/liquibase/liquibase/blob/master/liquibase-standard/src/main/java/liquibase/lockservice/StandardLockService.java
  const LOCKED = 'liquibase.exception.LockException: Could not acquire change log lock.  Currently locked by 9f2c1d7a8b3e (10.0.3.17) since 6/2/26, 4:11 AM';

  it('an app: Liquibase only (no knex text), the restart, and the scale to set back', () => {
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line(LOCKED, 5)], target: target(), config: config({ scale: { minReplicas: 2, maxReplicas: 6, rules: [] } }) });
    expect(texts(f)).toContain('liquibase releaseLocks');
    expect(texts(f)).not.toContain('knex');
    expect(restarts(f)).toEqual([`az containerapp revision restart -n shop-api -g rg-shop --revision shop-api--0000021 --subscription ${SUB}`]);
    expect(texts(f)).toContain('--min-replicas 2 --max-replicas 6');
    expectValidCommands(f);
  });

  it('a Manual job: job start, and no replica pinning', () => {
    const { target, config, line } = job;
    const f = primary({
      system: [job.exit(1, 20)], console: [line(LOCKED, 5)], target: target({ kind: 'job' }),
      config: config({ kind: 'job', job: { triggerType: 'Manual', replicaTimeout: 900 } }),
    });
    expect(restarts(f)).toEqual([`az containerapp job start -n shop-export -g rg-shop --subscription ${SUB}`]);
    expect(texts(f)).not.toContain('Run one replica');
    expect(all(f)).not.toContain('--min-replicas');
    expectValidCommands(f);
  });

  it('near miss: knex\'s lock names no Liquibase table', () => {
    // https://github.com/knex/knex/blob/master/lib/migrations/migrate/Migrator.js ("Migration table is already locked")
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line('MigrationLocked: Migration table is already locked', 5)], target: target(), config: config() });
    expect(texts(f)).toContain('is_locked');
    expect(texts(f)).not.toContain('DATABASECHANGELOGLOCK');
  });
});

describe('an AMQP timeout: outbound ports or WebSockets, not the namespace IP filter', () => {
  // https://learn.microsoft.com/azure/service-bus-messaging/service-bus-troubleshooting-guide (ServiceTimeout, AmqpWebSockets)
  const TIMEOUT = 'Unhandled exception. Azure.Messaging.ServiceBus.ServiceBusException: The operation did not complete within the allocated time 00:01:00 for object shop-bus.servicebus.windows.net:5671. (ServiceTimeout)';

  it('the app sets ServiceBus__TransportType: set it to AmqpWebSockets; the open-ports path restarts', () => {
    const { target, config, line } = app;
    const f = primary({
      system: [app.exit(134, 70), app.exit(134, 140)], console: [line(TIMEOUT, 60)], target: target(),
      config: config({}, { env: [{ name: 'ServiceBus__Namespace', hasValue: true }, { name: 'ServiceBus__TransportType', hasValue: true }] }),
    });
    expect(all(f)).toContain('--set-env-vars ServiceBus__TransportType=AmqpWebSockets');
    expect(all(f)).not.toContain('ip-rule add');
    expect(all(f)).not.toContain('outboundIpAddresses');
    expect(texts(f)).toContain('Allow outbound TCP 5671 and 5672');
    expect(restarts(f)).toHaveLength(1);
    expectValidCommands(f);
  });

  it('near miss: no transport variable in the configuration: the words stay, no update', () => {
    const { target, config, line } = app;
    const f = primary({ system: [app.exit(134, 70)], console: [line(TIMEOUT, 60)], target: target(), config: config() });
    expect(all(f)).not.toContain('AmqpWebSockets');
    expect(all(f)).not.toContain('ip-rule add');
    expect(texts(f)).toContain('AmqpWebSockets');
  });
});

describe('the variable the configuration has, set by the command', () => {
  it('Redis NOAUTH with REDIS_HOST and no password variable: secret set, then REDIS_PASSWORD=secretref, no restart', () => {
    // https://redis.io/docs/latest/commands/auth/ ("NOAUTH Authentication required.")
    const { target, config, line } = app;
    const f = primary({
      system: loop, console: [line('[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required.', 5)], target: target(),
      config: config({}, { env: [{ name: 'REDIS_HOST', hasValue: true }, { name: 'REDIS_PORT', hasValue: true }] }),
    });
    const cmds = commands(f);
    const set = cmds.findIndex((c) => c.includes('--secrets redis-password=<password>'));
    const ref = cmds.findIndex((c) => c.includes('--set-env-vars REDIS_PASSWORD=secretref:redis-password'));
    expect(set).toBeGreaterThanOrEqual(0);
    expect(ref).toBeGreaterThan(set);
    expect(restarts(f)).toEqual([]);
    expectValidCommands(f);
  });

  it('a password variable with no secret: the secret is created before the reference, and no old revision restarts', () => {
    // https://github.com/redis/ioredis/issues/1157 ("Ready check failed: NOAUTH Authentication required.")
    const { target, config, line } = app;
    const f = primary({
      system: loop, console: [line('Error: Ready check failed: Error: NOAUTH Authentication required.', 5)], target: target(),
      config: config({}, { env: [{ name: 'STORAGE_HOST', hasValue: true }, { name: 'STORAGE_PASSWORD', hasValue: false }] }),
    });
    expect(all(f)).not.toContain('secretref:<secret>');
    const cmds = commands(f);
    const set = cmds.findIndex((c) => c.includes('--secrets storage-password=<value>'));
    expect(set).toBeGreaterThanOrEqual(0);
    expect(cmds.findIndex((c) => c.includes('STORAGE_PASSWORD=secretref:storage-password'))).toBeGreaterThan(set);
    expect(restarts(f)).toEqual([]);
    expectValidCommands(f);
  });

  it('a native agent loaded from JAVA_TOOL_OPTIONS: the variable is removed by command', () => {
    // https://docs.oracle.com/javase/8/docs/technotes/guides/troubleshoot/felog001.html (hs_err "Problematic frame")
    const { target, config, line } = app;
    const f = primary({
      system: [app.exit(134, 20), app.exit(134, 60)], console: [line('# SIGSEGV (0xb) at pc=0x00007f3a1c2b7b3, pid=1, tid=17', 10), line('# Problematic frame:', 11), line('# C  [libagent.so+0x2b7b3]  PerfManager::closeEvents()+0x73', 12)],
      target: target(), config: config({}, { env: [{ name: 'JAVA_TOOL_OPTIONS', hasValue: true }] }),
    });
    expect(all(f)).toContain('--remove-env-vars JAVA_TOOL_OPTIONS');
    expect(texts(f)).not.toMatch(/then create a new revision\. The app sets/);
    expectValidCommands(f);
  });

  it('near miss: no option variable in the configuration: no removal command', () => {
    const { target, config, line } = app;
    const f = primary({
      system: [app.exit(134, 20)], console: [line('# Problematic frame:', 11), line('# C  [libagent.so+0x2b7b3]  PerfManager::closeEvents()+0x73', 12)],
      target: target(), config: config(),
    });
    expect(all(f)).not.toContain('--remove-env-vars');
  });

  it('a job that cannot reach its Kafka broker: job update sets KAFKA_BOOTSTRAP_SERVERS', () => {
    // https://github.com/apache/kafka/blob/trunk/clients/src/main/java/org/apache/kafka/clients/NetworkClient.java ("Broker may not be available.")
    const { target, config, line } = job;
    const WARN = 'WARN  org.apache.kafka.clients.NetworkClient - [Producer clientId=producer-1] Connection to node -1 could not be established. Broker may not be available.';
    const f = primary({
      system: [job.exit(1, 100)], console: [line(WARN, 10), line(WARN, 50), line(WARN, 90)], target: target({ kind: 'job' }),
      config: config({ kind: 'job', job: { triggerType: 'Schedule', replicaTimeout: 600 } }, { env: [{ name: 'KAFKA_BOOTSTRAP_SERVERS', hasValue: true }] }),
    });
    expect(all(f)).toContain('az containerapp job update -n shop-export -g rg-shop --container-name shop-export --set-env-vars KAFKA_BOOTSTRAP_SERVERS=<host>:<port>');
    expectValidCommands(f);
  });
});

describe('the template fixes spelled out', () => {
  it('Jetty cannot create its temp dir: the EmptyDir at /tmp through the YAML', () => {
    // https://github.com/spring-projects/spring-boot/blob/main/spring-boot-project/spring-boot/src/main/java/org/springframework/boot/web/server/AbstractConfigurableWebServerFactory.java ("Unable to create tempDir. java.io.tmpdir is set to")
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line('java.lang.IllegalStateException: Unable to create tempDir. java.io.tmpdir is set to /tmp', 5)], target: target(), config: config() });
    expect(texts(f)).toContain('storageType: EmptyDir');
    expect(texts(f)).toContain('mountPath: /tmp');
    expect(all(f)).toContain('--yaml app.yaml');
    expectValidCommands(f);
  });

  it('args that end in a flag with no value: the fix-forward args through the YAML', () => {
    const { target, config } = app;
    const f = primary({
      system: loop, console: [], target: target(),
      config: config(
        {
          latestRevisionName: 'shop-api--0000021', latestReadyRevisionName: 'shop-api--0000020', failingRevisionName: 'shop-api--0000021',
          revisions: [{ name: 'shop-api--0000020', active: true, healthState: 'Healthy', trafficWeight: 100 }, { name: 'shop-api--0000021', active: true, healthState: 'Unhealthy' }],
          changesSinceHealthy: { fromRevision: 'shop-api--0000020', summary: 'args changed', changes: [{ kind: 'args', container: 'shop-api' }] },
        },
        { args: ['--mode', 'stream', '--partitions'] },
      ),
    });
    expect(texts(f)).toContain('["--mode", "stream", "--partitions", "<value>"]');
    expect(all(f)).toContain('--yaml app.yaml');
    expectValidCommands(f);
  });

  it('near miss: args that end in a value get no dangling-flag step', () => {
    const { target, config } = app;
    const f = primary({
      system: loop, console: [], target: target(),
      config: config(
        { changesSinceHealthy: { fromRevision: 'shop-api--0000020', summary: 'args changed', changes: [{ kind: 'args', container: 'shop-api' }] } },
        { args: ['--mode', 'stream', '--partitions', '8'] },
      ),
    });
    expect(texts(f)).not.toContain('with no value after it');
  });

  it('a Zeitwerk NameError whose step says to rebuild the image: update --image with the repository', () => {
    // https://github.com/fxn/zeitwerk ("uninitialized constant"; bin/rails zeitwerk:check)
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line('uninitialized constant Connectors::BaseConnector (NameError)', 5)], target: target(), config: config() });
    if (/rebuild the image/.test(texts(f))) expect(all(f)).toContain('--image shopacr.azurecr.io/shop-api:<new-tag>');
  });
});

describe('a job killed at its replica timeout while it progressed', () => {
  it('reads N of M in T seconds and proposes T*M/N plus a fifth, not the double', () => {
    const { target, config, line, sys } = job;
    const rows = Array.from({ length: 12 }, (_, i) => line(`exported batch ${i + 1}/40 (rows=${(i + 1) * 25000})`, 40 + i * 144));
    const f = primary({
      system: [sys('ContainerStarted', 'Started container shop-export', 0), sys('Error', "Container 'shop-export' was terminated with exit code '137'", 1800)],
      console: rows, target: target({ kind: 'job' }), config: config({ kind: 'job', job: { triggerType: 'Schedule', replicaTimeout: 1800 } }),
    });
    const update = commands(f).find((c) => c.includes('--replica-timeout'));
    expect(update).toBeDefined();
    const seconds = Number(/--replica-timeout (\d+)/.exec(update!)![1]);
    expect(seconds).toBeGreaterThan(5500);
    expect(seconds).not.toBe(3600);
    expect(texts(f)).toContain('12 of 40');
    expectValidCommands(f);
  });

  it('jobProgress: JSON done/total counters', () => {
    const at = (s: number): number => T0 + s * 1000;
    const lines = [4100, 8200, 12300, 49200].map((done, i) => ({ ms: at(i === 3 ? 528 : 48 * (i + 1)), text: `{"msg":"exported tiles","done":${done},"total":118000}` }));
    const p = jobProgress(lines, at(0), at(600));
    expect(p).toMatchObject({ done: 49200, total: 118000, seconds: 528 });
    expect(p!.needed).toBeGreaterThanOrEqual(1500);
  });

  it('near miss: dates, a finished series, or a single line are not progress', () => {
    const at = (s: number): number => T0 + s * 1000;
    expect(jobProgress([{ ms: at(1), text: 'run 10/16/2026 started' }, { ms: at(2), text: 'run 10/16/2026 step' }, { ms: at(3), text: 'run 10/16/2026 end' }], at(0), at(10))).toBeUndefined();
    expect(jobProgress([1, 2, 3].map((n) => ({ ms: at(n), text: `batch ${n}/3` })), at(0), at(10))).toBeUndefined();
    expect(jobProgress([{ ms: at(5), text: 'batch 1/40' }], at(0), at(10))).toBeUndefined();
  });
});

describe('a Dapr component fixed in the environment: the restart command on that step', () => {
  it('a BOM in the local secret store file: the step that says restart carries the command', () => {
    // https://github.com/dapr/components-contrib/blob/main/secretstores/local/file/filestore.go (local.file secret store reads JSON)
    const { target, config, line } = app;
    const f = primary({
      system: loop,
      console: [line('level=fatal msg="process component demosecrets error: [INIT_COMPONENT_FAILURE]: initialization error occurred for demosecrets (secretstores.local.file/v1): invalid character \'ï\' looking for beginning of value" app_id=shop-api scope=dapr.runtime type=log', 5)],
      target: target(), config: config(),
    });
    if (/in the environment's Dapr components, then restart the revision/.test(texts(f))) {
      expect(restarts(f)).toHaveLength(1);
      expectValidCommands(f);
    }
  });
});
