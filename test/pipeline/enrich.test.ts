import { enrich } from '../../src/enrich';
import { AppConfigError, LogAccessDeniedError } from '../../src/errors';
import type { AppConfig, Evidence, Target } from '../../src/model';
import type { LogSource } from '../../src/logs/LogSource';
import type { ConfigSource } from '../../src/appconfig/ConfigSource';
import { fakeConfigSource, fakeLogSource } from '../support/fakes';

const target: Target = {
  kind: 'containerApp',
  name: 'orders-api',
  subscriptionId: '3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15',
  resourceGroup: 'rg-orders-prod',
  window: { start: new Date('2026-11-24T09:00:00Z'), end: new Date('2026-11-24T09:30:00Z') },
};

const evidence: Evidence = {
  system: [
    { time: new Date('2026-11-24T09:10:00Z'), reason: 'ContainerTerminated', message: "Container 'orders-api' was terminated with exit code '137'", replica: 'r1', count: 1 },
  ],
  console: [],
  notes: [],
};

const config: AppConfig = {
  kind: 'containerApp',
  name: 'orders-api',
  containers: [{ name: 'orders-api', memory: '0.5Gi', cpu: 0.25, env: [], probes: [] }],
  initContainers: [],
  secrets: [],
  environment: { workspaceCustomerId: '8e1b4c2d-0a7f-4f3e-b6d5-2c9a1e7f4b30', logDestination: 'log-analytics' },
};

const deps = { defaultLookbackMinutes: 60, now: () => new Date('2026-11-24T09:31:00Z') };

/** A fetch that logs its start and end, and ends only once `until` resolves. */
function held<T>(until: () => Promise<void>, value: T, log: string[], name: string): () => Promise<T> {
  return async () => {
    log.push(`${name}:start`);
    await until();
    log.push(`${name}:end`);
    return value;
  };
}

test('logs and configuration are fetched in parallel (the calls overlap)', async () => {
  const log: string[] = [];
  // The log fetch cannot end before the configuration read has ended: if enrich ran them one after the
  // other, the order below would differ (the guard only keeps a sequential enrich from hanging).
  let configEnded!: () => void;
  const configDone = new Promise<void>((r) => (configEnded = r));
  const guard = setTimeout(() => configEnded(), 30_000);
  const logs: LogSource = { description: 'slow logs', knowsWorkspace: () => true, fetchEvidence: held(() => configDone, evidence, log, 'logs') };
  const cfg: ConfigSource = {
    description: 'slow config',
    fetchConfig: async () => {
      log.push('config:start');
      await Promise.resolve();
      log.push('config:end');
      configEnded();
      return config;
    },
  };
  const result = enrich({ kind: 'manual', target }, { ...deps, logs, config: cfg }).finally(() => clearTimeout(guard));
  const { diagnosis } = await result;
  expect(log).toEqual(['logs:start', 'config:start', 'config:end', 'logs:end']);
  expect(diagnosis.status).toBe('enriched');
});

test('without a known workspace, the environment of the app names it before the logs are read', async () => {
  const logs = fakeLogSource(evidence);
  logs.knowsWorkspace = () => false;
  await enrich({ kind: 'manual', target }, { ...deps, logs, config: fakeConfigSource(config) });
  expect(logs.calls[0].workspace?.customerId).toBe('8e1b4c2d-0a7f-4f3e-b6d5-2c9a1e7f4b30');
});

test('a configuration failure costs the cross-checks, not the diagnosis', async () => {
  const { diagnosis } = await enrich(
    { kind: 'manual', target },
    { ...deps, logs: fakeLogSource(evidence), config: fakeConfigSource(new AppConfigError('Reader role missing on rg-orders-prod')) },
  );
  expect(diagnosis.status).toBe('enriched');
  expect(diagnosis.findings[0].exitCode).toBe(137);
  expect(diagnosis.notes.join(' ')).toMatch(/Reader role missing/);
});

test('a log access failure becomes a not-enriched diagnosis that names the missing role', async () => {
  const err = new LogAccessDeniedError('The identity has no Log Analytics Reader role on workspace law-prod', { context: { role: 'Log Analytics Reader' } });
  const { diagnosis } = await enrich({ kind: 'manual', target }, { ...deps, logs: fakeLogSource(err) });
  expect(diagnosis).toMatchObject({ status: 'not-enriched', reasonCode: 'log-access-denied', findings: [] });
  expect(diagnosis.reason).toContain('Log Analytics Reader');
  expect(diagnosis.target?.name).toBe('orders-api');
});

test('an unexpected bug in a source is contained: not-enriched, no internals leaked', async () => {
  const { diagnosis } = await enrich({ kind: 'manual', target }, { ...deps, logs: fakeLogSource(new TypeError('cannot read x of undefined')) });
  expect(diagnosis.status).toBe('not-enriched');
  expect(diagnosis.reasonCode).toBe('internal-error');
  expect(JSON.stringify(diagnosis)).not.toContain('cannot read');
});

test('the diagnosis carries window, stats, a timeline and a link to the app', async () => {
  const { diagnosis } = await enrich({ kind: 'manual', target }, { ...deps, logs: fakeLogSource(evidence) });
  expect(diagnosis.window).toEqual({ start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T09:30:00.000Z' });
  expect(diagnosis.stats).toMatchObject({ systemEvents: 1, consoleLines: 0, restarts: 1 });
  expect(diagnosis.timeline?.counts.reduce((a, b) => a + b, 0)).toBe(1);
  expect(diagnosis.links.resource).toContain('/resourceGroups/rg-orders-prod/providers/Microsoft.App/containerApps/orders-api');
});
