/**
 * Eleventh steps review (docs/steps-review-v19-fresh.md), "the fix is written in prose although Azure has
 * the command" and "a name the rows or configuration give is left as a placeholder": a configuration file
 * a Secret volume delivers (`secret set` for the secret behind it, then the restart), the variable offered
 * as the file's alternative, start args the change replaced or that point at an unwritable file (built from
 * the configuration's args), a refused credential with no secret named (list, set, restart or new
 * execution), a job with no console (a new execution and its logs), an App Configuration 403 (the data
 * role and the store), and an Azure Files mount row's account. Public wording, with sources; near misses.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';
import type { Finding } from '../../src/model';

const SUB = '3f2e1d0c-9b8a-4766-8554-433221100fed';
const T0 = Date.parse('2027-01-12T03:00:00Z');
const app = appFixtures({
  app: 'vault', resourceGroup: 'rg-sec', subscriptionId: SUB, t0: T0,
  revision: 'vault--0000039', replica: 'vault--0000039-21d14a718-jgkmf',
  container: { name: 'vault', image: 'hashicorp/vault:1.17', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = appFixtures({
  app: 'partner-export', resourceGroup: 'rg-sec', subscriptionId: SUB, t0: T0,
  replica: 'partner-export-2956375-k9r7d',
  container: { name: 'partner-export', image: 'crdata.azurecr.io/partner-export:1.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: Finding): string => commands(f).join('\n');
const restarts = (f: Finding): string[] => commands(f).filter((c) => /revision restart|job start/.test(c));
const loop = [app.exit(1, 10), app.exit(1, 70), app.exit(1, 130)];

describe('a configuration file delivered by a Secret volume', () => {
  // https://github.com/hashicorp/vault/blob/main/command/server.go ("Failed to lock memory", "disable_mlock")
  const MLOCK = [
    'Error initializing core: Failed to lock memory: cannot allocate memory',
    'This usually means that the mlock syscall is not available.',
    'set the `disable_mlock` configuration option in your configuration',
  ];
  const vaultConfig = (storageType: string) =>
    app.config(
      { volumes: [{ name: 'vault-config', storageType, ...(storageType === 'AzureFile' ? { storageName: 'vault-share' } : {}) }] },
      { args: ['server', '-config=/vault/config/vault.hcl'], volumeMounts: [{ volumeName: 'vault-config', mountPath: '/vault/config' }] },
    );

  it('vault.hcl on a Secret volume: secret set for vault.hcl, then one restart; the variable as the alternative', () => {
    const { target, line } = app;
    const f = primary({ system: loop, console: MLOCK.map((t, i) => line(t, 5 + i)), target: target(), config: vaultConfig('Secret') });
    const cmds = commands(f);
    const set = cmds.findIndex((c) => c.startsWith('az containerapp secret set -n vault -g rg-sec --secrets vault.hcl=<file-content>'));
    expect(set).toBeGreaterThanOrEqual(0);
    expect(texts(f)).toContain('Secret volume vault-config mounted at /vault/config');
    expect(restarts(f)).toHaveLength(1);
    expect(cmds.findIndex((c) => c.includes('revision restart'))).toBeGreaterThan(set);
    expect(all(f)).toContain('--set-env-vars VAULT_DISABLE_MLOCK=true');
    expectValidCommands(f);
  });

  it('near miss: the same file on an Azure Files share gets no secret set', () => {
    const { target, line } = app;
    const f = primary({ system: loop, console: MLOCK.map((t, i) => line(t, 5 + i)), target: target(), config: vaultConfig('AzureFile') });
    expect(all(f)).not.toContain('secret set');
  });

  it('an override directory (config.d) on a Secret volume: the app\'s one secret is the file', () => {
    // https://github.com/ClickHouse/ClickHouse/issues/7938 ("No servers started (add valid listen_host and 'tcp_port' or 'http_port' to configuration file.)")
    const { target, line, config, exit } = app;
    const rows = ["<Error> Application: DB::Exception: No servers started (add valid listen_host and 'tcp_port' or 'http_port' to configuration file.)"];
    const f = primary({
      system: [exit(70, 10), exit(70, 70), exit(70, 130)], console: rows.map((t) => line(t, 5)), target: target(),
      config: config(
        { volumes: [{ name: 'ch-config', storageType: 'Secret' }], secrets: [{ name: 'listen-xml' }] },
        { name: 'vault', image: 'altinity/clickhouse-server:23.8.11.29.altinitystable', volumeMounts: [{ volumeName: 'ch-config', mountPath: '/etc/clickhouse-server/config.d' }] },
      ),
    });
    expect(all(f)).toContain('--secrets listen-xml=<file-content>');
    expect(restarts(f)).toHaveLength(1);
    expectValidCommands(f);
  });
});

describe('start args built from the configuration', () => {
  it('a job whose change replaced its args: the healthy args back, through the YAML (a dashed word)', () => {
    // https://docs.python.org/3/library/argparse.html ("error: unrecognized arguments")
    const { target, line, config, exit } = job;
    const f = primary({
      system: [exit(2, 10)], console: [line('export.py: error: unrecognized arguments: --queue-name ledger-events', 5)], target: target({ kind: 'job' }),
      config: config(
        { kind: 'job', changesSinceHealthy: { fromRevision: 'x', summary: 'args changed from [serve --queue ledger-events] to [serve --queue-name ledger-events]; image unchanged', changes: [{ kind: 'args', container: 'partner-export' }] } as never },
        { command: ['python', 'export.py'], args: ['serve', '--queue-name', 'ledger-events'] },
      ),
    });
    expect(texts(f)).toContain('its args to ["serve", "--queue", "ledger-events"]');
    expect(all(f)).toContain('az containerapp job update -n partner-export -g rg-sec --yaml app.yaml');
    expectValidCommands(f);
  });

  it('near miss: a summary that does not print the args leaves no restore step', () => {
    const { target, line, config, exit } = job;
    const f = primary({
      system: [exit(2, 10)], console: [line('export.py: error: unrecognized arguments: --queue-name ledger-events', 5)], target: target({ kind: 'job' }),
      config: config(
        { kind: 'job', changesSinceHealthy: { summary: 'args changed', changes: [{ kind: 'args' }] } as never },
        { command: ['python', 'export.py'], args: ['serve', '--queue-name', 'ledger-events'] },
      ),
    });
    expect(texts(f)).not.toContain('put the healthy args back');
  });

  // https://docs.celeryq.dev/en/stable/reference/cli.html#celery-beat (-s, --schedule)
  it('celery beat told to write its schedule under /run: the same args with the file under /tmp', () => {
    const { target, line, config } = app;
    const f = primary({
      system: loop, target: target(),
      console: [line("[2026-10-01 00:46:13,640: ERROR/MainProcess] Removing corrupted schedule file '/run/celery-beat-schedule': error(13, 'Permission denied')", 5)],
      config: config({}, { name: 'vault', image: 'crreports.azurecr.io/reports-worker:2.8.1', command: ['celery'], args: ['-A', 'reports', 'beat', '-s', '/run/celery-beat-schedule'] }),
    });
    expect(texts(f)).toContain('["-A", "reports", "beat", "-s", "/tmp/celery-beat-schedule"]');
    expect(all(f)).toContain('--yaml app.yaml');
    expectValidCommands(f);
  });

  it('celery beat writing celerybeat-schedule in a root-owned working directory: --schedule under /tmp', () => {
    // https://github.com/celery/celery/issues/4006 ("Permission denied: 'celerybeat-schedule'")
    const { target, line, config } = app;
    const f = primary({
      system: loop, target: target(),
      console: [line("[2026-10-01 00:54:41,220: ERROR/MainProcess] Permission denied: 'celerybeat-schedule'", 5), line('[Errno 13] Permission denied', 6)],
      config: config({}, { name: 'vault', image: 'crbi.azurecr.io/superset:1.5.1', command: ['celery'], args: ['--app=superset.tasks.celery_app:app', 'beat'] }),
    });
    expect(texts(f)).toContain('"--schedule=/tmp/celerybeat-schedule"');
    expectValidCommands(f);
  });

  it('near miss: a permission refusal on a path the args do not give, for another program, changes no args', () => {
    const { target, line, config } = app;
    const f = primary({
      system: loop, target: target(),
      console: [line("PermissionError: [Errno 13] Permission denied: '/var/log/app/app.log'", 5)],
      config: config({}, { name: 'vault', image: 'crbi.azurecr.io/api:1.0.0', command: ['python'], args: ['main.py'] }),
    });
    expect(all(f)).not.toContain('--yaml app.yaml');
    expect(texts(f)).not.toContain('/tmp/app.log');
  });
});

describe('a refused credential with no secret named', () => {
  // https://github.com/paramiko/paramiko/blob/main/paramiko/auth_handler.py ("Authentication failed.")
  const REFUSED = 'paramiko.ssh_exception.AuthenticationException: Authentication failed.';

  it('a job with no configuration: the secret list, the secret set, then a new execution (the retry)', () => {
    const { target, line, exit } = job;
    const f = primary({ system: [exit(1, 60)], console: [line('INFO connecting to sftp.partner.example:22 as contoso_drop', 5), line(REFUSED, 50)], target: target({ kind: 'job' }) });
    expect(all(f)).toContain("az containerapp job secret list -n partner-export -g rg-sec --query '[].name' -o tsv");
    expect(all(f)).toContain('az containerapp job secret set -n partner-export -g rg-sec --secrets <secret-name>=<value>');
    expect(restarts(f)).toEqual([`az containerapp job start -n partner-export -g rg-sec --subscription ${SUB}`]);
    expectValidCommands(f);
  });

  it('an app whose configuration ties one credential variable to a secret: that secret, then the restart', () => {
    const { target, line, config } = app;
    const f = primary({
      system: loop, console: [line(REFUSED, 5)], target: target(),
      config: config({ secrets: [{ name: 'sftp-pass' }] }, { name: 'vault', image: 'crdata.azurecr.io/sftp-sync:2.0.0', env: [{ name: 'SFTP_PASSWORD', hasValue: false, secretRef: 'sftp-pass' }, { name: 'SFTP_HOST', hasValue: true }] }),
    });
    expect(all(f)).toContain('--secrets sftp-pass=<value>');
    expect(all(f)).not.toContain('<secret-name>');
    expect(restarts(f)).toHaveLength(1);
    expectValidCommands(f);
  });
});

describe('a job with no console output', () => {
  it('a new execution and that execution\'s console, never the revision\'s', () => {
    const { target, config, exit } = job;
    const f = primary({ system: [exit(1, 5)], console: [], target: target({ kind: 'job' }), config: config({ kind: 'job' }) });
    expect(all(f)).toContain('az containerapp job start -n partner-export -g rg-sec --query name -o tsv');
    expect(all(f)).toContain('az containerapp job logs show -n partner-export -g rg-sec --execution <execution-name> --container partner-export --follow');
    expect(texts(f)).not.toContain("stream the revision's console");
    expectValidCommands(f);
  });

  it('near miss: an app keeps the revision\'s console stream', () => {
    const { target, config, exit } = app;
    const f = primary({ system: [exit(1, 5), exit(1, 65), exit(1, 125)], console: [], target: target(), config: config() });
    expect(all(f)).not.toContain('job logs show');
  });
});

describe('an App Configuration call refused with 403', () => {
  // https://learn.microsoft.com/azure/azure-app-configuration/concept-enable-rbac (App Configuration Data Reader)
  const ROWS = [
    'Azure-Core: [Informational] Request [cde3d04b] GET <AppConfigEndPoint>/kv?key=REDACTED&label=REDACTED&api-version=2023-10-01',
    'Azure-Core: [Warning] Error response [cde3d04b] 403 Forbidden (00.1s)',
    'Unhandled exception. Azure.RequestFailedException: Service request failed.',
    'Status: 403 (Forbidden)',
  ];

  it('the data role on the store the endpoint variable points at', () => {
    const { target, line, config, exit } = app;
    const f = primary({
      system: [exit(134, 10), exit(134, 70)], console: ROWS.map((t, i) => line(t, 3 + i)), target: target(),
      config: config({ identity: { type: 'SystemAssigned' } } as never, { name: 'vault', image: 'myacr.azurecr.io/catalog-api:8.0.4', env: [{ name: 'AppConfig__Endpoint', hasValue: true }] }),
    });
    expect(all(f)).toContain(`--role 'App Configuration Data Reader' --scope $(az appconfig show -n <store-name> --query id -o tsv --subscription ${SUB})`);
    expect(texts(f)).toContain('AppConfig__Endpoint');
    expect(all(f)).not.toContain("--role '<role>'");
    expectValidCommands(f);
  });

  it('near miss: a 403 from an unnamed service, with no App Configuration variable, keeps the blanks', () => {
    const { target, line, config, exit } = app;
    const f = primary({
      system: [exit(134, 10), exit(134, 70)], console: [line('Unhandled exception. Azure.RequestFailedException: Service request failed.', 3), line('Status: 403 (Forbidden)', 4)], target: target(),
      config: config({}, { name: 'vault', image: 'myacr.azurecr.io/catalog-api:8.0.4', env: [{ name: 'API_URL', hasValue: true }] }),
    });
    expect(all(f)).not.toContain('appconfig show');
  });
});
