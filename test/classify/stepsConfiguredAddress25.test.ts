/**
 * What the configuration says about the address variable of a dependency dialled on the loopback (v22
 * review, A 2, 11, 15; B 79, 81): a variable with a value is not "unset or empty", a connection string
 * named only by its secret (pgwatch's PW_SINK reading sink-dsn) is the one to fix, and a container of the
 * app that serves the port makes the loopback right. Console lines are public wording: pymongo's
 * ServerSelectionTimeoutError (mongodb/mongo-python-driver issues), pgx's "failed to connect to `user=...`:
 * ... dial error" (cybertec-postgresql/pgwatch issues), Sequelize's SequelizeConnectionRefusedError
 * (sequelize/sequelize issues).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, container, sys, exit, line } = appFixtures({
  app: 'collector', resourceGroup: 'rg-obs', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'collector--0000004-5c6d7e8f9-ab1cd',
  container: { name: 'collector', image: 'contosoacr.azurecr.io/collector:1.4', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const MONGO = 'pymongo.errors.ServerSelectionTimeoutError: localhost:27017: [Errno 111] Connection refused';
const PGX = [
  '2026-10-01 00:43:49.232 [ERROR] [sink:postgres] [db:postgres] failed to connect to `user=postgres database=postgres`:',
  '        127.0.0.1:5432 (localhost): dial error: dial tcp 127.0.0.1:5432: connect: connection refused',
];
const SEQUELIZE = 'Error: SequelizeConnectionRefusedError: connect ECONNREFUSED 127.0.0.1:5432';
const all = (f: ReturnType<typeof primary>) => `${texts(f)}\n${commands(f).join('\n')}`;

describe('a configured address variable with a value is not "unset or empty"', () => {
  it('MONGO_HOST has a value: the step says so and sets it, without the fell-back-because-unset template', () => {
    const f = primary({ system: crashLoop, console: [line(MONGO, 18)], target: target(), config: config({}, { env: [{ name: 'MONGO_HOST', hasValue: true }] }) });
    expect(texts(f)).toContain('MONGO_HOST has a value in this revision');
    expect(texts(f)).not.toMatch(/unset or empty/);
    expect(commands(f).some((c) => c.includes('--set-env-vars MONGO_HOST=<value>'))).toBe(true);
    expectValidCommands(f);
  });

  it('near miss: no variable for the service at all keeps the unset wording', () => {
    const f = primary({ system: crashLoop, console: [line(MONGO, 18)], target: target(), config: config({}, { env: [{ name: 'LOG_LEVEL', hasValue: true }] }) });
    expect(texts(f)).not.toContain('has a value in this revision');
    expect(texts(f)).toMatch(/unset or empty/);
  });
});

describe('a connection string named only by its secret', () => {
  it('pgwatch PW_SINK reading secret sink-dsn: that secret is set, no DATABASE_URL guess', () => {
    const f = primary({
      system: crashLoop, console: PGX.map((t, i) => line(t, 18 + i)), target: target(),
      config: config({ secrets: [{ name: 'sink-dsn' }] }, { env: [{ name: 'PW_SINK', secretRef: 'sink-dsn', hasValue: false }] }),
    });
    expect(all(f)).not.toMatch(/DATABASE_URL|database-url|unset or empty/);
    expect(commands(f).some((c) => c.includes('--secrets sink-dsn=<value>'))).toBe(true);
    expect(texts(f)).toContain('PW_SINK is set from secret sink-dsn');
    expectValidCommands(f);
  });

  it('near miss: a Sentry DSN from a secret is not the database address', () => {
    const f = primary({
      system: crashLoop, console: PGX.map((t, i) => line(t, 18 + i)), target: target(),
      config: config({ secrets: [{ name: 'sentry-dsn' }] }, { env: [{ name: 'SENTRY_DSN', secretRef: 'sentry-dsn', hasValue: false }] }),
    });
    expect(all(f)).not.toMatch(/sentry-dsn=<value>|SENTRY_DSN is set from/);
  });
});

describe('a container of the app serves the port dialled on the loopback', () => {
  const withSidecar = () =>
    config({ secrets: [{ name: 'db-pw' }] }, { env: [{ name: 'DB_HOST', hasValue: true }, { name: 'DB_PASSWORD', secretRef: 'db-pw', hasValue: false }] });
  it('postgres:16 beside the app for 127.0.0.1:5432: keep the address, wait for the sidecar; no DB_HOST change', () => {
    const base = withSidecar();
    const cfg = { ...base, containers: [...base.containers, container({ name: 'postgres', image: 'docker.io/library/postgres:16', env: [{ name: 'POSTGRES_PASSWORD', secretRef: 'db-pw', hasValue: false }] })] };
    const f = primary({ system: crashLoop, console: [line(SEQUELIZE, 18)], target: target(), config: cfg });
    expect(texts(f)).toContain('container postgres of this app serves');
    expect(commands(f).some((c) => c.includes('--set-env-vars DB_HOST='))).toBe(false);
    expect(texts(f)).not.toMatch(/unset or empty/);
  });

  it('near miss: a redis sidecar does not serve 5432, so DB_HOST is still the address to fix', () => {
    const base = withSidecar();
    const cfg = { ...base, containers: [...base.containers, container({ name: 'cache', image: 'docker.io/library/redis:7', env: [] })] };
    const f = primary({ system: crashLoop, console: [line(SEQUELIZE, 18)], target: target(), config: cfg });
    expect(texts(f)).not.toContain('of this app serves');
    expect(texts(f)).toContain('DB_HOST has a value in this revision');
    expect(commands(f).some((c) => c.includes('--set-env-vars DB_HOST=<value>'))).toBe(true);
  });
});
