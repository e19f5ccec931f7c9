/**
 * The real ContainerAppsAPIClient (v3) against the HTTPS ARM stand-in: what it reads, in which order,
 * what it refuses to keep, and how ARM's failures reach the caller.
 */
import { createArmConfigSource, describeEnvironmentLogs, type ArmConfigSourceOptions } from '../../src/appconfig';
import { AppConfigError, TimeoutError } from '../../src/errors';
import type { Logger } from '../../src/logger';
import { testTlsOptions } from '../support/httpsStandIn';
import {
  ARM_API_VERSION,
  ORDERS,
  ORDERS_PATHS,
  ordersWorld,
  startArmStandIn,
  type ArmRecordedRequest,
  type ArmStandIn,
  type ArmStandInOptions,
} from '../support/armStandIn';
import { appTarget, jobTarget, secretValuesInFixtures, staticCredential } from './helpers';

const open: ArmStandIn[] = [];

async function standIn(options: Partial<ArmStandInOptions> = {}): Promise<ArmStandIn> {
  const arm = await startArmStandIn({ resources: ordersWorld(), ...options });
  open.push(arm);
  return arm;
}

function source(arm: ArmStandIn, extra: Partial<ArmConfigSourceOptions> = {}) {
  return createArmConfigSource({
    credential: staticCredential,
    endpoint: arm.url,
    scope: 'https://management.azure.com/.default',
    tlsOptions: testTlsOptions,
    retryOptions: { maxRetries: 0 },
    ...extra,
  });
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close()));
});

/**
 * Holds the named routes' answers until all of them have arrived; says whether that happened or a timeout
 * let them go. Passing never waits for the timeout (the last arrival releases all), so it is long: it only
 * decides how soon a sequential fetch fails, and a loaded machine must not make parallel ones look late.
 */
function barrier(routes: ArmRecordedRequest['route'][], timeoutMs = 30_000) {
  let arrived = 0;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const state: { releasedBy?: 'all-arrived' | 'timeout' } = {};
  const gate = async (req: ArmRecordedRequest) => {
    if (!routes.includes(req.route)) return;
    arrived += 1;
    if (arrived === routes.length) {
      state.releasedBy ??= 'all-arrived';
      release();
    }
    const timer = setTimeout(() => {
      state.releasedBy ??= 'timeout';
      release();
    }, timeoutMs);
    await released;
    clearTimeout(timer);
  };
  return { gate, state };
}

