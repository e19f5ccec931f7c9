/**
 * The Functions entry module (package.json `main`): registers every function with the v4 programming
 * model. Kept light on purpose: the SDK clients are built on the first invocation, not at import.
 */
import { app, output } from '@azure/functions';
import { lazyRuntime } from '../runtime';
import { routes } from './routes';

const getRuntime = lazyRuntime();

/** The alerts queue, written through an output binding so the HTTP call can answer 202 at once. */
const alertsQueue = output.storageQueue({ queueName: '%ALERTS_QUEUE%', connection: 'AzureWebJobsStorage' });

for (const r of routes({
  getRuntime,
  enqueueAlert: (context, message) => context.extraOutputs.set(alertsQueue, message),
})) {
  app.http(r.name, {
    route: r.route,
    methods: r.methods,
    authLevel: r.authLevel,
    handler: r.handler,
    ...(r.name === 'alerts' ? { extraOutputs: [alertsQueue] } : {}),
  });
}
