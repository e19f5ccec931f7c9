/**
 * Ninth steps review (docs/steps-review-v16-fresh.md): a secret changed with no restart (or the same
 * secretref set again), placeholders where the rows or the configuration name the thing, a public firewall
 * rule for a dependency at a private address, and a loopback refusal ranked above the configuration file
 * the app rejected. Each case uses public wording, with its source; near misses keep their steps.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import { classify } from '../../src/classify';
import { isPrivateAddress, privateTarget } from '../../src/classify/steps/privateNetwork';
import { connectionStringName } from '../../src/classify/steps/knownPlaceholders';
import type { Finding } from '../../src/model';

const SUB = '5b2e7c10-3d4f-4a6b-8c9d-0e1f2a3b4c5d';
const app = appFixtures({
  app: 'crm-web', resourceGroup: 'rg-crm', subscriptionId: SUB, t0: Date.parse('2026-12-28T03:00:00Z'),
  revision: 'crm-web--0000088', replica: 'crm-web--0000088-6d7f8b9c5-q2w3e',
  container: { name: 'crm-web', image: 'crmacr.azurecr.io/crm-web:5.2.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = appFixtures({
  app: 'crm-sync', resourceGroup: 'rg-crm', subscriptionId: SUB, t0: Date.parse('2026-12-28T03:00:00Z'),
  replica: 'crm-sync-x7k2p-9zq4r',
  container: { name: 'crm-sync', image: 'crmacr.azurecr.io/crm-sync:1.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: Finding): string => commands(f).join('\n');
const restarts = (f: Finding): string[] => commands(f).filter((c) => /revision restart|job start/.test(c));
const loop = [app.exit(1, 10), app.exit(1, 40), app.exit(1, 80)];

// https://github.com/django/django/blob/main/django/conf/__init__.py ("The SECRET_KEY setting must not be empty.")
const DJANGO = 'django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.';

describe('a secret the variable already reads: restart, not the same secretref again', () => {
  it('Django SECRET_KEY read from django-secret: secret set, then one revision restart', () => {
    const { target, config, line } = app;
    const f = primary({
      system: loop, console: [line(DJANGO, 5)], target: target(),
      config: config({ secrets: [{ name: 'django-secret' }] }, { env: [{ name: 'DJANGO_SECRET_KEY', secretRef: 'django-secret', hasValue: true }] }),
    });
    expect(all(f)).toContain('--secrets django-secret=<value>');
    expect(all(f)).not.toContain('--set-env-vars DJANGO_SECRET_KEY=secretref:django-secret');
    expect(restarts(f)).toEqual([`az containerapp revision restart -n crm-web -g rg-crm --revision crm-web--0000088 --subscription ${SUB}`]);
    const cmds = commands(f);
    expect(cmds.findIndex((c) => c.includes('revision restart'))).toBeGreaterThan(cmds.findIndex((c) => c.includes('secret set')));
    expect(texts(f)).toContain('DJANGO_SECRET_KEY already reads secret django-secret');
    expect(texts(f)).not.toContain('Check that the new revision starts');
    expectValidCommands(f);
  });

  it('a job: the job secret set, then a new execution', () => {
    const { target, config, line } = job;
    const f = primary({
      system: [], console: [line(DJANGO, 5)], target: target({ kind: 'job' }),
      config: config({ kind: 'job', secrets: [{ name: 'django-secret' }] }, { env: [{ name: 'DJANGO_SECRET_KEY', secretRef: 'django-secret', hasValue: true }] }),
    });
    expect(all(f)).toContain('az containerapp job secret set -n crm-sync -g rg-crm --secrets django-secret=<value>');
    expect(all(f)).not.toContain('--set-env-vars DJANGO_SECRET_KEY=secretref:django-secret');
    expect(restarts(f)).toEqual([`az containerapp job start -n crm-sync -g rg-crm --subscription ${SUB}`]);
    expectValidCommands(f);
  });

  it('near miss: the variable is not set yet, so pointing it at the secret makes the new revision (no restart)', () => {
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line(DJANGO, 5)], target: target(), config: config({ secrets: [] }, { env: [] }) });
    expect(all(f)).toMatch(/--set-env-vars SECRET_KEY=secretref:secret-key/);
    expect(restarts(f)).toEqual([]);
  });

  it('near miss: the variable reads another secret than the one stored, so the update changes the template', () => {
    const { target, config, line } = app;
    const f = primary({
      system: loop, console: [line(DJANGO, 5)], target: target(),
      config: config({ secrets: [{ name: 'old-key' }] }, { env: [{ name: 'DJANGO_SECRET_KEY', secretRef: 'old-key', hasValue: true }, { name: 'OTHER', hasValue: true }] }),
    });
    expect(all(f)).not.toMatch(/already reads secret old-key: setting the same reference/);
  });
});

describe('blanks the rows or the configuration fill', () => {
  // https://learn.microsoft.com/dotnet/api/system.argumentnullexception ("Value cannot be null. (Parameter 'connectionString')")
  const NULL_CONN = "Unhandled exception. System.ArgumentNullException: Value cannot be null. (Parameter 'connectionString')";

  it('ConnectionStrings__<Name> becomes the configured ConnectionStrings__Database, and its secret is set and the revision restarted', () => {
    const { target, config, line } = app;
    const f = primary({
      system: loop, console: [line(NULL_CONN, 5)], target: target(),
      config: config({ secrets: [{ name: 'db-conn' }] }, { env: [{ name: 'ConnectionStrings__Database', secretRef: 'db-conn', hasValue: true }] }),
    });
    expect(texts(f)).not.toContain('<Name>');
    expect(all(f)).toContain('--secrets db-conn=<value>');
    expect(all(f)).not.toContain('--set-env-vars ConnectionStrings__Database=secretref:db-conn');
    expect(restarts(f)).toHaveLength(1);
    expectValidCommands(f);
  });

  it('the connection-string name an exception or a config key gives', () => {
    // https://learn.microsoft.com/aspnet/core/fundamentals/configuration/#connection-string-prefixes (ConnectionStrings:<name>)
    expect(connectionStringName({}, "Connection string 'AppConfig' not found. Checked key ConnectionStrings:AppConfig", undefined)).toBe('AppConfig');
    expect(connectionStringName({}, 'var cs = builder.Configuration.GetConnectionString("Orders");', undefined)).toBe('Orders');
    expect(connectionStringName({ envVar: 'ConnectionStrings__Ledger' }, '', undefined)).toBe('Ledger');
    // Near miss: nothing names it.
    expect(connectionStringName({}, "Value cannot be null. (Parameter 'connectionString')", undefined)).toBeUndefined();
  });

  // https://github.com/jackc/pgx/blob/master/pgconn/errors.go with the server's 28P01 ("password authentication failed for user")
  const PG_AUTH = 'failed to connect to `host=inv-pg.postgres.database.azure.com user=postgres database=inventory`: failed SASL auth (FATAL: password authentication failed for user "postgres" (SQLSTATE 28P01))';

  it('<secret-name> becomes the secret the password variable reads', () => {
    const { target, config, line } = app;
    const f = primary({
      system: loop, console: [line(PG_AUTH, 5)], target: target(),
      config: config({ secrets: [{ name: 'db-password' }] }, { env: [{ name: 'POSTGRES_HOST', hasValue: true }, { name: 'POSTGRES_PASSWORD', secretRef: 'db-password', hasValue: true }] }),
    });
    expect(all(f)).toContain('--secrets db-password=<value>');
    expect(`${all(f)}\n${texts(f)}`).not.toContain('<secret-name>');
    expect(restarts(f)).toHaveLength(1);
    expectValidCommands(f);
  });

  it('near miss: no variable reads a secret, so <secret-name> stays a blank', () => {
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line(PG_AUTH, 5)], target: target(), config: config({}, { env: [{ name: 'POSTGRES_HOST', hasValue: true }] }) });
    expect(all(f)).toContain('--secrets <secret-name>=<value>');
  });

  // https://github.com/python/cpython/blob/main/Lib/runpy.py ("No module named %s", printed after the interpreter's path)
  const NO_MODULE = '/usr/local/bin/python3: No module named gunicorn';

  it('<registry>/<image> becomes the repository the app runs; the new tag stays a blank', () => {
    const { target, config, line } = app;
    const f = primary({ system: loop, console: [line(NO_MODULE, 5)], target: target(), config: config() });
    expect(all(f)).toContain('--image crmacr.azurecr.io/crm-web:<new-tag>');
    expect(all(f)).not.toContain('<registry>/<image>');
    expectValidCommands(f);
  });

  it('near miss: no configuration and no pull row, so the image stays a blank', () => {
    const { target, line } = app;
    const f = primary({ system: loop, console: [line(NO_MODULE, 5)], target: target() });
    expect(all(f)).toContain('<registry>/<image>:<new-tag>');
  });

  // https://learn.microsoft.com/troubleshoot/azure/azure-storage/blobs/authentication/storage-troubleshoot-403-errors ("AuthorizationPermissionMismatch")
  it('<storage-account-id> becomes the account the blob host names', () => {
    const { target, config, line } = app;
    const f = primary({
      system: loop,
      console: [
        line('Azure.RequestFailedException: This request is not authorized to perform this operation using this permission.', 5),
        line('Status: 403 (This request is not authorized to perform this operation using this permission.)', 5),
        line('ErrorCode: AuthorizationPermissionMismatch', 5),
        line('Uploading to https://contosodocs.blob.core.windows.net/ingest/doc-1.pdf', 4),
      ],
      target: target(), config: config(),
    });
    expect(all(f)).toContain(`--scope $(az resource list -n contosodocs --resource-type Microsoft.Storage/storageAccounts --query '[0].id' -o tsv --subscription ${SUB})`);
    expect(all(f)).not.toContain('<storage-account-id>');
    expectValidCommands(f);
  });
});

describe('a dependency at a private address: VNet steps, no public firewall rule', () => {
  // https://github.com/postgres/postgres/blob/REL_13_STABLE/src/interfaces/libpq/fe-connect.c ("Is the server running on host \"%s\" (%s) and accepting TCP/IP connections on port %s?")
  const libpq = (host: string, address: string) => [
    app.line('could not connect to server: Connection timed out', 5),
    app.line(`\tIs the server running on host "${host}" (${address}) and accepting`, 5),
    app.line('\tTCP/IP connections on port 5432?', 5),
  ];

  it('10.40.2.4: NSG and route table on the path, the private DNS zone link; no outbound addresses or firewall rule', () => {
    const { target, config } = app;
    const f = primary({ system: loop, console: libpq('crm-pg.postgres.database.azure.com', '10.40.2.4'), target: target(), config: config() });
    expect(f.category).toBe('dependency-unreachable');
    expect(f.names?.address).toBe('10.40.2.4');
    expect(all(f)).toContain('--query properties.vnetConfiguration.infrastructureSubnetId');
    expect(all(f)).toContain("az network vnet subnet show --ids <infrastructure-subnet-id> --query '[networkSecurityGroup.id,routeTable.id]' -o tsv");
    expect(all(f)).toContain('-z privatelink.postgres.database.azure.com');
    expect(all(f)).not.toMatch(/outboundIpAddresses|firewall-rule create/);
    expect(texts(f)).toContain('crm-pg.private.postgres.database.azure.com');
    expectValidCommands(f);
  });

  it('near miss: a public address keeps the firewall rule for the outbound addresses', () => {
    const { target, config } = app;
    const f = primary({ system: loop, console: libpq('crm-pg.postgres.database.azure.com', '20.62.131.7'), target: target(), config: config() });
    expect(all(f)).toContain('firewall-rule create');
    expect(all(f)).not.toContain('vnetConfiguration');
  });

  it('the private ranges and a privatelink host', () => {
    expect(['10.0.0.1', '172.16.4.5', '172.31.255.1', '192.168.1.9'].every(isPrivateAddress)).toBe(true);
    expect(['172.15.0.1', '172.32.0.1', '192.169.0.1', '20.62.131.7', '100.100.60.12', 'db'].some(isPrivateAddress)).toBe(false);
    expect(privateTarget({ host: 'sessions.privatelink.redis.cache.windows.net' })?.zone).toBe('privatelink.redis.cache.windows.net');
    expect(privateTarget({ host: 'sessions.redis.cache.windows.net' })).toBeUndefined();
  });
});

describe('a rejected configuration file goes before a loopback refusal near it', () => {
  const { target, config, line } = appFixtures({
    app: 'nats', resourceGroup: 'rg-msg', subscriptionId: SUB, t0: Date.parse('2026-12-28T03:00:00Z'),
    replica: 'nats--0000003-5d6e7f8a9-b2c3d',
    container: { name: 'nats', image: 'docker.io/nats:2.9.22-alpine', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
  });
  const sysLoop = [app.exit(1, 10), app.exit(1, 40)];
  // https://github.com/nats-io/nats-server/blob/main/server/opts.go (config parse errors print "<file>:<line>:<col>: <error>");
  // https://pkg.go.dev/net ("dial tcp [::1]:8222: connect: connection refused")
  const rows = [
    line('nats-server: /etc/nats-config/nats.conf:31:1: interface conversion: interface {} is bool, not int64', 5),
    line('[27] 2026/12/28 03:00:06.116370 [ERR] Could not find server id: Get "http://localhost:8222//varz": dial tcp [::1]:8222: connect: connection refused', 6),
  ];

  it('nats.conf rejected and the exporter refused on [::1]:8222: the file first', () => {
    const [first, ...rest] = classify({ system: sysLoop, console: rows, target: target(), config: config() });
    expect(first?.ruleId).toBe('console.config.file-invalid');
    expect(rest.some((f) => f.category === 'dependency-unreachable')).toBe(true);
  });

  it('near miss: a refusal from a remote host is not a fallback to defaults and keeps its place', () => {
    const remote = [rows[0]!, line('[27] 2026/12/28 03:00:06.116370 [ERR] Could not find server id: Get "http://nats-core:8222//varz": dial tcp 100.100.12.4:8222: connect: connection refused', 6)];
    const before = classify({ system: sysLoop, console: [remote[1]!, remote[0]!], target: target(), config: config() })[0];
    expect(before?.category).toBe('dependency-unreachable');
  });
});
