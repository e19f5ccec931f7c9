/**
 * The dependencies of the queue-triggered functions, built from the runtime: parse and enrich a queued
 * alert, decide whether a failure is worth another try, wait for late console rows, and build the
 * un-enriched fallback from whatever the message holds.
 */
import { parseAlert } from '../alert';
import { notEnrichedDiagnosis } from '../diagnosis';
import { EnricherError } from '../errors';
import type { LogProperties, Logger } from '../logger';
import type { AlertSummary, Diagnosis } from '../model';
import { coalescerFor } from '../policy/coalesce';
import type { Runtime } from '../runtime';
import { deps } from './alerts';
import { isPermanentEnrichError, type AlertHandlerDeps } from './queueHandlers';

/** The most we learn from an alert we cannot parse: enough to deliver it and say why. */
function roughSummary(alert: unknown): AlertSummary {
  const essentials = (alert as { data?: { essentials?: Record<string, unknown> } } | undefined)?.data?.essentials ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    alertId: str(essentials.alertId) ?? 'unknown',
    alertRule: str(essentials.alertRule),
    severity: str(essentials.severity),
    signalType: str(essentials.signalType),
    monitorCondition: essentials.monitorCondition === 'Resolved' ? 'Resolved' : 'Fired',
    monitoringService: str(essentials.monitoringService),
    kind: 'other',
    firedDateTime: str(essentials.firedDateTime),
    description: str(essentials.description),
    alertTargetIDs: list(essentials.alertTargetIDs),
    configurationItems: list(essentials.configurationItems),
  };
}

export function notEnrichedFromRaw(runtime: Runtime) {
  return (alert: unknown, reason: string, error?: unknown): Diagnosis => {
    let summary: AlertSummary;
    try {
      summary = parseAlert(alert).summary;
    } catch {
      summary = roughSummary(alert);
    }
    return notEnrichedDiagnosis({
      alert: summary,
      reason,
      reasonCode: error instanceof EnricherError ? error.code : 'enrichment-failed',
      now: runtime.now(),
    });
  };
}

/** The handler's logger knows the correlation id only; every line about an alert also names the alert. */
function withAlertId(logger: Logger, alertId: string | undefined): Logger {
  if (!alertId) return logger;
  const add = (p?: LogProperties): LogProperties => ({ alertId, ...p });
  return {
    info: (m, p) => logger.info(m, add(p)),
    warn: (m, p) => logger.warn(m, add(p)),
    error: (m, p) => logger.error(m, add(p)),
  };
}

export function alertQueueDeps(runtime: Runtime): AlertHandlerDeps {
  // One coalescer per runtime (per process): alerts for the same app and window share one enrichment.
  const coalescer = coalescerFor(runtime);
  return {
    async enrich(raw, meta) {
      const alert = parseAlert(raw); // a bad message is permanent: delivered un-enriched at once
      const logger = withAlertId(meta.logger, alert.summary.alertId);
      const requeue = () => runtime.requeueAlert!(raw, { receivedAt: meta.receivedAt, correlationId: meta.correlationId }, lagDelaySeconds());
      const waited = runtime.now().getTime() - Date.parse(meta.receivedAt);
      const budget = runtime.settings.consoleLagMaxSeconds * 1000;
      const lagDelaySeconds = () => Math.max(5, Math.min(60, Math.ceil((budget - waited) / 1000)));
      return coalescer.enrich(alert, {
        deps: deps(runtime),
        logger,
        signal: meta.signal,
        async settle(result) {
          // A transient failure (throttling, a 5xx) is worth another try from the queue; the handler
          // delivers un-enriched on the last one.
          if (result.error !== undefined && !isPermanentEnrichError(result.error)) throw result.error;
          if (result.consoleMissingFor.length > 0 && runtime.requeueAlert && Number.isFinite(waited) && waited < budget) {
            await requeue();
            return undefined;
          }
          return result.diagnosis;
        },
        // The leader went back on the queue to wait for late console rows: so does this alert.
        defer: runtime.requeueAlert ? requeue : undefined,
      });
    },
    deliver: (diagnosis, options) =>
      coalescer.deliver(diagnosis, (d, o) => runtime.deliver(d, o), {
        ...options,
        logger: withAlertId(options.logger, diagnosis.alert?.alertId ?? diagnosis.alertIds[0]),
      }),
    notEnriched: notEnrichedFromRaw(runtime),
    // The same app setting the host reads, so "last try" means what the host means.
    maxDequeueCount: runtime.settings.storage.maxDequeueCount,
  };
}
