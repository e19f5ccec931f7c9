/**
 * The HTTP routes with their handlers attached: the static table in routeTable.ts plus the code. The
 * Functions registrations (index.ts, through wiring.ts) and the local server (serve.ts) are both built
 * from it, so the two can never disagree.
 */
import type { HttpHandler, HttpRequest, InvocationContext } from '@azure/functions';
import { authenticatorForRuntime } from '../auth';
import type { AlertQueueEnvelope } from '../deliver/alertMessage';
import type { Runtime } from '../runtime';
import { createAlertsHandler } from './alerts';
import { createDiagnoseHandler } from './diagnose';
import { HTTP_ROUTES, type HttpRouteSpec } from './routeTable';

export interface RouteSpec extends HttpRouteSpec {
  handler: HttpHandler;
}

export interface RouteDeps {
  getRuntime: () => Promise<Runtime>;
  /** Checks the caller of `alerts` beyond function keys (Entra secure webhook when AUTH_MODE=entra). */
  authenticate?: (request: HttpRequest, runtime: Runtime) => Promise<void>;
  enqueueAlert?: (context: InvocationContext, message: AlertQueueEnvelope) => void;
}

export function routes(deps: RouteDeps): RouteSpec[] {
  const handlers: Record<HttpRouteSpec['name'], HttpHandler> = {
    alerts: createAlertsHandler({
      getRuntime: deps.getRuntime,
      enqueue: deps.enqueueAlert,
      authenticate: deps.authenticate ?? authenticatorForRuntime(),
    }),
    diagnose: createDiagnoseHandler({ getRuntime: deps.getRuntime }),
  };
  return HTTP_ROUTES.map((spec) => ({ ...spec, handler: handlers[spec.name] }));
}
