/**
 * Padding and wrong-fit steps (issue #11, docs/steps-review-v11-fresh.md): a step that belongs to a
 * neighbouring cause is left out when the rows or the configuration say which cause this is. Each case
 * asserts the rendered steps; each wording is a public one, with its source.
 */
import type { AppConfig } from '../../src/model';
import { appFixtures, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const { target, config, sys, exit, line } = appFixtures({
  app: 'edge', resourceGroup: 'rg-edge', subscriptionId: SUB, t0: Date.parse('2026-12-14T08:00:00Z'),
  replica: 'edge--0000007-5d6e7f8a9-b2c3d',
  container: { name: 'edge', image: 'edgeacr.azurecr.io/edge:3.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const backoff = (s: number) => sys('BackOff', 'Back-off restarting failed container edge', s);
const loop = [exit(1, 10), backoff(20), exit(1, 40), backoff(50), exit(1, 80)];

describe('a server configuration error gets only the named server\'s validator', () => {
  it('Caddy (caddyconfig adapter: "adapting config using caddyfile ... at <file>:<line>"): caddy validate only', () => {
    const f = primary({
      system: loop,
      console: [line('Error: adapting config using caddyfile: parsing caddyfile tokens for \'tls\': wrong argument count or unexpected line ending after \'tls\', at /etc/caddy/Caddyfile:25', 5)],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.config.file-invalid');
    expect(texts(f)).toContain('caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile');
    expect(texts(f)).not.toMatch(/nginx -t|apachectl/);
  });

  it('nginx (ngx_conf_file.c: unknown directive "%s" in <file>:<line>): nginx -t only', () => {
    const f = primary({
      system: loop,
      console: [line('2026/12/14 08:00:05 [emerg] 1#1: unknown directive "lisen" in /etc/nginx/conf.d/default.conf:3', 5)],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.config.file-invalid');
    expect(texts(f)).toContain('`nginx -t`');
    expect(texts(f)).not.toMatch(/caddy validate|apachectl/);
  });

  it('Apache httpd (server/config.c AH00526: "Syntax error on line N of <file>"): apachectl configtest only', () => {
    const f = primary({
      system: loop,
      console: [line('AH00526: Syntax error on line 52 of /usr/local/apache2/conf/httpd.conf:', 5), line('Invalid command \'Listn\', perhaps misspelled or defined by a module not included in the server configuration', 5)],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.config.file-invalid');
    expect(texts(f)).toContain('apachectl configtest');
    expect(texts(f)).not.toMatch(/caddy validate|nginx -t/);
  });

  it('near miss: Grafana\'s provisioning rule (pkg/services/provisioning/datasources: "config is invalid. Only one datasource per organization can be marked as default"): no server validator, no version drift', () => {
    const f = primary({
      system: loop,
      console: [line('logger=provisioning level=error msg="Failed to provision data sources" error="Datasource provisioning error: datasource.yaml config is invalid. Only one datasource per organization can be marked as default"', 5)],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.config.file-invalid');
    expect(texts(f)).toContain('Fix datasource.yaml as the error says');
    expect(texts(f)).not.toMatch(/caddy validate|nginx -t|apachectl|line number|server version moved/);
  });
});

describe('an illegal instruction gets no libc check unless the rows put a libc in play', () => {
  // bash's job report for a child killed by SIGILL, as tensorflow/serving's tf_serving_entrypoint.sh prints it
  // (tensorflow/serving issue 1914); exit code 132 = 128 + SIGILL
  const sigill = '/usr/bin/tf_serving_entrypoint.sh: line 3:     6 Illegal instruction     (core dumped) tensorflow_model_server --port=8500 --rest_api_port=8501 --model_name=${MODEL_NAME}';
  const ill = [exit(132, 10), backoff(20), exit(132, 40)];

  it('SIGILL in a start-up script\'s command: the CPU build, named, with no musl/glibc step', () => {
    const f = primary({ system: ill, console: [line(sigill, 9), line(sigill, 39)], target: target(), config: config() });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('The illegal instruction is in a command that /usr/bin/tf_serving_entrypoint.sh runs');
    expect(texts(f)).not.toMatch(/musl|glibc|libc/);
    // One step about the instruction, not the generic one beside the named one.
    expect(texts(f)).not.toContain('The CPU lacks an instruction the binary was built for');
  });

  it('near miss: SIGILL in an Alpine (musl) image: the libc check stays', () => {
    const f = primary({ system: ill, console: [line(sigill, 9), line(sigill, 39)], target: target(), config: config({}, { image: 'edgeacr.azurecr.io/tf-serving:2.14.1-alpine3.19' }) });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('its libc, musl or glibc');
  });

  it('near miss: a segmentation fault in the same script keeps the libc and architecture check', () => {
    const segv = '/docker-entrypoint.sh: line 7:    12 Segmentation fault      (core dumped) /usr/local/bin/edge-server';
    const f = primary({ system: [exit(139, 10), backoff(20), exit(139, 40)], console: [line(segv, 9), line(segv, 39)], target: target(), config: config() });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('its libc, musl or glibc');
  });
});

describe('a connection string\'s format is the named service\'s only', () => {
  const withVar = (name: string, secret: string): AppConfig => ({
    ...config({}, { env: [{ name, secretRef: secret, hasValue: false }] }),
    secrets: [{ name: secret }],
  });

  it('Storage (azure-storage-blob base_client.parse_connection_str: "Connection string missing required connection details."): no Service Bus format', () => {
    const f = primary({
      system: loop,
      console: [
        line('  File "/usr/local/lib/python3.12/site-packages/azure/storage/blob/_shared/base_client.py", line 388, in parse_connection_str', 5),
        line('ValueError: Connection string missing required connection details.', 5),
      ],
      target: target(), config: withVar('AZURE_STORAGE_CONNECTION_STRING', 'media-storage-conn'),
    });
    expect(f.ruleId).toBe('console.azure.connection-string-invalid');
    expect(texts(f)).toContain('DefaultEndpointsProtocol=https;AccountName=');
    expect(texts(f)).not.toMatch(/Service Bus|servicebus|Event Hubs/);
    expectValidCommands(f);
  });

  it('Service Bus (@azure/service-bus parseServiceBusConnectionString: "Connection string should have the Endpoint."): no Storage format', () => {
    const f = primary({
      system: loop,
      console: [line('Error: Connection string should have the Endpoint.', 5)],
      target: target(), config: withVar('SERVICEBUS_CONNECTION_STRING', 'alert-sb'),
    });
    expect(f.ruleId).toBe('console.azure.connection-string-invalid');
    expect(texts(f)).toContain('full Service Bus connection string');
    expect(texts(f)).toContain('Endpoint=sb://<namespace>.servicebus.windows.net/');
    expect(texts(f)).not.toMatch(/Storage|AccountName|DefaultEndpointsProtocol/);
  });

  it('near miss: a variable and rows that name no service keep both formats', () => {
    const f = primary({
      system: loop,
      console: [line('Error: Invalid connection string', 5)],
      target: target(), config: withVar('APP_CONNECTION_STRING', 'app-conn'),
    });
    expect(f.ruleId).toBe('console.azure.connection-string-invalid');
    expect(texts(f)).toContain('Service Bus and Event Hubs:');
    expect(texts(f)).toContain('Storage: `DefaultEndpointsProtocol');
  });
});

describe('"transient, no change needed" only for a single failure', () => {
  // Go net/http's client timeout, as Grafana's plugin installer prints it (geerlingguy/internet-pi issue 86)
  const timeout = 'Error: ✗ Failed to send request: Get "https://grafana.com/api/plugins/repo/flant-statusmap-panel": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';

  it('a crash loop (several exits, back-off): no transient step', () => {
    const f = primary({ system: loop, console: [line(timeout, 9), line(timeout, 39), line(timeout, 79)], target: target(), config: config() });
    expect(f.ruleId).toBe('console.go.http-client-timeout');
    expect(texts(f)).toContain('Check that the environment can reach grafana.com on 443');
    expect(texts(f)).not.toContain('transient');
  });

  it('near miss: a single exit: the transient step stays', () => {
    const f = primary({ system: [exit(1, 10)], console: [line(timeout, 9)], target: target(), config: config() });
    expect(f.ruleId).toBe('console.go.http-client-timeout');
    expect(texts(f)).toContain('transient outage of the remote side');
  });
});

describe('a volume\'s steps are its protocol\'s: NFS or SMB from the volume\'s storage type', () => {
  // The platform's mount failure row (Container Apps system logs), which names neither protocol
  const mount = [sys('VolumeMountFailure', 'Error mounting volume scene-cache.', 5), sys('VolumeMountFailure', 'Error mounting volume scene-cache.', 35)];
  const withVolume = (storageType: string): AppConfig => config(
    { volumes: [{ name: 'scene-cache', storageType, storageName: 'scene-store' }] },
    { volumeMounts: [{ volumeName: 'scene-cache', mountPath: '/mnt/scenes' }] } as never,
  );

  it('NfsAzureFile: no account key, no port 445; NFS\'s network needs with their command', () => {
    const f = primary({ system: mount, console: [], target: target(), config: withVolume('NfsAzureFile') });
    expect(f.category).toBe('storage-failure');
    expect(texts(f)).toContain('The share is NFS, which takes no account key');
    expect(texts(f)).toContain('TCP 2049');
    expect(texts(f)).not.toMatch(/port 445|current account key|account key of/);
    expectValidCommands(f);
  });

  it('near miss: AzureFile (SMB): the key and port 445 stay, no NFS step', () => {
    const f = primary({ system: mount, console: [], target: target(), config: withVolume('AzureFile') });
    expect(f.category).toBe('storage-failure');
    expect(texts(f)).toContain('current account key');
    expect(texts(f)).toContain('over SMB (port 445');
    expect(texts(f)).not.toMatch(/NFS|2049/);
  });
});

describe('every probe on the wrong port is named when the app serves health on a management port', () => {
  // Keycloak 25+ start-up line (Quarkus): "Management interface listening on http://0.0.0.0:9000."
  const started = 'Keycloak 26.0.5 on JVM (powered by Quarkus 3.15.1) started in 14.112s. Listening on: http://0.0.0.0:8080. Management interface listening on http://0.0.0.0:9000.';
  const probeRows = [
    sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 404', 20),
    sys('ReplicaUnhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 21),
    sys('StoppingContainer', 'Container edge failed liveness probe, will be restarted', 40),
    exit(143, 41),
  ];
  const probes = (livenessPort: number) => config({ ingress: { external: true, targetPort: 8080 } } as Partial<AppConfig>, {
    probes: [
      { type: 'Liveness', transport: 'http', port: livenessPort, path: '/health/live', periodSeconds: 10 },
      { type: 'Readiness', transport: 'http', port: 8080, path: '/health/ready', periodSeconds: 10 },
    ],
  });

  it('Liveness and Readiness both on 8080: both are pointed at 9000', () => {
    const f = primary({ system: probeRows, console: [line(started, 14)], target: target(), config: probes(8080) });
    expect(f.category).toBe('probe-failure');
    expect(texts(f)).toContain('point the Liveness and Readiness probes\' ports at 9000');
    expectValidCommands(f);
  });

  it('near miss: Liveness already on 9000: only the Readiness probe is named', () => {
    const f = primary({ system: probeRows, console: [line(started, 14)], target: target(), config: probes(9000) });
    expect(f.category).toBe('probe-failure');
    expect(texts(f)).toContain('point the Readiness probe\'s port at 9000');
    expect(texts(f)).not.toContain('Liveness and Readiness');
  });
});

describe('no "read the trace" or "reproduce locally" when the rows name the error and where', () => {
  it('a Go panic with its frame (runtime: "panic: runtime error: ...", then file:line): no step to read the log', () => {
    const f = primary({
      system: [exit(2, 5), exit(2, 40)],
      console: [line('panic: runtime error: invalid memory address or nil pointer dereference', 0), line('\t/app/main.go:69 +0x1c4', 1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('/app/main.go:69');
    expect(texts(f)).not.toMatch(/Read the app's last console lines|Follow the stack trace/);
  });

  it('near miss: the same panic without a frame keeps the step to read the log', () => {
    const f = primary({
      system: [exit(2, 5), exit(2, 40)],
      console: [line('panic: runtime error: invalid memory address or nil pointer dereference', 0)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('Read the app\'s last console lines');
  });

  it('an exit 1 whose last line is quoted (Grafana sqlstore migrator: "Sqlstore::Migration failed err: index ... already exists"): no "reproduce locally"', () => {
    const f = primary({
      system: loop,
      console: [line('2026/10/29 11:43:44 [log.go:75 Fatal()] [E] fail to initialize orm engine: Sqlstore::Migration failed err: index IDX_org_user_org_id already exists', 5)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('The app\'s last error line names the failure');
    expect(texts(f)).not.toContain('Run the same image locally');
  });
});

describe('the rollback comes first when the change since the healthy revision broke it', () => {
  const healthy = 'edge--0000006';
  const changed = (changes: NonNullable<AppConfig['changesSinceHealthy']>['changes'], summary: string): AppConfig => config({
    latestRevisionName: 'edge--0000007',
    latestReadyRevisionName: healthy,
    revisions: [{ name: healthy, active: true, healthState: 'Healthy' }, { name: 'edge--0000007', active: true, healthState: 'Unhealthy' }],
    changesSinceHealthy: { fromRevision: healthy, summary, changes },
  } as Partial<AppConfig>);
  // CPython's import system: "ModuleNotFoundError: No module named '%U'"
  const missing = [line('Traceback (most recent call last):', 4), line('ModuleNotFoundError: No module named \'backend.workers\'', 5)];

  it('only the image changed and a module the image should carry is missing: roll back first', () => {
    const f = primary({ system: loop, console: missing, target: target(), config: changed([{ kind: 'image', container: 'edge' }], 'image tag changed') });
    expect(f.category).toBe('missing-module');
    expect(f.steps?.[0]?.text).toMatch(/^Roll back: create a new revision from edge--0000006/);
    expectValidCommands(f);
  });

  it('a variable the change added names what the failing rows are about (GF_INSTALL_PLUGINS, a plugin download): roll back first', () => {
    const timeout = 'Error: ✗ Failed to send request: Get "https://grafana.com/api/plugins/repo/flant-statusmap-panel": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
    const f = primary({
      system: loop, console: [line(timeout, 9), line(timeout, 39)], target: target(),
      config: changed([{ kind: 'env-added', container: 'edge', name: 'GF_INSTALL_PLUGINS' }], 'plugin added'),
    });
    expect(f.ruleId).toBe('console.go.http-client-timeout');
    expect(f.steps?.[0]?.text).toMatch(/^Roll back: /);
  });

  it('near miss: a change to an unrelated variable keeps the fix first and the rollback last', () => {
    const f = primary({ system: loop, console: missing, target: target(), config: changed([{ kind: 'env-added', container: 'edge', name: 'FEATURE_FLAGS_COLOR' }], 'variable added') });
    expect(f.category).toBe('missing-module');
    const steps = f.steps ?? [];
    expect(steps[0]?.text).not.toMatch(/^Roll back/);
    expect(steps[steps.length - 1]?.text).toMatch(/^Roll back: /);
  });
});
