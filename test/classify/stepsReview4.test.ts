/**
 * The classes of the fifth-round steps reviews (issue #11, docs/steps-review.md): the step fits the
 * runtime the rows show, a cause-specific step is not followed by the category's generic checklist, and
 * the step says the cause's fix (a migration, a missing database, the OS package behind a library).
 * Each incident uses a public wording, with its source.
 */
import { CATEGORY_TEXT } from '../../src/classify/rules/categoryText';
import { ruleSteps } from '../../src/classify/steps';
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3b9f2d71-6c0e-4a85-9e12-7f4d8c1a0b63';
const { target, config, exit, line, sys } = appFixtures({
  app: 'orders-api', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: Date.parse('2026-12-02T09:30:00Z'),
  replica: 'orders-api--v42-7c9d8f6b5-q4x2m',
  container: { name: 'orders-api', image: 'crshop.azurecr.io/orders-api:4.2.0', cpu: 1, memory: '2Gi', env: [], probes: [] },
});
const steps = (f: ReturnType<typeof primary>): number => (f.steps ?? []).length;

describe('memory: each runtime gets its own knob, or is told it has none', () => {
  it('the Erlang VM (eheap_alloc) has no heap cap: find the process that grew, erl_crash.dump', () => {
    // https://www.erlang.org/doc/apps/erts/crash_dump.html ("eheap_alloc: Cannot allocate ... (of type "heap")")
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('eheap_alloc: Cannot allocate 1098556536 bytes of memory (of type "heap").'), line('Crash dump is being written to: erl_crash.dump...done', 0.1)],
      target: target(), config: config(),
    });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('The Erlang VM has no heap cap to raise');
    expect(texts(f)).toContain('erl_crash.dump');
    expect(texts(f)).not.toMatch(/75%|-Xmx|max-old-space-size/);
  });

  it('Go: GOMEMLIMIT a tenth below the container limit, with the command', () => {
    // https://pkg.go.dev/runtime (GOMEMLIMIT); the message is runtime/malloc.go's "out of memory" throw
    const f = primary({
      system: [exit(2), exit(2, 40)],
      console: [line('fatal error: runtime: out of memory'), line('runtime stack:', 0.1), line('runtime.throw({0x9b3c2e?, 0x2000?})', 0.2)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('set GOMEMLIMIT to 1843MiB');
    expect(commands(f).join('\n')).toContain('--set-env-vars GOMEMLIMIT=1843MiB');
    expect(texts(f)).not.toContain('Memory Working Set Bytes');
    expectValidCommands(f);
  });

  it('.NET OutOfMemoryException: the GC heap cap at 75% of the container, DOTNET_GCHeapHardLimitPercent', () => {
    // https://learn.microsoft.com/en-us/dotnet/core/runtime-config/garbage-collector#heap-hard-limit
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line("Unhandled exception. System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown."), line('   at System.Collections.Generic.List`1.set_Capacity(Int32 value)', 0.1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('.NET caps its GC heap at 75% of the container\'s 2Gi');
    expect(texts(f)).toContain('DOTNET_GCHeapHardLimitPercent');
    expect(texts(f)).not.toMatch(/-Xmx|max-old-space-size|Memory Working Set Bytes/);
  });

  it('Python (numpy): no cap to raise; smaller batches and fewer workers, naming the allocation', () => {
    // https://stackoverflow.com/questions/57507832/unable-to-allocate-array-with-shape-and-data-type
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('Traceback (most recent call last):'),
        line('  File "/app/train.py", line 40, in <module>', 0.1),
        line('numpy.core._exceptions._ArrayMemoryError: Unable to allocate 74.5 GiB for an array with shape (100000, 100000) and data type float64', 0.2),
      ],
      target: target(), config: config(),
    });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('Python has no heap cap to raise: 74.5 GiB did not fit');
    expect(texts(f)).toMatch(/smaller batches.*fewer worker processes/);
    expect(texts(f)).not.toContain('raise it towards 75%');
    expectValidCommands(f);
  });
});