describe('createArmConfigSource: container app', () => {
  it('normalises the app, its revisions, the failing replicas and the environment', async () => {
    const arm = await standIn();
    const config = await source(arm).fetchConfig(appTarget());
    expect(config).toBeDefined();
    const c = config!;
    expect(c).toMatchObject({
      kind: 'containerApp',
      name: 'orders-api',
      location: 'West Europe',
      provisioningState: 'Succeeded',
      runningStatus: 'Running',
      latestRevisionName: 'orders-api--r8',
      latestReadyRevisionName: 'orders-api--r7',
      failingRevisionName: 'orders-api--r8',
      activeRevisionsMode: 'Single',
      workloadProfileName: 'Consumption',
      environmentId: expect.stringMatching(/managedEnvironments\/orders-env$/),
      ingress: { external: true, targetPort: 80, exposedPort: 0, transport: 'Auto' },
      terminationGracePeriodSeconds: 30,
      initContainers: [],
    });
    expect(c.containers).toEqual([
      {
        name: 'orders-api',
        image: 'ordersacr.azurecr.io/orders:1.4.2',
        command: ['node'],
        args: ['dist/server.js'],
        cpu: 0.25,
        memory: '0.5Gi',
        env: [
          { name: 'REDIS_PASSWORD', secretRef: 'redis-password', hasValue: false },
          { name: 'STRIPE_KEY', secretRef: 'stripe-key', hasValue: false },
          { name: 'API_KEY', hasValue: true },
          { name: 'PAYMENTS_BASE_URL', hasValue: true },
          { name: 'FEATURE_FLAGS', hasValue: true },
          { name: 'EMPTY_ON_PURPOSE', hasValue: false },
        ],
        probes: [
          {
            type: 'Liveness',
            transport: 'http',
            port: 8080,
            path: '/healthz',
            initialDelaySeconds: 5,
            periodSeconds: 10,
            timeoutSeconds: 2,
            failureThreshold: 3,
          },
          { type: 'Readiness', transport: 'tcp', port: 8080, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3 },
        ],
      },
    ]);
    expect(c.scale).toEqual({
      minReplicas: 0,
      maxReplicas: 5,
      rules: [
        { name: 'http-scaler', type: 'http' },
        { name: 'orders-queue', type: 'azure-servicebus' },
      ],
    });
    expect(c.secrets).toEqual([
      { name: 'db-url' },
      { name: 'redis-password' },
      { name: 'servicebus-connection' },
      {
        name: 'stripe-key',
        keyVaultUrl: 'https://orders-kv.vault.azure.net/secrets/stripe-key',
        identity: expect.stringContaining('userAssignedIdentities/orders-id'),
      },
    ]);
    expect(c.revisions?.map((r) => [r.name, r.healthState, r.runningState])).toEqual([
      ['orders-api--r8', 'Unhealthy', 'Failed'],
      ['orders-api--r7', 'Healthy', 'Running'],
      ['orders-api--r6', 'None', 'Stopped'],
    ]);
    expect(c.revisions?.[0]).toMatchObject({
      provisioningState: 'Failed',
      provisioningError: 'Error provisioning revision orders-api--r8. ErrorCode: [ContainerCrashing]',
      createdTime: '2025-06-03T08:41:12.000Z',
      replicas: 1,
      trafficWeight: 0,
      active: true,
    });
    // Only the two compared revisions carry their template.
    expect(c.revisions?.map((r) => r.containers !== undefined)).toEqual([true, true, false]);
    expect(c.replicas).toEqual([
      {
        name: 'orders-api--r8-7d9f8c6b5d-4xkqp',
        revision: 'orders-api--r8',
        runningState: 'NotRunning',
        runningStateDetails: 'Deployment has not reached a ready state',
        createdTime: '2025-06-03T08:41:20.000Z',
        containers: [
          { name: 'orders-api', restartCount: 7, runningState: 'Waiting', runningStateDetails: 'CrashLoopBackOff', ready: false, started: false },
        ],
      },
    ]);
    expect(c.environment).toEqual({
      name: 'orders-env',
      logDestination: 'log-analytics',
      workspaceCustomerId: 'b7e4c1a9-3d62-4f08-9a5e-0c8d2f6b1e47',
      workloadProfiles: [
        { name: 'Consumption', type: 'Consumption' },
        { name: 'd4-general', type: 'D4' },
      ],
    });
    expect(c.changesSinceHealthy).toEqual({
      fromRevision: 'orders-api--r7',
      changes: [
        { kind: 'image', container: 'orders-api', before: 'ordersacr.azurecr.io/orders:1.4.1', after: 'ordersacr.azurecr.io/orders:1.4.2' },
        { kind: 'env-removed', container: 'orders-api', name: 'DATABASE_URL' },
      ],
      summary: 'since revision orders-api--r7: image orders:1.4.1 → orders:1.4.2, DATABASE_URL removed',
    });
    expect(c.gaps).toBeUndefined();
  });

  it('keeps no env value, secret value or shared key anywhere in the result', async () => {
    const arm = await standIn();
    const json = JSON.stringify(await source(arm).fetchConfig(appTarget()));
    const values = secretValuesInFixtures();
    expect(values.length).toBeGreaterThanOrEqual(8);
    for (const value of values) expect(json).not.toContain(value);
    expect(json).not.toMatch(/FAKESECRET|FAKEVALUE/);
  });

  it('sends a bearer token and the api-version on the documented GET routes', async () => {
    const arm = await standIn();
    await source(arm).fetchConfig(appTarget());
    expect(arm.requests.map((r) => r.route).sort()).toEqual(['containerApp', 'managedEnvironment', 'replicas', 'revisions']);
    for (const r of arm.requests) {
      expect(r.method).toBe('GET');
      expect(r.headers.authorization).toBe('Bearer stand-in-token');
      expect(r.query.get('api-version')).toBe(ARM_API_VERSION);
    }
    // The environment lives in another resource group than the app; its id, not the target, decides where.
    expect(arm.requests.find((r) => r.route === 'managedEnvironment')?.path.toLowerCase()).toBe(ORDERS_PATHS.environment.toLowerCase());
    expect(arm.requests.find((r) => r.route === 'replicas')?.path.toLowerCase()).toBe(ORDERS_PATHS.replicas.toLowerCase());
  });

  it('reads revisions, replicas and the environment concurrently, after the app', async () => {
    const { gate, state } = barrier(['revisions', 'replicas', 'managedEnvironment']);
    const arm = await standIn({ gate });
    const config = await source(arm).fetchConfig(appTarget());
    expect(state.releasedBy).toBe('all-arrived');
    expect(config?.environment?.name).toBe('orders-env');
    const appRequest = arm.requests.findIndex((r) => r.route === 'containerApp');
    expect(appRequest).toBe(0);
  });

  it('asks for the replicas of the revision the alert names', async () => {
    const arm = await standIn();
    const config = await source(arm).fetchConfig(appTarget({ revision: ORDERS.healthyRevision }));
    expect(arm.requests.find((r) => r.route === 'replicas')?.path).toMatch(/revisions\/orders-api--r7\/replicas$/);
    // r7 has no replicas in the stand-in (404): a gap, not a failure.
    expect(config?.gaps).toEqual([{ part: 'replicas', message: expect.stringContaining('orders-api--r7') }]);
    expect(config?.failingRevisionName).toBe('orders-api--r7');
    // r7 is compared with the last healthy one before it (r6, which reports None).
    expect(config?.changesSinceHealthy?.fromRevision).toBe('orders-api--r6');
  });

  it('keeps at most maxRevisions, plus the failing and last healthy revisions', async () => {
    const arm = await standIn();
    const config = await source(arm, { maxRevisions: 1 }).fetchConfig(appTarget());
    expect(config?.revisions?.map((r) => r.name)).toEqual(['orders-api--r8', 'orders-api--r7']);
  });

  it('returns undefined without a subscription or resource group, or for an environment target', async () => {
    const arm = await standIn();
    const s = source(arm);
    await expect(s.fetchConfig(appTarget({ subscriptionId: undefined }))).resolves.toBeUndefined();
    await expect(s.fetchConfig(appTarget({ resourceGroup: undefined }))).resolves.toBeUndefined();
    await expect(s.fetchConfig(appTarget({ kind: 'environment', name: 'orders-env' }))).resolves.toBeUndefined();
    expect(arm.requests).toHaveLength(0);
  });
});

