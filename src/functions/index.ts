/**
 * The Functions entry module (package.json `main`): registers every function with the v4 programming
 * model from the static table in routeTable.ts. It imports nothing else at start-up; the handlers and
 * everything behind them (wiring.ts) load on the first invocation, which keeps the cold start close to
 * that of an empty app.
 */
import { app, output, type HttpHandler, type HttpRequest, type InvocationContext } from '@azure/functions';
import { HTTP_ROUTES, QUEUE_FUNCTIONS, STORAGE_CONNECTION, TIMER_FUNCTIONS } from './routeTable';

type Wiring = typeof import('./wiring');
let wiring: Wiring | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): Wiring => (wiring ??= require('./wiring') as Wiring);

/** The alerts queue, written through an output binding so the HTTP call can answer 202 at once. */
const alertsQueue = output.storageQueue({ queueName: '%ALERTS_QUEUE%', connection: STORAGE_CONNECTION });

let handlers: Record<string, HttpHandler> | undefined;
function httpHandler(name: string): HttpHandler {
  return (request: HttpRequest, context: InvocationContext) => {
    handlers ??= load().httpHandlers((ctx, message) => ctx.extraOutputs.set(alertsQueue, message));
    return handlers[name](request, context);
  };
}

for (const r of HTTP_ROUTES) {
  app.http(r.name, {
    route: r.route,
    methods: r.methods,
    authLevel: r.authLevel,
    handler: httpHandler(r.name),
    ...(r.writesAlertsQueue ? { extraOutputs: [alertsQueue] } : {}),
  });
}

for (const q of QUEUE_FUNCTIONS) {
  app.storageQueue(q.name, {
    queueName: q.queueName,
    connection: STORAGE_CONNECTION,
    handler: (message, context) => load().queueHandlers[q.name](message, context),
  });
}

for (const t of TIMER_FUNCTIONS) {
  app.timer(t.name, {
    schedule: t.schedule,
    handler: (_timer, context) => load().timerHandlers[t.name](context),
  });
}
