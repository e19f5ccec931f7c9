/**
 * Benchmark 3: cold start as a user waits for it. A fresh node process runs the app under the Functions
 * worker stand-in (test/support/functionsHost); the clock starts before the process is spawned and stops
 * at (a) the first `alerts` answer (202, queue intake) and (b) the first diagnosis delivered to the
 * webhook, the queued alert having gone through the `alertsQueue` function against stand-ins for the
 * managed identity endpoint, Log Analytics and ARM. Measured for the shipped bundle (dist/index.js made
 * by infra/scripts/bundle.js) and for the unbundled tsc build with node_modules, alternated, median of
 * several fresh processes each.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../lib/proc';
import { REPO_ROOT } from '../lib/layout';
import { ms, type BenchRow } from '../lib/results';
import { outputText, startFunctionsHost, statusOf } from '../../test/support/functionsHost';

interface Sample {
  to202Ms: number;
  toDeliveredMs: number;
  loadMs: number;
}

/** Stages the bundle the way the package script does (host.json, package.json with main, dist/index.js). */
function stageBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'enricher-bundle-'));
  execFileSync(process.execPath, [join(REPO_ROOT, 'infra', 'scripts', 'bundle.js'), join(dir, 'dist')], { cwd: REPO_ROOT, stdio: 'ignore' });
  copyFileSync(join(REPO_ROOT, 'host.json'), join(dir, 'host.json'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-bundle', private: true, main: 'dist/index.js' }));
  return dir;
}

export async function coldStartBench(runs: number): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  // Loaded here, not at import: the stand-ins read their certificate, linked into dist-bench at start.
  const { ordersWorld, startArmStandIn } = await import('../../test/support/armStandIn');
  const { startIdentityStandIn } = await import('../../test/support/identityStandIn');
  const { startLogAnalyticsStandIn } = await import('../../test/support/logAnalyticsStandIn');
  const { startWebhookReceiver } = await import('../../test/support/webhookReceiver');
  const bundled = stageBundle();
  const identity = await startIdentityStandIn();
  const logAnalytics = await startLogAnalyticsStandIn();
  const arm = await startArmStandIn({ resources: ordersWorld() });
  const receiver = await startWebhookReceiver();
  const alert = readFileSync(join(REPO_ROOT, 'samples', 'alert.json'), 'utf8');
  const env: Record<string, string> = {
    LOG_ANALYTICS_ENDPOINT: logAnalytics.url,
    LOG_ANALYTICS_WORKSPACE_ID: '7b9c1d2e-3f40-4a5b-8c6d-9e0f1a2b3c4d',
    ARM_ENDPOINT: arm.url,
    DIAGNOSIS_WEBHOOK_URL: receiver.url('/ops'),
    AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
    AZURE_CLIENT_ID: 'bench-client-id',
    IDENTITY_ENDPOINT: identity.endpoint,
    IDENTITY_HEADER: identity.secret,
    ALERTS_QUEUE: 'alerts',
    OUTBOX_QUEUE: 'outbox',
    CONSOLE_LAG_MAX_SECONDS: '0',
    COALESCE_SECONDS: '0',
    NODE_EXTRA_CA_CERTS: join(REPO_ROOT, 'test', 'support', 'certs', 'localhost.crt'),
  };
  const sample = async (appDir: string): Promise<Sample> => {
    const before = receiver.accepted.length;
    const started = process.hrtime.bigint();
    const since = (): number => Number(process.hrtime.bigint() - started) / 1e6;
    const host = await startFunctionsHost(appDir, env);
    try {
      const answer = await host.invoke({
        name: 'alerts',
        http: { method: 'POST', url: 'https://func.example/api/alerts', headers: { 'content-type': 'application/json' }, body: alert },
      });
      const to202Ms = since();
      if (statusOf(answer) !== 202) throw new Error(`alerts answered ${statusOf(answer)}, not 202: ${host.stderr()}`);
      await host.invoke({ name: 'alertsQueue', message: outputText(answer, 'queueOutput')! });
      const toDeliveredMs = since();
      if (receiver.accepted.length !== before + 1) throw new Error(`no diagnosis reached the webhook: ${host.stderr()}`);
      return { to202Ms, toDeliveredMs, loadMs: host.loadMs };
    } finally {
      await host.close();
    }
  };
  const apps = { bundled, unbundled: REPO_ROOT };
  const results: Record<keyof typeof apps, Sample[]> = { bundled: [], unbundled: [] };
  try {
    // One untimed round each warms the OS file cache, as a host's second cold start would find it.
    await sample(apps.bundled);
    await sample(apps.unbundled);
    for (let i = 0; i < runs; i++) {
      results.bundled.push(await sample(apps.bundled));
      results.unbundled.push(await sample(apps.unbundled));
    }
  } finally {
    await Promise.all([identity.close(), logAnalytics.close(), arm.close(), receiver.close()]);
    rmSync(bundled, { recursive: true, force: true });
  }
  const m = (which: keyof typeof apps, key: keyof Sample) => median(results[which].map((s) => s[key]));
  const row = (label: string, key: keyof Sample): BenchRow => ({
    benchmark: `3. cold start: process start to ${label}`,
    measured: `bundled ${ms(m('bundled', key))}`,
    reference: `unbundled ${ms(m('unbundled', key))}`,
    ratio: m('bundled', key) / m('unbundled', key),
    target: 'reported',
    note: `median of ${runs} fresh processes each, alternated; loading the entry: bundled ${ms(m('bundled', 'loadMs'))}, unbundled ${ms(m('unbundled', 'loadMs'))}`,
  });
  return {
    rows: [row('first 202', 'to202Ms'), row('first delivered diagnosis', 'toDeliveredMs')],
    details: { results },
  };
}
