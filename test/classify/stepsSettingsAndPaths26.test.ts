/**
 * Review v23 (fifteenth): a job's steps end with its rerun (#7, #23); network-path checks the rows rule out
 * (a connection that opened then got EOF #2, outbound addresses for a private target #23, a firewall for a
 * bare compose name #28); settings the software never reads (PORT for Caddy and HAProxy #43 #48,
 * JAVA_TOOL_OPTIONS for Elasticsearch #18, `php -d` where the image sets memory_limit from a variable #47).
 * Console lines are public wording: IBM/sarama issues (metadata EOF), golang-migrate/migrate issues ("Dirty
 * database version"), prisma/prisma issues (P1001), caddyserver/caddy and docker-library/haproxy issues (a
 * refused bind), elastic/elasticsearch issues (heap space), php-src's memory_limit warning.
 */
import type { AppConfig, Finding } from '../../src/model';
import { configNames } from '../../src/classify/steps/configNames';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const T0 = Date.parse('2026-12-03T10:00:00Z');
const fx = (app: string, image: string, env: AppConfig['containers'][number]['env'] = [], memory = '1Gi') =>
  appFixtures({ app, resourceGroup: 'rg-ops', subscriptionId: SUB, t0: T0, replica: `${app}--0000003-7c9d8f6b5d-x1k2p`, container: { name: app, image, cpu: 0.5, memory, env, probes: [] } });

describe('a failed job ends with its rerun', () => {
  const { target, config, exit, line } = fx('schema-migrate', 'platacr.azurecr.io/schema-migrate:2026.09.30', [{ name: 'DATABASE_URL', secretRef: 'mysql-dsn', hasValue: false }]);
  const job = (trigger: string): AppConfig => ({ ...config({ secrets: [{ name: 'mysql-dsn' }] }), kind: 'job', job: { triggerType: trigger } } as AppConfig);
  const DIRTY = 'time="2026-10-01T00:56:49Z" level=fatal msg="Error running migration" error="Dirty database version 5. Fix and force version."';

  it('golang-migrate dirty version on a Manual job: migrate force, no redeploy, and the job start last', () => {
    const f = primary({ system: [exit(1, 20)], console: [line(DIRTY, 18)], target: target({ kind: 'job' }), config: job('Manual') });
    expect(texts(f)).toContain('migrate force <version>');
    expect(texts(f)).not.toMatch(/redeploy|restart the revision/);
    const cs = commands(f);
    expect(cs[cs.length - 1]).toMatch(/^az containerapp job start -n schema-migrate -g rg-ops /);
    expectValidCommands(f);
  });

  it('an event-driven job gets no start (its events start it), and an app no job start (near misses)', () => {
    const ev = primary({ system: [exit(1, 20)], console: [line(DIRTY, 18)], target: target({ kind: 'job' }), config: job('Event') });
    expect(commands(ev).some((c) => c.startsWith('az containerapp job start'))).toBe(false);
    const app = primary({ system: [exit(1, 20)], console: [line(DIRTY, 18)], target: target(), config: config({ secrets: [{ name: 'mysql-dsn' }] }) });
    expect(commands(app).some((c) => c.includes(' job '))).toBe(false);
  });
});

