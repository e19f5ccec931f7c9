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
import type { DestinationStatus } from './deliver/deliver';
import type { TeamRule } from './classify/teamRules';

export interface DeliveryOutcome {
  destination: string;
  status: DestinationStatus;
  detail?: string;
}

export interface Runtime {
  settings: Settings;
  logs: LogSource;
  config?: ConfigSource;
  now: () => Date;
  queryLink?: (evidence: Evidence, target: Target) => string | undefined;
  /** A team's own rules, checked at start (OWN_RULES and OWN_RULES_URL). */
  teamRules?: readonly TeamRule[];
  /** Posts the diagnosis to every configured destination, exactly once each. */
  deliver(diagnosis: Diagnosis, options: { logger: Logger; signal?: AbortSignal }): Promise<DeliveryOutcome[]>;
  /** Puts an alert back on the alerts queue, visible again after `delaySeconds` (late console rows). */
  requeueAlert?(alert: unknown, meta: { receivedAt: string; correlationId: string }, delaySeconds: number): Promise<void>;
  /** What the outbox trigger needs, built from the same settings and stores. */
  outboxDeps?(): Promise<OutboxRetryDeps>;
  /** Deletes dedupe rows older than the retention period (daily timer); how many went. */
  pruneDeliveries?(options?: { signal?: AbortSignal }): Promise<number>;
}

