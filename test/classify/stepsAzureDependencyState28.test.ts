/**
 * v24 review B 55, 58, 74: an Azure Cache for Redis or a PostgreSQL/MySQL flexible server that refused the
 * connection or did not answer gets its state, its firewall rules and the app's outbound addresses read
 * with Azure's own commands, and the rule that admits a missing address. Console lines are public ones:
 * redis-rb's "Error connecting to Redis on <host>:<port> (Errno::ECONNREFUSED)", libpq's "connection to
 * server at ... failed: Connection timed out / Is the server running on that host".
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'matching-worker', resourceGroup: 'rg-apps', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'matching-worker--0000007-5d6c7b8a9-k2j3h',
  container: { name: 'matching-worker', image: 'contosoacr.azurecr.io/matching-worker:1.4.0', cpu: 0.5, memory: '1Gi', env: [{ name: 'REDIS_URL', secretRef: 'redis-url', hasValue: false }], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const run = (l: string) => primary({ system: crashLoop, console: [line(l, 15)], target: target(), config: config({ secrets: [{ name: 'redis-url' }] }) });

describe('an Azure dependency that refused or did not answer: its state and firewall, read', () => {
  it('Azure Cache for Redis refused on 6380: redis show, firewall-rules list, outbound addresses, the create', () => {
    const f = run('Redis::CannotConnectError: Error connecting to Redis on matching-cache.redis.cache.windows.net:6380 (Errno::ECONNREFUSED)');
    expect(f.category).toBe('dependency-unreachable');
    const c = commands(f).join('\n');
    expect(c).toContain('az redis show -n matching-cache');
    expect(c).toContain('provisioningState');
    expect(c).toContain('az redis firewall-rules list -n matching-cache');
    expect(c).toContain('properties.outboundIpAddresses');
    expect(c).toContain('az redis firewall-rules create');
    expectValidCommands(f);
  });

  it('a PostgreSQL flexible server PgJDBC could not connect to: its state and firewall rules', () => {
    const f = run('org.postgresql.util.PSQLException: The connection attempt failed. jdbc:postgresql://orders-pg.postgres.database.azure.com:5432/orders?sslmode=require');
    const c = commands(f).join('\n');
    expect(c).toContain('az postgres flexible-server firewall-rule list -n orders-pg');
    expect(c).toContain("--query '{state:state,network:network}'");
    expectValidCommands(f);
  });

  it('a timeout already gets the firewall steps: no second set', () => {
    const f = run('psql: error: connection to server at "orders-pg.postgres.database.azure.com" (20.62.1.10), port 5432 failed: Connection timed out');
    expect(commands(f).filter((c) => c.includes('az postgres flexible-server firewall-rule create'))).toHaveLength(1);
    expectValidCommands(f);
  });

  it('near misses: a name that does not resolve, a refused password, a cache that is not on Azure', () => {
    const dns = run('Redis::CannotConnectError: Error connecting to Redis on matching-cache.redis.cache.windows.net:6380 (SocketError: getaddrinfo: Name or service not known)');
    expect(commands(dns).some((c) => c.includes('firewall-rules list'))).toBe(false);
    const local = run('Redis::CannotConnectError: Error connecting to Redis on redis:6379 (Errno::ECONNREFUSED)');
    expect(commands(local).some((c) => /^az redis /.test(c))).toBe(false);
    expect(texts(local)).not.toContain('provisioningState');
  });
});
