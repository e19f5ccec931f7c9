/**
 * Runtime-specific step text only for the runtime the rows or configuration show (steps review v25, class
 * "text for another runtime"): a jar without Main-Class gets Spring Boot's repackage only for a Spring app,
 * a move to Alpine names the glibc base of the app's own runtime, a migration already applied names the
 * history table of the tool that printed it, and a Node heap flag is never told about -Xmx. Public wording
 * with its source; each class has a near miss that keeps the other text.
 */
import { appFixtures, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const { target, config, exit, line } = appFixtures({
  app: 'ledger-ui', resourceGroup: 'rg-apps', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'ledger-ui--0000004-5d6f7a8b9-q2w3e',
  container: { name: 'ledger-ui', image: 'appsacr.azurecr.io/ledger-ui:4', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});

describe('a jar without Main-Class: the packaging of the framework the app shows', () => {
  // https://github.com/tchiotludo/akhq/issues/199 (a Micronaut app run from the plain jar)
  const NO_MANIFEST = 'no main manifest attribute, in kafkahq.jar';

  it('no framework shown: the build tool\'s runnable jar (shadowJar, shade), never Spring Boot', () => {
    const f = primary({ system: [exit(1), exit(1, 40)], console: [line(NO_MANIFEST)], target: target(), config: config({}, { command: ['java'], args: ['-jar', 'kafkahq.jar'] }) });
    expect(f.category).toBe('entrypoint-error');
    expect(texts(f)).toContain('shadowJar');
    expect(texts(f)).not.toContain('Spring Boot');
    expect(texts(f)).not.toContain('chmod +x');
    expectValidCommands(f);
  });

  it('near miss: SPRING_PROFILES_ACTIVE in the configuration: Spring Boot\'s repackage goal', () => {
    // https://stackoverflow.com/questions/54867295/springboot-no-main-manifest-attribute-maven
    const f = primary({
      system: [exit(1), exit(1, 40)], console: [line('no main manifest attribute, in /app/app.jar')], target: target(),
      config: config({}, { env: [{ name: 'SPRING_PROFILES_ACTIVE', hasValue: true }] }),
    });
    expect(texts(f)).toContain('repackage');
    expect(texts(f)).not.toContain('shadowJar');
  });

  it('near miss: the jar the row names is a Spring one: repackage without any configuration', () => {
    const f = primary({ system: [exit(1), exit(1, 40)], console: [line('no main manifest attribute, in target/spring-petclinic-3.1.0.jar')], target: target() });
    expect(texts(f)).toContain('repackage');
  });
});

describe('a native crash after a move to Alpine: the glibc base of the runtime shown', () => {
  const alpine = (image: string, env: { name: string; hasValue: boolean }[]) =>
    config({
      changesSinceHealthy: {
        fromRevision: 'ledger-ui--0000003', summary: 'base image moved to alpine',
        changes: [{ kind: 'image', container: 'ledger-ui' }],
      },
    } as never, { image, env });

  it('an ASP.NET app (ASPNETCORE_ env, Kestrel rows): the dotnet/aspnet Debian tag, no JVM image', () => {
    // https://github.com/dotnet/runtime/issues/13377 ("Segmentation fault (core dumped)" on an Alpine aspnet image)
    const f = primary({
      system: [exit(139), exit(139, 40)],
      console: [line('Content root path: /app/publish', -2), line('Segmentation fault (core dump)')],
      target: target(), config: alpine('appsacr.azurecr.io/ledger-ui:3.1-alpine', [{ name: 'ASPNETCORE_ENVIRONMENT', hasValue: true }]),
    });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('mcr.microsoft.com/dotnet/aspnet:<version>');
    expect(texts(f)).not.toMatch(/eclipse-temurin|JVM/);
  });

  it('near miss: a Java app (JAVA_OPTS): eclipse-temurin\'s -jre-jammy', () => {
    const f = primary({
      system: [exit(139), exit(139, 40)], console: [line('Segmentation fault (core dump)')],
      target: target(), config: alpine('appsacr.azurecr.io/ledger-ui:11-alpine', [{ name: 'JAVA_OPTS', hasValue: true }]),
    });
    expect(texts(f)).toContain('-jre-jammy');
    expect(texts(f)).not.toContain('dotnet/aspnet');
  });

  it('near miss: no runtime shown: the same runtime on a Debian or Ubuntu tag, no product named', () => {
    const f = primary({ system: [exit(139), exit(139, 40)], console: [line('Segmentation fault (core dump)')], target: target(), config: alpine('appsacr.azurecr.io/ledger-ui:2-alpine', []) });
    expect(texts(f)).toContain('the same runtime on a Debian or Ubuntu tag');
    expect(texts(f)).not.toMatch(/eclipse-temurin|dotnet\/aspnet/);
  });
});

describe('a migration that creates what exists: the history table of the tool that printed it', () => {
  it('TypeORM (QueryFailedError): its migrations table, not __EFMigrationsHistory', () => {
    // https://github.com/typeorm/typeorm/issues/4512 ('QueryFailedError: relation "..." already exists')
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('QueryFailedError: relation "e_image_backend" already exists'), line('    at async MigrationExecutor.executePendingMigrations (/app/node_modules/typeorm/migration/MigrationExecutor.js:178:17)', 0.1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain("TypeORM's `migrations` table");
    expect(texts(f)).not.toContain('__EFMigrationsHistory');
  });

  it('near miss: no tool in the rows: the tool\'s history table, no product named', () => {
    // https://www.postgresql.org/docs/current/errcodes-appendix.html (42P07 duplicate_table)
    const f = primary({ system: [exit(1), exit(1, 40)], console: [line('ERROR: relation "orders" already exists')], target: target(), config: config() });
    expect(texts(f)).toContain("the tool's migration history table");
    expect(texts(f)).not.toContain('__EFMigrationsHistory');
  });
});

describe('a heap flag merged into an options variable: the superseded flag in its runtime\'s words', () => {
  // https://nodejs.org/api/cli.html#--max-old-space-sizesize-in-mib
  it('NODE_OPTIONS: an older --max-old-space-size, never -Xmx', () => {
    const f = primary({
      system: [exit(134), exit(134, 40)],
      console: [line('FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory')],
      target: target(), config: config({}, { command: ['node'], args: ['dist/main.js'], env: [{ name: 'NODE_OPTIONS', hasValue: true }] }),
    });
    expect(texts(f)).toContain('an older --max-old-space-size');
    expect(texts(f)).not.toMatch(/-Xmx|MaxRAMPercentage/);
    expectValidCommands(f);
  });
});