describe('network-path checks the rows rule out', () => {
  it('Sarama connected to the broker then got EOF: the listener protocol, no NSG or route check', () => {
    const { target, config, exit, line } = fx('lag-exporter', 'opsacr.azurecr.io/lag-exporter:1.9.2');
    const f = primary({
      system: [exit(1, 30)],
      console: [
        line('{"level":"info","msg":"client/metadata fetching metadata for all topics from broker 10.0.0.10:8725\\n","source":"sarama"}', 17),
        line('{"level":"info","msg":"Connected to broker at 10.0.0.10:8725 (unregistered)\\n","source":"sarama"}', 18),
        line('{"level":"info","msg":"client/metadata got error from broker -1 while fetching metadata: EOF\\n","source":"sarama"}', 19),
        line('{"level":"fatal","msg":"failed to create kafka client: kafka: client has run out of available brokers to talk to (Is your cluster reachable?)"}', 20),
      ],
      target: target(),
      config: config(),
    });
    expect(texts(f)).toMatch(/plaintext to a TLS or SASL listener/);
    expect(commands(f).some((c) => /vnet subnet show|vnetConfiguration|outboundIpAddresses/.test(c))).toBe(false);
    expectValidCommands(f);
  });

  it('a dial that timed out at a private address keeps its NSG checks (near miss)', () => {
    const { target, config, exit, line } = fx('lag-exporter', 'opsacr.azurecr.io/lag-exporter:1.9.2');
    const f = primary({
      system: [exit(1, 30)],
      console: [line('{"level":"fatal","msg":"failed to create kafka client: kafka: client has run out of available brokers to talk to: dial tcp 10.0.0.10:8725: i/o timeout"}', 20)],
      target: target(),
      config: config(),
    });
    expect(commands(f).some((c) => c.startsWith('az network vnet subnet show'))).toBe(true);
  });

  it('a job that found no route to a private address: no outbound-address step, and the rerun', () => {
    const { target, config, exit, line } = fx('rails-migrate', 'cmsacr.azurecr.io/cms:2026.10.01', [{ name: 'DATABASE_URL', secretRef: 'db-url', hasValue: false }]);
    const f = primary({
      system: [exit(1, 30)],
      console: [line('ActiveRecord::ConnectionNotEstablished: connection to server at "10.20.6.45", port 35951 failed: No route to host', 20)],
      target: target({ kind: 'job' }),
      config: { ...config(), kind: 'job', job: { triggerType: 'Manual' } } as AppConfig,
    });
    const cs = commands(f);
    expect(cs.some((c) => /outboundIpAddresses/.test(c))).toBe(false);
    expect(cs.some((c) => c.startsWith('az network vnet subnet show'))).toBe(true);
    expect(cs[cs.length - 1]).toMatch(/^az containerapp job start -n rails-migrate /);
  });

  it('Prisma cannot reach a bare compose name: no firewall or outbound step, the real host instead', () => {
    const { target, config, exit, line } = fx('prisma-migrate', 'apiacr.azurecr.io/hoppscotch-backend:2024.9.0', [{ name: 'DATABASE_URL', secretRef: 'db-url', hasValue: false }]);
    const f = primary({
      system: [exit(1, 30)],
      console: [line("Error: P1001: Can't reach database server at `hoppscotch-db`:`5432`", 20)],
      target: target({ kind: 'job' }),
      config: { ...config({ secrets: [{ name: 'db-url' }] }), kind: 'job', job: { triggerType: 'Manual' } } as AppConfig,
    });
    expect(texts(f)).toContain('hoppscotch-db is a bare name');
    expect(commands(f).some((c) => /outboundIpAddresses/.test(c))).toBe(false);
    expect(texts(f)).not.toMatch(/firewall or private endpoint admits/);
    // Near miss: a full host name that got no answer keeps its firewall check.
    const fqdn = primary({
      system: [exit(1, 30)],
      console: [line("Error: P1001: Can't reach database server at `pg-prod.postgres.example.com`:`5432`", 20)],
      target: target(),
      config: config(),
    });
    expect(commands(fqdn).some((c) => /outboundIpAddresses/.test(c))).toBe(true);
  });
});

