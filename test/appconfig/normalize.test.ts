/** normalize.ts on its own: both shapes, odd inputs, and values that must not survive. */
import {
  normalizeAppConfig,
  normalizeContainer,
  normalizeEnvironment,
  normalizeJobExecution,
  resourceKind,
} from '../../src/appconfig';
import { fixture } from '../support/armStandIn';
import { callInTimeZone } from '../support/inTimeZone';

/** The SDK's flattened form of a raw ARM resource: `properties` lifted to the top, dates as Date. */
function flattened(raw: any): any {
  const { properties, ...rest } = raw;
  return { ...rest, ...properties };
}

describe('normalizeAppConfig', () => {
  it('gives the same result for the SDK shape and the properties-nested shape', () => {
    const raw = fixture('orders-api.containerapp.json');
    expect(normalizeAppConfig({ resource: flattened(raw) })).toEqual(normalizeAppConfig({ resource: raw }));
  });

  it('falls back to the deprecated managedEnvironmentId and the app template for the latest revision', () => {
    const raw = fixture('orders-api.containerapp.json');
    delete raw.properties.environmentId;
    const revisions = fixture('orders-api.revisions.json').value.map((r: any) =>
      r.name === 'orders-api--r8' ? { ...r, properties: { ...r.properties, template: undefined } } : r,
    );
    const config = normalizeAppConfig({ resource: raw, revisions });
    expect(config.environmentId).toMatch(/managedEnvironments\/orders-env$/);
    expect(config.changesSinceHealthy?.summary).toBe(
      'since revision orders-api--r7: image orders:1.4.1 → orders:1.4.2, DATABASE_URL removed',
    );
  });

  it('does not compare when the healthy revision has no template', () => {
    const revisions = fixture('orders-api.revisions.json').value.map((r: any) => ({
      ...r,
      properties: { ...r.properties, template: undefined },
    }));
    const config = normalizeAppConfig({ resource: fixture('orders-api.containerapp.json'), revisions });
    expect(config.changesSinceHealthy).toBeUndefined();
    expect(config.revisions).toHaveLength(3);
  });

  it("reads Dapr's settings, which name the port the sidecar waits on", () => {
    const raw = fixture('orders-api.containerapp.json');
    raw.properties.configuration.dapr = { enabled: true, appId: 'orders', appPort: '3000', appProtocol: 'http', logLevel: 'info' };
    expect(normalizeAppConfig({ resource: raw }).dapr).toEqual({ enabled: true, appId: 'orders', appPort: 3000, appProtocol: 'http' });
    delete raw.properties.configuration.dapr;
    expect(normalizeAppConfig({ resource: raw }).dapr).toBeUndefined();
  });

  it('reads the registry entries (server, identity, user name, the password secret\'s name) and never a password value', () => {
    const raw = fixture('orders-api.containerapp.json');
    raw.properties.configuration.registries = [
      { server: 'ledgerreg.azurecr.io', identity: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pull' },
      { server: 'ghcr.io', username: 'bot', passwordSecretRef: 'ghcr-token', password: 'not-a-real-value' },
      { identity: 'system' },
    ];
    expect(normalizeAppConfig({ resource: raw }).registries).toEqual([
      { server: 'ledgerreg.azurecr.io', identity: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pull' },
      { server: 'ghcr.io', username: 'bot', passwordSecretRef: 'ghcr-token' },
    ]);
  });

  it('tells apps from jobs by type or, without one, by shape', () => {
    expect(resourceKind(fixture('orders-api.containerapp.json'))).toBe('containerApp');
    expect(resourceKind(fixture('nightly-export.job.json'))).toBe('job');
    expect(resourceKind({ properties: { configuration: { triggerType: 'Manual', replicaTimeout: 60 } } })).toBe('job');
    expect(resourceKind({ properties: { template: { containers: [] } } })).toBe('containerApp');
    expect(resourceKind({ name: 'x' })).toBeUndefined();
    expect(resourceKind(null)).toBeUndefined();
  });

  it('keeps event-driven job scale rules', () => {
    const job = fixture('nightly-export.job.json');
    job.properties.configuration.triggerType = 'Event';
    job.properties.configuration.eventTriggerConfig = {
      parallelism: 1,
      scale: { minExecutions: 0, maxExecutions: 10, rules: [{ name: 'queue', type: 'azure-queue', metadata: { queueName: 'q' } }] },
    };
    expect(normalizeAppConfig({ resource: job }).scale).toEqual({ rules: [{ name: 'queue', type: 'azure-queue' }] });
  });
});

describe('normalizeContainer', () => {
  it('reads https probes, string numbers, and keeps only env var names', () => {
    const c = normalizeContainer({
      name: 'web',
      image: 'web:1',
      resources: { cpu: '0.5', memory: '1Gi' },
      env: [
        { name: 'TOKEN', value: 'FAKESECRET-tok' },
        { name: 'BLANK', value: '' },
        { name: 'FROM_SECRET', secretRef: 'tok', value: 'ignored-FAKESECRET' },
        { value: 'no name' },
      ],
      probes: [
        { type: 'startup', httpGet: { port: 8443, path: '/up', scheme: 'HTTPS' } },
        { type: 'Bogus', tcpSocket: { port: 1 } },
      ],
      volumeMounts: [{ volumeName: 'cache', mountPath: '/cache' }],
    });
    expect(c).toEqual({
      name: 'web',
      image: 'web:1',
      cpu: 0.5,
      memory: '1Gi',
      env: [
        { name: 'TOKEN', hasValue: true },
        { name: 'BLANK', hasValue: false },
        { name: 'FROM_SECRET', secretRef: 'tok', hasValue: false },
      ],
      probes: [{ type: 'Startup', transport: 'https', port: 8443, path: '/up' }],
      volumeMounts: [{ volumeName: 'cache', mountPath: '/cache' }],
    });
    expect(JSON.stringify(c)).not.toContain('FAKESECRET');
  });
});

describe('normalizeEnvironment', () => {
  it('treats a null destination as none and never keeps the shared key', () => {
    const env = normalizeEnvironment({
      name: 'e',
      properties: { appLogsConfiguration: { destination: null, logAnalyticsConfiguration: { customerId: 'c', sharedKey: 'FAKESECRET-k' } } },
    });
    expect(env).toEqual({ name: 'e', logDestination: 'none', workspaceCustomerId: 'c' });
  });

  it('reads azure-monitor without a workspace', () => {
    expect(normalizeEnvironment({ name: 'e', appLogsConfiguration: { destination: 'azure-monitor' } })).toEqual({
      name: 'e',
      logDestination: 'azure-monitor',
    });
  });
});

describe('normalizeJobExecution', () => {
  it('accepts Date objects (SDK) and leaves exit codes out when not reported', () => {
    expect(
      normalizeJobExecution({ name: 'x-1', status: 'Running', startTime: new Date('2025-06-03T02:00:00Z') }),
    ).toEqual({ name: 'x-1', status: 'Running', startTime: '2025-06-03T02:00:00.000Z' });
  });
});

describe('times without a zone', () => {
  // `az` and ARM write times with an offset, but an exported file may not: such a time is UTC, whatever
  // the zone of the machine that reads it (new Date("...T02:00:00") takes it as local time).
  const source = require.resolve('../../src/appconfig/normalize');

  it.each(['America/New_York', 'Asia/Kolkata'])('are read as UTC on a machine in %s', (zone) => {
    const x = callInTimeZone(zone, source, 'normalizeJobExecution', [
      { name: 'x-1', startTime: '2025-06-03T02:00:00', endTime: '2025-06-03T02:05:00.1234567', status: 'Failed' },
    ]);
    expect(x).toMatchObject({ startTime: '2025-06-03T02:00:00.000Z', endTime: '2025-06-03T02:05:00.123Z' });
  });

  it('keeps an explicit offset, and text that is no time at all', () => {
    const x = callInTimeZone('America/New_York', source, 'normalizeJobExecution', [
      { name: 'x-1', startTime: '2025-06-03T04:00:00+02:00', endTime: 'not a time' },
    ]);
    expect(x).toMatchObject({ startTime: '2025-06-03T02:00:00.000Z', endTime: 'not a time' });
  });
});