describe('createArmConfigSource: failures', () => {
  it('turns 403 into an AppConfigError naming the Reader role on the resource group', async () => {
    const arm = await standIn({ faults: { containerApp: { kind: 'forbidden' } } });
    const err = await source(arm).fetchConfig(appTarget()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppConfigError);
    const e = err as AppConfigError;
    expect(e.message).toContain('Reader role on resource group rg-orders');
    expect(e.context).toMatchObject({
      reason: 'forbidden',
      role: 'Reader',
      scope: `/subscriptions/${ORDERS.subscriptionId}/resourceGroups/rg-orders`,
      statusCode: 403,
      armCode: 'AuthorizationFailed',
    });
    // Nothing else is attempted once the app itself is refused.
    expect(arm.requests).toHaveLength(1);
  });

  it('turns 404 into a clear "not found in that resource group" error', async () => {
    const arm = await standIn();
    const err = (await source(arm)
      .fetchConfig(appTarget({ name: 'ghost-api' }))
      .catch((e: unknown) => e)) as AppConfigError;
    expect(err).toBeInstanceOf(AppConfigError);
    expect(err.message).toBe(
      `container app ghost-api was not found in resource group rg-orders (subscription ${ORDERS.subscriptionId}); it may have been deleted or renamed.`,
    );
    expect(err.context).toMatchObject({ reason: 'not-found', statusCode: 404, armCode: 'ResourceNotFound' });
  });

  it('wraps other failures with their cause', async () => {
    const arm = await standIn({ faults: { containerApp: { kind: 'server-error' } } });
    const err = (await source(arm).fetchConfig(appTarget()).catch((e: unknown) => e)) as AppConfigError;
    expect(err).toBeInstanceOf(AppConfigError);
    expect(err.message).toBe('Reading container app orders-api from ARM failed (HTTP 500 InternalServerError).');
    expect(err.context).toMatchObject({ reason: 'failed', statusCode: 500 });
    expect(err.cause).toBeDefined();
  });

  it('records a refused environment as a gap and still returns the app', async () => {
    const arm = await standIn({ faults: { managedEnvironment: { kind: 'forbidden' } } });
    const logged: string[] = [];
    const logger: Logger = { info() {}, warn: (m, p) => logged.push(`${m} ${JSON.stringify(p)}`), error() {} };
    const config = await source(arm, { logger }).fetchConfig(appTarget());
    expect(config?.containers[0].image).toBe('ordersacr.azurecr.io/orders:1.4.2');
    expect(config?.environment).toBeUndefined();
    expect(config?.gaps).toEqual([
      { part: 'environment', message: expect.stringContaining('Reader role on resource group rg-platform') },
    ]);
    expect(logged.join('\n')).toContain('"part":"environment"');
  });

  it('honours the abort signal while the app is being read', async () => {
    const controller = new AbortController();
    let hold!: () => void;
    const held = new Promise<void>((r) => (hold = r));
    const arm = await standIn({
      gate: async (req) => {
        if (req.route !== 'containerApp') return;
        controller.abort();
        await held;
      },
    });
    try {
      const err = (await source(arm)
        .fetchConfig(appTarget(), { signal: controller.signal })
        .catch((e: unknown) => e)) as AppConfigError;
      expect(err).toBeInstanceOf(AppConfigError);
      expect(err.context.reason).toBe('aborted');
    } finally {
      hold();
    }
  });

  it('aborts the secondary reads too, with the caller\'s own error as reason', async () => {
    const controller = new AbortController();
    const deadline = new TimeoutError('The enrichment deadline passed.');
    const arm = await standIn({
      faults: { replicas: { kind: 'slow', delayMs: 300 } },
      gate: (req) => {
        if (req.route === 'replicas') controller.abort(deadline);
      },
    });
    await expect(source(arm).fetchConfig(appTarget(), { signal: controller.signal })).rejects.toBe(deadline);
  });

  it('does not call ARM at all when the signal is already aborted', async () => {
    const arm = await standIn();
    const controller = new AbortController();
    controller.abort();
    await expect(source(arm).fetchConfig(appTarget(), { signal: controller.signal })).rejects.toBeInstanceOf(AppConfigError);
    expect(arm.requests).toHaveLength(0);
  });
});

