/**
 * v26 review, set A class 1 / set B class 4 (cases 8, 22, 32, 84): the "go back until a fixed build ships"
 * step left `<healthy-revision>` although the configuration names the last ready revision, offered a
 * revision rollback to a Manual job (jobs have no revisions), and Django's InconsistentMigrationHistory
 * step left `<app> <migration>` although the error names the pair.
 * Real public wording: Django's loader ("Migration {}.{} is applied before its dependency {}.{} on database
 * '{}'.", django/db/migrations/loader.py; reported e.g. in django-allauth and weblate issues), Python's
 * subprocess.CalledProcessError ("Command '...' returned non-zero exit status 255."), Drizzle's
 * DrizzleQueryError ("Failed query: CREATE TABLE ..."). Near misses: a configuration whose latest ready
 * revision is the failing one, a configuration with no revision names, an app (not a job).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'roof-api', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'roof-api--0000024-0df5863a8-sv34c',
  container: { name: 'roof-api', image: 'roofacr.azurecr.io/roof-api:1.9.0', cpu: 0.5, memory: '1Gi', probes: [], env: [] },
});
const ended = [sys('ContainerStarted', 'Started container roof-api', 1), exit(1, 30), exit(1, 90), sys('ContainerBackOff', 'Persistent Failure to start container', 95)];
const alembic = [
  line('Traceback (most recent call last):', 20),
  line('  File "/app/prestart.py", line 12, in <module>', 20),
  line("    subprocess.run(['alembic', 'upgrade', 'head'], check=True)", 20),
  line("subprocess.CalledProcessError: Command '['alembic', 'upgrade', 'head']' returned non-zero exit status 255.", 20),
];

describe('the way back names the healthy revision the configuration gives', () => {
  it('latestReadyRevisionName older than the latest: revision copy from it, no <healthy-revision>', () => {
    const f = primary({ system: ended, console: alembic, target: target(), config: config({ latestRevisionName: 'roof-api--0000024', latestReadyRevisionName: 'roof-api--0000023' }) });
    const all = `${texts(f)}\n${commands(f).join('\n')}`;
    expect(all).not.toContain('<healthy-revision>');
    expect(commands(f)).toContainEqual(expect.stringContaining('revision copy -n roof-api -g rg-prod --from-revision roof-api--0000023'));
    expectValidCommands(f);
  });

  it('a revision whose health state is Healthy, not the failing one', () => {
    const f = primary({ system: ended, console: alembic, target: target(), config: config({
      latestRevisionName: 'roof-api--0000024', failingRevisionName: 'roof-api--0000024',
      revisions: [{ name: 'roof-api--0000024', healthState: 'Unhealthy' }, { name: 'roof-api--0000022', healthState: 'Healthy', createdTime: '2026-11-01T00:00:00Z' }],
    }) });
    expect(commands(f)).toContainEqual(expect.stringContaining('--from-revision roof-api--0000022'));
    expectValidCommands(f);
  });

  it('near miss: the latest ready revision is the failing one, so the blank stays', () => {
    const f = primary({ system: ended, console: alembic, target: target(), config: config({ latestRevisionName: 'roof-api--0000024', latestReadyRevisionName: 'roof-api--0000024' }) });
    expect(texts(f)).toContain('<healthy-revision>');
    expect(commands(f).join('\n')).not.toContain('revision copy');
  });

  it('near miss: no revision named at all, the list step stays', () => {
    const f = primary({ system: ended, console: alembic, target: target(), config: config() });
    expect(commands(f)).toContainEqual(expect.stringContaining('az containerapp revision list -n roof-api'));
  });
});

describe('Django InconsistentMigrationHistory: the pair the error names', () => {
  const history = [
    line('Traceback (most recent call last):', 20),
    line('  File "/app/manage.py", line 10, in <module>', 20),
    line("django.db.migrations.exceptions.InconsistentMigrationHistory: Migration trans.0085_auto_20170406_0904 is applied before its dependency lang.0010_auto_20180129_1443 on database 'default'.", 20),
  ];
  it('names the dependency in showmigrations and migrate --fake, with the earlier-migrations caveat', () => {
    const f = primary({ system: ended, console: history, target: target(), config: config() });
    expect(texts(f)).toContain('`python manage.py migrate lang 0010_auto_20180129_1443 --fake`');
    expect(texts(f)).toContain('`python manage.py showmigrations lang`');
    expect(texts(f)).toContain('trans.0085_auto_20170406_0904');
    expect(texts(f)).not.toContain('<migration>');
  });

  it('near miss: the class name alone keeps the generic step', () => {
    const f = primary({ system: ended, console: [line('django.db.migrations.exceptions.InconsistentMigrationHistory', 20)], target: target(), config: config() });
    expect(texts(f)).toContain('find the pair in the error');
  });
});

describe('a job has no revisions to go back to', () => {
  const job = appFixtures({
    app: 'neodb-init', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'neodb-init-jw63njh-gsgsv',
    container: { name: 'neodb-init', image: 'neodbacr.azurecr.io/neodb:0.9.2', cpu: 0.5, memory: '1Gi', probes: [], env: [], command: ['neodb-init'] },
  });
  it('Manual job: execution list, then the job\'s image back; no revision wording', () => {
    const f = primary({
      system: [job.sys('ContainerStarted', 'Started container neodb-init', 1), job.exit(1, 30)],
      console: [job.line("django.db.migrations.exceptions.InconsistentMigrationHistory: Migration users.0012_apidentity is applied before its dependency users.0015_user_mastodon_last_reachable on database 'default'.", 20)],
      target: job.target({ kind: 'job' }),
      config: job.config({ kind: 'job', job: { triggerType: 'Manual', replicaTimeout: 1800 } }),
    });
    expect(texts(f)).not.toMatch(/previous image or revision|which revision last ran/);
    expect(commands(f)).toContainEqual(expect.stringContaining('az containerapp job update -n neodb-init -g rg-prod --container-name neodb-init --image <previous-image>'));
    expect(texts(f)).toContain('migrate users 0015_user_mastodon_last_reachable --fake');
    expectValidCommands(f);
  });
});

describe('`<image>` in an inline docker run: the image the app runs', () => {
  const node = appFixtures({
    app: 'billing-api', resourceGroup: 'rg-prod', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
    replica: 'billing-api--0000012-5d9f7c6b8-q2w3e',
    container: { name: 'billing-api', image: 'acrbilling.azurecr.io/billing-api:1.12.0', cpu: 0.5, memory: '1Gi', probes: [], env: [] },
  });
  // Node's own wording for a start script that is not where the command says (internal/modules/cjs/loader).
  const missing = [
    node.line("Error: Cannot find module '/app/dist/main'", 20),
    node.line('    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)', 20),
    node.line("  code: 'MODULE_NOT_FOUND',", 20),
  ];
  it('the docker run check names the configured image', () => {
    const f = primary({ system: [node.sys('ContainerStarted', 'Started container billing-api', 1), node.exit(1, 30)], console: missing, target: node.target(), config: node.config() });
    expect(texts(f)).toContain('--entrypoint ls acrbilling.azurecr.io/billing-api:1.12.0');
    expect(texts(f)).not.toMatch(/`docker run [^`]*<image>/);
  });
  it('near miss: no configuration, the blank stays', () => {
    const f = primary({ system: [node.sys('ContainerStarted', 'Started container billing-api', 1), node.exit(1, 30)], console: missing, target: node.target(), config: undefined });
    expect(texts(f)).not.toContain('acrbilling.azurecr.io/billing-api:1.12.0');
  });
});
