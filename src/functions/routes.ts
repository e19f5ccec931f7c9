/**
 * The HTTP route table: the one list both the Functions registrations (index.ts) and the local server
 * (serve.ts) are built from, so the two can never disagree.
 */
import type { HttpHandler, HttpMethod, InvocationContext } from '@azure/functions';
import type { Runtime } from '../runtime';
import { createAlertsHandler, type AlertQueueMessage } from './alerts';
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
  enqueueAlert?: (context: InvocationContext, message: AlertQueueMessage) => void;
}

export function routes(deps: RouteDeps): RouteSpec[] {
  return [
    {
      name: 'alerts',
      route: 'alerts',
      methods: ['POST'],
      authLevel: 'function',
      handler: createAlertsHandler({ getRuntime: deps.getRuntime, enqueue: deps.enqueueAlert }),
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
