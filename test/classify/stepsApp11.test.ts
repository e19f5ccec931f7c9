/**
 * Application-side names of the ninth steps review (issue #11): a log prefix's `crate:line` is not the
 * database, GNU env's curly-quoted `bash\r` is a CRLF script, and Kestrel's "Now listening on" is .NET.
 * Each incident uses a public wording, with its source.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3c2b1a09-8f7e-4d6c-9b5a-1e2d3c4b5a69';
const shape = (app: string) => appFixtures({
  app, resourceGroup: 'rg-apps', subscriptionId: SUB, t0: Date.parse('2026-12-06T10:00:00Z'), replica: `${app}--0000005-5d9c8b7a6-ttl4m`,
  container: { name: app, image: `contosoacr.azurecr.io/${app}:1.0.0`, cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});

describe('a source location in a log prefix is never the dependency', () => {
  it('names libpq\'s host and port, not the `r2d2:116` column', () => {
    // https://github.com/target/consensource/issues/26 ("ERROR | r2d2:116 | could not connect to server: Connection refused")
    const { target, config, line, exit } = shape('rest-api');
    const console = [
      line('ERROR | r2d2:116             | could not connect to server: Connection refused', 0),
      line('\tIs the server running on host "postgres" (192.168.80.8) and accepting', 0),
      line('\tTCP/IP connections on port 5432?', 0),
    ];
    const f = primary({ system: [exit(1)], console, target: target(), config: config() });
    expect(f.title).toContain('postgres:5432');
    expect(texts(f)).not.toContain('r2d2');
    expect(commands(f).join('\n')).not.toMatch(/-n r2d2|116/);
    expectValidCommands(f);
  });
});

describe('exit 127 of a CRLF script', () => {
  it('reads GNU env\'s curly-quoted `bash\\r` as CRLF line endings, not PATH', () => {
    // https://github.com/nick-zh/docker-kafka-eagle/issues/18 ("/usr/bin/env: ‘bash\r’: No such file or directory")
    const { target, config, line, exit } = shape('kafka-eagle');
    const f = primary({ system: [exit(127)], console: [line('/usr/bin/env: ‘bash\\r’: No such file or directory', 0)], target: target(), config: config() });
    expect(f.title).toContain('CRLF');
    expect(texts(f)).toContain('dos2unix');
    expect(texts(f)).not.toMatch(/check the command path and PATH/);
    expectValidCommands(f);
  });
});

describe('.NET 8 port', () => {
  it('Kestrel\'s "Now listening on" alone moves the port through ASPNETCORE_HTTP_PORTS, never PORT', () => {
    // https://learn.microsoft.com/dotnet/core/compatibility/containers/8.0/aspnet-port ("Now listening on: http://[::]:8080")
    const { target, config, line, sys } = shape('profile-api');
    const console = [line('Now listening on: http://[::]:8080', 0), line('Application started. Press Ctrl+C to shut down.', 1)];
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.12:80: connect: connection refused', 20)],
      console, target: target(), config: config({ ingress: { external: true, targetPort: 80 } }),
    });
    expect(commands(f).join('\n')).toContain('--target-port 8080');
    expect(commands(f).join('\n')).toContain('ASPNETCORE_HTTP_PORTS=80');
    expect(commands(f).join('\n')).not.toMatch(/\bPORT=80/);
    expectValidCommands(f);
  });
});
