/**
 * Steps from the wrong template or the wrong setting (docs/steps-review-v19-fresh.md, eleventh review):
 * a refused connection is the service down, not a network path, and a recovered blip gets no network
 * checks (#36, 72, 81, 86); every probe on the failing path is named with the one that killed (#53);
 * PID 1 / tini only when the app did not log its shutdown (#66); tool text in the app's runtime (#28,
 * 38, 65); a public image's own port variable, never PORT (#91); the revision mode as the configuration
 * shows it (#71, 92); no floating-tag step for a pinned image (#1, 19). Public wording with its source;
 * near misses keep their steps.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const app = appFixtures({
  app: 'thumbs', resourceGroup: 'rg-media', subscriptionId: SUB, t0: Date.parse('2026-12-03T09:00:00Z'),
  revision: 'thumbs--0000012', replica: 'thumbs--0000012-6c7d8e9f0-a1b2c',
  container: { name: 'thumbs', image: 'crmedia.azurecr.io/thumbs:2.4.1', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const { target, config, sys, exit, line } = app;
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const NSG = /az network vnet subnet show|infrastructureSubnetId/;

describe('a refused connection is the service, not the network path', () => {
  // https://nodejs.org/api/errors.html#common-system-errors (ECONNREFUSED: the target machine actively refused it)
  const refused = [line("thumbnailer: connecting to queue 'thumbs' at redis://10.128.4.17:6379", -70), line('Error: connect ECONNREFUSED 10.128.4.17:6379', -2)];

  it('a private address that refused: the server is down or not listening there, no NSG or route check', () => {
    const f = primary({ system: [exit(1, 0), exit(1, 240)], console: refused, target: target(), config: config() });
    expect(f.category).toBe('dependency-unreachable');
    expect(texts(f)).toMatch(/10\.128\.4\.17 answered and refused the connection on port 6379: .*nothing listens there/);
    expect(texts(f)).toMatch(/not the lead/);
    expect(texts(f)).not.toMatch(/another container app is reached on its ingress/);
    expect(all(f)).not.toMatch(NSG);
    expect(all(f)).toContain("az network nic list --query '[?ipConfigurations[?privateIPAddress==`\"10.128.4.17\"`]]");
    expectValidCommands(f);
  });

  it('near miss: a private address that timed out keeps the VNet path checks', () => {
    // https://nodejs.org/api/errors.html#common-system-errors (ETIMEDOUT: the connected party did not respond)
    const f = primary({ system: [exit(1, 0), exit(1, 240)], console: [line('Error: connect ETIMEDOUT 10.128.4.17:6379', -2)], target: target(), config: config() });
    expect(all(f)).toMatch(NSG);
    expect(texts(f)).not.toMatch(/answered and refused/);
  });

  it('a refusal the next start got past: no network checks at all, at most a retry on start-up', () => {
    // https://github.com/mattermost/mattermost/issues/12781 ("Failed to ping DB retrying in 10 seconds err=dial tcp ...: connect: connection refused")
    const f = primary({
      system: [sys('ContainerStarted', 'Started container thumbs', -600), exit(1, 0), sys('ContainerStarted', 'Started container thumbs', 15)],
      console: [line('Failed to ping DB retrying in 10 seconds err=dial tcp 10.0.4.7:5432: connect: connection refused', -2), line('Server is listening on [::]:8000', 30)],
      target: target(), config: config(),
    });
    expect(f.steps?.[0]?.text).toMatch(/^No action needed now/);
    expect(all(f)).not.toMatch(/az network/);
  });
});

describe('every probe on the failing path, and the one that killed', () => {
  const probes = (livePath: string) => [
    { type: 'Liveness' as const, transport: 'http' as const, port: 8080, path: livePath, periodSeconds: 10 },
    { type: 'Readiness' as const, transport: 'http' as const, port: 8080, path: '/healthz', periodSeconds: 10 },
  ];
  // https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/ ("probe failed with statuscode: 404", "failed liveness probe, will be restarted")
  const rows = [
    sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 404', -60),
    sys('ReplicaUnhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 404', -30),
    sys('StoppingContainer', 'Container thumbs failed liveness probe, will be restarted', -10),
    exit(143, 0),
  ];

  it('Liveness and Readiness share /healthz: both named, Liveness said to be what restarted it', () => {
    const f = primary({ system: rows, console: [line('INFO:     100.100.0.21:43100 - "GET /healthz HTTP/1.1" 404 Not Found', -30)], target: target(), config: config({ ingress: { external: false, targetPort: 8080 } }, { probes: probes('/healthz') }) });
    expect(texts(f)).toMatch(/The Liveness and Readiness probes \(httpGet \/healthz on port 8080\) get HTTP 404/);
    expect(texts(f)).toMatch(/The Liveness probe's failures are what restarted the container/);
    expectValidCommands(f);
  });

  it('near miss: a Liveness probe on another path is not named with the failing Readiness one', () => {
    const f = primary({ system: rows.slice(0, 2), console: [line('INFO:     100.100.0.21:43100 - "GET /healthz HTTP/1.1" 404 Not Found', -30)], target: target(), config: config({ ingress: { external: false, targetPort: 8080 } }, { probes: probes('/live') }) });
    expect(texts(f)).not.toMatch(/Liveness and Readiness probes/);
    expect(texts(f)).not.toMatch(/what restarted the container/);
  });
});

describe('PID 1 and signal forwarding only when the app did not log its shutdown', () => {
  // https://learn.microsoft.com/dotnet/core/extensions/generic-host#host-shutdown ("Application is shutting down...")
  const stop = [sys('RevisionUpdate', "Deactivating old revisions since 'ActiveRevisionsMode=Single'", -42), exit(137, 0)];

  it('the app logged "Application is shutting down...": the steps are about its work within the grace period', () => {
    const f = primary({
      system: stop,
      console: [line('info: ReportExporter.Worker[0]\n      exporting report 7001 (page 350/400)', -100), line('info: Microsoft.Hosting.Lifetime[0]\n      Application is shutting down...', -36), line('info: ReportExporter.Worker[0]\n      exporting report 7001 (page 380/400)', -12)],
      target: target(), config: config({ terminationGracePeriodSeconds: 30 } as never),
    });
    expect(f.category).toBe('forced-kill');
    expect(texts(f)).toContain('The app logged its shutdown ("Application is shutting down..."), so it received SIGTERM');
    expect(texts(f)).not.toMatch(/tini|PID 1 or that the entrypoint/);
  });

  it('near miss: no shutdown line keeps the signal-forwarding step', () => {
    const f = primary({ system: stop, console: [line('exporting report 7001 (page 380/400)', -12)], target: target(), config: config() });
    expect(f.category).toBe('forced-kill');
    expect(texts(f)).toMatch(/PID 1 or that the entrypoint forwards signals/);
  });
});

describe("tool text in the app's runtime", () => {
  // https://playwright.dev/python/docs/browsers (`playwright install --with-deps chromium`) and
  // https://playwright.dev/python/docs/docker (mcr.microsoft.com/playwright/python)
  const missing = line("Error: BrowserType.launch: Executable doesn't exist at /root/.cache/ms-playwright/chromium_headless_shell-1208/chrome-headless-shell-linux64/chrome-headless-shell", -2);

  it('a Python app gets Playwright for Python: its module install and its image, no npx or Puppeteer', () => {
    const f = primary({ system: [exit(1, 0)], console: [missing], target: target(), config: config({}, { command: ['python', 'scrape.py'] }) });
    expect(texts(f)).toContain('python -m playwright install --with-deps chromium');
    expect(texts(f)).toContain('mcr.microsoft.com/playwright/python:v<version>');
    expect(texts(f)).not.toMatch(/npx|puppeteer/i);
  });

  it('near miss: a Node app keeps the npx install', () => {
    const f = primary({ system: [exit(1, 0)], console: [missing], target: target(), config: config({}, { command: ['node', 'scrape.js'] }) });
    expect(texts(f)).toContain('npx playwright install --with-deps chromium');
  });

  // https://docs.rs/reqwest/latest/reqwest/#optional-features (rustls-tls instead of the system OpenSSL)
  it('a segfault right after an HTTPS call on an Alpine image: the TLS library on musl, no Node or Python packages', () => {
    const f = primary({
      system: [exit(139, 0), exit(139, 90)],
      console: [line('fetching https://httpbin.org/ip', -6), line('Segmentation fault (core dumped)', -1)],
      target: target(), config: config({}, { image: 'crmedia.azurecr.io/price-fetch:0.2.0-alpine' }),
    });
    expect(texts(f)).toMatch(/crashes right after starting an HTTPS call .* on a musl \(Alpine\) image/);
    expect(texts(f)).toContain('rustls');
    expect(texts(f)).not.toMatch(/sharp|numpy|grpc/);
  });

  it('near miss: the same crash on a glibc image gets the runtime-neutral native check', () => {
    const f = primary({
      system: [exit(139, 0), exit(139, 90)],
      console: [line('fetching https://httpbin.org/ip', -6), line('Segmentation fault (core dumped)', -1)],
      target: target(), config: config({}, { image: 'crmedia.azurecr.io/price-fetch:0.2.0' }),
    });
    expect(texts(f)).not.toContain('rustls');
    expect(texts(f)).toMatch(/native dependencies/);
  });

  // https://arrow.apache.org/docs/python/generated/pyarrow.set_cpu_count.html (pyarrow's thread pool)
  it('the app names pyarrow and its version before the crash: pin it, and one thread as the workaround', () => {
    const f = primary({
      system: [exit(139, 0)],
      console: [line('feed-loader: loading 24 feeds with 6 threads (pyarrow 14.0.2)', -20), line('Segmentation fault (core dumped)', -1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('The app names pyarrow 14.0.2 before the crash');
    expect(texts(f)).toContain('It ran that work in 6 threads');
    expect(texts(f)).not.toMatch(/sharp|grpc/);
  });
});

describe("a public image's own port variable", () => {
  // https://docs.gitea.com/installation/install-with-docker (GITEA__section__KEY) and Gitea's [server] HTTP_PORT
  const rows = { system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.18:8080: connect: connection refused', -10), sys('StoppingContainer', 'Container gitea failed startup probe, will be restarted', -4)], console: [line('2026/10/10 04:55:46 cmd/web.go:220:listen() [I] [64979dee-6] Listen: http://0.0.0.0:3000', -60)] };

  it('Gitea moves with GITEA__server__HTTP_PORT, never PORT', () => {
    const f = primary({ ...rows, target: target(), config: config({ ingress: { external: true, targetPort: 8080 } }, { name: 'gitea', image: 'gitea/gitea:1.19.3' }) });
    expect(all(f)).toContain('--set-env-vars GITEA__server__HTTP_PORT=8080');
    expect(all(f)).not.toMatch(/--set-env-vars PORT=/);
    expectValidCommands(f);
  });

  it('near miss: a port below 1024 is not offered through the image\'s variable (its process is not root)', () => {
    // https://ghost.org/docs/config/#running-ghost-with-config-env-variables (server__port)
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.18:80: connect: connection refused', -10)],
      console: [line('[2026-10-10 04:55:46] INFO Listening on: :::2368', -60)],
      target: target(), config: config({ ingress: { external: true, targetPort: 80 } }, { name: 'ghost', image: 'ghost:5.82' }),
    });
    expect(all(f)).not.toMatch(/server__port=80|PORT=80/);
  });
});

describe('the revision mode as the configuration shows it', () => {
  // https://learn.microsoft.com/azure/container-apps/revisions (single-revision mode is the default; the previous revision serves until the new one is ready)
  const change = { fromRevision: 'thumbs--0000011', summary: 'env var QUEUE_URL removed', changes: [{ kind: 'env-removed' as const, container: 'thumbs', name: 'QUEUE_URL' }] };
  const run = (extra: Record<string, unknown>) => primary({ system: [exit(1, 0), exit(1, 60)], console: [line("KeyError: 'QUEUE_URL'", -1)], target: target(), config: config({ failingRevisionName: 'thumbs--0000012', changesSinceHealthy: change, ...extra }) });

  it('the healthy revision still takes all the traffic: said so, and the copy only stops the restarts', () => {
    const f = run({ revisions: [{ name: 'thumbs--0000011', active: true, healthState: 'Healthy', trafficWeight: 100 }, { name: 'thumbs--0000012', active: true, healthState: 'Unhealthy', trafficWeight: 0 }] });
    expect(texts(f)).toContain('still active with 100% of the traffic beside thumbs--0000012, so users are served by it and need no rollback');
    expect(texts(f)).not.toMatch(/\(single-revision mode, so/);
  });

  it('no mode in the configuration: the default is said to be one', () => {
    const f = run({});
    expect(texts(f)).toContain('in single-revision mode, the default, it replaces thumbs--0000012 once it is running; the configuration read does not show the mode');
  });

  it('near miss: a configuration that says Single keeps the plain statement', () => {
    const f = run({ activeRevisionsMode: 'Single' });
    expect(texts(f)).toContain('(single-revision mode, so it replaces thumbs--0000012 once it is running)');
  });
});

describe('no floating-tag step for an image pinned to a version', () => {
  // https://github.com/grafana/loki/issues/3882 ("field ... not found in type" after a config of another version)
  const rows = (image: string) => ({
    system: [exit(1, 0), exit(1, 60)],
    console: [line('failed parsing config: /etc/loki/config.yaml: yaml: unmarshal errors:', -2), line('  line 44: field groups not found in type loki.ConfigWrapper', -1)],
    target: target(), config: config({}, { image }),
  });

  it('grafana/loki:3.5.0 did not move: no floating-tag step', () => {
    expect(texts(primary(rows('grafana/loki:3.5.0')))).not.toMatch(/floating tag/);
  });

  it('near miss: grafana/loki:latest keeps it', () => {
    expect(texts(primary(rows('grafana/loki:latest')))).toMatch(/floating tag/);
  });
});