export interface RuntimeOptions {
  env?: Record<string, string | undefined>;
  /** Extra trusted CA for tests and the benchmarks' local stand-ins. */
  tlsOptions?: { ca?: string };
  /** How the Log Analytics source waits before a retry (Retry-After, back-off). Default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function createAzureRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const allSettings = loadSettings(env);
  // A webhook URL kept in Key Vault that the platform could not resolve must not stop every delivery:
  // the others are delivered, that one is reported as failed by name.
  const settings: Settings = { ...allSettings, destinations: allSettings.destinations.filter((d) => !d.unresolvedSetting) };
  const broken = allSettings.destinations.flatMap((d) => (d.unresolvedSetting ? [{ name: d.name, setting: d.unresolvedSetting }] : []));
  const { createCredential } = await import('./logs/credential');
  const { createLogAnalyticsSource, portalQueryLink } = await import('./logs/logAnalytics');
  const { createArmConfigSource } = await import('./appconfig/arm');
  const { createDeliverer, createDeliveryStores, createOutboxRetryDeps } = await import('./deliver/runtimeDelivery');
  const { buildAlertMessage } = await import('./deliver/alertMessage');
  let stores: ReturnType<typeof createDeliveryStores> | undefined;
  // One credential for Log Analytics, ARM, Tables and Queues.
  const credential = createCredential({ kind: settings.credential, clientId: settings.azureClientId, tlsOptions: options.tlsOptions });
  const logs = createLogAnalyticsSource({
    credential,
    endpoint: settings.logAnalytics.endpoint,
    scope: settings.logAnalytics.scope,
    workspaceId: settings.logAnalytics.workspaceId,
    serverTimeoutSeconds: settings.logAnalytics.serverTimeoutSeconds,
    consoleLinesPerReplica: settings.logAnalytics.consoleLinesPerReplica,
    tlsOptions: options.tlsOptions,
    sleep: options.sleep,
  });
  const config = createArmConfigSource({
    credential,
    endpoint: settings.arm.endpoint,
    scope: settings.arm.scope,
    tlsOptions: options.tlsOptions,
  });
  const limits = await import('./policy/limiter');
  const teamRules = [...settings.teamRules.rules];
  if (settings.teamRules.url) {
    const { loadTeamRulesFromUrl } = await import('./teamRules/loadFromUrl');
    teamRules.push(...(await loadTeamRulesFromUrl(settings.teamRules.url, { credential, tlsOptions: options.tlsOptions })));
  }
  const slots = await import('./policy/slots');
  // Storage (AzureWebJobsStorage) comes from the same env as the settings, not from process.env.
  const deliverHealthy = createDeliverer(settings, { env, credential });
  const logLimiter = logAnalyticsLimiter(settings, limits, slots, () =>
    createDeliveryStores(settings, { env, credential }).then((s) => s.table as unknown as import('./policy/slots').SlotTable),
  );
  return {
    settings,
    teamRules,
    // Log Analytics fetches are bounded across every instance (storage slots), ARM reads per process.
    // The Log Analytics source has its own deadline (LOG_QUERY_TIMEOUT_SECONDS + 30 s); ARM needs one.
    logs: limits.limitLogSource(logs, logLimiter),
    config: limits.limitConfigSource(config, limits.createLimiter({ concurrency: limits.DEFAULT_ARM_CONCURRENCY, name: 'ARM' }), {
      timeoutMs: limits.DEFAULT_ARM_TIMEOUT_MS,
    }),
    now: () => new Date(),
    queryLink: (evidence, target) => portalQueryLink(evidence, target),
    async deliver(diagnosis, deliverOptions) {
      for (const b of broken) {
        deliverOptions.logger.error('destination skipped: its URL setting is an unresolved Key Vault reference', {
          destination: b.name,
          setting: b.setting,
          alertId: diagnosis.alert?.alertId ?? diagnosis.alertIds[0],
        });
      }
      const delivered = settings.destinations.length > 0 ? await deliverHealthy(diagnosis, deliverOptions) : [];
      return [...delivered, ...broken.map((b) => unresolvedOutcome(b.name, b.setting))];
    },
    async requeueAlert(alert, meta, delaySeconds) {
      stores ??= createDeliveryStores(settings, { env, credential }).catch((err: unknown) => {
        stores = undefined;
        throw err;
      });
      await (await stores).alertsQueue.send(buildAlertMessage(alert, meta), { visibilityTimeoutSeconds: delaySeconds });
    },
    outboxDeps: () => createOutboxRetryDeps(settings, { env, credential }),
    async pruneDeliveries(pruneOptions = {}) {
      const { table } = await createDeliveryStores(settings, { env, credential });
      if (!table) return 0; // in-memory stores forget by themselves
      const { pruneDedupeTable } = await import('./deliver/prune');
      const olderThan = new Date(Date.now() - settings.storage.dedupeRetentionDays * 86_400_000);
      return pruneDedupeTable(table, { olderThan, keepPartitions: [slots.LOG_ANALYTICS_SLOT_PARTITION], signal: pruneOptions.signal });
    },
  };
}

/**
 * settings.logAnalytics.maxConcurrentFetches fetches at once: per process always, and across every instance
 * through slots in the dedupe table when the app has storage (in Azure it always does).
 */
function logAnalyticsLimiter(
  settings: Settings,
  limits: typeof import('./policy/limiter'),
  slots: typeof import('./policy/slots'),
  table: () => Promise<import('./policy/slots').SlotTable>,
): import('./policy/limiter').Limiter {
  const perProcess = limits.createLimiter({ concurrency: settings.logAnalytics.maxConcurrentFetches, name: 'Log Analytics' });
  if (settings.storage.access === 'none') return perProcess;
  const shared = slots.createTableSemaphore({
    table: slots.deferredSlotTable(table),
    name: 'Log Analytics',
    slots: settings.logAnalytics.maxConcurrentFetches,
    // Longer than a fetch may take (the source gives up after the server timeout + 30 s).
    leaseMs: (settings.logAnalytics.serverTimeoutSeconds + 45) * 1000,
    maxWaitMs: settings.logAnalytics.slotWaitSeconds * 1000,
  });
  return slots.chainLimiters(perProcess, shared);
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

function unresolvedOutcome(destination: string, setting: string): DeliveryOutcome {
  return {
    destination,
    status: 'failed',
    detail:
      `app setting ${setting} is still the literal Key Vault reference: the platform could not read the secret ` +
      `(check the secret URI and give the app's identity the "Key Vault Secrets User" role on the vault)`,
  };
}