describe('a setting the software never reads', () => {
  it('Caddy refused :443 reads no PORT: the Caddyfile site address', () => {
    const { target, config, exit, line } = fx('gateway-caddy', 'crgw.azurecr.io/gateway-caddy:2.8.4');
    const f = primary({
      system: [exit(1, 30)],
      console: [
        line('2026/10/01 00:54:15.788 INFO    using config from file  {"file": "/etc/caddy/Caddyfile"}', 10),
        line('Error: loading initial config: loading new config: http app module: start: listening on :443: listen tcp :443: bind: permission denied', 12),
      ],
      target: target(),
      config: config({ ingress: { external: true, targetPort: 443 } } as Partial<AppConfig>),
    });
    expect(texts(f)).toContain('Caddyfile');
    expect(commands(f).some((c) => /PORT=/.test(c))).toBe(false);
    expectValidCommands(f);
  });

  it('HAProxy cannot bind :80: the bind line in haproxy.cfg, no PORT', () => {
    const { config, line } = fx('lb-haproxy', 'docker.io/library/haproxy:2.4');
    const rows = [line('[NOTICE]   (1) : haproxy version is 2.4.0-6cbbecf'), line('[ALERT]    (1) : Starting frontend fe_web: cannot bind socket (Permission denied) [0.0.0.0:80]')];
    const evidence = rows.map((r) => ({ time: r.time, source: 'console' as const, text: r.text }));
    const names = configNames({ category: 'permission-denied' } as Finding, config(), evidence as never);
    expect(names.portServer).toBe('HAProxy');
    expect(names.portFileFix).toContain('haproxy.cfg');
    expect(names.portVar).toBeUndefined();
  });

  it('a Node server refused :80 still moves through PORT (near miss)', () => {
    const { target, config, exit, line } = fx('web', 'contosoacr.azurecr.io/web:1.0');
    const f = primary({ system: [exit(1, 30)], console: [line('Error: listen EACCES: permission denied 0.0.0.0:80', 12)], target: target(), config: config() });
    expect(commands(f).some((c) => /--set-env-vars PORT=8080/.test(c))).toBe(true);
  });

  it('Elasticsearch heap space: ES_JAVA_OPTS at half the memory, never JAVA_TOOL_OPTIONS', () => {
    const { target, config, exit, line } = fx('es-coord', 'docker.elastic.co/elasticsearch/elasticsearch:7.17.22', [{ name: 'ES_JAVA_OPTS', hasValue: true }], '2Gi');
    const f = primary({
      system: [exit(1, 30)],
      console: [line('[2026-10-01T00:49:19,751][INFO ][o.e.n.Node               ] [es-coord] started', 10), line('java.lang.OutOfMemoryError: Java heap space', 20)],
      target: target(),
      config: config(),
    });
    expect(commands(f).some((c) => /ES_JAVA_OPTS=.*-Xms2048m -Xmx2048m/.test(c))).toBe(true);
    expect(commands(f).some((c) => /JAVA_TOOL_OPTIONS/.test(c))).toBe(false);
    // Near miss: a Spring app's heap keeps JAVA_TOOL_OPTIONS.
    const { target: t2, config: c2, exit: e2, line: l2 } = fx('orders', 'contosoacr.azurecr.io/orders:3.1');
    const spring = primary({ system: [e2(1, 30)], console: [l2('java.lang.OutOfMemoryError: Java heap space', 20)], target: t2(), config: c2() });
    expect(commands(spring).some((c) => /JAVA_TOOL_OPTIONS=/.test(c))).toBe(true);
  });

  it('PHP memory_limit hit with MEMORY_LIMIT set: that variable with its unit, not php -d', () => {
    const { target, config, exit, line } = fx('timesheets', 'kimai/kimai2:apache-2.0.4', [{ name: 'MEMORY_LIMIT', hasValue: true }]);
    const FATAL = 'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 32768 bytes) in /opt/kimai/vendor/monolog/monolog/src/Monolog/Formatter/LineFormatter.php on line 61';
    const f = primary({ system: [exit(255, 30)], console: [line(FATAL, 20)], target: target(), config: config() });
    expect(commands(f).some((c) => /--set-env-vars MEMORY_LIMIT=256M/.test(c))).toBe(true);
    expect(texts(f)).toMatch(/without a unit/);
    expect(texts(f)).not.toContain('php -d');
    // Near miss: no such variable keeps the ini advice.
    const { target: t2, config: c2, exit: e2, line: l2 } = fx('shop', 'contosoacr.azurecr.io/shop:1.0');
    const plain = primary({ system: [e2(255, 30)], console: [l2(FATAL, 20)], target: t2(), config: c2() });
    expect(texts(plain)).toContain('php -d memory_limit=256M');
  });
});
