/**
 * The HTTP route table: the one list both the Functions registrations (index.ts) and the local server
 * (serve.ts) are built from, so the two can never disagree.
 */
import type { HttpHandler, HttpMethod, HttpRequest, InvocationContext } from '@azure/functions';
import { authenticatorForRuntime } from '../auth';
import type { Runtime } from '../runtime';
import type { AlertQueueEnvelope } from '../deliver/alertMessage';
import { createAlertsHandler } from './alerts';
import { createDiagnoseHandler } from './diagnose';

export interface RouteSpec {
  name: string;
  /** Path under /api. */
  route: string;
  methods: HttpMethod[];
  authLevel: 'anonymous' | 'function' | 'admin';
  handler: HttpHandler;
}

export interface RouteDeps {
  getRuntime: () => Promise<Runtime>;
  /** Checks the caller of `alerts` beyond function keys (Entra secure webhook when AUTH_MODE=entra). */
  authenticate?: (request: HttpRequest, runtime: Runtime) => Promise<void>;
  enqueueAlert?: (context: InvocationContext, message: AlertQueueEnvelope) => void;
}

export function routes(deps: RouteDeps): RouteSpec[] {
  return [
    {
      name: 'alerts',
      route: 'alerts',
      methods: ['POST'],
      authLevel: 'function',
      handler: createAlertsHandler({
        getRuntime: deps.getRuntime,
        enqueue: deps.enqueueAlert,
        authenticate: deps.authenticate ?? authenticatorForRuntime(),
      }),
    },
    {
      name: 'diagnose',
      route: 'diagnose',
      methods: ['GET', 'POST'],
      authLevel: 'function',
      handler: createDiagnoseHandler({ getRuntime: deps.getRuntime }),
    },
  ];
}
