/**
 * Two wrong verdicts of the v26 steps review (docs/steps-review-v26-fresh.md, 53 and 61; v25 17):
 * a full disk that is an Azure Files share gets the share's quota, not ephemeral-storage advice, also when
 * the failing write names no absolute path; and a server that logged its own shutdown and was killed at the
 * end of the grace period gets the grace period raised, not "handle SIGTERM". Each wording is a public one,
 * with its source; each class has near misses that must not change.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';

describe('a full disk on an Azure Files volume, with no absolute path in the rows', () => {
  const { target, config, sys, exit, line } = appFixtures({
    app: 'pg-main', resourceGroup: 'rg-data', subscriptionId: SUB, t0: Date.parse('2026-12-21T04:50:00Z'),
    replica: 'pg-main--0000012-1d2e3f4a5-k2x9p',
    container: { name: 'pg-main', image: 'docker.io/library/postgres:16', cpu: 1, memory: '2Gi', env: [], probes: [] },
  });
  const loop = [exit(1, 10), sys('BackOff', 'Back-off restarting failed container pg-main', 20), exit(1, 40)];
  // PostgreSQL's miscinit.c: errmsg("could not write lock file \"%s\": %m"), the path relative to the data directory
  const pgFull = [
    line('PostgreSQL Database directory appears to contain a database; Skipping initialization', 5),
    line('2026-12-21 04:50:07.173 UTC [20] FATAL:  could not write lock file "postmaster.pid": No space left on device', 7),
  ];
  const share = (mountPath: string, extra: Partial<AppConfig> = {}, env: { name: string }[] = [], image?: string): AppConfig =>
    config(
      { volumes: [{ name: 'pgdata', storageType: 'AzureFile', storageName: 'pgdata' }], environment: { name: 'env-data', storages: [{ name: 'pgdata', kind: 'AzureFile', shareName: 'pgdata-share' }] }, ...extra } as Partial<AppConfig>,
      { volumeMounts: [{ volumeName: 'pgdata', mountPath }], env, ...(image ? { image } : {}) } as never,
    );

  it('postgres keeps its data on the share: show the usage, raise the quota; no ephemeral steps', () => {
    const f = primary({ system: loop, console: pgFull, target: target(), config: share('/var/lib/postgresql/data') });
    expect(f.category).toBe('storage-failure');
    expect(commands(f).some((c) => /^az storage share-rm show .*--name pgdata-share --expand stats/.test(c))).toBe(true);
    expect(commands(f).some((c) => /^az storage share-rm update .*--name pgdata-share --quota <GiB>/.test(c))).toBe(true);
    expect(texts(f)).toContain('/var/lib/postgresql/data is on volume pgdata');
    expect(texts(f)).not.toMatch(/ephemeral|Rotate or stop writing log files|Write large or growing/);
    expectValidCommands(f);
  });

  it('without the share name in the environment: env storage show finds the account and share', () => {
    const f = primary({ system: loop, console: pgFull, target: target(), config: share('/var/lib/postgresql/data', { environment: { name: 'env-data' } } as Partial<AppConfig>) });
    expect(commands(f).some((c) => /^az containerapp env storage show .*--storage-name pgdata/.test(c))).toBe(true);
    expect(commands(f).some((c) => c.includes('share-rm update'))).toBe(true);
    expectValidCommands(f);
  });

  // The JDK's FileOutputStream.writeBytes: `java.io.IOException: No space left on device`, no path (Jenkins extracting its war into JENKINS_HOME)
  const javaFull = [
    line('Running from: /usr/share/jenkins/jenkins.war', 5),
    line('Exception in thread "main" java.io.IOException: No space left on device', 6),
    line('\tat java.io.FileOutputStream.writeBytes(Native Method)', 6),
  ];
  it('a variable named after the mount (JENKINS_HOME on /var/jenkins_home): the share is where it wrote', () => {
    const f = primary({ system: loop, console: javaFull, target: target(), config: share('/var/jenkins_home', {}, [{ name: 'JENKINS_HOME' }], 'contosoacr.azurecr.io/jenkins:lts') });
    expect(f.category).toBe('storage-failure');
    expect(commands(f).some((c) => c.includes('share-rm update'))).toBe(true);
    expect(texts(f)).not.toMatch(/Rotate or stop writing log files|Write large or growing/);
    expectValidCommands(f);
  });

  it('a private image with one share and no path: the share is checked first, the ephemeral steps stay', () => {
    const f = primary({ system: loop, console: javaFull, target: target(), config: share('/srv/state', {}, [], 'contosoacr.azurecr.io/billing:2.1') });
    const t = texts(f);
    expect(t).toContain('names no path');
    expect(commands(f).some((c) => c.includes('share-rm show'))).toBe(true);
    expect(t).toMatch(/Write large or growing/);
    expectValidCommands(f);
  });

  it('near miss: the row names an absolute path off the share: ephemeral steps, no quota', () => {
    // CPython's OSError: `[Errno 28] No space left on device: '/tmp/...'`
    const tmp = [line("OSError: [Errno 28] No space left on device: '/tmp/upload-7f3a.part'", 7)];
    const f = primary({ system: loop, console: tmp, target: target(), config: share('/var/lib/postgresql/data') });
    expect(f.category).toBe('storage-failure');
    expect(commands(f).some((c) => c.includes('share-rm'))).toBe(false);
    expect(texts(f)).toMatch(/Write large or growing/);
  });

  it('near miss: no Azure Files volume: the ephemeral steps stay', () => {
    const f = primary({ system: loop, console: pgFull, target: target(), config: config() });
    expect(commands(f).some((c) => c.includes('share-rm'))).toBe(false);
    expect(texts(f)).toMatch(/Write large or growing/);
  });
});

describe('a server that logged its shutdown and was killed after the grace period', () => {
  const { target, config, sys, line } = appFixtures({
    app: 'mq', resourceGroup: 'rg-mq', subscriptionId: SUB, t0: Date.parse('2026-12-21T08:57:00Z'),
    replica: 'mq--0000006-4d5e6f7a9-k2x9p',
    container: { name: 'mq', image: 'docker.io/library/rabbitmq:3.13', cpu: 1, memory: '2Gi', env: [], probes: [] },
  });
  const stopped = [sys('StoppingContainer', 'Stopping container mq', 0), sys('ContainerTerminated', "Container 'mq' was terminated with exit code '137'", 33)];
  const cfg = () => config({ terminationGracePeriodSeconds: 30 } as Partial<AppConfig>);

  it('RabbitMQ asked to stop, still flushing its message store: raise terminationGracePeriodSeconds, no SIGTERM handling', () => {
    // rabbit.erl: ?LOG_INFO("RabbitMQ is asked to stop..."); rabbit_msg_store: "Stopping message store for directory ~tp"
    const rows = [
      line('2026-12-21 08:57:00.112 [info] <0.1234.0> RabbitMQ is asked to stop...', 3),
      line("2026-12-21 08:57:00.980 [info] <0.1234.0> Stopping message store for directory '/var/lib/rabbitmq/mnesia/rabbit@mq/msg_stores/vhosts/628WB79CIFDYO9LJI6DKMI09L/msg_store_persistent'", 6),
    ];
    const f = primary({ system: stopped, console: rows, target: target(), config: cfg() });
    expect(f.category).toBe('forced-kill');
    const t = texts(f);
    expect(t).toMatch(/terminationGracePeriodSeconds/);
    expect(t).not.toMatch(/^Handle SIGTERM|PID 1 or that the entrypoint forwards/m);
    expect(commands(f).some((c) => c.includes('--yaml app.yaml'))).toBe(true);
    // The broker's shutdown is its own code: the grace period leads, no work-loop advice
    expect(f.steps![0]!.text).toMatch(/^rabbitmq logged its own shutdown .*Raise terminationGracePeriodSeconds/);
    expect(t).not.toMatch(/make the work loop check/);
    expectValidCommands(f);
  });

  it('near miss: the engineer\'s own image that logged its shutdown keeps the work-loop advice beside the grace period', () => {
    // Go's net/http pattern as apps log it: "Shutting down server..."
    const rows = [line('Shutting down server...', 2)];
    const f = primary({ system: stopped, console: rows, target: target(), config: config({ terminationGracePeriodSeconds: 30 } as Partial<AppConfig>, { image: 'contosoacr.azurecr.io/orders:1.4.2' }) });
    expect(texts(f)).toMatch(/make the work loop check/);
    expect(texts(f)).toMatch(/raise terminationGracePeriodSeconds/);
  });

  it('nginx logged SIGTERM (signal 15 received) and was killed: the grace period, not signal forwarding', () => {
    // nginx os/unix/ngx_process.c: "signal %d (%s) received from %P, %s"
    const rows = [line('2026/12/21 08:57:00 [notice] 1#1: signal 15 (SIGTERM) received from 1, exiting', 1)];
    const f = primary({ system: stopped, console: rows, target: target(), config: cfg() });
    expect(texts(f)).toMatch(/terminationGracePeriodSeconds/);
    expect(texts(f)).not.toMatch(/^Handle SIGTERM/m);
  });

  it('near miss: nothing logged after the stop: handle SIGTERM stays, no grace raise', () => {
    const f = primary({ system: stopped, console: [line('2026-12-21 08:50:00.112 [info] <0.1.0> Server startup complete; 4 plugins started.', -400)], target: target(), config: cfg() });
    expect(f.category).toBe('forced-kill');
    expect(texts(f)).toMatch(/^Handle SIGTERM/m);
    expect(texts(f)).not.toMatch(/raise terminationGracePeriodSeconds/i);
  });

  it('near miss: an immediate shutdown request (SIGQUIT) is not a graceful stop', () => {
    const rows = [line('2026-12-21 08:57:00.100 UTC [1] LOG:  received immediate shutdown request', 1)];
    const f = primary({ system: stopped, console: rows, target: target(), config: cfg() });
    expect(texts(f)).toMatch(/^Handle SIGTERM/m);
  });
});
