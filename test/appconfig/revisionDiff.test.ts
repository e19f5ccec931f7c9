/** diffRevisions / describeChanges / pickRevisions: one case per kind of change, and the choice of revisions. */
import { describeChanges, diffRevisions, pickRevisions } from '../../src/appconfig';
import type { ContainerSpec, ProbeSpec, RevisionInfo } from '../../src/model';

const liveness: ProbeSpec = { type: 'Liveness', transport: 'http', port: 8080, path: '/healthz', periodSeconds: 10 };

function container(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: 'orders-api',
    image: 'ordersacr.azurecr.io/orders:1.4.1',
    command: ['node'],
    args: ['dist/server.js', '--db=postgres://user:hunter2@db'],
    cpu: 0.5,
    memory: '1Gi',
    env: [
      { name: 'DATABASE_URL', secretRef: 'db-url', hasValue: false },
      { name: 'LOG_LEVEL', hasValue: true },
    ],
    probes: [liveness],
    ...overrides,
  };
}

describe('diffRevisions', () => {
  it('finds nothing between identical templates', () => {
    const changes = diffRevisions([container()], [container()]);
    expect(changes).toEqual([]);
    expect(describeChanges(changes, { fromRevision: 'r7' })).toBe(
      'since revision r7: no template changes (env and secret values are not compared)',
    );
  });

  it('reports an image tag change', () => {
    const changes = diffRevisions([container()], [container({ image: 'ordersacr.azurecr.io/orders:1.4.2' })]);
    expect(changes).toEqual([
      { kind: 'image', container: 'orders-api', before: 'ordersacr.azurecr.io/orders:1.4.1', after: 'ordersacr.azurecr.io/orders:1.4.2' },
    ]);
    expect(describeChanges(changes)).toBe('image orders:1.4.1 → orders:1.4.2');
  });

  it('prints whole image names when the registry changed', () => {
    const changes = diffRevisions([container()], [container({ image: 'docker.io/library/orders:1.4.1' })]);
    expect(describeChanges(changes)).toBe('image ordersacr.azurecr.io/orders:1.4.1 → docker.io/library/orders:1.4.1');
  });

  it('reports env vars added and removed', () => {
    const after = container({
      env: [
        { name: 'LOG_LEVEL', hasValue: true },
        { name: 'REDIS_HOST', hasValue: true },
      ],
    });
    const changes = diffRevisions([container()], [after]);
    expect(changes).toEqual([
      { kind: 'env-added', container: 'orders-api', name: 'REDIS_HOST' },
      { kind: 'env-removed', container: 'orders-api', name: 'DATABASE_URL' },
    ]);
    expect(describeChanges(changes, { fromRevision: 'orders-api--r7' })).toBe(
      'since revision orders-api--r7: REDIS_HOST added, DATABASE_URL removed',
    );
  });

  it('reports secretRef changes, including to and from a literal', () => {
    const after = container({
      env: [
        { name: 'DATABASE_URL', secretRef: 'db-url-v2', hasValue: false },
        { name: 'LOG_LEVEL', secretRef: 'log-level', hasValue: false },
      ],
    });
    const changes = diffRevisions([container()], [after]);
    expect(changes).toEqual([
      { kind: 'env-secret-ref', container: 'orders-api', name: 'DATABASE_URL', before: 'db-url', after: 'db-url-v2' },
      { kind: 'env-secret-ref', container: 'orders-api', name: 'LOG_LEVEL', after: 'log-level' },
    ]);
    expect(describeChanges(changes)).toBe(
      'DATABASE_URL now reads secret db-url-v2 (was secret db-url), LOG_LEVEL now reads secret log-level (was not a secret)',
    );
    const back = diffRevisions([after], [container()]);
    expect(describeChanges(back.filter((c) => c.name === 'LOG_LEVEL'))).toBe('LOG_LEVEL no longer reads secret log-level');
  });

  it('reports a literal value that was cleared', () => {
    const changes = diffRevisions(
      [container()],
      [container({ env: [{ name: 'DATABASE_URL', secretRef: 'db-url', hasValue: false }, { name: 'LOG_LEVEL', hasValue: false }] })],
    );
    expect(changes).toEqual([{ kind: 'env-value-cleared', container: 'orders-api', name: 'LOG_LEVEL' }]);
    expect(describeChanges(changes)).toBe('LOG_LEVEL value removed');
  });

  it('reports cpu and memory changes', () => {
    const changes = diffRevisions([container()], [container({ cpu: 0.25, memory: '0.5Gi' })]);
    expect(changes).toEqual([
      { kind: 'cpu', container: 'orders-api', before: '0.5', after: '0.25' },
      { kind: 'memory', container: 'orders-api', before: '1Gi', after: '0.5Gi' },
    ]);
    expect(describeChanges(changes)).toBe('cpu 0.5 → 0.25, memory 1Gi → 0.5Gi');
  });

  it('reports probes added, removed and changed', () => {
    const readiness: ProbeSpec = { type: 'Readiness', transport: 'tcp', port: 8080 };
    const startup: ProbeSpec = { type: 'Startup', transport: 'http', port: 80, path: '/ready', failureThreshold: 3 };
    const before = container({ probes: [liveness, readiness] });
    const after = container({ probes: [{ ...liveness, port: 80 }, startup] });
    const changes = diffRevisions([before], [after]);
    expect(changes).toEqual([
      {
        kind: 'probe-changed',
        container: 'orders-api',
        name: 'Liveness',
        before: 'http :8080 /healthz every 10s',
        after: 'http :80 /healthz every 10s',
      },
      { kind: 'probe-added', container: 'orders-api', name: 'Startup', after: 'http :80 /ready 3 failures' },
      { kind: 'probe-removed', container: 'orders-api', name: 'Readiness', before: 'tcp :8080' },
    ]);
    expect(describeChanges(changes)).toBe(
      'Liveness probe http :8080 /healthz every 10s → http :80 /healthz every 10s, Startup probe added (http :80 /ready 3 failures), Readiness probe removed',
    );
  });

  it('reports command changes and args changes, never printing args', () => {
    const changes = diffRevisions(
      [container()],
      [container({ command: ['node', '--max-old-space-size=256'], args: ['dist/main.js', '--db=postgres://user:s3cret@db'] })],
    );
    expect(changes.map((c) => c.kind)).toEqual(['command', 'args']);
    const summary = describeChanges(changes);
    expect(summary).toBe('command "node" → "node --max-old-space-size=256", args changed');
    expect(summary).not.toContain('s3cret');
    expect(describeChanges(diffRevisions([container({ command: undefined })], [container()]))).toBe(
      'command "image default" → "node"',
    );
  });

  it('reports scale bounds and rules', () => {
    const changes = diffRevisions(
      { containers: [container()], scale: { minReplicas: 1, maxReplicas: 10, rules: [{ name: 'http', type: 'http' }] } },
      { containers: [container()], scale: { minReplicas: 0, maxReplicas: 3, rules: [] } },
    );
    expect(changes).toEqual([
      { kind: 'scale-min', before: '1', after: '0' },
      { kind: 'scale-max', before: '10', after: '3' },
      { kind: 'scale-rules', before: 'http (http)', after: 'none' },
    ]);
    expect(describeChanges(changes)).toBe('minReplicas 1 → 0, maxReplicas 10 → 3, scale rules http (http) → none');
  });

  it('claims no scale change when one side has no scale data', () => {
    expect(diffRevisions({ containers: [container()] }, { containers: [container()], scale: { minReplicas: 0, rules: [] } })).toEqual([]);
  });

  it('reports containers added and removed, naming containers when several changed', () => {
    const sidecar = container({ name: 'envoy', image: 'envoyproxy/envoy:v1.30', env: [], probes: [] });
    const worker = container({ name: 'worker', image: 'ordersacr.azurecr.io/worker:2', env: [], probes: [] });
    const changes = diffRevisions([container(), sidecar], [container({ memory: '2Gi' }), worker]);
    expect(changes).toEqual([
      { kind: 'memory', container: 'orders-api', before: '1Gi', after: '2Gi' },
      { kind: 'container-added', container: 'worker', after: 'ordersacr.azurecr.io/worker:2' },
      { kind: 'container-removed', container: 'envoy', before: 'envoyproxy/envoy:v1.30' },
    ]);
    expect(describeChanges(changes)).toBe(
      'orders-api: memory 1Gi → 2Gi, container worker added (ordersacr.azurecr.io/worker:2), container envoy removed',
    );
  });

  it('accepts revisions as well as container lists', () => {
    const r7: RevisionInfo = { name: 'r7', containers: [container()] };
    const r8: RevisionInfo = { name: 'r8', containers: [container({ image: 'ordersacr.azurecr.io/orders:1.5.0' })] };
    expect(diffRevisions(r7, r8).map((c) => c.kind)).toEqual(['image']);
  });
});

