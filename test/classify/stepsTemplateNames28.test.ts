/**
 * Steps that name what the rows or configuration give instead of a placeholder or another scenario's
 * example, and template steps kept to the cases their evidence is in (v24 review, set A classes 1 and 7,
 * set B classes 2 and 4). Console lines are public wording; each class has a near miss that keeps its step.
 */
import { appFixtures, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'shop', resourceGroup: 'rg-shop', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'shop--0000004-6a5b4c3d2e-mm7kd',
  container: { name: 'shop', image: 'contosoacr.azurecr.io/shop:1.0.3', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];
const run = (console: string, c: Parameters<typeof config>[1] = {}, system = crashLoop) =>
  primary({ system, console: [line(console, 18)], target: target(), config: config({}, c) });

describe('PostgreSQL 42501: the GRANT names the schema the row names', () => {
  it('Postgrex "permission denied for schema _supavisor" (supabase/supavisor issues)', () => {
    const f = run('** (Postgrex.Error) ERROR 42501 (insufficient_privilege) permission denied for schema _supavisor');
    expect(texts(f)).toContain('ON SCHEMA _supavisor TO <role>');
    expect(texts(f)).not.toContain('<schema>');
  });
  it('near miss: a table, not a schema, keeps the placeholder', () => {
    const f = run('psycopg2.errors.InsufficientPrivilege: permission denied for table users');
    expect(texts(f)).toContain('ON SCHEMA <schema>');
  });
});

describe('CRLF: the script the command starts when the row names only the interpreter', () => {
  it("GNU env `/usr/bin/env: 'ruby\\r'` with command bin/rails (rails/rails issues)", () => {
    const f = run('/usr/bin/env: ‘ruby\\r’: No such file or directory', { command: ['bin/rails'], args: ['server', '-b', '0.0.0.0'] });
    expect(texts(f)).toContain('sed -i "s/\\r$//" bin/rails');
    expect(texts(f)).not.toContain('/path/to/script.sh');
  });
  it('near miss: a command run through sh -c names no file', () => {
    const f = run('/usr/bin/env: ‘bash\\r’: No such file or directory', { command: ['/bin/sh', '-c', './start.sh'] });
    expect(texts(f)).toContain('/path/to/script.sh');
  });
});

describe('Deno: the scoped flag names what the row asked for', () => {
  it('Deno 2 NotCapable (denoland/deno issues): --allow-env=DOTENV_KEY', () => {
    const f = run('error: Uncaught (in promise) NotCapable: Requires env access to "DOTENV_KEY", run again with the --allow-env flag');
    expect(texts(f)).toContain('--allow-env=DOTENV_KEY');
    expect(texts(f)).not.toContain('DATABASE_URL');
  });
  it('near miss: only the flag named, the generic scoped form', () => {
    const f = run('error: Uncaught PermissionDenied: run again with the --allow-read flag');
    expect(texts(f)).toContain('--allow-env=<NAME>');
  });
});

describe('disk full: log rotation only when the write is not named as something else', () => {
  it('safetensors checkpoint write (huggingface/safetensors issues): no log rotation', () => {
    const f = run('safetensors_rust.SafetensorError: Error while serializing: IoError(Os { code: 28, kind: StorageFull, message: "No space left on device" })');
    expect(texts(f)).not.toContain('Rotate or stop writing log files');
    expect(texts(f)).toContain('mounted volume');
  });
  it('near miss: a log write keeps it', () => {
    const f = run('log4j:ERROR Failed to flush writer, java.io.IOException: No space left on device');
    expect(texts(f)).toContain('Rotate or stop writing log files');
  });
});

describe('OpenTelemetry Collector: the successor the message names', () => {
  it('logging exporter deprecated (open-telemetry/opentelemetry-collector issues): debug, no jaeger example', () => {
    const f = run("Error: failed to get config: cannot unmarshal the configuration: decoding failed due to the following error(s): error decoding 'exporters': the logging exporter has been deprecated, use the debug exporter instead");
    expect(texts(f)).toContain('Replace logging with debug');
    expect(texts(f)).not.toMatch(/jaeger|otlp/);
  });
  it('near miss: jaeger removed keeps the otlp replacement', () => {
    const f = run('Error: failed to get config: cannot unmarshal the configuration: error decoding \'exporters\': unknown type: "jaeger" for id: "jaeger" (valid values: [otlp otlphttp debug])');
    expect(texts(f)).toContain('otlp exporter');
  });
});

describe('forced kill: grace period only for an app that got SIGTERM; npm start named', () => {
  const stop = [sys('StoppingContainer', 'Stopping container shop', 10), sys('ContainerTerminated', "Container 'shop' was terminated with exit code '137'", 40)];
  it('`npm start` as the command (npm/cli issues: npm does not forward SIGTERM)', () => {
    const f = primary({ system: stop, console: [], target: target(), config: config({}, { command: ['npm', 'start'] }) });
    expect(texts(f)).toContain('`npm start`');
    expect(texts(f)).not.toContain('terminationGracePeriodSeconds');
    expect(texts(f)).not.toContain('an init like tini');
  });
  it('no command in the config: PID 1 step, still no grace period', () => {
    const f = primary({ system: stop, console: [], target: target(), config: config() });
    expect(texts(f)).toContain('an init like tini');
    expect(texts(f)).not.toContain('terminationGracePeriodSeconds');
  });
});

describe('possible OOM (exit 137): no ephemeral-storage alternative after the app\'s own memory warning', () => {
  const killed = [sys('ContainerTerminated', "Container 'shop' was terminated with exit code '137'", 30)];
  it('dask nanny "Worker exceeded 95% memory budget" (dask/distributed docs)', () => {
    const f = primary({ system: killed, console: [line('distributed.nanny - WARNING - Worker exceeded 95% memory budget. Restarting', 20)], target: target(), config: config() });
    expect(texts(f)).not.toContain('ephemeral storage');
  });
  it('near miss: a silent 137 keeps it', () => {
    const f = primary({ system: killed, console: [], target: target(), config: config() });
    expect(texts(f)).toContain('ephemeral storage');
  });
});