describe('entrypoint: the CRLF step is not followed by the generic exists/chmod and command checks', () => {
  it('"exec /docker-entrypoint.sh: no such file or directory" gets the shebang/CRLF step, then only the deploy of the rebuilt image', () => {
    // https://fixdevs.com/blog/docker-exec-format-error/ (a CR in the shebang makes the interpreter path not exist)
    const f = primary({ system: [exit(255), exit(255, 40)], console: [line('exec /docker-entrypoint.sh: no such file or directory')], target: target(), config: config() });
    expect(f.category).toBe('entrypoint-error');
    expect(texts(f)).toContain("sed -i 's/\\r$//' /docker-entrypoint.sh");
    expect(texts(f)).not.toMatch(/chmod \+x|Compare the image's ENTRYPOINT/);
    expect(steps(f)).toBe(2);
    expect(f.steps?.[1]?.command).toMatch(/^az containerapp update .* --image /);
  });
});

describe('the cause\'s fix, not the category\'s', () => {
  it('libGL.so.1 names its OS package (libgl1; mesa-gl on Alpine), not "named after the library"', () => {
    // https://stackoverflow.com/questions/55313610/importerror-libgl-so-1-cannot-open-shared-object-file-no-such-file-or-directory
    const f = primary({ system: [exit(1), exit(1, 40)], console: [line('ImportError: libGL.so.1: cannot open shared object file: No such file or directory')], target: target(), config: config() });
    expect(f.category).toBe('missing-module');
    expect(texts(f)).toContain('apt-get install -y --no-install-recommends libgl1');
    expect(texts(f)).toContain('apk add --no-cache mesa-gl');
    expect(texts(f)).not.toContain('requirements.txt');
  });

  it('a library the table does not know keeps the generic wording', () => {
    const f = primary({ system: [exit(127), exit(127, 40)], console: [line('/app/bin/worker: error while loading shared libraries: libfoo-internal.so.3: cannot open shared object file: No such file or directory')], target: target(), config: config() });
    expect(texts(f)).toContain('Install the OS package that provides libfoo-internal.so.3');
  });

  it('MySQL "Unknown database" is a database to create or a name to fix, not a password or a variable', () => {
    // https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html (ER_BAD_DB_ERROR 1049: Unknown database '%s')
    const f = primary({ system: [exit(1), exit(1, 40)], console: [line("Unhandled rejection SequelizeConnectionError: Unknown database 'orders'")], target: target(), config: config() });
    expect(texts(f)).toContain('The MySQL server has no database orders');
    expect(texts(f)).not.toMatch(/Run the same image locally|Read the console log/);
  });

  it('SQL Server 4060 "Cannot open database ... requested by the login" is not a rotated password', () => {
    // https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-4060-database-engine-error
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line('Unhandled exception. Microsoft.Data.SqlClient.SqlException (0x80131904): Cannot open database "Orders" requested by the login. The login failed.'), line("Login failed for user 'orders_app'.", 0.1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('database Orders cannot be opened');
    expect(texts(f)).not.toMatch(/rotated|restart/i);
    expect(commands(f).join('\n')).not.toMatch(/secret (set|list)|revision restart/);
  });

  it('a Flyway checksum mismatch names the migration fix (repair, never edit an applied migration)', () => {
    // https://github.com/mercedes-benz/sechub/issues/1104 (FlywayValidateException: Validate failed: Migrations have failed validation)
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: Migrations have failed validation'), line('Migration checksum mismatch for migration version 3', 0.1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('Flyway refused to migrate');
    expect(texts(f)).toContain('flyway repair');
    expect(texts(f)).not.toMatch(/Run the same image locally/);
  });

  it('SQL Server 2714 from a migration names the history table, not "fix or handle the exception"', () => {
    // https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/database-engine-events-and-errors-2000-to-2999 (2714)
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [
        line('fail: Microsoft.EntityFrameworkCore.Database.Command[20102]'),
        line('      CREATE TABLE [mix_attribute_set] ([Id] int NOT NULL IDENTITY);', 0.1),
        line("Unhandled exception. Microsoft.Data.SqlClient.SqlException (0x80131904): There is already an object named 'mix_attribute_set' in the database.", 0.2),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('tried to create mix_attribute_set');
    expect(texts(f)).toContain('__EFMigrationsHistory');
    expect(texts(f)).not.toMatch(/Fix or handle the failure|Read the app's last console lines/);
    expectValidCommands(f);
  });
});

describe('port: the loopback step names the server\'s own setting', () => {
  const probe = (s: number) => sys('ProbeFailed', 'Readiness probe failed: dial tcp 10.0.2.17:8000: connect: connection refused', s);
  it('uvicorn on 127.0.0.1 gets --host 0.0.0.0, not ASPNETCORE_URLS', () => {
    // https://www.uvicorn.org/settings/ (--host defaults to 127.0.0.1)
    const f = primary({
      system: [probe(10), probe(20)],
      console: [line('INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)')],
      target: target(), config: config({ ingress: { targetPort: 8000, external: true } } as never),
    });
    expect(f.ruleId).toBe('config.loopback-listen');
    expect(texts(f)).toContain('--host 0.0.0.0 --port 8000');
    expect(texts(f)).not.toMatch(/ASPNETCORE|gunicorn/);
  });

  it('Kestrel on localhost gets ASPNETCORE_URLS with the command', () => {
    // https://learn.microsoft.com/en-us/aspnet/core/fundamentals/servers/kestrel/endpoints
    const f = primary({
      system: [probe(10), probe(20)],
      console: [line('info: Microsoft.Hosting.Lifetime[14]'), line('      Now listening on: http://localhost:8000', 0.1)],
      target: target(), config: config({ ingress: { targetPort: 8000, external: true } } as never),
    });
    expect(f.ruleId).toBe('config.loopback-listen');
    expect(commands(f).join('\n')).toContain('--set-env-vars ASPNETCORE_URLS=http://+:8000');
    expect(texts(f)).not.toMatch(/--host 0\.0\.0\.0|gunicorn/);
    expectValidCommands(f);
  });
});

describe('ruleSteps: decisive and fallback steps, names a step\'s own test captures', () => {
  const row = (text: string) => ({ source: 'console' as const, text });

  it('a fallback step stands down only when a decisive one applies', () => {
    const actions = [
      { when: /CR/, decisive: true, text: 'specific' },
      { fallback: true, text: 'generic' },
      { text: 'kept' },
    ];
    expect(ruleSteps({ actions, names: {}, evidence: [row('CR seen')] }).map((s) => s.text)).toEqual(['specific', 'kept']);
    expect(ruleSteps({ actions, names: {}, evidence: [row('nothing')] }).map((s) => s.text)).toEqual(['generic', 'kept']);
  });

  it('a `when` group fills that step only, and never replaces a name the rule extracted', () => {
    const actions = [{ when: /Unknown database '(?<database>\w+)'/, text: 'create {database}' }];
    expect(ruleSteps({ actions, names: {}, evidence: [row("Unknown database 'orders'")] })[0]?.text).toBe('create orders');
    expect(ruleSteps({ actions, names: { database: 'billing' }, evidence: [row("Unknown database 'orders'")] })[0]?.text).toBe('create billing');
  });

  it('.NET without ICU (a crash-signal reading) gets the package or invariant mode, not the native-library checklist', () => {
    // https://github.com/dotnet/core/issues/2186 ("Couldn't find a valid ICU package installed on the system")
    const evidence = [row("Process terminated. Couldn't find a valid ICU package installed on the system. Please install libicu (or icu-libs) using your package manager and try again.")];
    const out = ruleSteps({ actions: CATEGORY_TEXT['crash-signal'].actions, names: {}, evidence });
    expect(out.map((s) => s.text).join('\n')).toContain('DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1');
    expect(out.map((s) => s.text).join('\n')).not.toContain('sharp/libvips');
    expect(out).toHaveLength(1);
  });
});
