/**
 * Everything behind the registered functions: the runtime, the HTTP handlers and the queue handlers.
 * `index.ts` loads this module on the first invocation, not at start-up, so the host's cold start does
 * not pay for zod schemas, the classifier's rule tables or the Azure SDKs until a request needs them.
 */
import type { HttpHandler, InvocationContext } from '@azure/functions';
import type { AlertQueueEnvelope } from '../deliver/alertMessage';
import { lazyRuntime } from '../runtime';
import { handleAlertMessage, handleOutboxMessage, handlePoisonAlertMessage } from './queueHandlers';
import { alertQueueDeps } from './queues';
import { contextLogger } from './contextLogger';
import type { HttpRouteSpec, QueueFunctionSpec, TimerFunctionSpec } from './routeTable';
import { routes } from './routes';

const getRuntime = lazyRuntime();

export function httpHandlers(
  enqueueAlert: (context: InvocationContext, message: AlertQueueEnvelope) => void,
): Record<HttpRouteSpec['name'], HttpHandler> {
  const table = routes({ getRuntime, enqueueAlert });
  return Object.fromEntries(table.map((r) => [r.name, r.handler])) as Record<HttpRouteSpec['name'], HttpHandler>;
}

export const queueHandlers: Record<QueueFunctionSpec['name'], (message: unknown, context: InvocationContext) => Promise<void>> = {
  async alertsQueue(message, context) {
    await handleAlertMessage(message, context, alertQueueDeps(await getRuntime()));
  },
  async alertsPoison(message, context) {
    await handlePoisonAlertMessage(message, context, alertQueueDeps(await getRuntime()));
  },
  async outbox(message, context) {
    const runtime = await getRuntime();
    if (!runtime.outboxDeps) throw new Error('the runtime has no outbox configured');
    await handleOutboxMessage(message, context, await runtime.outboxDeps());
  },
};

export const timerHandlers: Record<TimerFunctionSpec['name'], (context: InvocationContext) => Promise<void>> = {
  async pruneDeliveries(context) {
    const runtime = await getRuntime();
    const deleted = (await runtime.pruneDeliveries?.()) ?? 0;
    contextLogger(context, { function: 'pruneDeliveries' }).info('old delivery records deleted', { deleted });
  },
};
