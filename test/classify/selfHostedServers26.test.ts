import { classify } from '../../src/classify';
import type { AppConfig } from '../../src/model';

/**
 * What the v26 self-hosted-server fixes must give, from public lines: a planned stop read as the stop (not as
 * the access-log words before it), and the names on-call searches for: the dialled port of a Go client
 * (an IPv6 literal too), MongoDB's own codeName over the driver's class, the data file a structured log's
 * error quotes over the logger's caller field, and the full image reference an image change deployed.
 */
const T0 = Date.parse('2025-03-04T10:00:00Z');
type Sys = { at: number; reason: string; message: string; replica?: string };
function run(rows: string[], config?: AppConfig, system: Sys[] = []) {
  return classify({
    system: system.map((s) => ({ replica: 'app--r1-x', ...s, time: new Date(T0 + s.at * 1000), count: 1, container: 'app', revision: 'app--r1' })),
    console: rows.map((text, i) => ({ text, time: new Date(T0 - 10_000 + i * 10), replica: 'app--r1-x', revision: 'app--r1' })),
    config,
    target: { kind: 'containerApp', name: 'app', window: { start: new Date(T0 - 3600_000), end: new Date(T0 + 60_000) } },
  });
}
const exit = (code: number): Sys => ({ at: 0, reason: 'ContainerTerminated', message: `Container 'app' was terminated with exit code '${code}' and reason 'ProcessExited'` });
const ACCESS_LOG = [
  '[2026-10-01T01:20:14Z] "GET /metrics HTTP/1.1" 200 - 0 266 42 9 "10.0.9.192" "kube-probe/1.29" "414bba8828a64e99" "gateway" "127.0.0.1:8080"',
  '[2026-10-01T01:20:51Z] "GET /healthz HTTP/1.1" 200 - 0 6357 80 66 "10.0.1.44" "kube-probe/1.29" "69a5d2ac53a8a257" "gateway" "127.0.0.1:8080"',
  '[2026-10-01T01:20:08Z] "GET /favicon.ico HTTP/1.1" 404 - 0 6955 66 25 "10.0.8.147" "kube-probe/1.29" "e37ea3bb91226a37" "gateway" "127.0.0.1:8080"',
];

describe('a replica the platform stopped (https://azureossd.github.io/2024/01/11/Container-Apps-Demystifying-restarts/)', () => {
  it('reads StoppingContainer and exit 143 as the stop, not the access-log words before it', () => {
    const top = run(ACCESS_LOG, undefined, [{ at: -1, reason: 'StoppingContainer', message: 'Stopping container app' }, exit(143)])[0];
    expect([top?.category, top?.benign]).toEqual(['scale-in', true]);
  });
  it('near miss: the same words before an exit 1 nobody asked for still speak', () => {
    const top = run(ACCESS_LOG, undefined, [exit(1)])[0];
    expect(top?.benign).toBe(false);
  });
});

describe('names in the server\'s own words', () => {
  it('names the port of a Go dial to an IPv6 literal (https://github.com/grafana/grafana/issues/3985)', () => {
    const top = run(['[log.go:75 Fatal()] [E] fail to initialize orm engine: Sqlstore::Migration failed err: dial tcp [::1]:5432: getsockopt: connection refused'], undefined, [exit(1)])[0];
    expect([top?.category, top?.names?.port]).toEqual(['dependency-unreachable', '5432']);
  });
  it('names MongoDB\'s codeName over MongoError (https://github.com/mongo-express/mongo-express/issues/469)', () => {
    const rows = ['{ MongoError: Authentication failed.', '    at Function.MongoError.create (/node_modules/mongodb-core/lib/error.js:31:11)', "  name: 'MongoError',", "  message: 'Authentication failed.',", '  code: 18,', "  codeName: 'AuthenticationFailed' }"];
    const top = run(rows, undefined, [exit(1)])[0];
    expect([top?.category, top?.names?.exception]).toEqual(['authentication-failure', 'AuthenticationFailed']);
  });
  it('near miss: without a codeName the driver\'s class stays (https://github.com/parse-community/parse-server-example/issues/120)', () => {
    const rows = ['{ [MongoError: Authentication failed.]', "  name: 'MongoError',", "  message: 'Authentication failed.',", '  code: 18,'];
    expect(run(rows, undefined, [exit(1)])[0]?.names?.exception).not.toBe('AuthenticationFailed');
  });
  it('names the data file a zap error quotes over its caller field (https://github.com/jaegertracing/jaeger/issues/1832)', () => {
    const row = '{"level":"fatal","ts":1570224769.31795,"caller":"all-in-one/main.go:105","msg":"Failed to init storage factory","error":"Unable to replay value log: \\"/badger/data/000000.vlog\\": Value log truncate required to run DB. This might result in data loss."}';
    expect(run([row], undefined, [exit(1)])[0]?.names?.file).toBe('/badger/data/000000.vlog');
  });
  it('near miss: a caller field with no quoted path keeps the source location', () => {
    const row = '{"level":"fatal","ts":1570224769.31795,"caller":"all-in-one/main.go:105","msg":"Failed to init storage factory","error":"unknown storage type"}';
    expect(run([row], undefined, [exit(1)])[0]?.names?.file).toBe('all-in-one/main.go:105');
  });
  it('names the full image reference an image change deployed when the record gives none', () => {
    const config = {
      kind: 'containerApp', name: 'app', latestRevisionName: 'app--r1',
      containers: [{ name: 'app', image: 'docker.io/library/traefik:v3.1' }],
      changesSinceHealthy: { fromRevision: 'app--r0', summary: 'image traefik:v2.11 -> traefik:v3.1', changes: [{ kind: 'image', container: 'app' }] },
    } as unknown as AppConfig;
    const change = run([], config, [exit(1)]).find((f) => f.ruleId === 'config.change-since-healthy');
    expect(change?.names?.image).toBe('docker.io/library/traefik:v3.1');
  });
});
