/** Shared pieces of the hardening suites: real sample alerts, retargeted per app, and small utilities. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures');

export const SUBSCRIPTION = '3f6c2a1e-8b7d-4c55-9e21-0a4d7b9c1e55';
export const RESOURCE_GROUP = 'rg-shop-prod';

const CONTAINER_APP_ALERT = JSON.parse(readFileSync(join(FIXTURES, 'alerts', 'log-v2-container-app-resource.json'), 'utf8'));

/** The log-v2 sample alert about a container app, retargeted at `app` with its own alert id. */
export function appAlert(app: string, id: string, options: { firedDateTime?: string; resourceGroup?: string; subscription?: string } = {}): any {
  const a = structuredClone(CONTAINER_APP_ALERT);
  const sub = options.subscription ?? SUBSCRIPTION;
  const rg = options.resourceGroup ?? RESOURCE_GROUP;
  a.data.essentials.alertId = `/subscriptions/${sub}/providers/Microsoft.AlertsManagement/alerts/${id}`;
  a.data.essentials.alertTargetIDs = [`/subscriptions/${sub}/resourcegroups/${rg}/providers/microsoft.app/containerapps/${app}`];
  a.data.essentials.configurationItems = [app];
  if (options.firedDateTime) a.data.essentials.firedDateTime = options.firedDateTime;
  return a;
}

export function alertIdOf(alert: unknown): string {
  return (alert as { data: { essentials: { alertId: string } } }).data.essentials.alertId;
}

/** Every real sample payload we hold: the docs' payloads and our labelled alerts. JSON files only. */
export function samplePayloads(): { name: string; json: unknown }[] {
  const out: { name: string; json: unknown }[] = [];
  for (const dir of ['payloads', 'alerts']) {
    for (const file of readdirSync(join(FIXTURES, dir))) {
      if (!file.endsWith('.json')) continue;
      out.push({ name: `${dir}/${file}`, json: JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8')) });
    }
  }
  return out;
}

/** A promise with its resolve handle, for holding a fake dependency's answer. */
export function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}

/** Lets queued microtasks and immediate callbacks run. */
export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
