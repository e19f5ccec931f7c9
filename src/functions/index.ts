/**
 * The Functions entry module (package.json `main`): registers every function with the v4 programming
 * model. Kept light on purpose: the SDK clients are built on the first invocation, not at import.
 */
import { app, output } from '@azure/functions';
import { lazyRuntime } from '../runtime';
import { routes } from './routes';
import { handleAlertMessage, handleOutboxMessage, handlePoisonAlertMessage } from './queueHandlers';
import { alertQueueDeps } from './queues';

const getRuntime = lazyRuntime();
const connection = 'AzureWebJobsStorage';

/** The alerts queue, written through an output binding so the HTTP call can answer 202 at once. */
const alertsQueue = output.storageQueue({ queueName: '%ALERTS_QUEUE%', connection });

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

// Enrich and deliver queued alerts. The host retries a message that throws (host.json maxDequeueCount),
// then moves it to `<queue>-poison`, where it is still delivered, un-enriched.
app.storageQueue('alertsQueue', {
  queueName: '%ALERTS_QUEUE%',
  connection,
  handler: async (message, context) => {
    await handleAlertMessage(message, context, alertQueueDeps(await getRuntime()));
  },
});

app.storageQueue('alertsPoison', {
  queueName: '%ALERTS_QUEUE%-poison',
  connection,
  handler: async (message, context) => {
    await handlePoisonAlertMessage(message, context, alertQueueDeps(await getRuntime()));
  },
});

// Deliveries that failed all their attempts wait here and are tried again, with growing delays.
app.storageQueue('outbox', {
  queueName: '%OUTBOX_QUEUE%',
  connection,
  handler: async (message, context) => {
    const runtime = await getRuntime();
    if (!runtime.outboxDeps) throw new Error('the runtime has no outbox configured');
    await handleOutboxMessage(message, context, await runtime.outboxDeps());
  },
});
