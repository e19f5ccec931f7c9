/**
 * Tenth steps review (docs/steps-review-v18-fresh.md), class "a generic per-language template where the rows
 * name the component": the crashing module (a Python frame's package, a start command's import, Chromium
 * under Playwright, Celery's pool children, the JVM's frame and build), the package behind a missing library
 * (NSS, Chrome's set, the image's base), each migration tool's own lock release and a URL scheme the driver
 * names. Public wording with its source; near misses keep their steps.
 */
import { appFixtures, expectValidCommands, primary, texts, commands } from './stepsFixtures';

const SUB = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const app = appFixtures({
  app: 'render-api', resourceGroup: 'rg-render', subscriptionId: SUB, t0: Date.parse('2026-11-03T02:00:00Z'),
  revision: 'render-api--0000021', replica: 'render-api--0000021-5c6d7e8f9-k3m4n',
  container: { name: 'render-api', image: 'renderacr.azurecr.io/render-api:3.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const job = appFixtures({
  app: 'db-init', resourceGroup: 'rg-render', subscriptionId: SUB, t0: Date.parse('2026-11-03T02:00:00Z'),
  replica: 'db-init-x7k2p-9zq4r',
  container: { name: 'db-init', image: 'renderacr.azurecr.io/db-init:1.0.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const { target, config, line, exit } = app;
const GENERIC_NATIVE = /sharp\/libvips, numpy, grpc/;

describe('a native crash names the module the rows or the command name', () => {
  // https://docs.python.org/3/library/faulthandler.html (the "Current thread ... (most recent call first)" dump)
  it('a faulthandler frame under site-packages names that package (torch)', () => {
    const f = primary({
      system: [exit(139, 10), exit(139, 40)],
      console: [
        line('Fatal Python error: Segmentation fault', 1),
        line('Current thread 0x00007fade862d080 (most recent call first):', 2),
        line('  File "/usr/local/lib/python3.9/site-packages/torch/__init__.py", line 229 in <module>', 3),
        line('  File "/app/worker.py", line 3 in <module>', 4),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toMatch(/crash in torch, a compiled package/);
    expect(texts(f)).not.toMatch(GENERIC_NATIVE);
  });

  it('near miss: a frame in the app\'s own file keeps the generic faulthandler step', () => {
    const f = primary({
      system: [exit(139, 10), exit(139, 40)],
      console: [line('Fatal Python error: Segmentation fault', 1), line('  File "/app/worker.py", line 3 in <module>', 2)],
      target: target(), config: config(),
    });
    expect(texts(f)).toMatch(/the deepest one under site-packages is the compiled package/);
  });

  // https://pytorch.org/get-started/locally/ (CPU wheels from https://download.pytorch.org/whl/cpu)
  it('a start command that imports torch first names torch for a bare "Segmentation fault"', () => {
    const f = primary({
      system: [exit(139, 10), exit(139, 40)],
      console: [line('Segmentation fault (core dumped)', 5)],
      target: target(), config: config({}, { command: ['sh', '-c', 'python -c "import torch" && streamlit run app.py'] }),
    });
    expect(texts(f)).toMatch(/imports torch before the app starts/);
    expect(texts(f)).not.toMatch(GENERIC_NATIVE);
  });

  it('near miss: a bare segfault with no import in the command keeps the native check, in the Node app\'s words (v19 #28)', () => {
    const f = primary({
      system: [exit(139, 10), exit(139, 40)],
      console: [line('Segmentation fault (core dumped)', 5)],
      target: target(), config: config({}, { command: ['node', 'server.js'] }),
    });
    expect(texts(f)).toMatch(/native addons \(for example sharp\/libvips/);
    expect(texts(f)).not.toMatch(/numpy/);
  });

  // https://github.com/microsoft/playwright/issues/4761 (Chromium "Page crashed" in Docker; --disable-dev-shm-usage)
  it('Chromium under Playwright: /dev/shm and --disable-dev-shm-usage', () => {
    const f = primary({
      system: [job.exit(1, 10)],
      console: [
        job.line('render: 412 invoices queued', 0),
        job.line('2026-11-03T02:00:00.307Z pw:browser [err] [1001/005648.307796:ERROR:cert_issuer_source_aia.cc(104)] AiaRequest::OnFetchCompleted got error -301', 0),
        job.line('2026-11-03T02:00:01.269Z pw:browser [err] Received signal 11 SEGV_MAPERR 7f9adb995000', 1),
        job.line('2026-11-03T02:00:01.343Z pw:browser [err] #0 0x55afd03ae2f9 base::debug::CollectStackTrace()', 2),
        job.line('page.goto: Page crashed', 3),
      ],
      target: job.target({ kind: 'job' }), config: job.config({ kind: 'job' }),
    });
    expect(texts(f)).toMatch(/launched by Playwright/);
    expect(texts(f)).toMatch(/--disable-dev-shm-usage/);
    expect(texts(f)).not.toMatch(GENERIC_NATIVE);
  });

  // https://github.com/celery/billiard/blob/main/billiard/pool.py ("Process %r pid:%r exited with %r")
  it('Celery pool children killed by SIGSEGV: the child\'s native code, PYTHONFAULTHANDLER=1', () => {
    const f = primary({
      system: [],
      console: [
        line("[2026-11-03 02:00:20,799: ERROR/MainProcess] Process 'ForkPoolWorker-6' pid:53022 exited with 'signal 11 (SIGSEGV)'", 5),
        line("[2026-11-03 02:02:21,279: ERROR/MainProcess] Process 'ForkPoolWorker-2' pid:53031 exited with 'signal 11 (SIGSEGV)'", 125),
      ],
      target: target(), config: config(),
    });
    expect(texts(f)).toMatch(/Only Celery's pool children \(ForkPoolWorker-6\)/);
    expect(commands(f).join('\n')).toContain('--set-env-vars PYTHONFAULTHANDLER=1');
    expect(texts(f)).not.toMatch(GENERIC_NATIVE);
    expectValidCommands(f);
  });

  // https://docs.oracle.com/en/java/javase/17/troubleshoot/fatal-error-log.html (the hs_err header and "Problematic frame")
  const hsErr = (frame: string) => [
    line('# A fatal error has been detected by the Java Runtime Environment:', 1),
    line('#  SIGSEGV (0xb) at pc=0x0000000000000000, pid=1, tid=25', 1),
    line('# JRE version: OpenJDK Runtime Environment Zulu17.38+21-CA (17.0.5+8) (build 17.0.5+8-LTS)', 2),
    line('# Problematic frame:', 3),
    line(frame, 3),
  ];
  it('a JVM frame at pc=0 names the JDK build to move from, and no hs_err file', () => {
    const f = primary({ system: [exit(134, 10), exit(134, 40)], console: hsErr('# C  0x0000000000000000'), target: target(), config: config() });
    expect(texts(f)).toMatch(/address 0/);
    expect(texts(f)).toMatch(/Zulu17\.38\+21-CA \(17\.0\.5\+8\)/);
    expect(texts(f)).not.toMatch(/hs_err_pid\*\.log report \(keep it/);
  });

  it('near miss: a libjvm.so frame is named as the JVM\'s, not as address 0', () => {
    const f = primary({ system: [exit(134, 10), exit(134, 40)], console: hsErr('# V  [libjvm.so+0x5f3c21]  PhaseIdealLoop::build_loop_late_post+0x81'), target: target(), config: config() });
    expect(texts(f)).toMatch(/The problematic frame is `V \[libjvm\.so\+0x5f3c21\] PhaseIdealLoop::build_loop_late_post\+0x81`/);
    expect(texts(f)).not.toMatch(/address 0/);
  });
});

describe('a missing shared library maps to its package, for the image\'s base', () => {
  // https://packages.debian.org/bookworm/amd64/libnss3/filelist ; https://pkgs.alpinelinux.org/contents?file=libsoftokn3.so
  const NSS = '[3934:3953:1001/005412:ERROR:nss_util.cc(744)] Error initializing NSS with a persistent database (sql:/root/.pki/nssdb): libsoftokn3.so: cannot open shared object file: No such file or directory';
  it('libsoftokn3.so on an -alpine image: apk add nss only', () => {
    const f = primary({ system: [exit(134, 10), exit(134, 40)], console: [line(NSS, 5), line('Aborted', 6)], target: target(), config: config({}, { image: 'renderacr.azurecr.io/render-api:0.9.1-alpine' }) });
    expect(texts(f)).toMatch(/apk add --no-cache nss/);
    expect(texts(f)).not.toMatch(/usually named after the library|apt-get/);
  });

  it('near miss: the same library on an image of no known base gives both packages', () => {
    const f = primary({ system: [exit(134, 10), exit(134, 40)], console: [line(NSS, 5)], target: target(), config: config() });
    expect(texts(f)).toMatch(/libnss3 on Debian\/Ubuntu and nss on Alpine/);
  });

  // https://pptr.dev/troubleshooting (Chrome's Debian dependencies: libnss3, libx11-6, libxcomposite1, ...)
  const X11 = '/app/node_modules/puppeteer/.local-chromium/linux-1045629/chrome-linux/chrome: error while loading shared libraries: libX11.so.6: cannot open shared object file: No such file or directory';
  it('Chrome missing libX11 in a -slim image: the apt package and the whole Chrome set or a browser image', () => {
    const f = primary({ system: [exit(1, 10), exit(1, 40)], console: [line(X11, 5)], target: target(), config: config({}, { image: 'renderacr.azurecr.io/render-api:2.4.0-slim' }) });
    expect(texts(f)).toMatch(/apt-get install -y --no-install-recommends libx11-6/);
    expect(texts(f)).toMatch(/whole runtime set/);
    expect(texts(f)).toMatch(/mcr\.microsoft\.com\/playwright/);
  });

  it('near miss: libX11 missing for a program that is no browser gets no Chrome set', () => {
    const f = primary({
      system: [exit(1, 10), exit(1, 40)],
      console: [line('ImportError: libX11.so.6: cannot open shared object file: No such file or directory', 5)],
      target: target(), config: config({}, { image: 'renderacr.azurecr.io/render-api:2.4.0-slim' }),
    });
    expect(texts(f)).toMatch(/libx11-6/);
    expect(texts(f)).not.toMatch(/whole runtime set/);
  });
});

describe('a migration lock is released with its own tool', () => {
  // https://docs.liquibase.com/commands/utility/release-locks.html
  const LIQUIBASE = 'liquibase.exception.LockException: Could not acquire change log lock.  Currently locked by d380e8ac9ef1 (172.17.0.3) since 10/1/26, 12:41 AM';
  it('Liquibase on an app: releaseLocks, the holder, a restart, no knex text', () => {
    const f = primary({ system: [exit(1, 10), exit(1, 40)], console: [line(LIQUIBASE, 5)], target: target(), config: config() });
    expect(texts(f)).toMatch(/held by d380e8ac9ef1/);
    expect(texts(f)).toMatch(/liquibase releaseLocks/);
    expect(texts(f)).not.toMatch(/knex/);
    expect(commands(f).join('\n')).toContain('az containerapp revision restart -n render-api');
    expectValidCommands(f);
  });

  it('Liquibase in a job: a new execution, no replica step', () => {
    const f = primary({ system: [job.exit(1, 10)], console: [job.line(LIQUIBASE, 5)], target: job.target({ kind: 'job' }), config: job.config({ kind: 'job' }) });
    expect(commands(f).join('\n')).toContain('az containerapp job start -n db-init');
    expect(texts(f)).not.toMatch(/one replica/);
  });

  it('Liquibase waiting with no holder named: no pointer at a lock row', () => {
    const f = primary({ system: [exit(1, 10), exit(1, 40)], console: [line('Waiting for changelog lock....', 5), line('Waiting for changelog lock....', 15)], target: target(), config: config() });
    expect(texts(f)).toMatch(/DATABASECHANGELOGLOCK/);
    expect(texts(f)).not.toMatch(/see the lock row|knex/);
  });

  // https://github.com/TryGhost/knex-migrator (MigrationsAreLockedError)
  it('near miss: knex-migrator gets its own release, no Liquibase', () => {
    const f = primary({ system: [exit(1, 10), exit(1, 40)], console: [line('MigrationsAreLockedError: Migration lock was never released or currently a migration is running.', 5)], target: target(), config: config() });
    expect(texts(f)).toMatch(/knex-migrator/);
    expect(texts(f)).not.toMatch(/liquibase|DATABASECHANGELOGLOCK/i);
  });
});

describe('a URL scheme the driver names gets that one fix', () => {
  const env = { env: [{ name: 'DATABASE_URL', secretRef: 'pg-url', hasValue: false }] };
  // https://github.com/sqlalchemy/sqlalchemy/issues/6083 (postgres:// dropped in 1.4)
  it('SQLAlchemy\'s postgres dialect: postgres:// to postgresql://, no checklist', () => {
    const f = primary({
      system: [exit(1, 10), exit(1, 40)],
      console: [line("sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres", 5)],
      target: target(), config: config({ secrets: [{ name: 'pg-url' }] }, env),
    });
    expect(texts(f)).toMatch(/from `postgres:\/\/` to `postgresql:\/\/`/);
    expect(texts(f)).not.toMatch(/without underscores/);
  });

  // https://github.com/mongodb/node-mongodb-native/blob/main/src/connection_string.ts ("Invalid scheme, expected connection string to start with ...")
  it('the MongoDB driver lists the schemes it takes', () => {
    const f = primary({
      system: [exit(1, 10), exit(1, 40)],
      console: [line('MongoParseError: Invalid scheme, expected connection string to start with "mongodb://" or "mongodb+srv://"', 5)],
      target: target(), config: config(),
    });
    expect(texts(f)).toMatch(/"mongodb:\/\/" or "mongodb\+srv:\/\/"/);
  });

  it('near miss: an unparsable SQLAlchemy URL keeps the checklist', () => {
    const f = primary({
      system: [exit(1, 10), exit(1, 40)],
      console: [line("sqlalchemy.exc.ArgumentError: Could not parse SQLAlchemy URL from string 'postgresql://u:p@my_db:5432/app'", 5)],
      target: target(), config: config({ secrets: [{ name: 'pg-url' }] }, env),
    });
    expect(texts(f)).toMatch(/without underscores/);
  });
});
