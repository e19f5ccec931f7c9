import { classify } from '../../src/classify';
import { LISTEN_PATTERNS } from '../../src/classify/rules/configRules';
import type { AppConfig } from '../../src/model/appConfig';

/**
 * v25 classes: a listen row in a structured logger's "serving" message or a server's "Started HTTPService"
 * row outranks the probe failures it explains; a refused login names the one secret that carries it (a
 * connection URL read from a secret, a bot's password); a port clash off the ingress port names that port.
 */
const T0 = Date.parse('2025-03-04T10:00:00Z');
type Row = { at: number; text: string };
type Sys = { at: number; reason: string; message: string };
function run(console: Row[], system: Sys[], config?: AppConfig) {
  return classify({
    system: system.map((r) => ({ ...r, time: new Date(T0 + r.at * 1000), count: 1 })),
    console: console.map((r) => ({ ...r, time: new Date(T0 + r.at * 1000) })),
    config,
  });
}
function listen(line: string) {
  return LISTEN_PATTERNS.map((p) => p.exec(line)).find(Boolean)?.groups;
}

describe('listen rows', () => {
  it('reads a JSON logger\'s serving message with its addr field', () => {
    expect(listen('{"time":"2026-10-01T00:52:12Z","level":"INFO","msg":"serving connect-rpc","addr":":8080"}')).toMatchObject({ port: '8080' });
  });
  it('reads Triton\'s HTTP service row (https://github.com/triton-inference-server/server/issues/2312), not its gRPC or metrics rows', () => {
    expect(listen('I1204 08:17:45.082251 1 http_server.cc:1411] Starting HTTPService at 0.0.0.0:8000')).toMatchObject({ address: '0.0.0.0', port: '8000' });
    expect(listen('I1204 08:17:45.082233 1 grpc_server.cc:1939] Started GRPCService at 0.0.0.0:8001')).toBeUndefined();
    expect(listen('I1204 08:17:45.124574 1 http_server.cc:1426] Starting Metrics Service at 0.0.0.0:8002')).toBeUndefined();
  });
  it('does not read a request row\'s peer address as a listen address', () => {
    expect(listen('{"level":"info","msg":"request served","remote_addr":"10.0.0.5:51234"}')).toBeUndefined();
  });

  const probes: Sys[] = [
    { at: -6.5, reason: 'ReplicaUnhealthy', message: 'Startup probe failed: dial tcp 100.100.0.18:3000: connect: connection refused' },
    { at: -4, reason: 'StoppingContainer', message: 'Container api failed startup probe, will be restarted' },
  ];
  const config = { kind: 'containerApp', name: 'api', containers: [{ name: 'api', image: 'acr.azurecr.io/api:1' }], ingress: { targetPort: 3000 } } as unknown as AppConfig;
  it('ranks the port mismatch over the probe failures it explains', () => {
    const top = run([{ at: -7.8, text: '{"level":"INFO","msg":"serving connect-rpc","addr":":8080"}' }], probes, config)[0];
    expect(top?.ruleId).toBe('config.port-mismatch');
    expect(top?.names).toMatchObject({ listenPort: '8080', expectedPort: '3000' });
  });
  it('leaves the probe finding first when the app serves on the target port', () => {
    const ids = run([{ at: -7.8, text: '{"level":"INFO","msg":"serving connect-rpc","addr":":3000"}' }], probes, config).map((f) => f.ruleId);
    expect(ids).not.toContain('config.port-mismatch');
  });
});

describe('refused logins name their secret', () => {
  const exits: Sys[] = [{ at: -1, reason: 'ContainerTerminated', message: "Container 'mailer' was terminated with exit code '1' and reason 'ProcessExited'" }];
  const withEnv = (env: unknown[]) =>
    ({ kind: 'containerApp', name: 'mailer', containers: [{ name: 'mailer', image: 'acr.azurecr.io/mailer:1', env }], secrets: [{ name: 'amqp-url' }, { name: 'cache-url' }] }) as unknown as AppConfig;
  // https://github.com/rabbitmq/amqp091-go/issues/15
  const refused = [{ at: -2, text: 'can\'t dial: Exception (403) Reason: "username or password not allowed"' }];
  it('a broker refusal names the only connection URL read from a secret', () => {
    const top = run(refused, exits, withEnv([{ name: 'AMQP_URL', secretRef: 'amqp-url' }, { name: 'LOG_LEVEL', hasValue: true }]))[0];
    expect(top?.category).toBe('authentication-failure');
    expect(top?.names).toMatchObject({ envVar: 'AMQP_URL', secret: 'amqp-url' });
  });
  it('names none when two URLs come from secrets', () => {
    const top = run(refused, exits, withEnv([{ name: 'AMQP_URL', secretRef: 'amqp-url' }, { name: 'REDIS_URL', secretRef: 'cache-url' }]))[0];
    expect(top?.names?.secret).toBeUndefined();
  });
});

describe('a port clash off the ingress port', () => {
  const exits: Sys[] = [{ at: -1, reason: 'ContainerTerminated', message: "Container 'api' was terminated with exit code '1' and reason 'ProcessExited'" }];
  const config = (targetPort: number) =>
    ({ kind: 'containerApp', name: 'api', containers: [{ name: 'api', image: 'acr.azurecr.io/api:1' }, { name: 'otel', image: 'otel/opentelemetry-collector-contrib:0.98.0' }], ingress: { targetPort } }) as unknown as AppConfig;
  it('names the ingress target port as the expected one', () => {
    const top = run([{ at: -2, text: 'Error: listen EADDRINUSE: address already in use ::1:4318' }], exits, config(8080))[0];
    expect(top?.names).toMatchObject({ port: '4318', expectedPort: '8080' });
  });
  it('adds nothing when the clash is on the target port itself', () => {
    const top = run([{ at: -2, text: 'Error: listen EADDRINUSE: address already in use :::8080' }], exits, config(8080))[0];
    expect(top?.names?.expectedPort).toBeUndefined();
  });
});
