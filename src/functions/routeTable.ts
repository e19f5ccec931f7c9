/**
 * The functions this app registers, as plain data. `index.ts` registers them with the Functions host and
 * `routes.ts` (used by `npm run serve` and the tests) attaches the handlers, so the two can never
 * disagree. It imports nothing: the entry module stays cheap to load (cold start).
 */
import type { HttpMethod } from '@azure/functions';

export interface HttpRouteSpec {
  name: 'alerts' | 'diagnose';
  /** Path under /api. */
  route: string;
  methods: HttpMethod[];
  authLevel: 'anonymous' | 'function' | 'admin';
  /** Writes to the alerts queue through an output binding. */
  writesAlertsQueue: boolean;
}

export const HTTP_ROUTES: readonly HttpRouteSpec[] = [
  { name: 'alerts', route: 'alerts', methods: ['POST'], authLevel: 'function', writesAlertsQueue: true },
  { name: 'diagnose', route: 'diagnose', methods: ['GET', 'POST'], authLevel: 'function', writesAlertsQueue: false },
];

export interface QueueFunctionSpec {
  name: 'alertsQueue' | 'alertsPoison' | 'outbox';
  /** App-setting expression the host resolves, e.g. `%ALERTS_QUEUE%`. */
  queueName: string;
}

export const QUEUE_FUNCTIONS: readonly QueueFunctionSpec[] = [
  // Enrich and deliver queued alerts. A message that throws is retried (host.json maxDequeueCount),
  // then moved to `<queue>-poison`, where it is still delivered, un-enriched.
  { name: 'alertsQueue', queueName: '%ALERTS_QUEUE%' },
  { name: 'alertsPoison', queueName: '%ALERTS_QUEUE%-poison' },
  // Deliveries that failed all their attempts wait here and are tried again, with growing delays.
  { name: 'outbox', queueName: '%OUTBOX_QUEUE%' },
];

/** The storage connection the queue bindings use (identity-based `AzureWebJobsStorage__*` in Azure). */
export const STORAGE_CONNECTION = 'AzureWebJobsStorage';

export interface TimerFunctionSpec {
  name: 'pruneDeliveries';
  /** NCRONTAB with seconds, UTC. */
  schedule: string;
}

export const TIMER_FUNCTIONS: readonly TimerFunctionSpec[] = [
  // Once a day, off the hour: delete dedupe rows past DEDUPE_RETENTION_DAYS (the table would grow forever).
  { name: 'pruneDeliveries', schedule: '0 17 3 * * *' },
];
