/**
 * The composition root: builds the real sources and sinks from the settings, once per process. The
 * Azure SDK modules are loaded lazily here (and only here), so importing the function entry module stays
 * cheap (cold start) and the pipeline itself never depends on an SDK.
 */
import type { ConfigSource } from './appconfig/ConfigSource';
import { loadSettings, type Settings } from './config';
import type { Logger } from './logger';
import type { LogSource } from './logs/LogSource';
import type { Diagnosis, Evidence, Target } from './model';
import type { OutboxRetryDeps } from './deliver/outboxRetry';

export interface DeliveryOutcome {
  destination: string;
  status: 'delivered' | 'duplicate' | 'queued-for-retry' | 'failed';
  detail?: string;
}

export interface Runtime {
  settings: Settings;
  logs: LogSource;
  config?: ConfigSource;
  now: () => Date;
  queryLink?: (evidence: Evidence, target: Target) => string | undefined;
  /** Posts the diagnosis to every configured destination, exactly once each. */
  deliver(diagnosis: Diagnosis, options: { logger: Logger; signal?: AbortSignal }): Promise<DeliveryOutcome[]>;
  /** Puts an alert back on the alerts queue, visible again after `delaySeconds` (late console rows). */
  requeueAlert?(alert: unknown, meta: { receivedAt: string; correlationId: string }, delaySeconds: number): Promise<void>;
  /** What the outbox trigger needs, built from the same settings and stores. */
  outboxDeps?(): Promise<OutboxRetryDeps>;
}

export interface RuntimeOptions {
  env?: Record<string, string | undefined>;
  /** Extra trusted CA for tests and the benchmarks' local stand-ins. */
  tlsOptions?: { ca?: string };
}

export async function createAzureRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const settings = loadSettings(options.env ?? process.env);
  const { createCredential } = await import('./logs/credential');
  const { createLogAnalyticsSource, portalQueryLink } = await import('./logs/logAnalytics');
  const { createArmConfigSource } = await import('./appconfig/arm');
  const { createDeliverer, createDeliveryStores, createOutboxRetryDeps } = await import('./deliver/runtimeDelivery');
  const { buildAlertMessage } = await import('./deliver/alertMessage');
  const credential = createCredential({ clientId: settings.azureClientId, tlsOptions: options.tlsOptions });
  const logs = createLogAnalyticsSource({
    credential,
    endpoint: settings.logAnalytics.endpoint,
    scope: settings.logAnalytics.scope,
    workspaceId: settings.logAnalytics.workspaceId,
    serverTimeoutSeconds: settings.logAnalytics.serverTimeoutSeconds,
    consoleLinesPerReplica: settings.logAnalytics.consoleLinesPerReplica,
    tlsOptions: options.tlsOptions,
  });
  const config = createArmConfigSource({
    credential,
    endpoint: settings.arm.endpoint,
    scope: settings.arm.scope,
    tlsOptions: options.tlsOptions,
  });
  return {
    settings,
    logs,
    config,
    now: () => new Date(),
    queryLink: (evidence, target) => portalQueryLink(evidence, target),
    deliver: createDeliverer(settings),
    async requeueAlert(alert, meta, delaySeconds) {
      const stores = await createDeliveryStores(settings);
      await stores.alertsQueue.send(buildAlertMessage(alert, meta), { visibilityTimeoutSeconds: delaySeconds });
    },
    outboxDeps: () => createOutboxRetryDeps(settings),
  };
}

/** One runtime per process, built on first use (not at import time: cold start). */
export function lazyRuntime(factory: () => Promise<Runtime> = () => createAzureRuntime()): () => Promise<Runtime> {
  let pending: Promise<Runtime> | undefined;
  return () => {
    pending ??= factory().catch((err) => {
      pending = undefined; // a bad setting fixed later should not need a restart
      throw err;
    });
    return pending;
  };
}
