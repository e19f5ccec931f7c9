/**
 * The tenth steps review (issue #11, blind corpus v10): steps that name what the rows name (every listed
 * variable, the probe path a change moved, the read-only file and its Secret volume, the share, a value
 * another step gives, the failed Flyway migration, the crashing hook), steps that fit the cause and not
 * its category (no AcrPull for a missing tag, no chmod for `java -jar`, no chown for a mounted share, no
 * Python packaging for a Ruby image, no repeated command), a recovery that keeps failing, Metaspace, and
 * a secret whose value was rotated. Each incident uses a public wording, with its source.
 */
import { analyse } from '../../src/classify';
import { withNamedValues, withoutRepeatedCommands } from '../../src/classify/steps/fitting';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3e9b1c27-5a4d-4f60-8c2e-7d1a0b9f6e43';
const { target, config, sys, exit, line } = appFixtures({
  app: 'tally-api', resourceGroup: 'rg-tally', subscriptionId: SUB, t0: Date.parse('2026-12-08T10:00:00Z'),
  replica: 'tally-api--0000031-7c9d8e6f5-q2w3e',
  container: { name: 'tally-api', image: 'tallyreg.azurecr.io/tally-api:5.2.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const started = (s: number) => sys('ContainerStarted', 'Started container tally-api', s);

describe('a recovery between failures is not "no action needed"', () => {
  // https://github.com/mozilla/addons-frontend/issues/3916 (V8's heap abort, every few minutes)
  const oom = 'FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory';
  const cycles = (n: number) => ({
    system: Array.from({ length: n }, (_, i) => [exit(134, 300 * i + 5), started(300 * i + 20)]).flat(),
    console: Array.from({ length: n }, (_, i) => line(oom, 300 * i + 4)),
  });

  it('three heap aborts in the window, running again: the state counts them and the steps say to act now', () => {
    const input = { ...cycles(3), target: target(), config: config({}, { memory: '2Gi' }) };
    const a = analyse(input);
    expect(a.state).toMatchObject({ state: 'recovered', failures: 3 });
    const f = a.findings[0]!;
    expect(texts(f)).not.toMatch(/No action needed now/);
    expect(texts(f)).toContain('this failure already happened 3 times in the window');
    expect(all(f)).toContain('--set-env-vars NODE_OPTIONS=--max-old-space-size=1536');
    expectValidCommands(f);
  });

  it('near miss: one abort, then running: still nothing to do now, and the state carries no count', () => {
    const a = analyse({ ...cycles(1), target: target(), config: config({}, { memory: '2Gi' }) });
    expect(a.state.state).toBe('recovered');
    expect(a.state.failures).toBeUndefined();
    expect(texts(a.findings[0]!)).toMatch(/^No action needed now/);
  });
});

describe('Metaspace is not the heap', () => {
  // https://github.com/paketo-buildpacks/libjvm/issues/208 (the buildpack's memory calculator line, then Metaspace)
  const calculator = 'Calculated JVM Memory Configuration: -XX:MaxDirectMemorySize=10M -Xmx398213K -XX:MaxMetaspaceSize=138362K -XX:ReservedCodeCacheSize=240M -Xss1M (Total Memory: 1G, Thread Count: 250, Loaded Class Count: 21878, Headroom: 0%)';

  it('a buildpack image: the calculator\'s cap and class count, BPL_JVM_CLASS_ADJUSTMENT, no heap sizing', () => {
    const f = primary({
      system: [exit(3, 30)],
      console: [line(calculator, 1), line('Exception in thread "main" java.lang.OutOfMemoryError: Metaspace', 29)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('-XX:MaxMetaspaceSize=138362K from its estimate of 21878 loaded classes');
    expect(all(f)).toContain('--set-env-vars BPL_JVM_CLASS_ADJUSTMENT=150%');
    expect(texts(f)).toContain('-XX:MaxMetaspaceSize=320m in JAVA_TOOL_OPTIONS');
    expect(all(f)).not.toMatch(/MaxRAMPercentage/);
    expect(texts(f)).not.toMatch(/heap cap/);
    expectValidCommands(f);
  });

  it('no calculator: MaxMetaspaceSize through JAVA_TOOL_OPTIONS', () => {
    const f = primary({ system: [exit(1, 30)], console: [line('java.lang.OutOfMemoryError: Metaspace', 29)], target: target(), config: config() });
    expect(all(f)).toContain("--set-env-vars JAVA_TOOL_OPTIONS=-XX:MaxMetaspaceSize=256m");
    expect(texts(f)).toContain('unlimited by default');
    expect(all(f)).not.toMatch(/MaxRAMPercentage|BPL_JVM/);
  });

  it('near miss: Java heap space keeps the heap sizing', () => {
    const f = primary({ system: [exit(1, 30)], console: [line('java.lang.OutOfMemoryError: Java heap space', 29)], target: target(), config: config() });
    expect(all(f)).toContain('MaxRAMPercentage=75');
    expect(texts(f)).not.toMatch(/Metaspace/);
  });
});

describe('a secret whose value was rotated', () => {
  // https://github.com/npgsql/npgsql/issues/5249 (28P01 after the password changed)
  const refused = line('Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user "tally_app"', 4);
  const env = [{ name: 'ConnectionStrings__Tally', secretRef: 'tally-db', hasValue: false }];

  it('"secret tally-db updated": the current value into tally-db and a restart, no rollback, no re-pointing', () => {
    const f = primary({
      system: [exit(134, 5)], console: [refused], target: target(),
      config: config(
        { secrets: [{ name: 'tally-db' }], changesSinceHealthy: { fromRevision: 'tally-api--0000030', summary: 'secret tally-db updated', changes: [{ kind: 'env-secret-ref', container: 'tally-api', name: 'ConnectionStrings__Tally' }] } },
        { env },
      ),
    });
    expect(texts(f)).toContain('Secret tally-db was updated since healthy revision tally-api--0000030, and a rollback would not undo that');
    expect(all(f)).toContain('az containerapp secret set -n tally-api -g rg-tally --secrets tally-db=<value>');
    expect(all(f)).toContain('az containerapp revision restart');
    expect(all(f)).not.toMatch(/revision copy|<healthy-secret>/);
    expectValidCommands(f);
  });

  it('near miss: a variable pointed at another secret keeps the way back to the old one', () => {
    const f = primary({
      system: [exit(134, 5)], console: [refused], target: target(),
      config: config(
        { secrets: [{ name: 'tally-db' }, { name: 'tally-db-v2' }], changesSinceHealthy: { fromRevision: 'tally-api--0000030', summary: 'ConnectionStrings__Tally secret reference changed', changes: [{ kind: 'env-secret-ref', container: 'tally-api', name: 'ConnectionStrings__Tally', before: 'tally-db', after: 'tally-db-v2' }] } },
        { env: [{ name: 'ConnectionStrings__Tally', secretRef: 'tally-db-v2', hasValue: false }] },
      ),
    });
    expect(texts(f)).not.toContain('was updated since');
  });
});

describe('image pulls: credentials are not chased when they are known to work', () => {
  const provisioning = sys('Error', 'Error provisioning revision tally-api--0000031. ErrorCode: [ErrImagePull]', 5);
  const tagOnly = { fromRevision: 'tally-api--0000030', summary: 'image tag changed 5.1.9 -> 5.2.0', changes: [{ kind: 'image' as const, container: 'tally-api', name: 'tallyreg.azurecr.io/tally-api:5.2.0' }] };

  // https://learn.microsoft.com/en-us/azure/container-apps/troubleshooting (ErrImagePull on provisioning)
  it('only the tag changed: show-tags and the way back, no AcrPull and no registry set', () => {
    const f = primary({ system: [provisioning], console: [], target: target(), config: config({ changesSinceHealthy: tagOnly }) });
    expect(all(f)).toContain('az acr repository show-tags -n tallyreg --repository tally-api -o table');
    expect(texts(f)).toContain('Only the tag changed since healthy revision tally-api--0000030');
    expect(all(f)).not.toMatch(/AcrPull|registry set/);
    expectValidCommands(f);
  });

  it('near miss: the same change with the registry refusing the credentials keeps AcrPull', () => {
    // https://github.com/helm/helm/issues/12189 ("unauthorized: authentication required")
    const refused = sys('ImagePullFailure', 'Failed to pull image "tallyreg.azurecr.io/tally-api:5.2.0": rpc error: code = Unknown desc = failed to authorize: unauthorized: authentication required', 4);
    const f = primary({ system: [refused, provisioning], console: [], target: target(), config: config({ changesSinceHealthy: tagOnly }) });
    expect(all(f)).toMatch(/AcrPull/);
  });

  // https://github.com/microsoft/azure-container-apps/issues/1201 (a pull that failed once, then succeeded)
  it('a pull that failed once and then went through: no role assignment', () => {
    const f = primary({
      system: [sys('ContainerTerminated', "Container 'tally-api' was terminated with exit code '' and reason 'ImagePullFailure'", 2), sys('ImagePulled', 'Successfully pulled image "tallyreg.azurecr.io/tally-api:5.2.0" in 2.1s', 8), started(9)],
      console: [], target: target(), config: config(),
    });
    expect(texts(f)).toMatch(/^No action needed now/);
    expect(all(f)).not.toMatch(/role assignment create/);
  });
});

describe('a command given twice, and a value left blank that another step names', () => {
  it('the later step whose command repeats an earlier one goes', () => {
    const steps = [{ text: 'a', command: 'az containerapp show -n x -g y' }, { text: 'b' }, { text: 'c', command: 'az containerapp show  -n x -g y' }];
    expect(withoutRepeatedCommands(steps).map((s) => s.text)).toEqual(['a', 'b']);
  });

  // https://github.com/microsoft/mssql-jdbc/issues/2184 ("connect timed out" to Azure SQL)
  it('an Azure SQL timeout lists the outbound addresses once', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host tallydb.database.windows.net, port 1433 has failed. Error: "connect timed out. Verify the connection properties."', 4)],
      target: target(), config: config(),
    });
    expect(commands(f).filter((c) => c.includes('outboundIpAddresses'))).toHaveLength(1);
    expect(all(f)).toContain('az sql server firewall-rule create');
  });

  it('VAR=<value> takes the value another step names', () => {
    const out = withNamedValues([
      { text: 'Listen on HTTP only (ASPNETCORE_URLS=http://+:8080).' },
      { text: 'Set ASPNETCORE_URLS to its right value on the container (a plain setting; replace <value>); this creates a new revision.', command: 'az containerapp update -n a -g b --set-env-vars ASPNETCORE_URLS=<value>' },
    ]);
    expect(out[1]!.command).toBe('az containerapp update -n a -g b --set-env-vars ASPNETCORE_URLS=http://+:8080');
    expect(out[1]!.text).toContain('Set ASPNETCORE_URLS to http://+:8080 on the container');
  });

  // https://github.com/jpdillingham/Soulseek.NET/issues/392 (Kestrel's HTTPS endpoint without a certificate)
  it('Kestrel with an https endpoint and no certificate: ASPNETCORE_URLS on the ingress target port, no blank', () => {
    const f = primary({
      system: [exit(134, 5)],
      console: [line('Unhandled exception. System.InvalidOperationException: Unable to configure HTTPS endpoint. No server certificate was specified, and the default developer certificate could not be found or is out of date.', 4)],
      target: target(),
      config: config({ ingress: { external: true, targetPort: 5000 } }, { env: [{ name: 'ASPNETCORE_URLS', hasValue: true }] }),
    });
    expect(all(f)).toContain('--set-env-vars ASPNETCORE_URLS=http://+:5000');
    expect(all(f)).not.toContain('ASPNETCORE_URLS=<value>');
  });
});

describe('steps that fit the cause, not only its category', () => {
  // https://github.com/tchiotludo/akhq/issues/140 ("Unable to access jarfile")
  it('java -jar on a jar that is not there: the path, the override and the YAML, no chmod', () => {
    const f = primary({
      system: [exit(1, 5)], console: [line('Error: Unable to access jarfile /opt/tally/tally-service.jar', 4)], target: target(),
      config: config({}, { command: ['java'], args: ['-jar', '/opt/tally/tally-service.jar'] }),
    });
    expect(texts(f)).toContain('`java -jar` only reads /opt/tally/tally-service.jar (no executable bit needed)');
    expect(texts(f)).toContain('runs `java -jar /opt/tally/tally-service.jar`');
    expect(texts(f)).not.toMatch(/chmod/);
    expect(all(f)).toContain('az containerapp update -n tally-api -g rg-tally --yaml app.yaml');
    expectValidCommands(f);
  });

  it('near miss: a script that is not executable keeps the chmod step', () => {
    const f = primary({ system: [exit(126, 5)], console: [line('/bin/sh: 1: /app/start.sh: Permission denied', 4)], target: target(), config: config() });
    expect(texts(f)).toMatch(/chmod/);
  });

  // https://github.com/grokability/snipe-it/issues/10962 (laravel.log on a mounted logs directory)
  const laravel = line('The stream or file "/var/www/html/storage/logs/laravel.log" could not be opened in append mode: failed to open stream: Permission denied', 4);
  it('a Laravel log on an Azure Files mount: the mount\'s owner (mountOptions), not a chown in the image', () => {
    const f = primary({
      system: [exit(1, 5)], console: [laravel], target: target(),
      config: config({ volumes: [{ name: 'app-logs', storageType: 'AzureFile', storageName: 'tally-logs' }] }, { volumeMounts: [{ volumeName: 'app-logs', mountPath: '/var/www/html/storage/logs' }] }),
    });
    expect(texts(f)).toContain('is on volume app-logs');
    // The image's uid is not known here: a blank and the way to find it, never a guessed 1000.
    expect(texts(f)).toContain('mountOptions: uid=<uid>,gid=<gid>');
    expect(texts(f)).toContain('--entrypoint id');
    expect(texts(f)).not.toMatch(/chown www-data/);
  });

  it('near miss: the same line with no mount keeps the chown in the image', () => {
    const f = primary({ system: [exit(1, 5)], console: [laravel], target: target(), config: config() });
    expect(texts(f)).toContain('chown www-data storage bootstrap/cache');
  });

  // https://github.com/heroku/cli/issues/1465 ("bundle: not found")
  it('bundle not found: a Ruby base with bundler, not requirements.txt or a venv', () => {
    const f = primary({ system: [exit(127, 5)], console: [line('/bin/sh: 1: bundle: not found', 4)], target: target(), config: config() });
    expect(texts(f)).toContain('FROM a Ruby image');
    expect(texts(f)).not.toMatch(/requirements\.txt|venv|package\.json/);
  });

  it('near miss: gunicorn not found keeps the Python advice', () => {
    const f = primary({ system: [exit(127, 5)], console: [line('/bin/sh: 1: gunicorn: not found', 4)], target: target(), config: config() });
    expect(texts(f)).toContain('requirements.txt');
    expect(texts(f)).not.toMatch(/Ruby/);
  });

  const drainer = (args: string[], extra: Parameters<typeof config>[0] = {}) =>
    primary({
      system: [sys('Completed', "Container 'tally-api' was terminated with exit code '0'", 5), sys('Completed', "Container 'tally-api' was terminated with exit code '0'", 65), sys('BackOff', 'Back-off restarting failed container tally-api', 70)],
      console: [line('INFO worker: processed 12 messages from tally-jobs', 3), line('INFO worker: queue empty, exiting', 4)],
      target: target(), config: config(extra, { args }),
    });
  it('a worker that exits on an empty queue: wait for messages or an event job, never "start the server"', () => {
    const f = drainer(['worker', '--drain']);
    expect(texts(f)).toContain('exits 0 when its queue is empty');
    expect(texts(f)).not.toMatch(/start the server/);
  });

  it('exits 0 after its args changed: back to the old args, no job that replaces the app', () => {
    const f = drainer(['worker', '--drain-once'], { changesSinceHealthy: { fromRevision: 'tally-api--0000030', summary: 'args changed: --drain-once', changes: [{ kind: 'args', container: 'tally-api', name: 'args' }] } });
    expect(texts(f)).not.toMatch(/remove the app|run-to-completion/);
    expect(all(f)).not.toMatch(/job create/);
    expect(all(f)).toContain('revision copy');
  });
});

describe('native crashes name where they happened', () => {
  // https://github.com/puma/puma/issues/1940 (Ruby's [BUG] report in Puma's cluster.rb)
  it('a Ruby [BUG] in a gem frame names the gem, and Puma\'s cluster mode gets the single-mode stopgap', () => {
    const f = primary({
      system: [exit(134, 5)],
      console: [line('[1] Puma starting in cluster mode...', 1), line('/usr/local/bundle/gems/puma-5.6.2/lib/puma/cluster.rb:184: [BUG] Segmentation fault at 0x0000000000000010', 4)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('in a frame of gem puma-5.6.2');
    expect(all(f)).toContain('--set-env-vars WEB_CONCURRENCY=0');
    expect(texts(f)).not.toMatch(/sharp|numpy/);
    expectValidCommands(f);
  });

  // https://github.com/gpustack/gpustack/issues/5726 (an s6 hook that exits 139)
  it('a start-up hook that segfaults names the hook and the way back to the previous image', () => {
    const f = primary({
      system: [exit(139, 5)],
      console: [line('Segmentation fault', 3), line('/run/s6/basedir/scripts/rc.init: fatal: hook /etc/s6-overlay/scripts/tally-precheck.sh exited 139', 4)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('The crash is in /etc/s6-overlay/scripts/tally-precheck.sh, a start-up hook of the image');
    expect(all(f)).toContain('az containerapp revision list -n tally-api -g rg-tally --all');
    expect(texts(f)).not.toMatch(/sharp|numpy/);
  });

  it('near miss: a bare segmentation fault keeps the native-dependency check', () => {
    const f = primary({ system: [exit(139, 5)], console: [line('Segmentation fault (core dumped)', 4)], target: target(), config: config() });
    expect(texts(f)).toMatch(/native dependencies/);
  });
});

describe('steps name what the rows name', () => {
  // https://github.com/MicrosoftDocs/azure-docs/issues/118769 (mount error(13) after a key rotation)
  const mount = (error: string) =>
    sys('VolumeMountFailure', `MountVolume.SetUp failed for volume "tally-share" : rpc error: code = Internal desc = volume(csi-1) mount //tallyfiles.file.core.windows.net/reports on /var/lib/kubelet/pods/1/volumes/kubernetes.io~csi/tally-share/mount failed with mount failed: exit status 32 Output: ${error}`, 5);
  const storageConfig = config({ volumes: [{ name: 'tally-share', storageType: 'AzureFile', storageName: 'tally-storage' }] }, { volumeMounts: [{ volumeName: 'tally-share', mountPath: '/data' }] });

  it('a refused CIFS mount: the share from the row, the access mode left to fill, no SMB reachability check', () => {
    const f = primary({ system: [mount('mount error(13): Permission denied')], console: [], target: target(), config: storageConfig });
    expect(all(f)).toContain('--azure-file-share-name reports --access-mode <access-mode>');
    expect(texts(f)).not.toMatch(/port 445/);
    expectValidCommands(f);
  });

  it('near miss: a mount that timed out keeps the SMB check', () => {
    const f = primary({ system: [mount('mount error(112): Host is down')], console: [], target: target(), config: storageConfig });
    expect(texts(f)).toMatch(/port 445/);
  });

  // https://github.com/Akkudoktor-EOS/EOS/issues/278 (the app rewrites its config file)
  it('a write into a Secret volume names the file, the volume and where it is mounted', () => {
    const f = primary({
      system: [exit(1, 5)], console: [line("OSError: [Errno 30] Read-only file system: '/etc/tally/tally.json'", 4)], target: target(),
      config: config({ volumes: [{ name: 'tally-config', storageType: 'Secret' }], secrets: [{ name: 'tally-json' }] }, { volumeMounts: [{ volumeName: 'tally-config', mountPath: '/etc/tally' }] }),
    });
    expect(texts(f)).toContain('/etc/tally/tally.json is on volume tally-config, a Secret volume mounted at /etc/tally');
    expect(texts(f)).not.toMatch(/XDG_CACHE_HOME/);
    expect(all(f)).toContain('--yaml app.yaml');
  });

  // https://github.com/DumbWareio/DumbDo/issues/27 (EACCES on a file under /app as a non-root user)
  it('a refused write names the directory to give the user', () => {
    const f = primary({ system: [exit(1, 5)], console: [line("Error: EACCES: permission denied, open '/srv/tally/public/manifest.json'", 4)], target: target(), config: config() });
    expect(texts(f)).toContain('`RUN chown -R <user> /srv/tally/public`');
  });

  // https://github.com/versatus/lasr/pull/200 (a panic that lists every missing variable)
  it('a line listing several missing variables sets every one of them', () => {
    const f = primary({
      system: [exit(101, 5)],
      console: [line("thread 'main' panicked at src/config.rs:22:9:", 3), line('Environment variables missing: TALLY_TOKEN, LEDGER_URL, BATCH_SIZE,', 4)],
      target: target(), config: config(),
    });
    expect(all(f)).toContain('--set-env-vars TALLY_TOKEN=secretref:tally-token LEDGER_URL=secretref:ledger-url BATCH_SIZE=secretref:batch-size');
    expectValidCommands(f);
  });

  // https://azureossd.github.io/2023/08/23/Container-Apps-Troubleshooting-and-configuration-with-Health-Probes/
  it('a probe path the change moved, read from the summary\'s words, is set back by name', () => {
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 404', 5)], console: [], target: target(),
      config: config(
        { ingress: { targetPort: 8080 }, changesSinceHealthy: { fromRevision: 'tally-api--0000030', summary: 'readiness probe path changed /ready -> /api/ready', changes: [{ kind: 'probe-changed', container: 'tally-api', name: 'Readiness' }] } },
        { probes: [{ type: 'Readiness', transport: 'http', port: 8080, path: '/api/ready' }] },
      ),
    });
    expect(texts(f)).toContain('from /ready to /api/ready');
    expect(texts(f)).toContain('set it back to /ready');
  });

  // https://github.com/OtterMind/Chat2DB/issues/1625 (Flyway behind an ExceptionInInitializerError)
  it('a failed Flyway migration under an initializer error: the version, repair and a restart, no "go back"', () => {
    const f = primary({
      system: [exit(1, 6)],
      console: [
        line('Exception in thread "Thread-0" java.lang.ExceptionInInitializerError', 4),
        line('Caused by: org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: Migrations have failed validation', 4.01),
        line('Detected failed migration to version 3.4.1 (ADD_LEDGER).', 4.02),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('records migration 3.4.1 as failed');
    expect(texts(f)).toContain('`flyway repair`');
    expect(all(f)).toContain('az containerapp revision restart');
    expect(texts(f)).not.toMatch(/Fix or handle the failure|go back to the previous image/);
  });

  // https://github.com/eclipse-hawkbit/hawkbit/issues/463 ("Migration Checksum mismatch for migration 1.11.0")
  it('a checksum mismatch, in any letter case, names the edited migration', () => {
    const f = primary({
      system: [exit(1, 6)],
      console: [line("Error creating bean with name 'flywayInitializer': Invocation of init method failed; nested exception is org.flywaydb.core.api.FlywayException: Validate failed. Migration Checksum mismatch for migration 2.0.7", 4)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('Migration 2.0.7 was edited after it was applied');
  });

  // https://github.com/etalab/sirene_as_api/pull/284 (Sidekiq on the default localhost Redis)
  it('a bare exit 1 after the change removed a variable: that variable back, from the secret the app still has', () => {
    const f = primary({
      system: [exit(1, 5)], console: [line('Cannot assign requested address - connect(2) for [::1]:6379', 4)], target: target(),
      config: config({ secrets: [{ name: 'redis-url' }], changesSinceHealthy: { fromRevision: 'tally-api--0000030', summary: 'env var REDIS_URL removed', changes: [{ kind: 'env-removed', container: 'tally-api', name: 'REDIS_URL' }] } }),
    });
    expect(texts(f)).toContain('removed REDIS_URL');
    expect(all(f)).toContain('--set-env-vars REDIS_URL=secretref:redis-url');
    expect(texts(f)).not.toMatch(/Run the same image locally/);
    expectValidCommands(f);
  });

  // https://github.com/AlverezYari/phillips-homelab/pull/240 (Rails' missing secret_key_base)
  it('a bare exit 1 whose last line names a missing setting: that variable from a secret', () => {
    const f = primary({ system: [exit(1, 5)], console: [line("Missing 'secret_key_base' for 'production' environment, set this string with 'bin/rails credentials:edit'", 4)], target: target(), config: config() });
    expect(all(f)).toContain('--secrets secret-key-base=<value>');
    expect(all(f)).toContain('--set-env-vars SECRET_KEY_BASE=secretref:secret-key-base');
  });

  // https://github.com/zammad/zammad-docker-compose/issues/234 (POSTGRESQL_* variables, no host)
  it('a database on localhost with its other variables under one prefix: the host variable of that prefix', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [line('PG::ConnectionBad: could not connect to server: Connection refused', 3), line('\tIs the server running on host "localhost" (::1) and accepting', 3.1), line('\tTCP/IP connections on port 5432?', 3.2)],
      target: target(),
      config: config({ secrets: [{ name: 'pg-pass' }] }, { env: [{ name: 'POSTGRESQL_USER', hasValue: true }, { name: 'POSTGRESQL_PASS', secretRef: 'pg-pass', hasValue: false }] }),
    });
    expect(texts(f)).toContain('most likely POSTGRESQL_HOST');
    expect(all(f)).toContain('--set-env-vars POSTGRESQL_HOST=<value>');
    expect(all(f)).not.toContain('DATABASE_URL');
  });

  // https://github.com/microsoft/azure-container-apps/issues/399 (a Node service that crashed inside a client library)
  it('a TypeError raised inside node_modules names the package to guard and upgrade, not "your own frame"', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [
        line('/srv/app/node_modules/feed-client/lib/fetch.js:212', 4),
        line('    const items = body.feed.items;', 4.001),
        line('                            ^', 4.002),
        line('', 4.003),
        line("TypeError: Cannot read properties of undefined (reading 'items')", 4.004),
        line('    at FeedClient.parse (/srv/app/node_modules/feed-client/lib/fetch.js:212:29)', 4.005),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('raised inside feed-client (at /srv/app/node_modules/feed-client/lib/fetch.js:212)');
    expect(texts(f)).not.toMatch(/first frame in your own code/);
  });

  it('near miss: a database error raised through the ORM does not blame the ORM package', () => {
    const f = primary({
      system: [exit(1, 5)],
      console: [
        line('Traceback (most recent call last):', 3),
        line('  File "/usr/local/lib/python3.11/site-packages/django/db/backends/utils.py", line 89, in _execute', 3.1),
        line('django.db.utils.ProgrammingError: relation "tally_entry" does not exist', 4),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).not.toMatch(/a package the app installs/);
  });
});
