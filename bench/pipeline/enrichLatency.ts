/**
 * Benchmark 2 (child process): one alert through the whole queue-path pipeline — parse, target, Log
 * Analytics ∥ ARM, classify, diagnosis, render, deliver — built by the real `createAzureRuntime` against
 * stand-ins with fixed delays. The reference is the critical path the delays allow:
 * max(Log Analytics, ARM chain) + webhook. ARM reads the app first and then its revisions, replicas and
 * environment together, so its chain is two delays long.
 */
import { alertQueueDeps } from '../../src/functions/queues';
import { silentLogger } from '../../src/logger';
import { createAzureRuntime } from '../../src/runtime';
import { median, reportChildResult } from '../lib/proc';
import { startWorld, testTlsOptions } from './world';

export interface EnrichLatencyResult {
  runs: { wallMs: number; logRequests: number; status?: string; delivered: number }[];
  warmupMs: number;
  medianMs: number;
  criticalPathMs: number;
  delays: { logAnalyticsMs: number; armMs: number; webhookMs: number };
}

export async function enrichLatency(runs: number): Promise<EnrichLatencyResult> {
  const delays = { logAnalyticsMs: 800, armMs: 300, webhookMs: 200 };
  // One app per enrichment: alerts for the same app and window would be coalesced, and this measures
  // a fresh enrichment each time.
  const world = await startWorld({ apps: runs + 1, logAnalyticsDelayMs: delays.logAnalyticsMs, armDelayMs: delays.armMs, webhookDelayMs: delays.webhookMs });
  try {
    const runtime = await createAzureRuntime({ env: world.env, tlsOptions: testTlsOptions });
    const deps = alertQueueDeps(runtime);
    const once = async (n: number) => {
      const raw = world.alertFor(n, `bench-latency-${n}-${Date.now()}`);
      const before = world.logRequests();
      const accepted = world.receiver.accepted.length;
      const started = process.hrtime.bigint();
      const meta = { correlationId: `bench-${n}`, receivedAt: new Date().toISOString(), logger: silentLogger };
      const diagnosis = await deps.enrich(raw, meta);
      if (diagnosis) await deps.deliver(diagnosis, { logger: silentLogger });
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      return { wallMs, logRequests: world.logRequests() - before, status: diagnosis?.status, delivered: world.receiver.accepted.length - accepted };
    };
    // The first enrichment also fetches tokens and opens TLS connections: measured apart.
    const warmup = await once(0);
    const measured = [];
    for (let i = 1; i <= runs; i++) measured.push(await once(i));
    const criticalPathMs = Math.max(delays.logAnalyticsMs, 2 * delays.armMs) + delays.webhookMs;
    return { runs: measured, warmupMs: warmup.wallMs, medianMs: median(measured.map((r) => r.wallMs)), criticalPathMs, delays };
  } finally {
    await world.close();
  }
}

if (require.main === module) {
  enrichLatency(Number(process.argv[2] ?? 5)).then(
    (r) => reportChildResult({ ...r }),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
