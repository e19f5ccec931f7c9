/**
 * Classes from the v18 first run: daprd's component configuration complaints and a sidecar stop that says
 * nothing; built-in authentication forwarding to a port nothing listens on; servers on Azure Files (EINVAL
 * writes without O_DIRECT, a drive the server may not use); configuration keys named with their section
 * (the OpenTelemetry collector, Envoy); a crash's si_code and the shell that keeps SIGTERM from the program.
 * Each incident uses a public wording, with its source, and each class has a near miss.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const { target, config, exit, sys, line } = appFixtures({
  app: 'orders', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: Date.parse('2026-11-02T09:00:00Z'),
  replica: 'orders--0000007-5b7c9d8f6-q4w2e',
  container: { name: 'orders', image: 'shopacr.azurecr.io/orders:7', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const backoff = (container: string) => ({ ...sys('ContainerBackOff', 'Persistent Failure to start container', 8), container });
const daprExit = { ...exit(1, 5, 'daprd'), container: 'daprd' };

describe('daprd rejecting a component\'s configuration', () => {
  it('a vault secret store with no token names the component and the setting, above "the sidecar fails"', () => {
    // https://github.com/dapr/components-contrib (secretstores/hashicorp/vault: "token mount path and token not set")
    const f = primary({
      system: [daprExit, backoff('daprd')],
      console: [line('time="2026-11-02T08:59:58Z" level=fatal msg="Fatal error from runtime: process component vault-store error: [INIT_COMPONENT_FAILURE]: initialization error occurred for vault-store (secretstores.hashicorp.vault/v1): token mount path and token not set" app_id=orders scope=dapr.runtime type=log')],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.dapr.component-config-invalid');
    expect(f.category).toBe('missing-configuration');
    expect(f.names).toMatchObject({ component: 'vault-store', setting: 'token mount path and token' });
    expect(commands(f).join('\n')).toContain('--dapr-component-name vault-store');
    expectValidCommands(f);
  });

  it('a secrets file saved with a BOM is named as such', () => {
    // https://github.com/dapr/dotnet-sdk/issues/776
    const f = primary({
      system: [daprExit, backoff('daprd')],
      console: [line('time="2026-11-02T08:59:58Z" level=fatal msg="failed to init state store secretstores.local.file/ named localsecrets: invalid character \'ï\' looking for beginning of value" app_id=orders scope=dapr.runtime type=log')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('missing-configuration');
    expect(f.names?.component).toBe('localsecrets');
    expect(texts(f)).toMatch(/byte-order mark/);
  });

  it('near miss: a component whose broker refuses the connection stays dependency-unreachable', () => {
    const f = primary({
      system: [daprExit, backoff('daprd')],
      console: [line('level=fatal msg="Fatal error from runtime: process component pubsub error: [INIT_COMPONENT_FAILURE]: initialization error occurred for pubsub (pubsub.kafka/v1): kafka: client has run out of available brokers to talk to: dial tcp 10.0.0.4:9092: connect: connection refused"')],
      target: target(), config: config(),
    });
    expect(f.ruleId).not.toBe('console.dapr.component-config-invalid');
  });
});

describe('a Dapr sidecar that stops without saying why', () => {
  const start = line('time="2026-11-02T08:59:00Z" level=info msg="Starting Dapr Runtime -- version 1.13.6-msft.2" app_id=orders scope=dapr.runtime type=log', -60);
  const stop = line('time="2026-11-02T08:59:24Z" level=info msg="shutting down component azurekeyvault (secretstores.azure.keyvault/v1)" app_id=orders scope=dapr.runtime type=log', -36);
  const probe = { ...sys('ReplicaUnhealthy', 'Liveness probe failed: Get "http://100.100.1.120:3501/v1.0/healthz": dial tcp 100.100.1.120:3501: connect: connection refused', 0), container: 'daprd' };

  it('is unknown with the next diagnostic step, not a probe failure', () => {
    const f = primary({ system: [probe, backoff('daprd')], console: [start, stop], target: target(), config: config() });
    expect(f.category).toBe('unknown');
    expect(f.ruleId).toBe('system.dapr-sidecar-silent-stop');
    expect(f.names?.component).toBe('azurekeyvault');
    expect(commands(f).join('\n')).toContain('--dapr-log-level debug');
    expectValidCommands(f);
  });

  it('near miss: a platform SIGTERM before the stop is not a silent stop', () => {
    const sigterm = line('level=info msg="Received signal \'terminated\'; beginning shutdown" app_id=orders scope=dapr.signals type=log', -37);
    const f = primary({ system: [probe, backoff('daprd')], console: [start, sigterm, stop], target: target(), config: config() });
    expect(f.ruleId).not.toBe('system.dapr-sidecar-silent-stop');
  });
});

describe('built-in authentication forwarding to a port nothing listens on', () => {
  // https://github.com/microsoft/azure-container-apps/issues/1404
  const forward = 'Failed to forward request to http://127.0.0.1:23040. Encountered a System.Net.Http.HttpRequestException exception after 3.3178ms with message: Connection refused (127.0.0.1:23040). Check application logs to verify the application is properly handling HTTP traffic.';

  it('is the ingress target port, with the port the app listens on', () => {
    const f = primary({
      system: [],
      console: [line('info: Microsoft.Hosting.Lifetime[14] Now listening on: http://[::]:8080', -30), line('fail: Middleware[0]', -1), line(`      ${forward}`)],
      target: target(), config: config({ ingress: { external: true } }),
    });
    expect(f.category).toBe('port-misconfiguration');
    expect(f.names).toMatchObject({ port: '23040', listenPort: '8080' });
    expect(commands(f).join('\n')).toContain('az containerapp ingress update -n orders -g rg-shop --target-port 8080');
    expectValidCommands(f);
  });

  it('near miss: a forward that timed out is not a port question', () => {
    const f = primary({
      system: [],
      console: [line('Failed to forward request to http://127.0.0.1:8080. Encountered a System.Threading.Tasks.TaskCanceledException exception after 100000ms with message: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.')],
      target: target(), config: config({ ingress: { external: true, targetPort: 8080 } }),
    });
    expect(f.ruleId).not.toBe('console.auth.forward-refused');
  });
});

describe('servers on Azure Files', () => {
  const onShare = (mountPath: string) => config(
    { volumes: [{ name: 'blob-data', storageType: 'AzureFile', storageName: 'blob-share' }], ingress: { external: true, targetPort: 9000 } },
    { image: 'quay.io/minio/minio:latest', args: ['server', mountPath], volumeMounts: [{ volumeName: 'blob-data', mountPath }] },
  );

  it('a write refused with "invalid argument" is the share lacking direct I/O, on the volume', () => {
    // https://github.com/minio/minio/issues/15735
    const f = primary({
      system: [exit(1), backoff('orders')],
      console: [line('Error: write /data/.minio.sys/tmp/3b8688a4-4753-451f-917a-8a2c9e5f5772/xl.meta: invalid argument (*fs.PathError)')],
      target: target(), config: onShare('/data'),
    });
    expect(f.category).toBe('storage-failure');
    expect(f.names?.volume).toBe('blob-data');
    expect(texts(f)).toMatch(/direct-I\/O/);
  });

  it('a drive the server may not use is permission-denied, naming the path and the volume', () => {
    // https://github.com/bitnami/charts/issues/19127
    const f = primary({
      system: [exit(1), backoff('orders')],
      console: [line('ERROR Unable to use the drive /export: drive access denied: Invalid arguments specified')],
      target: target(), config: onShare('/export'),
    });
    expect(f.category).toBe('permission-denied');
    expect(f.names).toMatchObject({ file: '/export', volume: 'blob-data' });
  });

  it('near miss: a drive that is not found is neither', () => {
    // https://github.com/codalab/codabench/issues/2014
    const f = primary({
      system: [exit(1), backoff('orders')],
      console: [line('FATAL Unable to use the drive /export: drive not found: Invalid arguments specified')],
      target: target(), config: onShare('/export'),
    });
    expect(['console.perm.drive-access-denied', 'console.storage.write-invalid-argument']).not.toContain(f.ruleId);
  });
});

describe('configuration keys named with their section', () => {
  it('the collector\'s empty section is read from the line above: service.telemetry.metrics.address', () => {
    // https://github.com/open-telemetry/opentelemetry-helm-charts/issues/1935
    const f = primary({
      system: [exit(1), backoff('orders')],
      console: [
        line("error decoding 'service.telemetry.metrics': decoding failed due to the following error(s):", -0.2),
        line('', -0.1),
        line("'' has invalid keys: address"),
      ],
      target: target(), config: config(),
    });
    expect(f.ruleId).toBe('console.config.invalid-keys');
    expect(f.names).toMatchObject({ section: 'service.telemetry.metrics', key: 'address', setting: 'service.telemetry.metrics.address' });
  });

  it('a section on the same line: remote_sampling.fetch_endpoint', () => {
    // https://github.com/open-telemetry/opentelemetry-collector/issues/2440
    const f = primary({ system: [exit(1), backoff('orders')], console: [line("* 'remote_sampling' has invalid keys: fetch_endpoint")], target: target(), config: config() });
    expect(f.names?.setting).toBe('remote_sampling.fetch_endpoint');
  });

  it('Envoy\'s unknown field names the field under its path and the bootstrap file', () => {
    // https://github.com/envoyproxy/envoy/issues/9662
    const f = primary({
      system: [exit(1), backoff('orders')],
      console: [line("[2020-01-12 07:54:22.719][6][critical][main] [source/server/server.cc:94] error initializing configuration '/etc/front-envoy.yaml': Protobuf message (type envoy.config.bootstrap.v3alpha.Bootstrap reason INVALID_ARGUMENT:(static_resources.listeners[0].filter_chains[1]) tls_context: Cannot find field.) has unknown fields")],
      target: target(), config: config(),
    });
    expect(f.category).toBe('missing-configuration');
    expect(f.names).toMatchObject({ key: 'tls_context', setting: 'static_resources.listeners[0].filter_chains[1].tls_context', file: '/etc/front-envoy.yaml' });
  });

  it('near miss: a top-level field has no section', () => {
    // https://github.com/envoyproxy/envoy/issues/11764
    const f = primary({
      system: [exit(1), backoff('orders')],
      console: [line('Protobuf message (type envoy.config.bootstrap.v3.Bootstrap reason INVALID_ARGUMENT:transport_api_version: Cannot find field.) has unknown fields')],
      target: target(), config: config(),
    });
    expect(f.names?.setting).toBe('transport_api_version');
    expect(f.names?.section).toBeUndefined();
  });
});

describe('names of a crash and of a kill', () => {
  it('a crash handler\'s si_code is named beside the signal', () => {
    // https://github.com/microsoft/playwright/issues/4303
    const f = primary({
      system: [exit(139)],
      console: [line('pw:browser [err] Received signal 11 SEGV_MAPERR 7f9adb995000', -0.1), line('Segmentation fault (core dumped)')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('crash-signal');
    expect(f.names).toMatchObject({ signalCode: 'SEGV_MAPERR' });
  });

  const killed = [sys('StoppingContainer', 'Stopping container orders', 0), exit(137, 31)];

  it('a kill after the grace period under `sh -c` names the shell and says to exec the program', () => {
    // https://azureossd.github.io/2024/01/11/Container-Apps-Demystifying-restarts/index.html
    const f = primary({ system: killed, console: [], target: target(), config: config({}, { command: ['sh', '-c', 'python consumer.py'] }) });
    expect(f.category).toBe('forced-kill');
    expect(f.names?.command).toBe('sh');
    expect(texts(f)).toMatch(/Put `exec` before the program/);
  });

  it('near miss: a script that already execs its program names no shell', () => {
    const f = primary({ system: killed, console: [], target: target(), config: config({}, { command: ['sh', '-c', 'exec python consumer.py'] }) });
    expect(f.names?.command).toBeUndefined();
  });
});
