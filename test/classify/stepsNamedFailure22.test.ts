/**
 * The catch-all steps ("Fix what it names", "Fix or handle the failure that raised X") made specific from the
 * exception and message the evidence already holds (v20 review class 2). Console lines are public ones.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'orders', resourceGroup: 'rg-orders', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'orders--0000004-6a5b4c3d2e-mm7kd',
  container: { name: 'orders', image: 'contosoacr.azurecr.io/orders:1.0.3', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const CATCH_ALL = /Fix what it names \(the file, setting or dependency|Fix or handle the failure that raised/;

describe('catch-all steps name the failure the evidence holds', () => {
  it('Camel route (apache/camel FailedToStartRouteException): the message quoted, the code named, a deploy command', () => {
    const f = primary({
      system: crashLoop,
      console: [line('ERROR Error occurred during starting CamelContext: camel-5\norg.apache.camel.FailedToStartRouteException: Failed to start route route2 because of info is not a valid consumer operation\n        at org.apache.camel.impl.engine.RouteService.setUp(RouteService.java:131)', 18)],
      target: target(), config: config(),
    });
    expect(texts(f)).not.toMatch(CATCH_ALL);
    expect(texts(f)).toContain('FailedToStartRouteException: "Failed to start route route2 because of info is not a valid consumer operation"');
    expect(texts(f)).toContain("the cause is in the app's code");
    expect(commands(f).some((c) => c.includes('--image contosoacr.azurecr.io/orders:<new-tag>'))).toBe(true);
    expectValidCommands(f);
  });

  it('Hangfire/Dapper InvalidProgramException (HangfireIO/Hangfire issues): a library version clash, the libraries named', () => {
    const f = primary({
      system: crashLoop,
      console: [line('An error occurred while starting the application.\nInvalidProgramException: Common Language Runtime detected an invalid program.\n\tSystem.Data.SqlClient.SqlDataReader.get_FieldCount()\n\tDapper.SqlMapper.GetColumnHash(IDataReader reader, int startBound, int length) in SqlMapper.cs', 18)],
      target: target(), config: config(),
    });
    expect(texts(f)).not.toMatch(CATCH_ALL);
    expect(texts(f)).toContain('align their versions');
    expect(texts(f)).toContain('Dapper');
    expectValidCommands(f);
  });

  it('Node ESM (nodejs "Cannot use import statement outside a module"): the module format, no stack-trace padding', () => {
    const f = primary({
      system: crashLoop,
      console: [
        line('/app/dist/index.js:1', 17),
        line("import { serve } from '@hono/node-server';", 17),
        line('SyntaxError: Cannot use import statement outside a module', 18),
      ],
      target: target({ revision: 'orders--0000001' }), config: config(),
    });
    expect(texts(f)).not.toMatch(CATCH_ALL);
    expect(texts(f)).toContain('"type": "module"');
    expect(texts(f)).not.toMatch(/^Follow the stack trace|^Read the app's last console lines/m);
    expectValidCommands(f);
  });

  it("hoppscotch's own words (hoppscotch/hoppscotch self-host docs): the schema was never migrated", () => {
    const f = primary({
      system: crashLoop,
      console: [line('Error: Database migration not found. Please check the documentation for assistance: https://docs.hoppscotch.io/documentation/self-host/community-edition/install-and-build#running-migrations', 18)],
      target: target(), config: config(),
    });
    expect(texts(f)).not.toMatch(CATCH_ALL);
    expect(texts(f)).toContain('never migrated');
    expect(texts(f)).toContain('as a Container Apps job');
  });

  it('near miss: a last line with no exception in it keeps the quoted-line step', () => {
    const f = primary({
      system: crashLoop,
      console: [line('[FATAL] startup aborted: the queue consumer gave up', 18)],
      target: target(), config: config(),
    });
    expect(texts(f)).not.toContain('The app stopped on');
  });
});

describe('flask could not locate the application: the FLASK_APP command', () => {
  it('pallets/flask "Could not locate a Flask application": set-env-vars FLASK_APP', () => {
    const f = primary({
      system: [exit(2, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(2, 60)],
      console: [line("Error: Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py' file in the current directory.", 18)],
      target: target(), config: config({}, { command: ['flask'], args: ['run', '--host', '0.0.0.0'] }),
    });
    expect(commands(f).some((c) => c.includes('--container-name orders --set-env-vars FLASK_APP=<module>'))).toBe(true);
    expectValidCommands(f);
  });
});
