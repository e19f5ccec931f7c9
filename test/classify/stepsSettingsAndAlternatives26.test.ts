/**
 * Steps of the v23 review, set B: a worker's own shutdown timeout past the grace period (54), a JVM heap the
 * rows print that a memory raise must hold (93), alternatives that fail or mislead (an image already on
 * :latest given "a newer tag" 75, a missing tag called "never published" 88, PORT=80 for a non-root user
 * 94, "stop mounting" a share holding the app 91), an NFS share treated as SMB (86), and fixes without a
 * command (58, 71, 80). Console lines are public wording, each with its source.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3c2b1a09-8f7e-4d6c-9b5a-0a1b2c3d4e5f';
const shape = (name: string, image: string, extra: Record<string, unknown> = {}) =>
  appFixtures({
    app: name, resourceGroup: 'rg-ops', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: `${name}--0000007-6d5c4b3a2-x1y2z`,
    container: { name, image, cpu: 0.5, memory: '1Gi', env: [], probes: [], ...extra },
  });
const all = (f: ReturnType<typeof primary>) => `${texts(f)}\n${commands(f).join('\n')}`;

describe("a worker's own shutdown timeout past the grace period", () => {
  // Sidekiq's shutdown lines: https://github.com/sidekiq/sidekiq/wiki/Signals ("Shutting down", "Pausing to allow workers to finish...")
  const rows = ['INFO: Booting Sidekiq 7.2.4', 'INFO: Shutting down', 'INFO: Terminating quiet workers', 'INFO: Pausing to allow workers to finish...'];
  const run = (command: string[]) => {
    const { target, config, sys, exit, line } = shape('jobs', 'contoso.azurecr.io/jobs:4.1', { command });
    return primary({ system: [sys('StoppingContainer', 'Stopping container jobs', 0), exit(137, 33)], console: rows.map((t) => line(t, 1)), target: target(), config: config() });
  };

  it('sidekiq -t 120 against 30s: the flag is named with a value below the grace period', () => {
    const f = run(['bundle', 'exec', 'sidekiq', '-t', '120']);
    expect(texts(f)).toContain("Sidekiq's own shutdown timeout to 120s (`-t 120`)");
    expect(texts(f)).toContain('`-t 25`');
    expect(texts(f)).not.toMatch(/make the work loop check the stop request/);
    expectValidCommands(f);
  });

  it('near miss: sidekiq -t 20 fits in the grace period and gets no such step', () => {
    const f = run(['bundle', 'exec', 'sidekiq', '-t', '20']);
    expect(texts(f)).not.toContain('own shutdown timeout');
  });

  it("near miss: puma's -t is its thread count, not a shutdown timeout", () => {
    const f = run(['bundle', 'exec', 'puma', '-t', '5:5']);
    expect(texts(f)).not.toContain('own shutdown timeout');
  });
});

describe('the heap a JVM prints bounds the memory raise', () => {
  // Metabase logs its heap ceiling at start: https://www.metabase.com/docs/latest/troubleshooting-guide/running-metabase-on-docker ("Maximum memory available to JVM")
  // The heap the JVM says it may grow to (2 GB in a 1Gi container) is what the container must hold, whether or
  // not the configuration sets it: the next pair (2Gi) would be killed again (v23 review B 93).
  it('a heap printed at start and no heap setting: the raise still holds the printed heap plus overhead', () => {
    const { target, config, sys, exit, line } = shape('bi', 'docker.io/metabase/metabase:v0.50.3');
    const f = primary({
      system: [sys('OOMKilled', "Container 'bi' was OOM killed", 30), exit(137, 31)],
      console: [line('2026-12-03 10:00:01,504 INFO metabase.util :: Maximum memory available to JVM: 2.0 GB', 1)],
      target: target(), config: config(),
    });
    expect(commands(f).find((c) => / --memory /.test(c)) ?? '').toMatch(/--cpu 2 --memory 4Gi\b/);
    expectValidCommands(f);
  });

  it('JAVA_OPTS set to -Xmx2048m since the healthy revision: the raise holds the 2 GiB heap plus overhead', () => {
    const { target, config, sys, exit } = shape('bi', 'docker.io/metabase/metabase:v0.50.3');
    const changes = { fromRevision: 'bi--0000006', summary: 'JAVA_OPTS set to -Xmx2048m', changes: [{ kind: 'env-added', container: 'bi', name: 'JAVA_OPTS' }] };
    const f = primary({
      system: [sys('OOMKilled', "Container 'bi' was OOM killed", 30), exit(137, 31)], console: [],
      target: target(), config: config({ changesSinceHealthy: changes } as never, { env: [{ name: 'JAVA_OPTS', hasValue: true }] }),
    });
    const raise = commands(f).find((c) => / --memory /.test(c));
    expect(raise).toBeDefined();
    expect(raise).not.toMatch(/--memory (?:1|2)Gi\b/);
    expectValidCommands(f);
  });
});

describe('alternatives that fail or mislead', () => {
  // pg_dump's refusal: https://www.postgresql.org/message-id/ (pg_dump "aborting because of server version mismatch")
  const PG = ['pg_dump: error: aborting because of server version mismatch', 'pg_dump: detail: server version: 16.4; pg_dump version: 14.12'];
  const pgJob = (image: string) => {
    const { target, config, exit, line } = shape('pg-backup', image);
    return primary({ system: [exit(1, 5)], console: PG.map((t) => line(t, 2)), target: target({ job: true } as never), config: config({ kind: 'job' } as never) });
  };

  it('an image on :latest gets another image, not "a newer tag" of the same one', () => {
    const f = pgJob('docker.io/schickling/postgres-backup-s3:latest');
    expect(texts(f)).toContain('already is the newest build of its repository');
    expect(all(f)).not.toMatch(/a newer tag of|postgres-backup-s3:<new-tag>/);
  });

  it('near miss: a pinned version keeps "a newer tag" of that image', () => {
    const f = pgJob('docker.io/ankane/pgsync:v0.7.4');
    expect(texts(f)).toContain('a newer tag of');
  });

  // "manifest unknown" for a tag the registry does not list: https://github.com/aerokube/moon/issues/43
  it('a missing tag of a third-party image: not "never published", no "push it"', () => {
    const { target, config, sys } = shape('print-server', 'ghcr.io/fajfer/gcups:1.1.7');
    const image = 'ghcr.io/fajfer/gcups:1.1.7';
    const f = primary({ system: [sys('ImagePullFailure', `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to resolve reference "${image}": manifest unknown: manifest unknown`)], console: [], target: target(), config: config() });
    expect(texts(f)).not.toMatch(/never published|: push it,/);
    expect(commands(f).join('\n')).toContain('--image ghcr.io/fajfer/gcups:<tag>');
  });

  // Strapi 3's words for a project without the environment's config: https://github.com/strapi/strapi/issues/7104
  it('a share mounted over the app directory is not to be unmounted; another image is the alternative', () => {
    const { target, config, exit, line } = shape('cms', 'docker.io/strapi/strapi:3.6.8', { volumeMounts: [{ volumeName: 'cms-app', mountPath: '/srv/app' }] });
    const f = primary({
      system: [exit(1, 5)],
      console: [line('[2026-12-03T10:00:02.000Z] error Missing environment config for env: production.', 2), line('[2026-12-03T10:00:02.000Z] error Make sure the directory ./config/environments/production exists', 2)],
      target: target(), config: config({ volumes: [{ name: 'cms-app', storageType: 'AzureFile', storageName: 'cms-app' }] } as never),
    });
    expect(texts(f)).not.toMatch(/stop mounting it/);
    expect(commands(f).some((c) => c.includes('--image <image>'))).toBe(true);
    expectValidCommands(f);
  });
});

describe('a port below 1024 through the port variable', () => {
  // Next.js standalone's banner: https://github.com/umami-software/umami/issues/2403 ("- Local: http://localhost:3000")
  const run = (targetPort: number) => {
    const { target, config, sys, exit, line } = shape('stats', 'ghcr.io/umami-software/umami:postgresql-v2.13.2');
    return primary({
      system: [sys('ReplicaUnhealthy', `startup probe failed: dial tcp 10.0.0.5:${targetPort}: connect: connection refused`, 30), exit(1, 40)],
      console: [line('  ▲ Next.js 14.2.5', 2), line('  - Local:        http://localhost:3000', 2), line(' ✓ Ready in 412ms', 3)],
      target: target(), config: config({ ingress: { external: true, targetPort } } as never),
    });
  };

  it('PORT=80 says it needs root; moving ingress stays the fix', () => {
    const f = run(80);
    expect(commands(f).some((c) => /--set-env-vars PORT=80\b/.test(c))).toBe(true);
    expect(texts(f)).toContain('only a process running as root may bind a port below 1024');
    expect(commands(f).some((c) => c.includes('--target-port 3000'))).toBe(true);
  });

  it('near miss: PORT=8080 carries no such note', () => {
    const f = run(8080);
    expect(texts(f)).not.toContain('running as root may bind');
  });
});

describe('an NFS share is not an SMB share', () => {
  // Nextcloud's entrypoint rsync on a share that squashes root: https://github.com/nextcloud/docker/issues/1740 ("rsync: chown ... failed: Operation not permitted (1)")
  const rows = ['rsync: chown "/var/www/html/core/l10n/.ja.js.EouAZG" failed: Operation not permitted (1)', 'rsync: chown "/var/www/html/core/js/.es.json.ospxhG" failed: Operation not permitted (1)'];
  const run = (storageType: string) => {
    const { target, config, sys, exit, line } = shape('cloud', 'docker.io/library/nextcloud:29.0.4-apache', { volumeMounts: [{ volumeName: 'nc-html', mountPath: '/var/www/html' }] });
    return primary({
      system: [exit(1, 5), sys('BackOff', 'Back-off restarting failed container cloud', 10), exit(1, 40)],
      console: rows.map((t) => line(t, 2)), target: target(),
      config: config({ volumes: [{ name: 'nc-html', storageType, storageName: 'nc-share' }] } as never),
    });
  };

  it('NfsAzureFile: root squash, no uid=/gid= mount options', () => {
    const f = run('NfsAzureFile');
    expect(all(f)).not.toMatch(/mountOptions: uid=<uid>|\(SMB\) mount belongs to root/);
    expect(texts(f)).toContain('NoRootSquash');
    expect(commands(f).some((c) => c.includes('--root-squash NoRootSquash'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: an AzureFile (SMB) volume keeps the uid/gid mount options', () => {
    const f = run('AzureFile');
    expect(texts(f)).not.toContain('NoRootSquash');
  });
});

describe('fixes that now carry their command', () => {
  // "Illegal instruction (core dumped)" on a CPU without AVX: https://github.com/immich-app/immich/discussions/2370
  it('an illegal instruction gets the image update for a build without it', () => {
    const { target, config, sys, exit, line } = shape('ml', 'ghcr.io/immich-app/immich-machine-learning:v1.106.4');
    const f = primary({ system: [exit(132, 3), sys('BackOff', 'Back-off restarting failed container ml', 10), exit(132, 40)], console: [line('Illegal instruction (core dumped)', 2)], target: target(), config: config() });
    expect(commands(f).some((c) => / --image <image>/.test(c))).toBe(true);
    expectValidCommands(f);
  });

  // Loki's words for a limits_config key its version does not know: https://github.com/grafana/loki/issues/4553
  it('a file change that says "then restart the revision" carries the restart', () => {
    const { target, config, exit, line } = shape('logs', 'docker.io/grafana/loki:2.3.0', { volumeMounts: [{ volumeName: 'loki-cfg', mountPath: '/etc/loki' }] });
    const f = primary({
      system: [exit(1, 5)],
      console: [line('failed parsing config: /etc/loki/loki.yaml: yaml: unmarshal errors:', 2), line('  line 40: field unordered_writes not found in type validation.plain', 2)],
      target: target(), config: config({ volumes: [{ name: 'loki-cfg', storageType: 'AzureFile', storageName: 'loki-cfg' }] } as never),
    });
    if (/then restart the revision/.test(texts(f))) expect(commands(f).some((c) => c.includes('revision restart'))).toBe(true);
    expectValidCommands(f);
  });
});
