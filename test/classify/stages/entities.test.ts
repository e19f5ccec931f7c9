import { classify } from '../../../src/classify';
import { appFixtures, primary, texts } from '../stepsFixtures';

/**
 * The naming stage on the shapes real processes print. Each line's wording comes from a public report
 * (URL beside it); the app and hosts are renamed.
 */
const f = appFixtures({
  app: 'ledger-api',
  resourceGroup: 'rg-ledger',
  subscriptionId: '00000000-1111-2222-3333-444444444444',
  t0: Date.UTC(2026, 0, 5, 9, 0, 0),
  container: { name: 'ledger-api', image: 'ledgeracr.azurecr.io/ledger-api:3.1', env: [], probes: [] },
});

function crash(lines: string[], code: number, config = f.config()) {
  return primary({
    system: [f.exit(code, 5), f.sys('ContainerBackOff', 'Persistent Failiure to start container', 6)],
    console: lines.map((text, i) => f.line(text, i * 0.01)),
    config,
    target: f.target(),
  });
}

describe('naming stage', () => {
  it('names the path a full disk refused, not the frame that wrote it', () => {
    // https://github.com/GNS3/gns3-server/issues/801 (OSError: [Errno 28] No space left on device: '/tmp/...')
    const finding = crash(
      ['  File "/app/report/export.py", line 41, in write_rows', "OSError: [Errno 28] No space left on device: '/tmp/tmpa81x_q/rows.csv'"],
      1,
    );
    expect(finding.category).toBe('storage-failure');
    expect(finding.names?.file).toBe('/tmp/tmpa81x_q/rows.csv');
  });

  it('keeps a signal in the words the process printed beside its canonical name', () => {
    // https://github.com/ziyanx02/Genesis-backflip/issues/2 ("Fatal Python error: Segmentation fault")
    const finding = crash(['Fatal Python error: Segmentation fault', '', 'Current thread 0x00007f3c (most recent call first):'], 139);
    expect(finding.category).toBe('crash-signal');
    expect(finding.names?.printed).toBe('Segmentation fault');
  });

  it('names the account a database refused', () => {
    // https://github.com/ssl/ezXSS/issues/154 (SQLSTATE[HY000] [1045] Access denied for user ...)
    const finding = crash(["SQLSTATE[HY000] [1045] Access denied for user 'ledger'@'10.0.2.14' (using password: YES)"], 1);
    expect(finding.category).toBe('authentication-failure');
    expect(finding.names?.user).toBe('ledger');
  });

  it('points a refused credential at the variable holding the key, and the secret behind it', () => {
    // https://github.com/Azure/azure-sdk-for-js/issues/25826 (input authorization token can't serve the request)
    const config = f.config(
      { secrets: [{ name: 'cosmos-key' }] },
      { env: [{ name: 'COSMOS_ENDPOINT', hasValue: true }, { name: 'COSMOS_KEY', secretRef: 'cosmos-key', hasValue: false }] },
    );
    const finding = crash(
      ['Error: The input authorization token can\'t serve the request. The wrong key is being used or the expected payload is not built as per the protocol. Cosmos DB: 401 Unauthorized'],
      1,
      config,
    );
    expect(finding.category).toBe('authentication-failure');
    expect(finding.names).toMatchObject({ envVar: 'COSMOS_KEY', secret: 'cosmos-key' });
  });

  it('reads the command out of the runtime\'s escaped quotes, and never the word "user"', () => {
    // https://github.com/OCSInventory-NG/OCSInventory-Docker-Image/issues/40 (exec: \"...docker-entrypoint.sh\": permission denied)
    const finding = crash(
      ['OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"/usr/bin/docker-entrypoint.sh\\": permission denied": unknown'],
      126,
    );
    expect(finding.names?.command).toBe('/usr/bin/docker-entrypoint.sh');
    expect(finding.names?.file).not.toBe('container_linux.go:349');
    // https://github.com/hrfee/jfa-go/issues/57 (standard_init_linux.go:219: exec user process caused: exec format error)
    const arch = crash(['standard_init_linux.go:219: exec user process caused: exec format error'], 1);
    expect(arch.category).toBe('entrypoint-error');
    expect(arch.names?.command).toBeUndefined();
  });

  it('prefers a host name given as key=value over the address it resolved to', () => {
    // https://github.com/langgenius/dify/issues/14620 (failed to connect to `host=db user=... database=...`: dial error)
    const finding = crash(
      ['panic: [PANIC]failed to init ledger db: failed to connect to `host=db user=postgres database=postgres`: dial error (dial tcp 172.19.0.3:5432: connect: connection refused)'],
      2,
    );
    expect(finding.category).toBe('dependency-unreachable');
    expect(finding.names).toMatchObject({ host: 'db', port: '5432', address: '172.19.0.3' });
  });

  // Platform wordings: shared/reference/azure-facts.md section 2 (StoppingContainer, ReplicaUnhealthy rows).
  it("names the configured probe's path when the platform's line gives only its type", () => {
    const config = f.config({}, { probes: [{ type: 'Liveness', transport: 'http', port: 8080, path: '/healthcheck' }] });
    const finding = primary({
      system: [
        f.sys('ProbeFailed', 'Liveness probe failed: context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 1),
        f.sys('ProbeFailed', 'Container ledger-api failed liveness probe, will be restarted', 2),
        f.exit(137, 3),
        f.sys('ContainerBackOff', 'Persistent Failiure to start container', 4),
      ],
      console: [],
      config,
      target: f.target(),
    });
    expect(finding.category).toBe('probe-failure');
    expect(finding.names).toMatchObject({ probePath: '/healthcheck', probePort: '8080' });
  });
});

describe('readings the v6 first run asked for', () => {
  it("reads Dapr's configured app port against the ingress target port when the sidecar never gets ready", () => {
    // https://github.com/microsoft/azure-container-apps/issues/1182 (daprd: "api error: code = Internal desc = dapr is not ready")
    const finding = primary({
      system: [f.sys('StoppingContainer', 'Stopping container daprd', 60)],
      console: [
        f.line('level=debug msg="api error: code = Internal desc = dapr is not ready"', 0),
        f.line('level=debug msg="api error: code = Internal desc = dapr is not ready"', 30),
      ],
      config: f.config({ dapr: { enabled: true, appId: 'ledger-api', appPort: 3000 }, ingress: { external: true, targetPort: 8080 } }),
      target: f.target(),
    });
    expect(finding.category).toBe('port-misconfiguration');
    expect(finding.benign).not.toBe(true);
    expect(finding.names).toMatchObject({ appPort: '3000', listenPort: '8080' });
  });

  it('leaves a quiet app whose Dapr port differs from its ingress alone', () => {
    const findings = classify({
      system: [f.sys('ContainerStarted', "Started container 'ledger-api'", 0)],
      console: [f.line('listening on 8080', 1)],
      config: f.config({ dapr: { enabled: true, appPort: 3000 }, ingress: { external: true, targetPort: 8080 } }),
      target: f.target(),
    });
    expect(findings.some((x) => x.ruleId === 'config.dapr-app-port')).toBe(false);
  });

  it('lets the change since the healthy revision lead when a probe gets a server error and the app says nothing', () => {
    // Platform wording: shared/reference/azure-facts.md section 2 ("Readiness probe failed: HTTP probe failed with statuscode: 500").
    const config = f.config({
      changesSinceHealthy: { fromRevision: 'ledger-api--0000044', summary: 'FX_PROVIDER_URL removed', changes: [{ kind: 'env-removed', container: 'ledger-api', name: 'FX_PROVIDER_URL' }] },
    });
    const finding = primary({
      system: [f.sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 500', 1), f.sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 500', 60)],
      console: [],
      config,
      target: f.target(),
    });
    expect(finding.category).toBe('configuration-change');
    // Without a change since the healthy revision, the probe's failure is the finding.
    const unchanged = primary({
      system: [f.sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 500', 1)],
      console: [],
      config: f.config(),
      target: f.target(),
    });
    expect(unchanged.category).toBe('probe-failure');
    // A change to the probe itself keeps the probe in front: the probe is what changed.
    const probeChanged = primary({
      system: [f.sys('ReplicaUnhealthy', 'Readiness probe failed: dial tcp 100.100.0.83:80: connect: connection refused', 1)],
      console: [],
      config: f.config({
        changesSinceHealthy: { fromRevision: 'ledger-api--0000044', summary: 'probe changed', changes: [{ kind: 'probe-changed', container: 'ledger-api', name: 'Readiness' }] },
      }),
      target: f.target(),
    });
    expect(probeChanged.category).toBe('probe-failure');
  });

  it('reads the words before a SIGABRT (134): V8 aborting on an exhausted heap is memory, not a native crash', () => {
    // https://github.com/jbt/docker/issues/72 (FATAL ERROR: CALL_AND_RETRY_0 Allocation failed - process out of memory)
    const finding = crash(['FATAL ERROR: CALL_AND_RETRY_0 Allocation failed - process out of memory'], 134);
    expect(finding.category).toBe('out-of-memory');
  });

  it('reads a .NET client that could not connect before its abort (134) as an unreachable dependency', () => {
    // https://github.com/StackExchange/StackExchange.Redis/issues/1304 (RedisConnectionException: UnableToConnect on host:port)
    const finding = crash(
      ['StackExchange.Redis.RedisConnectionException: UnableToConnect on ledger-cache.redis.cache.windows.net:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync'],
      134,
    );
    expect(finding.category).toBe('dependency-unreachable');
    expect(finding.names?.host).toBe('ledger-cache.redis.cache.windows.net');
  });
});

describe('exit codes above 128 that are not signals', () => {
  it("names the .NET host's missing framework and never calls exit 150 a SIGTTOU", () => {
    // https://github.com/GDATASoftwareAG/motornet/pull/1644 (You must install or update .NET ... Framework: '...', version ...)
    const finding = crash(
      ['You must install or update .NET to run this application.', 'App: /app/Intranet.dll', "Framework: 'Microsoft.AspNetCore.App', version '8.0.0' (x64)", 'No frameworks were found.'],
      150,
    );
    expect(finding.category).toBe('missing-module');
    expect(finding.names?.module).toBe('Microsoft.AspNetCore.App');
    expect(finding.names?.signal).toBeUndefined();
    expect(finding.signal).toBeUndefined();
  });
});

describe('readings the v7 first run asked for', () => {
  it('reads the words before a 127: the loader missing a shared library is a missing module', () => {
    // https://github.com/diesel-rs/diesel/issues/2030 (error while loading shared libraries: libpq.so.5, split over two rows)
    const finding = crash(['/usr/local/bin/ledger: error while loading shared libraries: libpq.so.5:', 'cannot open shared object file: No such file or directory'], 127);
    expect(finding.category).toBe('missing-module');
  });

  it("rereads a driver's catch-all OperationalError by its words: no password supplied is a missing setting", () => {
    // https://github.com/Skyvern-AI/skyvern/issues/4136 (psycopg.OperationalError ... fe_sendauth: no password supplied)
    const finding = crash(['sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection failed: fe_sendauth: no password supplied'], 1);
    expect(finding.category).toBe('missing-configuration');
  });

  it('never takes a debug-level line for the cause: a job whose credential chain probed and then completed is done', () => {
    // https://github.com/Azure/azure-sdk-for-python/issues/28478 (DEBUG:...EnvironmentCredential.get_token failed: ... unavailable)
    const job = appFixtures({
      app: 'usage-rollup', resourceGroup: 'rg-jobs', subscriptionId: '00000000-1111-2222-3333-444444444444', t0: Date.UTC(2026, 0, 5, 9, 0, 0),
      container: { name: 'usage-rollup', image: 'acr.azurecr.io/usage-rollup:1', env: [], probes: [] },
    });
    const finding = primary({
      system: [job.sys('Completed', "Container 'usage-rollup' was terminated with exit code '0'", 60)],
      console: [
        job.line('INFO:azure.identity._credentials.environment:No environment configuration found.', 0),
        job.line('DEBUG:azure.identity._internal.decorators:EnvironmentCredential.get_token failed: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.', 1),
      ],
      config: job.config({ kind: 'job' }),
      target: job.target({ kind: 'job' }),
    });
    expect(finding.category).toBe('clean-exit');
    expect(finding.benign).toBe(true);
  });

  it("reads a KEDA scaler error by its words: a name that does not resolve is the watched service, an empty setting stays configuration", () => {
    // https://github.com/kedacore/http-add-on/issues/1273 (error getting scaler ... last resolver error: produced zero addresses)
    const scaler = primary({
      system: [f.sys('KEDAScalerFailed', 'error getting scaler for trigger #0: rpc error: code = Unavailable desc = last resolver error: produced zero addresses', 1)],
      console: [],
      config: f.config(),
      target: f.target(),
    });
    expect(scaler.category).toBe('dependency-unreachable');
    const defaulted = primary({
      system: [f.sys('KEDAScalerFailed', 'error getting scaler for trigger #0: failed to connect to `user= database=`: /tmp/.s.PGSQL.5432 (/tmp): dial error: dial unix /tmp/.s.PGSQL.5432: connect: no such file or directory', 1)],
      console: [],
      config: f.config(),
      target: f.target(),
    });
    expect(defaulted.category).toBe('missing-configuration');
  });

  it("reads a 137 as memory when the container's own command caps the JVM heap at or above its memory", () => {
    const config = f.config({}, { memory: '1Gi', command: ['java'], args: ['-Xms1536m', '-Xmx1536m', '-jar', '/app/indexer.jar'] });
    const finding = primary({ system: [f.exit(137, 5), f.sys('ContainerBackOff', 'Persistent Failiure to start container', 6)], console: [], config, target: f.target() });
    expect(finding.category).toBe('out-of-memory');
    expect(finding.ruleId).toBe('config.memory-limit');
    const below = primary({
      system: [f.exit(137, 5)],
      console: [],
      config: f.config({}, { memory: '2Gi', command: ['java'], args: ['-Xmx1024m', '-jar', '/app/indexer.jar'] }),
      target: f.target(),
    });
    // A heap below the limit is no evidence: the kill stays the bare, hedged SIGKILL reading.
    expect(below.ruleId).toBe('exit.137');
    expect(below.confidence).toBeLessThan(0.5);
  });

  it('lets a change to the command lead when the app then exits 0 without a word, or its probes fail in silence', () => {
    const changed = f.config({
      changesSinceHealthy: { fromRevision: 'ledger-api--0000007', summary: 'args changed', changes: [{ kind: 'args', container: 'ledger-api', before: '["serve"]', after: '[]' }] },
    });
    const exits = primary({ system: [f.exit(0, 5), f.exit(0, 30), f.sys('ContainerBackOff', 'Persistent Failiure to start container', 31)], console: [], config: changed, target: f.target() });
    expect(exits.category).toBe('configuration-change');
    // Platform wording: shared/reference/azure-facts.md section 2 (StoppingContainer ... failed startup probe, will be restarted).
    const probes = primary({
      system: [f.sys('ReplicaUnhealthy', 'startup probe failed: connection refused', 1), f.sys('StoppingContainer', 'Container ledger-api failed startup probe, will be restarted', 2)],
      console: [],
      config: changed,
      target: f.target(),
    });
    expect(probes.category).toBe('configuration-change');
  });
});

describe('names the v7 first run asked for', () => {
  it('ties a refused key to the credential variable whose name the refusal shares, and its secret', () => {
    // https://github.com/openai/openai-python/issues/886 (openai.AuthenticationError: Error code: 401 - Incorrect API key provided)
    const config = f.config(
      { secrets: [{ name: 'openai-key-2026' }, { name: 'db-password' }] },
      { env: [{ name: 'OPENAI_API_KEY', secretRef: 'openai-key-2026', hasValue: false }, { name: 'DB_PASSWORD', secretRef: 'db-password', hasValue: false }] },
    );
    const finding = crash(["openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: 9****p. You can find your API key at https://platform.openai.com/account/api-keys.'}}"], 1, config);
    expect(finding.category).toBe('authentication-failure');
    expect(finding.names).toMatchObject({ envVar: 'OPENAI_API_KEY', secret: 'openai-key-2026' });
  });

  it('names the shared library the loader could not find', () => {
    // https://github.com/diesel-rs/diesel/issues/2030 (error while loading shared libraries: libpq.so.5)
    const finding = crash(['/usr/local/bin/ledger: error while loading shared libraries: libpq.so.5: cannot open shared object file: No such file or directory'], 127);
    expect(finding.names?.module).toBe('libpq.so.5');
  });

  it("names an init container's own image when its binary is for another CPU", () => {
    // https://github.com/mic1on/chatGPT-web/issues/11 (exec /bin/bash: exec format error)
    const config = f.config({ initContainers: [{ name: 'migrate', image: 'ledgeracr.azurecr.io/ledger-migrate:2024.10', env: [], probes: [] }] });
    const finding = primary({
      system: [f.sys('ContainerTerminated', "Container 'migrate' was terminated with exit code '1'", 5), f.sys('ContainerBackOff', 'Persistent Failiure to start container', 6)],
      console: [{ ...f.line('exec /bin/bash: exec format error', 4.9), container: 'migrate' }],
      config,
      target: f.target(),
    });
    expect(finding.category).toBe('entrypoint-error');
    expect(finding.names?.image).toBe('ledgeracr.azurecr.io/ledger-migrate:2024.10');
  });
});

describe('failures named without an Exception suffix', () => {
  it("names a driver's error class, a tool's error code and a DI container's refusal", () => {
    // https://github.com/wger-project/docker/issues/63 (psycopg2.errors.UndefinedTable: relation ... does not exist)
    expect(crash(['psycopg2.errors.UndefinedTable: relation "exercises_exercisebase" does not exist'], 1).names?.exception).toBe('psycopg2.errors.UndefinedTable');
    // https://github.com/linkwarden/linkwarden/issues/547 (Error: P3009)
    expect(crash(['Error: P3009', 'migrate found failed migrations in the target database, new migrations will not be applied.'], 1).names?.code).toBe('P3009');
    // https://github.com/bradtraversy/nestjs_rest_api/pull/34 (Nest can't resolve dependencies of the ItemsService (?))
    const nest = crash(["[Nest] 4656  - 09/06/2023, 16:35:31   ERROR [ExceptionHandler] Nest can't resolve dependencies of the ItemsService (?). Please make sure that the argument ItemModel at index [0] is available in the AppModule context."], 1);
    expect(nest.names?.exception).toBe("Nest can't resolve dependencies of the ItemsService");
  });
});

describe('names from the configuration', () => {
  it("names the command of an app that exits 0, and the variable a change removed beside the setting the app missed", () => {
    const oneShot = f.config({}, { command: ['python'], args: ['manage.py', 'migrate'] });
    const exits = primary({ system: [f.exit(0, 5), f.exit(0, 30), f.sys('ContainerBackOff', 'Persistent Failiure to start container', 31)], console: [f.line('Applying accounts.0001_initial... OK', 4)], config: oneShot, target: f.target() });
    expect(exits.category).toBe('clean-exit');
    expect(exits.names?.command).toBe('python manage.py migrate');
    // https://github.com/mrysav/geneac/issues/705 (ArgumentError: Missing `secret_key_base` for the production environment)
    const removed = f.config(
      { changesSinceHealthy: { fromRevision: 'ledger-api--0000003', summary: 'RAILS_MASTER_KEY removed', changes: [{ kind: 'env-removed', container: 'ledger-api', name: 'RAILS_MASTER_KEY' }] } },
      { env: [{ name: 'SECRET_KEY_BASE', hasValue: false }] },
    );
    const rails = crash(["ArgumentError: Missing `secret_key_base` for 'production' environment, set this string with `bin/rails credentials:edit`"], 1, removed);
    expect(rails.category).toBe('missing-configuration');
    expect(rails.names?.removedVar ?? rails.names?.envVar).toBe('RAILS_MASTER_KEY');
  });
});

describe('readings the v8 first run asked for', () => {
  it('reads a key refused after the change removed the variable that held it as that missing variable', () => {
    // https://github.com/gadelkareem/skeleton/issues/20 (Request error from Stripe (status 401): You did not provide an API key)
    const config = f.config({
      changesSinceHealthy: { fromRevision: 'ledger-api--0000004', summary: 'STRIPE_KEY removed', changes: [{ kind: 'env-removed', container: 'ledger-api', name: 'STRIPE_KEY' }] },
    });
    const finding = crash(['[ERROR] Request error from Stripe (status 401): {"status":401,"message":"You did not provide an API key. You need to provide your API key in the Authorization header."}'], 1, config);
    expect(finding.category).toBe('missing-configuration');
    expect(finding.names?.envVar).toBe('STRIPE_KEY');
  });

  it("names a URL's host even when it has only two labels", () => {
    // https://github.com/open-mmlab/mmdetection/issues/12349 (OSError: We couldn't connect to 'https://huggingface.co' to load this file)
    const finding = crash(["OSError: We couldn't connect to 'https://huggingface.co' to load this file, couldn't find it in the cached files and it looks like bert-base-uncased is not the path to a directory containing a file named config.json."], 1);
    expect(finding.category).toBe('dependency-unreachable');
    expect(finding.names?.host).toBe('huggingface.co');
  });

  it('lets a planned scale to zero explain a window in which the app only logged a credential warning', () => {
    // https://github.com/treeverse/dvc/issues/6318 (EnvironmentCredential.get_token failed: ... authentication unavailable)
    const config = f.config({ scale: { minReplicas: 0, maxReplicas: 5, rules: [{ name: 'queue', type: 'azure-servicebus' }] } });
    const findings = classify({
      system: [
        f.sys('StoppingContainer', 'Stopping container ledger-api', 1400),
        f.sys('ContainerTerminated', "Container 'ledger-api' was terminated with exit code '143' and reason 'ProcessExited'", 1410),
        f.sys('KEDAScaleTargetDeactivated', 'Deactivated apps/v1.Deployment k8se-apps/ledger-api--0000003 from 1 to 0', 1415),
      ],
      console: [f.line('EnvironmentCredential.get_token failed: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.', 0)],
      config,
      target: f.target(),
    });
    expect(findings[0]?.category).toBe('scale-in');
    expect(findings.find((x) => x.category === 'authentication-failure')?.benign).toBe(true);
  });
});

describe("an official server image's default port", () => {
  it('reads the unprivileged nginx image on 8080 against an ingress that targets 80, when the app never printed a port', () => {
    // Platform wording: shared/reference/azure-facts.md section 2 (PodUnhealthy: Readiness probe failed: dial tcp ...:80: connect: connection refused)
    const config = f.config({ ingress: { external: true, targetPort: 80 } }, { image: 'docker.io/nginxinc/nginx-unprivileged:1.25' });
    const finding = primary({
      system: [f.sys('PodUnhealthy', 'Readiness probe failed: dial tcp 100.100.0.83:80: connect: connection refused', 1)],
      console: [],
      config,
      target: f.target(),
    });
    expect(finding.category).toBe('port-misconfiguration');
    expect(finding.names).toMatchObject({ listenPort: '8080', expectedPort: '80' });
    // The same refusal from an image of unknown default stays the probe's finding.
    const unknown = primary({
      system: [f.sys('PodUnhealthy', 'Readiness probe failed: dial tcp 100.100.0.83:80: connect: connection refused', 1)],
      console: [],
      config: f.config({ ingress: { external: true, targetPort: 80 } }),
      target: f.target(),
    });
    expect(unknown.category).toBe('probe-failure');
  });
});

describe('a clean exit and the scale-in reported after it', () => {
  it('reads an exit 0 followed within a minute by KEDA scaling to zero as that scale-in', () => {
    // Platform wording: shared/reference/azure-facts.md section 2 (KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment ... from 1 to 0);
    // "sequencing of these messages is not always reliable" (same section, timing facts).
    const config = f.config({ scale: { minReplicas: 0, maxReplicas: 5, rules: [{ name: 'queue', type: 'azure-queue' }] } });
    const finding = primary({
      system: [
        f.sys('ContainerTerminated', "Container 'ledger-api' was terminated with exit code '0'", 100),
        f.sys('KEDAScaleTargetDeactivated', 'Deactivated apps/v1.Deployment k8se-apps/ledger-api--0000009 from 1 to 0', 118),
      ],
      console: [],
      config,
      target: f.target(),
    });
    expect(finding.category).toBe('scale-in');
    expect(finding.benign).toBe(true);
  });
});

describe('a setting missing while the template defines a variable with no value', () => {
  it('names the empty variable the start line prints, or the only empty one', () => {
    // https://github.com/alesandroLang/docker-django/issues/11 (starting gunicorn (PORT=8000, RELOAD=false, APP=); No module named '.wsgi')
    const config = f.config({}, { env: [{ name: 'PORT', hasValue: true }, { name: 'APP', hasValue: false }, { name: 'LOG_LEVEL', hasValue: false }] });
    const gunicorn = crash(['starting gunicorn (PORT=8000, RELOAD=false, APP=)', 'Traceback (most recent call last):', "ModuleNotFoundError: No module named '.wsgi'"], 3, config);
    expect(gunicorn.category).toBe('missing-configuration');
    expect(gunicorn.names?.envVar).toBe('APP');
    // Two empty variables and neither printed: naming one would be a guess.
    const unnamed = crash(['Traceback (most recent call last):', "ModuleNotFoundError: No module named '.wsgi'"], 3, config);
    expect(unnamed.names?.envVar).toBeUndefined();
    const single = f.config({}, { env: [{ name: 'PORT', hasValue: true }, { name: 'APP', hasValue: false }] });
    expect(crash(['Traceback (most recent call last):', "ModuleNotFoundError: No module named '.wsgi'"], 3, single).names?.envVar).toBe('APP');
  });
});

describe('Azure SDK connection strings and identities', () => {
  it('names the one variable holding a connection string the SDK could not parse, even when the line names no service', () => {
    // https://github.com/Azure/azure-sdk-for-js/pull/11949 ("Connection string should have the Endpoint.")
    const config = f.config(
      { secrets: [{ name: 'relay-sb' }] },
      { env: [{ name: 'SERVICEBUS_CONNECTION_STRING', secretRef: 'relay-sb', hasValue: false }, { name: 'RELAY_QUEUE', hasValue: true }] },
    );
    const finding = crash(['Error: Connection string should have the Endpoint.', 'Node.js v20.11.1'], 1, config);
    expect(finding.category).toBe('missing-configuration');
    expect(finding.names?.envVar).toBe('SERVICEBUS_CONNECTION_STRING');
    expect(finding.names?.secret).toBe('relay-sb');
    // Two connection strings and a line that names neither service: naming one would be a guess.
    const two = f.config({}, { env: [{ name: 'SERVICEBUS_CONNECTION_STRING', hasValue: true }, { name: 'STORAGE_CONN_STR', hasValue: true }] });
    expect(crash(['Error: Connection string should have the Endpoint.'], 1, two).names?.envVar).toBeUndefined();
  });

  it("names the identity's client id variable when the managed identity got no token, not the connection string it was for", () => {
    // https://github.com/Azure/azure-sdk-for-net/issues/46709 (ManagedIdentityCredential ... Identity not found)
    const config = f.config(
      { secrets: [{ name: 'ledger-pg' }] },
      { env: [{ name: 'AZURE_CLIENT_ID', hasValue: true }, { name: 'ConnectionStrings__Ledger', secretRef: 'ledger-pg', hasValue: false }] },
    );
    const finding = crash(
      [
        'Unhandled exception. Azure.Identity.AuthenticationFailedException: ManagedIdentityCredential authentication failed: [Managed Identity] Authentication unavailable. Either the requested identity has not been assigned to this resource, or other errors could be present.',
        '{"error":"invalid_request","error_description":"Identity not found"}',
      ],
      134,
      config,
    );
    expect(finding.category).toBe('authentication-failure');
    expect(finding.names?.envVar).toBe('AZURE_CLIENT_ID');
  });

  it('names the token endpoint, not the service the token was for, when the credential could not reach Entra ID', () => {
    // https://github.com/Azure/azure-sdk-for-python/issues/21820 (get_token failed ... Failed to establish a new connection)
    const finding = crash(
      [
        'INFO refresh: downloading model.pkl from https://stmodels.blob.core.windows.net/models',
        'ClientSecretCredential.get_token failed: Authentication failed: <urllib3.connection.HTTPSConnection object at 0x7fd445192b50>: Failed to establish a new connection: [Errno -5] No address associated with hostname',
      ],
      1,
    );
    expect(finding.category).toBe('dependency-unreachable');
    expect(finding.ruleId).toBe('console.azure.token-endpoint-unreachable');
    expect(finding.names?.host).toBe('login.microsoftonline.com');
  });
});

describe('blind v11 zb: names and readings of off-the-shelf images', () => {
  it("names the management port a probe on the main port misses, and steps the probe to it", () => {
    // https://github.com/keycloak/keycloak/issues/41325 ("Listening on: http://0.0.0.0:8080. Management interface
    // listening on http://0.0.0.0:9000."); https://github.com/keycloak/keycloak/issues/39985 (health is on 9000, not 8080).
    const config = f.config(
      { ingress: { external: true, targetPort: 8080 } },
      { probes: [{ type: 'Liveness', transport: 'http', port: 8080, path: '/health/live', periodSeconds: 10 }] },
    );
    const finding = primary({
      system: [
        f.sys('ReplicaUnhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 30),
        f.sys('StoppingContainer', 'Container ledger-api failed liveness probe, will be restarted', 40),
      ],
      console: [f.line('Keycloak 26.0.5 on JVM (powered by Quarkus 3.15.1) started in 14.112s. Listening on: http://0.0.0.0:8080. Management interface listening on http://0.0.0.0:9000.', 10)],
      config,
      target: f.target(),
    });
    expect(finding.category).toBe('probe-failure');
    expect(finding.names?.managementPort).toBe('9000');
    expect(texts(finding)).toContain('management port 9000');
    // An app with no management listener of its own gets no such name.
    const plain = primary({
      system: [f.sys('ReplicaUnhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 30)],
      console: [f.line('Now listening on: http://[::]:8080', 10)],
      config,
      target: f.target(),
    });
    expect(plain.names?.managementPort).toBeUndefined();
  });

  it('reads a command that lets the server daemonize (exit 0 over and over) as the entrypoint, naming the command', () => {
    // https://github.com/dockerfile/nginx/issues/1 (the container exits at once: nginx needs "daemon off")
    const daemonizing = f.config(
      {
        changesSinceHealthy: { fromRevision: 'ledger-api--0000005', summary: 'command override added', changes: [{ kind: 'command', container: 'ledger-api', before: '', after: 'nginx' }] },
      },
      { command: ['nginx'] },
    );
    const run = (config: ReturnType<typeof f.config>) =>
      primary({ system: [f.exit(0, 5), f.sys('ContainerBackOff', 'Persistent Failure to start container', 6), f.exit(0, 30)], console: [], config, target: f.target() });
    const finding = run(daemonizing);
    expect(finding.category).toBe('entrypoint-error');
    expect(finding.ruleId).toBe('config.command-daemonizes');
    expect(finding.names?.command).toBe('nginx');
    // In the foreground (the image's own CMD), an exit 0 is not a daemon's.
    expect(run(f.config({}, { command: ['nginx', '-g', 'daemon off;'] })).ruleId).not.toBe('config.command-daemonizes');
  });
});

describe('names the v11 first run asked for', () => {
  it("names the secret behind a broker credential the broker refused, not the user name's variable", () => {
    // https://github.com/mosquito/aio-pika/issues/516 (ProbableAuthenticationError ... ACCESS_REFUSED - Login was refused)
    const amqp = f.config({ secrets: [{ name: 'amqp-url' }] }, { env: [{ name: 'AMQP_URL', secretRef: 'amqp-url', hasValue: false }, { name: 'QUEUE_NAME', hasValue: true }] });
    const refused = crash(
      ['<ProbableAuthenticationError: Client was disconnected at a connection stage indicating a probable authentication error: ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.>'],
      1,
      amqp,
    );
    expect(refused.category).toBe('authentication-failure');
    expect(refused.names).toMatchObject({ envVar: 'AMQP_URL', secret: 'amqp-url' });
    // https://github.com/canonical/kafka-operator/pull/493 (SaslAuthenticationFailedError ... invalid credentials with SASL mechanism SCRAM-SHA-512)
    const sasl = f.config(
      { secrets: [{ name: 'kafka-sasl-password' }] },
      {
        env: [
          { name: 'KAFKA_BOOTSTRAP', hasValue: true },
          { name: 'KAFKA_SASL_USERNAME', hasValue: true },
          { name: 'KAFKA_SASL_PASSWORD', secretRef: 'kafka-sasl-password', hasValue: false },
        ],
      },
    );
    const scram = crash(
      ["ERROR    kafka.conn:conn.py:798 <BrokerConnection node_id=bootstrap-0 host=10.110.85.56:9092 <authenticating> [IPv4 ('10.110.85.56', 9092)]>: SaslAuthenticate error: SaslAuthenticationFailedError (Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512)"],
      1,
      sasl,
    );
    expect(scram.category).toBe('authentication-failure');
    expect(scram.names).toMatchObject({ envVar: 'KAFKA_SASL_PASSWORD', secret: 'kafka-sasl-password' });
  });

  it('names the relative file a Python errno message names', () => {
    // https://github.com/FuzzyGrim/Yamtrack/issues/215 (_gdbm.error: [Errno 13] Permission denied: 'celerybeat-schedule')
    const finding = crash(["[2026-10-01 00:41:54,972: WARNING/Beat] _gdbm.error: [Errno 13] Permission denied: 'celerybeat-schedule'"], 1);
    expect(finding.category).toBe('permission-denied');
    expect(finding.names?.file).toBe('celerybeat-schedule');
  });

  it('names the specific link of a Caused-by chain whose ends are generic state exceptions', () => {
    // https://github.com/lokeshgupta1981/Kafka-Tutorials/issues/2 (This error handler cannot process 'SerializationException's directly) and
    // https://github.com/spring-projects/spring-kafka/pull/1288 (the handler throws IllegalStateException when the root cause is a SerializationException)
    const finding = crash(
      [
        "java.lang.IllegalStateException: This error handler cannot process 'SerializationException's directly; please consider configuring an 'ErrorHandlingDeserializer' in the value and/or key deserializer",
        '\tat org.springframework.kafka.listener.SeekUtils.seekOrRecover(SeekUtils.java:194) ~[spring-kafka-2.7.6.jar:2.7.6]',
        'Caused by: org.apache.kafka.common.errors.SerializationException: Error deserializing key/value for partition payments.events-0 at offset 13. If needed, please seek past the record to continue consumption.',
        'Caused by: java.lang.IllegalStateException: No type information in headers and no default type provided',
      ],
      1,
    );
    expect(finding.category).toBe('application-error');
    expect(finding.names?.cause).toBe('org.apache.kafka.common.errors.SerializationException');
    // A chain whose root cause is specific needs no extra name.
    const specific = crash(['java.lang.IllegalStateException: Failed to execute CommandLineRunner', 'Caused by: java.net.ConnectException: Connection refused'], 1);
    expect(specific.names?.cause).toBeUndefined();
  });

  it("names the managed identity among the credentials a DefaultAzureCredential chain tried", () => {
    // https://github.com/Azure/azure-sdk-for-js/pull/16688 (ChainedTokenCredential authentication failed: EnvironmentCredential is unavailable ... ManagedIdentityCredential)
    const finding = crash(
      [
        'AggregateAuthenticationError: ChainedTokenCredential authentication failed.',
        'CredentialUnavailableError: EnvironmentCredential is unavailable. No underlying credential could be used.',
        'CredentialUnavailableError: ManagedIdentityCredential: The managed identity endpoint is indicating there\'s no available identity. Message: undefined Status code: 400',
      ],
      1,
    );
    expect(finding.category).toBe('authentication-failure');
    expect(finding.names?.credential).toBe('ManagedIdentityCredential');
  });

  it("names the Elasticsearch key's secret behind a security_exception", () => {
    // https://github.com/elastic/elasticsearch-js/issues/2683 (security_exception: unable to authenticate with provided credentials ... status: 401)
    const es = f.config({ secrets: [{ name: 'es-api-key' }] }, { env: [{ name: 'ES_NODE', hasValue: true }, { name: 'ES_API_KEY', secretRef: 'es-api-key', hasValue: false }] });
    const finding = crash(
      ['security_exception', '\tRoot causes:', '\t\tsecurity_exception: unable to authenticate with provided credentials and anonymous access is not allowed for this request', '    body: { error: [Object], status: 401 },'],
      1,
      es,
    );
    expect(finding.category).toBe('authentication-failure');
    expect(finding.names?.secret).toBe('es-api-key');
  });
});

describe('names the v25 first run asked for', () => {
  it("names the exception that failed, not the Win32Exception that carries its OS error code", () => {
    // https://github.com/dotnet/aspnetcore/issues/9816 (SqlException ---> Win32Exception (0x89C50118))
    const finding = crash(
      ['System.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 0 -  [x89C50118]) ---> System.ComponentModel.Win32Exception (0x89C50118): Unknown error (0x89c50118)'],
      1,
    );
    expect(finding.category).toBe('dependency-unreachable');
    expect(finding.names?.exception).toBe('SqlException');
  });

  it('still names a Win32Exception that is the only exception on the line', () => {
    // https://github.com/Illumina/canvas/issues/137 (a process start refused)
    const finding = crash(
      ['System.ComponentModel.Win32Exception (0x80004005): No such file or directory', '   at System.Diagnostics.Process.StartCore(ProcessStartInfo startInfo)'],
      1,
    );
    expect(finding.names?.exception).toMatch(/Win32Exception$/);
  });

  it("names the Helidon meta-configuration file its finder announced before the unsupported source type", () => {
    // https://github.com/helidon-io/helidon/issues/9220 (Found meta configuration file, then the unsupported type)
    const finding = crash(
      [
        '2024.08.28 17:09:40 INFO io.helidon.config.MetaConfigFinder Thread[#1,main,5,main]: Found meta configuration file: /private/tmp/quickstart-mp/meta-config.yaml',
        'Exception in thread "main" java.lang.IllegalArgumentException: Config source of type properties is not supported. Supported types: [file, prefixed, classpath, system-properties, directory, inlined, url, environment-variables]',
        '\tat io.helidon.config.MetaProviders.lambda$configSource$7(MetaProviders.java:116)',
      ],
      1,
    );
    expect(finding.category).toBe('missing-configuration');
    expect(finding.names?.file).toBe('/private/tmp/quickstart-mp/meta-config.yaml');
  });
});
