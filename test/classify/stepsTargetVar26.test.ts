/**
 * The address variable of the dependency the failing row names, not another dependency's (v23 review B 74:
 * paperless-ngx's Redis name did not resolve and the steps rewrote PAPERLESS_DBHOST, the working PostgreSQL
 * host). Console lines are paperless-ngx's public wording (paperless-ngx/paperless-ngx discussions: "Redis
 * ping #0 failed", "Error -3 connecting to ...:6379. Temporary failure in name resolution").
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const { target, config, exit, sys, line } = appFixtures({
  app: 'docs', resourceGroup: 'rg-docs', subscriptionId: '0f1e2d3c-4b5a-4968-8776-655443322110', t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'docs--0000003-5c6d7e8f9-ab1cd',
  container: { name: 'docs', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.11.6', cpu: 1, memory: '2Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const REDIS_DNS = [
  'Connected to PostgreSQL',
  'Waiting for Redis...',
  'Redis ping #0 failed.',
  'Error: Error -3 connecting to broker-cache:6379. Temporary failure in name resolution..',
];
const all = (f: ReturnType<typeof primary>) => `${texts(f)}\n${commands(f).join('\n')}`;

describe('the variable named for the failing service, not the database host beside it', () => {
  it('PAPERLESS_REDIS is the one to set; PAPERLESS_DBHOST is left alone', () => {
    const env = [{ name: 'PAPERLESS_REDIS', hasValue: true }, { name: 'PAPERLESS_DBHOST', hasValue: true }, { name: 'PAPERLESS_DBPASS', secretRef: 'pl-db', hasValue: false }];
    const f = primary({ system: crashLoop, console: REDIS_DNS.map((t, i) => line(t, 10 + i)), target: target(), config: config({ secrets: [{ name: 'pl-db' }] }, { env }) });
    expect(all(f)).toContain('PAPERLESS_REDIS');
    expect(all(f)).not.toMatch(/PAPERLESS_DBHOST/);
    expectValidCommands(f);
  });

  it('near miss: a PostgreSQL host that does not resolve still sets PAPERLESS_DBHOST', () => {
    const env = [{ name: 'PAPERLESS_REDIS', hasValue: true }, { name: 'PAPERLESS_DBHOST', hasValue: true }];
    const rows = ['Waiting for PostgreSQL to start...', 'psycopg.OperationalError: could not translate host name "pg-main" to address: Name or service not known'];
    const f = primary({ system: crashLoop, console: rows.map((t, i) => line(t, 10 + i)), target: target(), config: config({}, { env }) });
    expect(all(f)).toContain('PAPERLESS_DBHOST');
    expect(all(f)).not.toMatch(/PAPERLESS_REDIS/);
  });
});
