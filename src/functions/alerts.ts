/**
 * POST /api/alerts — the action group's webhook target. Validates the common-alert-schema payload, then
 * either puts it on the alerts queue and answers 202 at once (the Functions host: action groups give a
 * webhook about ten seconds and retry, so enrichment must not happen inside the call), or enriches and
 * delivers inline (`npm run serve`, which has no queues).
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { parseAlert, type ParsedAlert } from '../alert';
import { buildAlertMessage, type AlertQueueEnvelope } from '../deliver/alertMessage';
import { notEnrichedDiagnosis } from '../diagnosis';
import { targetOf } from '../enrich';
import { EnricherError, ForbiddenError, ServiceUnavailableError } from '../errors';
import type { Logger } from '../logger';
import { coalescerFor } from '../policy/coalesce';
import { assertInScope } from '../policy/scope';
import type { Runtime } from '../runtime';
import { contextLogger } from './contextLogger';
import { errorResponse, readJsonBody } from './http';


export interface AlertsHandlerOptions {
  getRuntime: () => Promise<Runtime>;
  /** Puts a message on the alerts queue (the output binding inside the Functions host). */
  enqueue?: (context: InvocationContext, message: AlertQueueEnvelope) => void;
  /** Extra checks on the caller (Entra secure webhook), throwing 401/403 errors. */
  authenticate?: (request: HttpRequest, runtime: Runtime) => Promise<void>;
}

export function createAlertsHandler(options: AlertsHandlerOptions) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const correlationId = context.invocationId;
    let logger: Logger = contextLogger(context, { function: 'alerts', correlationId });
    try {
      const runtime = await options.getRuntime();
      await options.authenticate?.(request, runtime);
      const body = await readJsonBody(request, runtime.settings.maxBodyBytes);
      const alert = parseAlert(body);
      logger = contextLogger(context, { function: 'alerts', correlationId, alertId: alert.summary.alertId });
      const forwarded = await forwardIfNotEnrichable(alert, runtime, logger, correlationId);
      if (forwarded) return forwarded;

      if (runtime.settings.intake === 'queue' && options.enqueue) {
        // The raw alert goes on the queue (compressed or trimmed past the queue's 64 KiB), so nothing is
        // lost if parsing rules change between intake and enrichment.
        options.enqueue(context, buildAlertMessage(body, { receivedAt: runtime.now().toISOString(), correlationId }));
        logger.info('alert queued for enrichment', { monitorCondition: alert.summary.monitorCondition });
        return { status: 202, jsonBody: { accepted: true, alertId: alert.summary.alertId, correlationId } };
      }

      // Alerts for the same app and window within COALESCE_SECONDS share one enrichment and one post.
      const coalescer = coalescerFor(runtime);
      const diagnosis = await coalescer.enrich(alert, { deps: deps(runtime), logger, settle: async (r) => r.diagnosis });
      if (!diagnosis) throw new EnricherError('The enrichment was deferred unexpectedly.'); // inline never defers
      const deliveries = await coalescer.deliver(diagnosis, (d, o) => runtime.deliver(d, o), { logger }).catch((err: unknown) => {
        // Nothing could be delivered or queued for retry: ask the action group to call again.
        throw new ServiceUnavailableError('The diagnosis could not be delivered or queued; try again shortly.', { cause: err });
      });
      return {
        status: 200,
        jsonBody: { status: diagnosis.status, summary: diagnosis.summary, alertIds: diagnosis.alertIds, deliveries, correlationId },
      };
    } catch (err) {
      return errorResponse(err, logger, correlationId);
    }
  };
}

/**
 * A valid alert about something this app cannot enrich (not a Container App, no app named, odd ids as in
 * Azure's own test payloads) is forwarded un-enriched and answered 202: the sender did nothing wrong, and a
 * 4xx would only make the page disappear. Outside ALLOWED_SCOPES stays a 403 (still forwarded). When even
 * the un-enriched forward fails, a 503 makes the action group call again, so the page is never lost.
 */
async function forwardIfNotEnrichable(
  alert: ParsedAlert,
  runtime: Runtime,
  logger: Logger,
  correlationId: string,
): Promise<HttpResponseInit | undefined> {
  if (alert.summary.monitorCondition === 'Resolved') return undefined;
  try {
    const target = targetOf({ kind: 'alert', alert }, deps(runtime));
    assertInScope(target, runtime.settings.allowedScopes, { allowUnknown: true });
    return undefined;
  } catch (err) {
    if (!(err instanceof EnricherError)) throw err;
    const diagnosis = notEnrichedDiagnosis({ alert: alert.summary, reason: err.message, reasonCode: err.code, now: runtime.now() });
    if (err instanceof ForbiddenError) {
      await runtime.deliver(diagnosis, { logger }).catch(() => undefined);
      throw err;
    }
    const deliveries = await runtime.deliver(diagnosis, { logger }).catch((cause: unknown) => {
      throw new ServiceUnavailableError('The alert could not be forwarded; try again shortly.', { cause });
    });
    logger.info('alert forwarded un-enriched', { code: err.code });
    return {
      status: 202,
      jsonBody: { accepted: true, enriched: false, reason: err.message, alertId: alert.summary.alertId, deliveries, correlationId },
    };
  }
}

export function deps(runtime: Runtime) {
  return {
    logs: runtime.logs,
    config: runtime.config,
    now: runtime.now,
    defaultLookbackMinutes: runtime.settings.defaultLookbackMinutes,
    queryLink: runtime.queryLink,
    ownerTags: runtime.settings.routing.ownerTags,
    teamRules: runtime.teamRules,
  };
}