describe('createArmConfigSource: jobs', () => {
  it('reads the job and its executions concurrently, then the environment', async () => {
    const { gate, state } = barrier(['job', 'jobExecutions']);
    const arm = await standIn({ gate });
    const config = await source(arm).fetchConfig(jobTarget());
    expect(state.releasedBy).toBe('all-arrived');
    expect(arm.requests.map((r) => r.route).at(-1)).toBe('managedEnvironment');
    expect(config).toMatchObject({
      kind: 'job',
      name: 'nightly-export',
      provisioningState: 'Succeeded',
      runningStatus: 'Ready',
      environment: { name: 'orders-env', logDestination: 'log-analytics' },
      job: { triggerType: 'Schedule', replicaTimeout: 1800, replicaRetryLimit: 1 },
      secrets: [{ name: 'storage-connection' }],
    });
    expect(config?.containers[0]).toMatchObject({
      name: 'exporter',
      image: 'ordersacr.azurecr.io/exporter:2.0.3',
      cpu: 0.5,
      memory: '1Gi',
      env: [
        { name: 'STORAGE_CONNECTION', secretRef: 'storage-connection', hasValue: false },
        { name: 'EXPORT_PREFIX', hasValue: true },
      ],
    });
  });

  it('keeps per-container exit codes of recent executions, newest first', async () => {
    const arm = await standIn();
    const config = await source(arm).fetchConfig(jobTarget());
    expect(config?.job?.executions).toEqual([
      {
        name: 'nightly-export-29145720',
        status: 'Failed',
        startTime: '2025-06-03T02:00:00.000Z',
        endTime: '2025-06-03T02:06:41.000Z',
        containers: [
          { name: 'exporter', exitCode: 137, status: 'Terminated', additionalInformation: 'OOMKilled' },
          { name: 'exporter', exitCode: 137, status: 'Terminated', additionalInformation: 'OOMKilled' },
        ],
      },
      {
        name: 'nightly-export-29144280',
        status: 'Failed',
        startTime: '2025-06-02T02:00:00.000Z',
        endTime: '2025-06-02T02:01:12.000Z',
        containers: [{ name: 'exporter', exitCode: 1, status: 'Terminated', additionalInformation: 'Error' }],
      },
      {
        name: 'nightly-export-29142840',
        status: 'Succeeded',
        startTime: '2025-06-01T02:00:00.000Z',
        endTime: '2025-06-01T02:24:05.000Z',
        containers: [{ name: 'exporter', exitCode: 0, status: 'Terminated', additionalInformation: 'Completed' }],
      },
    ]);
    const json = JSON.stringify(config);
    for (const value of secretValuesInFixtures()) expect(json).not.toContain(value);
  });

  it('keeps the execution the alert names even beyond maxExecutions', async () => {
    const arm = await standIn();
    const config = await source(arm, { maxExecutions: 1 }).fetchConfig(jobTarget({ jobExecution: 'nightly-export-29142840' }));
    expect(config?.job?.executions?.map((x) => x.name)).toEqual(['nightly-export-29145720', 'nightly-export-29142840']);
  });

  it('turns a 403 on the job into the Reader-role error and lets the executions read settle', async () => {
    const arm = await standIn({ faults: { job: { kind: 'forbidden' }, jobExecutions: { kind: 'forbidden' } } });
    const err = (await source(arm).fetchConfig(jobTarget()).catch((e: unknown) => e)) as AppConfigError;
    expect(err).toBeInstanceOf(AppConfigError);
    expect(err.context).toMatchObject({ reason: 'forbidden', role: 'Reader' });
    expect(err.message).toContain('container apps job nightly-export');
  });

  it('reports a job that does not exist as not found', async () => {
    const arm = await standIn();
    const err = (await source(arm)
      .fetchConfig(jobTarget({ name: 'ghost-job' }))
      .catch((e: unknown) => e)) as AppConfigError;
    expect(err.context.reason).toBe('not-found');
    expect(err.message).toContain('was not found in resource group rg-orders');
  });
});

describe('describeEnvironmentLogs', () => {
  it('maps the destination to a table family, with the workspace only for log-analytics', () => {
    expect(
      describeEnvironmentLogs({ environment: { logDestination: 'log-analytics', workspaceCustomerId: 'ws-1' } }),
    ).toEqual({ destination: 'log-analytics', workspaceCustomerId: 'ws-1', tableFamily: 'custom-log' });
    expect(
      describeEnvironmentLogs({ environment: { logDestination: 'azure-monitor', workspaceCustomerId: 'stale' } }),
    ).toEqual({ destination: 'azure-monitor', tableFamily: 'resource-specific' });
    expect(describeEnvironmentLogs({ environment: { logDestination: 'none' } })).toEqual({ destination: 'none' });
    expect(describeEnvironmentLogs({ environment: {} })).toEqual({});
    expect(describeEnvironmentLogs(undefined)).toEqual({});
  });
});
