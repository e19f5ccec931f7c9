/**
 * An HTTPS stand-in for the Azure Resource Manager GET routes the Container Apps client calls, built on
 * `startHttpsStandIn`. It answers from a map of ARM paths to bodies, checks `api-version`, sends ARM's
 * error bodies for missing resources, and can be told to fail a route (403, 404, 500, slow) or to hold
 * answers behind a gate (to prove that requests were in flight together).
 *
 *   const arm = await startArmStandIn({ resources: ordersWorld() });
 *   const client = new ContainerAppsAPIClient(cred, ORDERS.subscriptionId, { endpoint: arm.url, tlsOptions: testTlsOptions });
 *   ... arm.requests ...
 *   await arm.close();
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpsStandIn, type HttpsStandIn, type RecordedRequest, type StandInResponse } from './httpsStandIn';

/** The api-version @azure/arm-appcontainers 3.x sends by default. */
export const ARM_API_VERSION = '2025-07-01';

export type ArmRoute = 'containerApp' | 'revisions' | 'revision' | 'replicas' | 'managedEnvironment' | 'job' | 'jobExecutions';

const SEG = '([^/]+)';
const BASE = `^/subscriptions/${SEG}/resourceGroups/${SEG}/providers/Microsoft\\.App`;

/** Route table: which GET paths the stand-in knows, most specific first. */
const ROUTES: { route: ArmRoute; pattern: RegExp }[] = [
  { route: 'replicas', pattern: new RegExp(`${BASE}/containerApps/${SEG}/revisions/${SEG}/replicas$`, 'i') },
  { route: 'revision', pattern: new RegExp(`${BASE}/containerApps/${SEG}/revisions/${SEG}$`, 'i') },
  { route: 'revisions', pattern: new RegExp(`${BASE}/containerApps/${SEG}/revisions$`, 'i') },
  { route: 'containerApp', pattern: new RegExp(`${BASE}/containerApps/${SEG}$`, 'i') },
  { route: 'managedEnvironment', pattern: new RegExp(`${BASE}/managedEnvironments/${SEG}$`, 'i') },
  { route: 'jobExecutions', pattern: new RegExp(`${BASE}/jobs/${SEG}/executions$`, 'i') },
  { route: 'job', pattern: new RegExp(`${BASE}/jobs/${SEG}$`, 'i') },
];

export function routeOf(path: string): ArmRoute | undefined {
  return ROUTES.find((r) => r.pattern.test(path))?.route;
}

export type ArmFault =
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'server-error' }
  | { kind: 'slow'; delayMs: number }
  /** Answer normally, but only once `until` resolves (see rendezvous.ts). */
  | { kind: 'held'; until: (request: ArmRecordedRequest) => Promise<void> };

/** ARM's error envelope. */
export function armError(status: number, code: string, message: string): StandInResponse {
  return { status, json: { error: { code, message } } };
}

function faultResponse(fault: ArmFault, path: string): StandInResponse | undefined {
  switch (fault.kind) {
    case 'forbidden':
      return armError(
        403,
        'AuthorizationFailed',
        `The client '6b1f0c2e-4d8a-4f3b-9e27-51c0a8d3b9f4' with object id '6b1f0c2e-4d8a-4f3b-9e27-51c0a8d3b9f4' ` +
          `has no permission to perform action 'Microsoft.App/read' over scope '${path}', or the scope is invalid. ` +
          `Refresh your credentials if access was granted recently.`,
      );
    case 'not-found':
      return notFound(path);
    case 'server-error':
      return armError(500, 'InternalServerError', 'An unexpected error occurred while processing the request.');
    case 'slow':
    case 'held':
      return undefined;
  }
}

function notFound(path: string): StandInResponse {
  const m = path.match(/resourceGroups\/([^/]+)\/providers\/(.+)$/i);
  return armError(
    404,
    'ResourceNotFound',
    `The resource '${m?.[2] ?? path}' under resource group '${m?.[1] ?? '?'}' was not found.`,
  );
}

export interface ArmRecordedRequest extends RecordedRequest {
  route?: ArmRoute;
}

export interface ArmStandInOptions {
  /** ARM path (any casing, no query) → the JSON body of a GET on it. */
  resources: Record<string, unknown>;
  /** The api-version to insist on. */
  apiVersion?: string;
  faults?: Partial<Record<ArmRoute, ArmFault>>;
  /** Awaited before answering each request: lets a test hold answers until several requests are in. */
  gate?: (request: ArmRecordedRequest) => Promise<void> | void;
}

