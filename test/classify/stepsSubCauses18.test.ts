/**
 * Sub-causes, contradictions and padding from the ninth steps review (docs/steps-review-v16-fresh.md):
 * a probe's 404 or 5xx, a port held by a second container, a full Azure Files share, an OOM kill with
 * memory evidence, public images' users, and steps that contradict the configuration. Each wording is a
 * public one, with its source; each class has a near miss that must not change.
 */
import type { AppConfig, Finding, FindingStep } from '../../src/model';
import { flagAsCommand, noChmodForMissing, noPrivateEndpointOnce, pgvectorImage, secretRefValues } from '../../src/classify/steps/contradictions';
import type { FixInput } from '../../src/classify/steps/fixCommands';
import { publicImageOf } from '../../src/classify/steps/publicImages';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7';
const { target, config, sys, exit, line } = appFixtures({
  app: 'edge', resourceGroup: 'rg-edge', subscriptionId: SUB, t0: Date.parse('2026-12-20T08:00:00Z'),
  replica: 'edge--0000004-6f7a8b9c0-d1e2f',
  container: { name: 'edge', image: 'edgeacr.azurecr.io/edge:2.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const backoff = (s: number) => sys('BackOff', 'Back-off restarting failed container edge', s);

describe('a probe\'s HTTP status names the sub-cause', () => {
  // kubelet's prober wording, as Container Apps shows it (kubernetes/pkg/probe/http: "HTTP probe failed with statuscode: %d")
  const probeRows = (status: number, type = 'Liveness') => [
    sys('ReplicaUnhealthy', `${type} probe failed: HTTP probe failed with statuscode: ${status}`, 20),
    sys('ReplicaUnhealthy', `${type} probe failed: HTTP probe failed with statuscode: ${status}`, 30),
    sys('StoppingContainer', `Container edge failed ${type.toLowerCase()} probe, will be restarted`, 40),
    exit(143, 41),
  ];
  const withProbe = (type: 'Liveness' | 'Startup', path: string) => config({ ingress: { external: true, targetPort: 80 } } as Partial<AppConfig>, {
    probes: [{ type, transport: 'http', port: 80, path, periodSeconds: 10 }],
  });
  // Rocket's launch line (vaultwarden): the app is up when the probe gets its 404
  const launched = line('[2026-12-20 08:00:10.112][start][INFO] Rocket has launched from http://0.0.0.0:80', 10);

  it('404: the path is the fix, named from the configuration, with the probes shown; no hang or timeout steps', () => {
    const f = primary({ system: probeRows(404), console: [launched], target: target(), config: withProbe('Liveness', '/healthz') });
    expect(f.category).toBe('probe-failure');
    expect(texts(f)).toContain('The Liveness probe (httpGet /healthz on port 80) gets HTTP 404 from /healthz');
    expect(commands(f).some((c) => c.includes('--yaml app.yaml'))).toBe(true);
    expect(commands(f).some((c) => c.includes('.probes'))).toBe(true);
    expect(texts(f)).not.toMatch(/timeoutSeconds|Add a Startup probe|long request, a lock|still starting/);
    expectValidCommands(f);
  });

  it('500 on a liveness probe: the health handler fails; read the app at probe time and check its dependencies', () => {
    const f = primary({ system: probeRows(500), console: [launched], target: target(), config: withProbe('Liveness', '/livez') });
    expect(f.category).toBe('probe-failure');
    expect(texts(f)).toContain('got HTTP 500: the health handler itself fails');
    expect(texts(f)).toContain('Check what /livez checks');
    expect(commands(f).some((c) => / logs show .*--type console/.test(c))).toBe(true);
    expect(texts(f)).not.toMatch(/raise timeoutSeconds|Add a Startup probe|long request, a lock/);
    expectValidCommands(f);
  });

  it('near miss: a refused connection keeps the category\'s steps', () => {
    const refused = [
      sys('ReplicaUnhealthy', 'Liveness probe failed: Get "http://100.100.0.12:80/healthz": dial tcp 100.100.0.12:80: connect: connection refused', 20),
      sys('StoppingContainer', 'Container edge failed liveness probe, will be restarted', 40),
      exit(143, 41),
    ];
    const f = primary({ system: refused, console: [], target: target(), config: withProbe('Liveness', '/healthz') });
    expect(f.category).toBe('probe-failure');
    expect(texts(f)).not.toMatch(/gets HTTP 404|health handler itself fails/);
  });

  it('near miss: a startup probe answered 503 during warm-up stays a start-time question', () => {
    const f = primary({ system: probeRows(503, 'Startup'), console: [], target: target(), config: withProbe('Startup', '/ready') });
    expect(f.category).toBe('probe-failure');
    expect(texts(f)).not.toContain('health handler itself fails');
  });
});

describe('a port held by another container of the replica is a clash, not a bind address', () => {
  // gunicorn's arbiter when the port is taken (benoitc/gunicorn, gunicorn/sock.py: "Connection in use: %s")
  const inUse = [line('[2026-12-20 08:00:05 +0000] [7] [ERROR] Connection in use: (\'127.0.0.1\', 5000)', 5), line('[2026-12-20 08:00:09 +0000] [7] [ERROR] Can\'t connect to (\'127.0.0.1\', 5000)', 9)];
  const loop = [exit(1, 10), backoff(20), exit(1, 40)];
  const sidecar = { name: 'auth-proxy', image: 'edgeacr.azurecr.io/auth-proxy:0.4.0', cpu: 0.25, memory: '0.5Gi', env: [{ name: 'LISTEN_PORT', hasValue: true }] };

  it('two containers: the steps name both and move one of them; no 0.0.0.0 step', () => {
    const cfg = config({ ingress: { external: true, targetPort: 5000 } } as Partial<AppConfig>);
    cfg.containers.push(sidecar as never);
    const f = primary({ system: loop, console: inUse, target: target(), config: cfg });
    expect(texts(f)).toContain('edge and another container of the replica (auth-proxy) run in the same replica');
    expect(texts(f)).toContain('port 5000');
    expect(texts(f)).toContain('for example 5001');
    expect(texts(f)).not.toMatch(/0\.0\.0\.0|all interfaces/);
    expectValidCommands(f);
  });

  it('near miss: one container keeps the listen-address steps', () => {
    const f = primary({ system: loop, console: inUse, target: target(), config: config({ ingress: { external: true, targetPort: 5000 } } as Partial<AppConfig>) });
    expect(texts(f)).not.toContain('run in the same replica');
  });
});

describe('a full Azure Files share gets its quota, not ephemeral-storage steps', () => {
  // RocksDB's IOError text (facebook/rocksdb env/io_posix.cc: "While appending to file: ... No space left on device"), as Milvus logs it
  const full = [line('[2026/12/20 08:00:05.006 +00:00] [ERROR] IO error: No space left on deviceWhile appending to file: /var/lib/milvus/rdb_data/077498.log: No space left on device', 5)];
  const loop = [exit(1, 10), backoff(20), exit(1, 40)];
  const mounted = (mountPath: string): AppConfig => ({
    ...config(
      { volumes: [{ name: 'milvus-data', storageType: 'AzureFile', storageName: 'milvus' }], environment: { name: 'env-edge', storages: [{ name: 'milvus', kind: 'AzureFile', shareName: 'milvus-share' }] } } as Partial<AppConfig>,
      { volumeMounts: [{ volumeName: 'milvus-data', mountPath }] } as never,
    ),
  });

  it('the path is under the share\'s mount: share-rm update --quota with the share name', () => {
    const f = primary({ system: loop, console: full, target: target(), config: mounted('/var/lib/milvus') });
    expect(f.category).toBe('storage-failure');
    expect(commands(f).some((c) => /^az storage share-rm update .*--name milvus-share --quota <GiB>/.test(c))).toBe(true);
    expect(texts(f)).toContain('/var/lib/milvus is on volume milvus-data');
    expect(texts(f)).not.toMatch(/ephemeral|Rotate or stop writing log files/);
    expectValidCommands(f);
  });

  it('near miss: the full path is not on the mount: no share quota', () => {
    const f = primary({ system: loop, console: full, target: target(), config: mounted('/srv/uploads') });
    expect(f.category).toBe('storage-failure');
    expect(commands(f).some((c) => c.includes('share-rm update'))).toBe(false);
  });
});

describe('an OOM kill with memory evidence gets memory steps only', () => {
  it('reason OOMKilled: no ephemeral-storage step', () => {
    // The platform's termination row with the kubelet's reason (Container Apps system logs)
    const oom = [sys('ContainerTerminated', 'Container \'edge\' was terminated with exit code \'137\' and reason \'OOMKilled\'', 10), backoff(20), sys('ContainerTerminated', 'Container \'edge\' was terminated with exit code \'137\' and reason \'OOMKilled\'', 40)];
    const f = primary({ system: oom, console: [], target: target(), config: config() });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toMatch(/memory/);
    expect(texts(f)).not.toMatch(/ephemeral/);
  });

  it('near miss: a bare 137 with nothing about memory keeps the ephemeral alternative after the memory check', () => {
    const f = primary({ system: [exit(137, 10), backoff(20), exit(137, 40)], console: [], target: target(), config: config() });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('ephemeral storage');
    expect(texts(f)).toContain('peak memory working set');
  });
});

describe('public images: the image\'s user and data path, no rebuild', () => {
  it('the table: official, Bitnami and vendor images; a private registry\'s image is not public', () => {
    expect(publicImageOf('docker.io/library/postgres:16')).toMatchObject({ uid: 999, gid: 999, dataPath: '/var/lib/postgresql/data' });
    // The Alpine variant creates its user with id 70 (docker-library/postgres Dockerfile-alpine.template).
    expect(publicImageOf('postgres:15-alpine')).toMatchObject({ uid: 70, gid: 70 });
    expect(publicImageOf('docker.io/bitnami/redis:7.2')).toMatchObject({ uid: 1001, dataPath: '/bitnami/redis' });
    expect(publicImageOf('grafana/grafana:11.1.0')?.uid).toBe(472);
    expect(publicImageOf('mongo:7')?.dataPath).toBe('/data/db');
    expect(publicImageOf('myacr.azurecr.io/postgres:16')).toBeUndefined();
    expect(publicImageOf('edgeacr.azurecr.io/edge:2.4.0')).toBeUndefined();
  });

  // initdb's wording (postgres/src/bin/initdb/initdb.c: "could not change permissions of directory \"%s\": %m")
  const initdb = [
    line('The files belonging to this database system will be owned by user "postgres".', 4),
    line('initdb: error: could not change permissions of directory "/var/lib/postgresql/data": Operation not permitted', 5),
  ];
  const loop = [exit(1, 10), backoff(20), exit(1, 40)];
  const pg = (image: string): AppConfig => config(
    { volumes: [{ name: 'pgdata', storageType: 'AzureFile', storageName: 'pgdata' }] } as Partial<AppConfig>,
    { image, volumeMounts: [{ volumeName: 'pgdata', mountPath: '/var/lib/postgresql/data' }] } as never,
  );

  it('postgres on an SMB volume: uid 999, its data path and mount options; no Dockerfile or rebuild', () => {
    const f = primary({ system: loop, console: initdb, target: target(), config: pg('docker.io/library/postgres:16') });
    expect(texts(f)).toContain('runs as uid 999 (gid 999)');
    expect(texts(f)).toContain('/var/lib/postgresql/data');
    expect(texts(f)).toContain('mountOptions: uid=999,gid=999');
    expect(texts(f)).not.toMatch(/Dockerfile|rebuil|uid=1000/);
    expect(commands(f).some((c) => c.includes('<new-tag>'))).toBe(false);
    expectValidCommands(f);
  });

  it('near miss: the team\'s own image keeps its steps (no public-image user)', () => {
    const f = primary({ system: loop, console: initdb, target: target(), config: pg('edgeacr.azurecr.io/edge-db:2.4.0') });
    expect(texts(f)).not.toContain('is the public');
  });
});

// ---------------------------------------------------------------------------------------------------
// The passes on hand-made steps: what the configuration says against what a step says

function input(steps: FindingStep[], cfg: AppConfig, rows: string[] = [], extra: Partial<Finding> = {}): FixInput {
  const f = { category: 'application-error', benign: false, confidence: 0.8, evidence: rows.map((text) => ({ text, source: 'console' })), names: {}, ...extra } as unknown as Finding;
  return { f, steps, names: { container: 'edge' }, config: cfg, target: { app: 'edge', resourceGroup: 'rg-edge', container: 'edge' } as never, make: (s) => s, all: [] };
}

describe('steps that contradict the configuration', () => {
  const reads = config({ secrets: [{ name: 'database-url' }] }, { env: [{ name: 'DATABASE_URL', secretRef: 'database-url', hasValue: false }] });

  it('a plain value for a variable that reads a secret: dropped when another step sets the secret, and a restart follows', () => {
    const out = secretRefValues(input([
      { text: 'Set DATABASE_URL to the server\'s address.', command: 'az containerapp update -n edge -g rg-edge --container-name edge --set-env-vars DATABASE_URL=<value>' },
      { text: 'Store the address as a secret.', command: 'az containerapp secret set -n edge -g rg-edge --secrets database-url=<value>' },
    ], reads));
    expect(out.map((s) => s.command ?? '').join('\n')).not.toContain('--set-env-vars DATABASE_URL=');
    expect(out.some((s) => /revision restart/.test(s.command ?? ''))).toBe(true);
  });

  it('a plain value alone becomes the secret\'s value', () => {
    const out = secretRefValues(input([{ text: 'Set DATABASE_URL.', command: 'az containerapp update -n edge -g rg-edge --container-name edge --set-env-vars DATABASE_URL=<value>' }], reads));
    expect(out[0]!.text).toContain('DATABASE_URL reads secret database-url');
    expect(out[0]!.command).toBe('az containerapp secret set -n {app} -g {resourceGroup} --secrets database-url=<value>');
  });

  it('near miss: pointing the variable at its secret, or a variable without a secret, stays', () => {
    const steps = [{ text: 'Point it.', command: 'az containerapp update -n edge -g rg-edge --container-name edge --set-env-vars DATABASE_URL=secretref:database-url' }];
    expect(secretRefValues(input(steps, reads))).toEqual(steps);
    const plain = [{ text: 'Set PORT.', command: 'az containerapp update -n edge -g rg-edge --container-name edge --set-env-vars PORT=8080' }];
    expect(secretRefValues(input(plain, reads))).toEqual(plain);
  });

  it('an option in the command field: the words are arguments, and no step looks for a program named -h', () => {
    const cfg = config({}, { command: ['-h', '0.0.0.0'] });
    const out = flagAsCommand(input([{ text: '-h is not on the image\'s PATH: start it by its absolute path (for example /usr/local/bin/-h).' }], cfg));
    expect(out[0]!.text).toContain('starts with -h, an option and not a program');
    expect(out.map((s) => s.text).join('\n')).not.toContain('/usr/local/bin/-h');
  });

  it('near miss: a program in the command field changes nothing', () => {
    const steps = [{ text: 'mlflow is not on the image\'s PATH.' }];
    expect(flagAsCommand(input(steps, config({}, { command: ['mlflow', 'server'] })))).toEqual(steps);
  });

  // runc's wording for a missing entrypoint ("exec: \"/usr/bin/dumb-init\": stat /usr/bin/dumb-init: no such file or directory")
  const missing = 'exec: "/usr/bin/dumb-init": stat /usr/bin/dumb-init: no such file or directory';
  const check = { text: 'Check that /usr/bin/dumb-init exists at that path in the image; if it is there but not executable, `chmod +x` it in the Dockerfile (or `COPY --chmod=755`).' };

  it('a file the rows say is missing gets no chmod step', () => {
    const out = noChmodForMissing(input([check], config(), [missing]));
    expect(out[0]!.text).toBe('Check that /usr/bin/dumb-init exists at that path in the image.');
  });

  it('near miss: a refused file keeps its chmod step', () => {
    expect(noChmodForMissing(input([check], config(), ['exec: "/docker-entrypoint.sh": permission denied']))).toEqual([check]);
  });
});

describe('padding from a neighbouring cause', () => {
  const pe = { text: 'If the registry has a private endpoint, check its private DNS zone from the environment\'s VNet.' };

  it('a pull that failed once and recovered: no private-endpoint step', () => {
    const steps = [{ text: 'No action needed now: the app recovered.' }, pe];
    expect(noPrivateEndpointOnce(input(steps, config(), [], { category: 'image-pull-failure' }))).toEqual([steps[0]]);
  });

  it('near miss: a pull that keeps failing keeps it', () => {
    expect(noPrivateEndpointOnce(input([pe], config(), [], { category: 'image-pull-failure' }))).toEqual([pe]);
  });

  // PostgreSQL's wording for a missing extension (src/backend/commands/extension.c)
  const rows = ['ERROR:  extension "vector" is not available', 'DETAIL:  Could not open extension control file "/usr/share/postgresql/15/extension/vector.control": No such file or directory.'];
  const generic = { text: 'Run PostgreSQL from an image that includes vector (for pgvector, `pgvector/pgvector:pg<version>`), or on Azure Database for PostgreSQL allow-list it (azure.extensions); then deploy the image.', command: 'az containerapp update -n edge -g rg-edge --container-name edge --image <registry>/<image>:<tag-with-extension>' };

  it('self-hosted postgres without pgvector: the pgvector image of the same major version', () => {
    const out = pgvectorImage(input([generic], config({}, { image: 'docker.io/library/postgres:15' }), rows, { names: { module: 'vector' } } as never));
    expect(out[0]!.command).toContain('--image pgvector/pgvector:pg15');
    expect(out[0]!.text).not.toContain('azure.extensions');
  });

  it('near miss: an app that uses a server elsewhere keeps the generic step', () => {
    expect(pgvectorImage(input([generic], config(), rows, { names: { module: 'vector' } } as never))).toEqual([generic]);
  });
});

describe('faulthandler advice only for a Python crash', () => {
  it('a C++ server\'s segfault in a GPU image: the native backtrace, not the faulthandler dump', () => {
    // Triton's signal handler output (triton-inference-server/server: "Signal (11) received.")
    const f = primary({
      system: [exit(139, 10), backoff(20), exit(139, 40)],
      console: [line('Signal (11) received.', 9), line(' 0# 0x000055F1A2B3C4D5 in tritonserver', 9)],
      target: target(), config: config({}, { image: 'nvcr.io/nvidia/tritonserver:24.05-py3' }),
    });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).not.toContain('faulthandler');
  });
});
