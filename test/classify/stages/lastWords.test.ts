import { buildBlocks } from '../../../src/classify/stackTraces';
import { normaliseConsole, normaliseSystem } from '../../../src/classify/stages/evidence';
import { foldConsoleHits, readConsole, relateToFailures } from '../../../src/classify/stages/lastWords';

const t0 = Date.UTC(2025, 0, 1);
const line = (s: number, text: string, replica = 'r1') => ({ time: new Date(t0 + s * 1000), text, replica });

describe('stage 3: last words per replica', () => {
  it('marks causes shortly before a failure of the same replica as last words and carries the exit code', () => {
    const reading = readConsole(buildBlocks(normaliseConsole([line(-5, "KeyError: 'DATABASE_URL'"), line(-5, "KeyError: 'OTHER_URL'", 'r2')])));
    const [exit] = normaliseSystem([{ time: new Date(t0), reason: 'ContainerTerminated', message: 'x', replica: 'r1', count: 1 }]);
    relateToFailures(reading.hits, [{ sys: exit, code: 1 }]);
    const mine = reading.hits.find((h) => h.line.replica === 'r1');
    const other = reading.hits.find((h) => h.line.replica === 'r2');
    expect(mine).toMatchObject({ lastWords: true, exitCode: 1 });
    expect(other?.lastWords).toBe(false);
    const drafts = foldConsoleHits(reading.hits);
    expect(drafts.find((d) => d.names.envVar === 'DATABASE_URL')?.bonus).toBeGreaterThan(0);
  });

  it('treats a handled failure followed by an unhandled one as superseded', () => {
    const reading = readConsole(
      buildBlocks(normaliseConsole([line(0, 'WARN redis connection refused, retrying'), line(20, 'loading settings'), line(30, "KeyError: 'SECRET_KEY'")])),
    );
    const handled = reading.hits.find((h) => h.handled);
    expect(handled?.superseded).toBe(true);
  });

  it('demotes a shared library the app logged past when the app later names another cause', () => {
    // .NET loads libgssapi_krb5 lazily and only warns ("Cannot load library libgssapi_krb5.so.2"); Bonsai's own
    // start-up check (https://github.com/impworks/bonsai, its media-directory check) then stops the app.
    const reading = readConsole(
      buildBlocks(
        normaliseConsole([
          line(0, 'Cannot load library libgssapi_krb5.so.2 \nError: libgssapi_krb5.so.2: cannot open shared object file: No such file or directory'),
          line(5, "[14:52:15 ERR] The 'media' directory is missing. Make sure it is mounted properly."),
        ]),
      ),
    );
    expect(reading.hits.find((h) => h.match.category === 'missing-module')?.superseded).toBe(true);
    // Near miss: a crash right after the failed load is its consequence, not another cause.
    const crashed = readConsole(
      buildBlocks(
        normaliseConsole([
          line(0, 'error while loading shared libraries: libsoftokn3.so: cannot open shared object file: No such file or directory'),
          line(1, 'Aborted (core dumped)'),
        ]),
      ),
    );
    expect(crashed.hits.find((h) => h.match.category === 'missing-module')?.superseded).toBe(false);
  });

  it('treats a wait for a dependency that then connected as a wait, not the cause, on every restart', () => {
    // paperless-ngx's entrypoint (https://github.com/paperless-ngx/paperless-ngx, docker/wait-for-redis.py):
    // "Waiting for Redis..." then "Connected to Redis broker.", then migrations until a startup probe gives up.
    const run = (s: number) => [line(s, 'Waiting for Redis...'), line(s + 1, 'Connected to Redis broker.'), line(s + 2, 'Apply database migrations...')];
    const reading = readConsole(buildBlocks(normaliseConsole([...run(0), ...run(60)])));
    const waits = reading.hits.filter((h) => h.match.ruleId === 'console.dependency.waiting-for');
    expect(waits.map((h) => h.continued)).toEqual([true, true]);
    // Near miss: a wait with nothing after it is the dependency never answering.
    const stuck = readConsole(buildBlocks(normaliseConsole([line(0, 'Waiting for Redis...'), line(30, 'Waiting for Redis...')])));
    expect(stuck.hits.some((h) => h.continued)).toBe(false);
  });

  it('does not take an error the failing logger was quoting for the cause', () => {
    const reading = readConsole(
      buildBlocks(
        normaliseConsole([
          line(0, 'In StreamHandler.php line 156:'),
          line(0, '  The stream or file "/var/www/storage/logs/laravel.log" could not be opened in append mode: Failed to open stream: Permission denied'),
          line(0, '  The exception occurred while attempting to log: SQLSTATE[HY000] [2002] Connection refused'),
        ]),
      ),
    );
    expect(reading.hits.map((h) => h.match.category)).toEqual(['permission-denied']);
  });

  it('collects the ports the app says it listens on', () => {
    const reading = readConsole(buildBlocks(normaliseConsole([line(0, 'Listening on port 5000')])));
    expect(reading.listens.map((l) => l.port)).toEqual([5000]);
  });
});