describe('pickRevisions', () => {
  const rev = (name: string, createdTime: string, extra: Partial<RevisionInfo> = {}): RevisionInfo => ({ name, createdTime, ...extra });
  const list = [
    rev('app--r9', '2025-06-04T00:00:00Z', { healthState: 'Unhealthy' }),
    rev('app--r8', '2025-06-03T00:00:00Z', { healthState: 'Unhealthy', runningState: 'Failed' }),
    rev('app--r7', '2025-06-02T00:00:00Z', { healthState: 'None', runningState: 'Stopped' }),
    rev('app--r6', '2025-06-01T00:00:00Z', { healthState: 'Healthy' }),
    rev('app--r5', '2025-05-01T00:00:00Z', { healthState: 'Healthy' }),
  ];

  it('prefers the latest ready revision ARM names', () => {
    expect(pickRevisions(list, { failing: 'app--r9', latestReady: 'app--r5' }).healthy?.name).toBe('app--r5');
  });

  it('then the newest Healthy one older than the failing revision', () => {
    expect(pickRevisions(list, { failing: 'app--r9' }).healthy?.name).toBe('app--r6');
    expect(pickRevisions(list, { failing: 'APP--R8' }).failing?.name).toBe('app--r8');
  });

  it('then the newest one that reported no failure', () => {
    const noHealthy = list.map((r) => (r.healthState === 'Healthy' ? { ...r, healthState: 'Unhealthy' } : r));
    expect(pickRevisions(noHealthy, { failing: 'app--r9' }).healthy?.name).toBe('app--r7');
  });

  it('finds none for the first revision, and nothing for an unknown one', () => {
    expect(pickRevisions(list, { failing: 'app--r5' })).toEqual({ failing: list[4] });
    expect(pickRevisions(list, { failing: 'app--r1' })).toEqual({});
    expect(pickRevisions(list, {})).toEqual({});
  });
});
