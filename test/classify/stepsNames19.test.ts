/**
 * Tenth steps review (docs/steps-review-v18-fresh.md), the names taken from the configuration or the rows:
 * the secret behind a refused database login, a client's address in an access log read as a port or a
 * host, scale-to-zero text for a scale-in or a replaced revision, "recovered" on a probe restart loop,
 * the app blamed for its sidecar, and the ingress target port moved under a revision that still serves.
 * Each case uses public wording, with its source; near misses keep their reading.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { classifyAll } from '../../src/classify/withTeamRules';
import { summarize } from '../../src/classify/summarize';

const SUB = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const app = appFixtures({
  app: 'shop-web', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: Date.parse('2026-11-03T08:00:00Z'),
  revision: 'shop-web--0000014', replica: 'shop-web--0000014-5c6d7e8f9-a1b2c',
  container: { name: 'shop-web', image: 'shopacr.azurecr.io/shop-web:2.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const { target, config, sys, exit, line } = app;
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const loop = [exit(1, 10), exit(1, 40), exit(1, 80), sys('BackOff', 'Back-off restarting failed container', 90)];

// https://github.com/basir/next-tailwind-amazona/issues/2 (MongoDB Atlas refusing the login)
const BAD_AUTH = 'MongoServerError: bad auth : Authentication failed.';

describe('a refused database login: the secret that feeds the database variable', () => {
  it("Mongo's URI variable, not the app's own admin password", () => {
    const f = primary({
      system: loop, console: [line(BAD_AUTH, 5)], target: target(),
      config: config({ secrets: [{ name: 'mongo-uri' }, { name: 'ackee-pass' }] }, {
        env: [{ name: 'ACKEE_MONGODB', secretRef: 'mongo-uri', hasValue: false }, { name: 'ACKEE_USERNAME', hasValue: true }, { name: 'ACKEE_PASSWORD', secretRef: 'ackee-pass', hasValue: false }],
      }),
    });
    expect(f.names).toMatchObject({ envVar: 'ACKEE_MONGODB', secret: 'mongo-uri' });
    expect(all(f)).toContain('--secrets mongo-uri=<value>');
    expect(all(f)).not.toContain('ackee-pass');
    expectValidCommands(f);
  });

  it('DATABASE_URL reading secret mongo-url, not the bot token beside it', () => {
    const f = primary({
      system: loop, console: [line(BAD_AUTH, 5)], target: target(),
      config: config({ secrets: [{ name: 'mongo-url' }, { name: 'bot-token' }] }, {
        env: [{ name: 'DATABASE_URL', secretRef: 'mongo-url', hasValue: false }, { name: 'BOT_TOKEN', secretRef: 'bot-token', hasValue: false }],
      }),
    });
    expect(f.names).toMatchObject({ envVar: 'DATABASE_URL', secret: 'mongo-url' });
    expect(all(f)).toContain('--secrets mongo-url=<value>');
    expect(all(f)).not.toContain('bot-token');
  });

  it('near miss: a PostgreSQL refusal with a plain host variable keeps the password secret', () => {
    // https://www.postgresql.org/docs/current/auth-password.html ("password authentication failed for user")
    const f = primary({
      system: loop, console: [line('psql: error: FATAL:  password authentication failed for user "shop" (postgres)', 5)], target: target(),
      config: config({ secrets: [{ name: 'db-pass' }] }, { env: [{ name: 'POSTGRES_HOST', hasValue: true }, { name: 'DB_PASSWORD', secretRef: 'db-pass', hasValue: false }] }),
    });
    expect(all(f)).toContain('--secrets db-pass=<value>');
  });
});

describe("an access log's client address is neither a listen port nor the host that failed", () => {
  // https://www.php.net/manual/en/features.commandline.webserver.php (the built-in server's `addr:port [status]: path` lines)
  // https://github.com/Seldaek/monolog/blob/main/src/Monolog/Handler/StreamHandler.php ("The stream or file ... could not be opened")
  const denied = 'The stream or file "/app/storage/logs/laravel.log" could not be opened: failed to open stream: Permission denied';
  it('PHP built-in server: 10.0.1.167:40000 [500] is a caller, so no PORT or ingress move', () => {
    const f = primary({
      system: [sys('ContainerStarted', 'Started container shop-web', 0)],
      console: [line('Starting Laravel development server: http://0.0.0.0:8000', 1), line(denied, 20), line('  10.0.1.167:40000 [500]: GET /up', 21), line(denied, 40), line('  10.0.0.141:40001 [500]: GET /up', 41)],
      target: target(),
      config: config({ ingress: { external: true, targetPort: 8000 }, volumes: [{ name: 'app-storage', storageType: 'AzureFile', storageName: 'shop-storage' }] }, { volumeMounts: [{ volumeName: 'app-storage', mountPath: '/app/storage' }] }),
    });
    expect(f.names?.port).toBeUndefined();
    expect(all(f)).not.toMatch(/PORT=8080|--target-port/);
    expect(texts(f)).toContain('volume app-storage');
  });

  it('near miss: a refused bind of port 80 still names port 80', () => {
    // https://nodejs.org/api/errors.html (EACCES on listen)
    const f = primary({ system: loop, console: [line('Error: listen EACCES: permission denied 0.0.0.0:80', 5)], target: target(), config: config({ ingress: { external: true, targetPort: 80 } }) });
    expect(f.names?.port).toBe('80');
  });

  // https://httpd.apache.org/docs/2.4/logs.html (Common Log Format); https://docs.python.org/3/library/socket.html (gaierror)
  const clf = (ip: string, s: number) => line(`${ip} - - [03/Nov/2026:07:59:${String(s).padStart(2, '0')} +0000] "GET /api/search?q=x HTTP/1.1" 200 4735 "-" "Mozilla/5.0"`, s);
  const gaierror = [
    line('Traceback (most recent call last):', 5),
    line('    for res in socket.getaddrinfo(host, port, family, socket.SOCK_STREAM):', 5),
    line('socket.gaierror: [Errno -2] Name or service not known', 5),
  ];
  it('a name lookup that failed is not about the IP of an access-log line; the variable holding the host is named', () => {
    const f = primary({
      system: loop, console: [clf('10.0.1.114', 1), clf('10.0.3.10', 2), ...gaierror], target: target(),
      config: config({}, { env: [{ name: 'PROXY_ENDPOINT', hasValue: true }] }),
    });
    expect(f.names?.host).toBeUndefined();
    expect(f.names?.envVar).toBe('PROXY_ENDPOINT');
    expect(texts(f)).not.toContain('10.0.1.114');
    expect(texts(f)).not.toMatch(/network security group/);
  });

  it('near miss: a name the resolver names is kept', () => {
    // https://nodejs.org/api/errors.html (ENOTFOUND from getaddrinfo)
    const f = primary({ system: loop, console: [clf('10.0.1.114', 1), line('Error: getaddrinfo ENOTFOUND es-search.internal', 5)], target: target(), config: config({}, { env: [{ name: 'PROXY_ENDPOINT', hasValue: true }] }) });
    expect(f.names?.host).toBe('es-search.internal');
  });
});

describe('benign stops: the scale-to-zero hint only for a scale to zero', () => {
  // https://github.com/kedacore/keda/blob/main/pkg/scaling/executor/scale_scaledobjects.go ("Deactivated ... from N to M")
  const term = (s: number, replica: string) => ({ ...sys('ContainerTerminated', "Container 'shop-web' was terminated with exit code '143'", s), replica });
  it('scaled from 3 to 1: surplus replicas, no minReplicas hint', () => {
    const f = primary({
      system: [sys('KEDAScaleTargetDeactivated', 'Deactivated apps/v1.Deployment k8se-apps/shop-web--0000014 from 3 to 1', 0), term(18, 'shop-web--0000014-5c6d7e8f9-a1b2c'), term(24, 'shop-web--0000014-5c6d7e8f9-d3e4f')],
      console: [], target: target(), config: config(),
    });
    expect(f.benign).toBe(true);
    expect(texts(f)).not.toContain('Set minReplicas to 1');
    expect(texts(f)).toContain('did not scale to zero');
    expect(f.explanation).not.toContain('minReplicas 0');
  });

  it('near miss: a scale to zero keeps the hint', () => {
    const f = primary({
      system: [sys('KEDAScaleTargetDeactivated', 'Deactivated apps/v1.Deployment k8se-apps/shop-web--0000014 from 1 to 0', 0), term(18, 'shop-web--0000014-5c6d7e8f9-a1b2c')],
      console: [], target: target(), config: config(),
    });
    expect(texts(f)).toContain('Set minReplicas to 1');
  });

  it('single-revision mode deactivating the revision whose replica stopped: a replacement, not scale-to-zero', () => {
    // https://learn.microsoft.com/azure/container-apps/revisions (single revision mode deactivates the old revision)
    const f = primary({
      system: [sys('RevisionUpdate', "Deactivating old revisions since 'ActiveRevisionsMode=Single'", 0), term(30, 'shop-web--0000014-5c6d7e8f9-a1b2c')].map((r) => ({ ...r, revision: 'shop-web--0000014' })),
      console: [], target: target(), config: config(),
    });
    expect(f.ruleId).toBe('config.revision-replaced');
    expect(texts(f)).not.toContain('minReplicas');
  });
});

describe('headers: a probe restart loop is not a recovery; a failing sidecar is named', () => {
  // https://github.com/golang/go/blob/master/src/net/http/transport.go ("server gave HTTP response to HTTPS client")
  const probe = (s: number) => sys('ReplicaUnhealthy', 'Liveness probe failed: Get "https://100.100.2.17:8080/healthz": http: server gave HTTP response to HTTPS client', s);
  const kill = (s: number) => sys('StoppingContainer', 'Container shop-web failed liveness probe, will be restarted', s);
  const started = (s: number) => sys('ContainerStarted', 'Started container shop-web', s);
  const cycles = [started(0), probe(120), kill(144), started(174), probe(300), kill(324), started(354), probe(480), kill(504), started(534)];

  it('killed by the probe every three minutes, the rows ending at the latest start: crash-looping, not recovered', () => {
    const input = { system: cycles, console: [], target: target(), config: config() };
    const { findings, state } = classifyAll(input);
    expect(state.state).toBe('crash-looping');
    expect(summarize(findings, input.target, state)).not.toContain('recovered');
  });

  it('near miss: the same loop, then a long quiet run after the last start: recovered', () => {
    const { state } = classifyAll({ system: cycles, console: [line('GET /healthz 200', 1200)], target: target(), config: config() });
    expect(state.state).toBe('recovered');
  });

  // https://github.com/mitchellh/mapstructure (the decoder's "has invalid keys" the collector prints)
  const otel = [
    line('Error: cannot load configuration: error reading receivers configuration for jaeger: 1 error(s) decoding:', 3),
    line("* 'remote_sampling' has invalid keys: fetch_endpoint", 3),
  ];
  const sidecarExit = (s: number) => sys('ContainerTerminated', "Container 'otel-collector' was terminated with exit code '1' and reason 'ProcessExited'", s);
  const twoContainers = config({}, {});
  twoContainers.containers.push({ name: 'otel-collector', image: 'otel/opentelemetry-collector-contrib:0.45.0', cpu: 0.25, memory: '0.5Gi', args: ['--config=/etc/otel/config.yaml'] } as never);

  it('the collector sidecar fails while the app serves: the headline names the sidecar', () => {
    const input = {
      system: [sidecarExit(5), sidecarExit(300), sidecarExit(630), sys('BackOff', 'Back-off restarting failed container otel-collector', 700)],
      console: [line('{"level":"info","msg":"request completed","status":200}', 1), ...otel], target: target(), config: twoContainers,
    };
    const { findings, state } = classifyAll(input);
    expect(findings[0]?.names?.failingSidecar).toBe('otel-collector');
    expect(summarize(findings, input.target, state)).toMatch(/^shop-web's sidecar otel-collector /);
  });

  it('near miss: the main container fails: the app is named', () => {
    const { findings, state } = classifyAll({ system: loop, console: [line(BAD_AUTH, 5)], target: target(), config: twoContainers });
    expect(findings[0]?.names?.failingSidecar).toBeUndefined();
    expect(summarize(findings, target(), state)).toMatch(/^shop-web is crash-looping/);
  });
});

describe('ports: the app-wide target port, the port variable, no probe padding', () => {
  // https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/endpoints ("Now listening on")
  const listening = [line('info: Microsoft.Hosting.Lifetime[14]', 2), line('      Now listening on: http://[::]:5000', 2)];
  const probeRefused = [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.9:8080: connect: connection refused', 30), ...loop];
  const revisions = {
    latestRevisionName: 'shop-web--0000014', failingRevisionName: 'shop-web--0000014', latestReadyRevisionName: 'shop-web--0000013',
    revisions: [{ name: 'shop-web--0000013', active: true, healthState: 'Healthy', trafficWeight: 100 }, { name: 'shop-web--0000014', active: true, healthState: 'Unhealthy' }],
  };
  it('a healthy revision serving 100% on the current port: the target-port step warns; no custom-probe step without probes', () => {
    const f = primary({ system: probeRefused, console: listening, target: target(), config: config({ ingress: { external: true, targetPort: 8080 }, ...revisions } as never) });
    const step = (f.steps ?? []).find((s) => /--target-port 5000/.test(s.command ?? ''));
    expect(step?.text).toContain('shop-web--0000013 (100% of the traffic) still serves on port 8080');
    expect(texts(f)).not.toContain('If the container defines its own probes');
    expectValidCommands(f);
  });

  it('near miss: no other revision serving: no warning', () => {
    const f = primary({ system: probeRefused, console: listening, target: target(), config: config({ ingress: { external: true, targetPort: 8080 } }) });
    const step = (f.steps ?? []).find((s) => /--target-port 5000/.test(s.command ?? ''));
    expect(step?.text).not.toContain('app-wide');
  });

  it('PORT offered by guess says it is one', () => {
    // https://github.com/evcc-io/evcc/issues (a Go server refused port 80 as non-root: "bind: permission denied")
    const f = primary({ system: loop, console: [line('listen tcp :80: bind: permission denied', 5)], target: target(), config: config({ ingress: { external: true, targetPort: 80 } }) });
    expect(texts(f)).not.toContain('PORT (the setting it reads for its port)');
  });

  it('a sidecar holding :80 and PORT set on the app container: --container-name with PORT', () => {
    // https://nodejs.org/api/errors.html (EADDRINUSE)
    const cfg = config({ ingress: { external: true, targetPort: 80 } }, { env: [{ name: 'PORT', hasValue: true }] });
    cfg.containers.push({ name: 'nginx-proxy', image: 'nginx:1.27-alpine', cpu: 0.25, memory: '0.5Gi' } as never);
    const f = primary({ system: loop, console: [line('Error: listen EADDRINUSE: address already in use 0.0.0.0:80', 5)], target: target(), config: cfg });
    expect(all(f)).toContain('--container-name shop-web --set-env-vars PORT=81');
    expect(texts(f)).toContain('nginx-proxy');
    expectValidCommands(f);
  });
});