export interface ArmStandIn {
  url: string;
  requests: ArmRecordedRequest[];
  setFault(route: ArmRoute, fault: ArmFault | undefined): void;
  close(): Promise<void>;
  server: HttpsStandIn;
}

export async function startArmStandIn(options: ArmStandInOptions): Promise<ArmStandIn> {
  const apiVersion = options.apiVersion ?? ARM_API_VERSION;
  const faults = new Map(Object.entries(options.faults ?? {}) as [ArmRoute, ArmFault][]);
  const resources = new Map(Object.entries(options.resources).map(([k, v]) => [k.toLowerCase(), v]));
  const requests: ArmRecordedRequest[] = [];
  const server = await startHttpsStandIn(async (req) => {
    const recorded: ArmRecordedRequest = { ...req, route: routeOf(req.path) };
    requests.push(recorded);
    if (req.method !== 'GET') return armError(405, 'MethodNotAllowed', `The stand-in only answers GET, not ${req.method}.`);
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      return armError(401, 'AuthenticationFailed', 'The request carries no bearer token.');
    }
    if (req.query.get('api-version') !== apiVersion) {
      return armError(400, 'InvalidApiVersionParameter', `The api-version '${req.query.get('api-version')}' is not the expected ${apiVersion}.`);
    }
    if (!recorded.route) return armError(400, 'InvalidResourceType', `No route for ${req.path}.`);
    await options.gate?.(recorded);
    const fault = faults.get(recorded.route);
    if (fault?.kind === 'held') await fault.until(recorded);
    const faulted = fault && faultResponse(fault, req.path);
    if (faulted) return faulted;
    const delayMs = fault?.kind === 'slow' ? fault.delayMs : undefined;
    const body = resources.get(req.path.toLowerCase());
    if (body === undefined) return { ...notFound(req.path), delayMs };
    return { status: 200, json: body, delayMs };
  });
  return {
    url: server.url,
    requests,
    server,
    setFault(route, fault) {
      if (fault) faults.set(route, fault);
      else faults.delete(route);
    },
    close: () => server.close(),
  };
}

// ---- The "orders" world: an app whose newest revision crashes, its environment, and a failing job. ----

const FIXTURES = join(__dirname, '..', 'fixtures', 'appconfig');

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export const ORDERS = {
  subscriptionId: '8f3c2a61-5d4e-4b7a-9c1f-2e6d8a0b4c73',
  resourceGroup: 'rg-orders',
  environmentResourceGroup: 'rg-platform',
  app: 'orders-api',
  environment: 'orders-env',
  job: 'nightly-export',
  failingRevision: 'orders-api--r8',
  healthyRevision: 'orders-api--r7',
};

const providers = (rg: string) => `/subscriptions/${ORDERS.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.App`;

export const ORDERS_PATHS = {
  app: `${providers(ORDERS.resourceGroup)}/containerApps/${ORDERS.app}`,
  revisions: `${providers(ORDERS.resourceGroup)}/containerApps/${ORDERS.app}/revisions`,
  replicas: `${providers(ORDERS.resourceGroup)}/containerApps/${ORDERS.app}/revisions/${ORDERS.failingRevision}/replicas`,
  environment: `${providers(ORDERS.environmentResourceGroup)}/managedEnvironments/${ORDERS.environment}`,
  job: `${providers(ORDERS.resourceGroup)}/jobs/${ORDERS.job}`,
  executions: `${providers(ORDERS.resourceGroup)}/jobs/${ORDERS.job}/executions`,
};

/** Every resource of the orders world, keyed by ARM path, as the real service would return them. */
export function ordersWorld(): Record<string, unknown> {
  // ARM's own answers carry no `resourceGroup` key: that one is added by az. Drop it for realism.
  const fromArm = (body: any) => {
    const { resourceGroup: _rg, ...rest } = body;
    return rest;
  };
  const revisions = fixture('orders-api.revisions.json');
  return {
    [ORDERS_PATHS.app]: fromArm(fixture('orders-api.containerapp.json')),
    [ORDERS_PATHS.revisions]: { value: revisions.value.map(fromArm) },
    [ORDERS_PATHS.replicas]: fixture('orders-api.r8.replicas.json'),
    [ORDERS_PATHS.environment]: fixture('orders-env.managedenvironment.json'),
    [ORDERS_PATHS.job]: fromArm(fixture('nightly-export.job.json')),
    [ORDERS_PATHS.executions]: fixture('nightly-export.executions.json'),
  };
}
