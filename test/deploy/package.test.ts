/**
 * The deployment package, exactly as shipped: infra/scripts/package-function.sh (what azd's prepackage
 * hook runs) stages and zips it; the zip is unpacked into an empty folder and loaded there by a stand-in
 * for the Functions worker, with no node_modules anywhere and only the packaged files. Every function must
 * register, and a first alert must go through both halves of queue intake against stand-ins for the
 * managed identity endpoint, Log Analytics, ARM and the receiving webhook.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startHarness, type Harness } from '../e2e/support/world';
import { outputText, startFunctionsHost, statusOf, type HostedApp } from '../support/functionsHost';

const ROOT = join(__dirname, '..', '..');
const CA_FILE = join(ROOT, 'test', 'support', 'certs', 'localhost.crt');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

describe('the deployment package', () => {
  let work: string;
  let unpacked: string;
  let harness: Harness;
  let host: HostedApp;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'enricher-package-'));
    // The same script azd runs; the clean `npm ci` is skipped here (this checkout is already installed),
    // and so is its type-checking `tsc` build (9 s of CPU; the bundle is made from the sources by esbuild,
    // and CI type-checks with npm run typecheck).
    execFileSync('bash', [join(ROOT, 'infra', 'scripts', 'package-function.sh')], {
      cwd: ROOT,
      env: { ...process.env, PACKAGE_OUTPUT_DIR: join(work, 'stage', 'api'), PACKAGE_SKIP_INSTALL: '1', PACKAGE_SKIP_BUILD: '1' },
      stdio: 'pipe',
    });
    unpacked = join(work, 'unpacked');
    execFileSync('unzip', ['-q', join(work, 'stage', 'api.zip'), '-d', unpacked]);
    harness = await startHarness({ azurite: false });
    const env = Object.fromEntries(
      Object.entries({
        ...harness.env({ AzureWebJobsStorage: undefined, ALERT_INTAKE: undefined, CONSOLE_LAG_MAX_SECONDS: '0' }),
        // What the deployment sets: exactly the user-assigned identity, through the platform's endpoint.
        AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
        AZURE_CLIENT_ID: 'client-id-of-the-app-identity',
        IDENTITY_ENDPOINT: harness.identity.endpoint,
        IDENTITY_HEADER: harness.identity.secret,
        ALERTS_QUEUE: 'alerts',
        OUTBOX_QUEUE: 'outbox',
        NODE_EXTRA_CA_CERTS: CA_FILE,
      }).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    host = await startFunctionsHost(unpacked, env);
  }, 240_000);

  afterAll(async () => {
    await host?.close();
    await harness?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds host.json, a package.json with nothing to install or build, and one bundled entry', () => {
    expect(filesUnder(unpacked)).toEqual(['.funcignore', 'dist/index.js', 'dist/index.js.LEGAL.txt', 'host.json', 'package.json']);
    const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/index.js');
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
    expect(statSync(join(work, 'stage', 'api.zip')).size).toBeLessThan(5 * 1024 * 1024);
    const hostJson = JSON.parse(readFileSync(join(unpacked, 'host.json'), 'utf8'));
    expect(hostJson.version).toBe('2.0');
  });

  it('registers every function, loading nothing from outside the package but the worker stand-in', () => {
    expect(host.functions.map((f) => f.name).sort()).toEqual(['alerts', 'alertsPoison', 'alertsQueue', 'diagnose', 'outbox', 'pruneDeliveries']);
    const outside = host.modules.filter((m) => !m.startsWith(unpacked) && !m.includes(join('test', 'support', 'functionsHost')));
    expect(outside).toEqual([]);
    const alerts = host.functions.find((f) => f.name === 'alerts')!;
    const bindings = Object.values(alerts.bindings);
    expect(bindings).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'queue', direction: 'out', queueName: '%ALERTS_QUEUE%' })]));
  });

  it('answers a first alert 202 with the alert on the queue, then enriches and delivers it from the queue', async () => {
    const alert = readFileSync(join(ROOT, 'samples', 'alert.json'), 'utf8');
    const answer = await host.invoke({
      name: 'alerts',
      http: { method: 'POST', url: 'https://func.example/api/alerts', headers: { 'content-type': 'application/json' }, body: alert },
    });
    expect(statusOf(answer)).toBe(202);
    // Queue intake answered without a single query: nothing waits on Log Analytics inside the webhook call.
    expect(harness.logAnalytics.queryRequests()).toHaveLength(0);
    const message = outputText(answer, 'queueOutput');
    expect(message).toBeDefined();

    const queued = await host.invoke({ name: 'alertsQueue', message: message!, dequeueCount: 1 });
    expect(queued.outputData).toEqual([]);
    const delivered = harness.diagnoses();
    expect(delivered).toHaveLength(1);
    expect(delivered[0].status).toBe('enriched');
    expect(delivered[0].target).toMatchObject({ kind: 'containerApp', name: 'orders-api' });
    // Every token came from the managed identity endpoint, for the deployed identity's client id.
    expect(harness.identity.requests.length).toBeGreaterThan(0);
    for (const r of harness.identity.requests) expect(r.query.get('client_id')).toBe('client-id-of-the-app-identity');
    expect(host.stderr()).not.toMatch(/Error:/);
  });

  it('runs the daily prune timer (nothing to prune without storage, and no error)', async () => {
    const answer = await host.invoke({ name: 'pruneDeliveries', message: '{"isPastDue":false}' });
    expect(answer.outputData).toEqual([]);
    expect(host.logs.map((l) => l.message).join('\n')).toMatch(/old delivery records deleted/);
  });
});
