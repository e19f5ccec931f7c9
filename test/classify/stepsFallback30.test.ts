/**
 * v26 review set A class 5 (32, 38) and set B class 1 (52, 81, 84): a server's printed remedy must lead, and
 * the fallback with no rule must give something to run. Real public wording: Kong's
 * kong/cmd/utils/migrations.lua ("Database needs bootstrapping or is older than Kong 1.0. ... To start a new
 * installation from scratch, run 'kong migrations bootstrap'."), Airflow's utils/db.py ("You need to initialize
 * the database. Please run `airflow db init`."), Nuxt's nuxi preview ("ERROR  Cannot find nitro.json.").
 * Near misses: "failed to run 'X'" echoes what ran; a one-word "run 'kong'"; no ready revision, no rollback.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'gateway', resourceGroup: 'rg-edge', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  revision: 'gateway--0000018', replica: 'gateway--0000018-6d8b9f7c5-z5hne',
  container: { name: 'gateway', image: 'docker.io/library/kong:2.1', cpu: 0.5, memory: '1Gi', probes: [], env: [] },
});
const ended = [sys('ContainerStarted', 'Started container gateway', 1), exit(1, 30), exit(1, 90), sys('ContainerBackOff', 'Persistent Failure to start container', 95)];
const ready = { latestRevisionName: 'gateway--0000018', latestReadyRevisionName: 'gateway--0000017' };

describe("a server's printed command leads, run the Container Apps way", () => {
  it("Kong: run 'kong migrations bootstrap' as an init container, no 'until a fixed build ships'", () => {
    const f = primary({ system: ended, target: target(), config: config(), console: [
      line("2026/10/04 18:21:18 [error] 1#0: init_by_lua error: /usr/local/share/lua/5.1/kong/cmd/utils/migrations.lua:16: Database needs bootstrapping or is older than Kong 1.0.", 20),
      line("To start a new installation from scratch, run 'kong migrations bootstrap'.", 20),
      line('stack traceback:', 21),
      line("\t[C]: in function 'error'", 21),
    ] });
    const all = texts(f);
    expect(all).toContain("server's own fix: `kong migrations bootstrap`");
    expect(all).toContain('command kong, args migrations bootstrap');
    expect(all).toContain('initContainers');
    expect(all).not.toMatch(/Until a fixed build ships/);
    expectValidCommands(f);
  });

  it('Airflow: "Please run `airflow db init`" is a server command, not an image build', () => {
    const f = primary({ system: ended, target: target(), config: config({}, { image: 'docker.io/apache/airflow:2.7.1' }), console: [
      line('ERROR: You need to initialize the database. Please run `airflow db init`. Make sure the command is run using Airflow version 2.7.1.', 20),
    ] });
    expect(texts(f)).toContain('`airflow db init`');
    expect(texts(f)).not.toContain('RUN line');
  });

  it("near misses: a failed run and a one-word command are not remedies", () => {
    const f = primary({ system: ended, target: target(), config: config(), console: [
      line("fatal: failed to run 'git describe --tags'", 18),
      line("hint: run 'kong' to see the options", 19),
      line('Error: boom', 20),
    ] });
    expect(texts(f)).not.toContain("server's own fix");
  });
});

describe('the fallback with no rule gives the logs and the way back', () => {
  it('nitro.json missing: console and system logs of the revision, then the ready revision copied', () => {
    const f = primary({ system: ended, target: target(), config: config(ready, { image: 'acrshop.azurecr.io/shop-nuxt:3.18.0' }), console: [
      line('> nuxi preview', 19),
      line(' ERROR  Cannot find nitro.json.', 20),
    ] });
    const all = texts(f);
    expect(all).toMatch(/--revision gateway--0000018 --type system/);
    expect(commands(f).join('\n')).toMatch(/logs show .*--revision gateway--0000018 .*--type console/);
    expect(commands(f).join('\n')).toContain('revision copy -n gateway -g rg-edge --from-revision gateway--0000017');
    expect(all).not.toContain('<healthy-revision>');
    expectValidCommands(f);
  });

  it('no ready revision in the configuration: logs, but no rollback', () => {
    const f = primary({ system: ended, target: target(), config: config({ latestRevisionName: 'gateway--0000018' }, { image: 'acrshop.azurecr.io/shop-nuxt:3.18.0' }), console: [
      line(' ERROR  Cannot find nitro.json.', 20),
    ] });
    expect(commands(f).join('\n')).not.toContain('revision copy');
    expectValidCommands(f);
  });

  it('a Python traceback with a ready revision: the rollback names it instead of <healthy-revision>', () => {
    const f = primary({ system: ended, target: target(), config: config(ready, { image: 'roofacr.azurecr.io/roof-api:1.9.0' }), console: [
      line('Traceback (most recent call last):', 18),
      line('  File "/app/prestart.py", line 12, in <module>', 18),
      line("    subprocess.run(['alembic', 'upgrade', 'head'], check=True)", 18),
      line("subprocess.CalledProcessError: Command '['alembic', 'upgrade', 'head']' returned non-zero exit status 255.", 19),
    ] });
    expect(texts(f)).not.toContain('<healthy-revision>');
    expectValidCommands(f);
  });
});
