/**
 * Behaviours the v19 first run asked for, each from a public wording (source on each case): a missing
 * setting the app logs and then starts past is a warning, not the cause of a startup probe's kill; Vault's
 * mlock refusal is a missing capability, not memory pressure (real allocation failures stay out of memory);
 * a server whose data directory sits on an SMB share it cannot lock is a storage failure on that volume.
 * Near misses beside each.
 */
import { appFixtures, expectValidCommands, primary, texts } from './stepsFixtures';

const { target, config, sys, exit, line } = appFixtures({
  app: 'temporal-dev',
  resourceGroup: 'rg-workflows',
  subscriptionId: '4c1d7e2a-0b9f-4a3e-8d6c-2f5a1b7c9e30',
  t0: Date.parse('2026-11-03T09:00:00Z'),
  container: { name: 'temporal-dev', image: 'temporalio/auto-setup:1.28', cpu: 1, memory: '2Gi', env: [], probes: [] },
});

// https://github.com/temporalio/docker-builds/blob/main/docker/auto-setup.sh prints the first line when it
// falls back to the container's own address; https://github.com/temporalio/temporal/issues/4016 shows the
// start-up that follows ("PostgreSQL started." is the script's wait-for-database line).
const FALLBACK = 'TEMPORAL_ADDRESS is not set, setting it to 100.100.2.17:7233';
const tightProbe = { type: 'Startup' as const, transport: 'tcp' as const, port: 7233, initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 3, timeoutSeconds: 1 };
const probeKill = [
  sys('ContainerStarted', 'Started container temporal-dev', -20),
  sys('ReplicaUnhealthy', 'startup probe failed: connection refused', -19),
  sys('StoppingContainer', 'Container temporal-dev failed startup probe, will be restarted', -18),
];

describe('a missing setting the app starts past is a warning, not the cause', () => {
  it('start-up progress after the line: the startup probe that killed the still-starting app leads', () => {
    const f = primary({
      system: probeKill,
      console: [line(FALLBACK, -17), line('PostgreSQL started.', -16), line('{"level":"info","msg":"loaded user data from db","component":"matching-engine"}', -14)],
      target: target(),
      config: config({ ingress: { external: true, targetPort: 7233 } }, { probes: [tightProbe] }),
    });
    expect(f.category).toBe('probe-failure');
  });

  it('near miss: nothing after the line but the exit, the missing variable stays the cause', () => {
    const f = primary({
      system: [sys('ContainerStarted', 'Started container temporal-dev', -20), exit(1, -5), sys('BackOff', 'Back-off restarting failed container', -1)],
      console: [line('SENDGRID_API_KEY is not set', -6)],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('missing-configuration');
    expect(f.names?.envVar).toBe('SENDGRID_API_KEY');
  });

  it('near miss: the rows after it report a stop, not progress', () => {
    const f = primary({
      system: [sys('ContainerStarted', 'Started container temporal-dev', -20), exit(1, -5)],
      console: [line('DATABASE_URL is not set', -7), line('Shutting down: server stopped', -6)],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('missing-configuration');
  });
});

describe('mlock refusals and real allocation failures', () => {
  const crash = [sys('ContainerStarted', 'Started container temporal-dev', -20), exit(1, -5)];
  it('Vault cannot mlock: permission-denied naming disable_mlock (https://github.com/hashicorp/docker-vault/issues/53)', () => {
    const f = primary({
      system: crash,
      console: [
        line('Error initializing core: Failed to lock memory: cannot allocate memory', -7),
        line('This usually means that the mlock syscall is not available.', -7),
        line('set the `disable_mlock` configuration option in your configuration', -7),
      ],
      target: target(),
      config: config(),
    });
    expect(f.category).toBe('permission-denied');
    expect(f.names?.setting).toBe('disable_mlock');
    expectValidCommands(f);
  });

  it('near miss: fork failing to allocate memory stays out of memory', () => {
    const f = primary({ system: crash, console: [line('fork: Cannot allocate memory', -7)], target: target(), config: config() });
    expect(f.category).toBe('out-of-memory');
  });
});

describe('a data directory on an SMB share the server cannot lock', () => {
  it('Prometheus TSDB lock on Azure Files: storage-failure on the volume (https://github.com/prometheus/prometheus/issues/13390)', () => {
    const f = primary({
      system: [sys('ContainerStarted', 'Started container temporal-dev', -20), exit(1, -5)],
      console: [line('caller=main.go:1166 level=error err="opening storage failed: lock DB directory: no locks available"', -7)],
      target: target(),
      config: config(
        { volumes: [{ name: 'prom-data', storageType: 'AzureFile', storageName: 'promdata' }] },
        { volumeMounts: [{ volumeName: 'prom-data', mountPath: '/prometheus' }] },
      ),
    });
    expect(f.category).toBe('storage-failure');
    expect(f.names?.volume).toBe('prom-data');
    expect(texts(f)).toContain('NfsAzureFile');
    expectValidCommands(f);
  });
});
