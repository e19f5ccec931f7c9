import { analyse, classify, classifyConsoleLine, summarize, allConsolePatterns, CONSOLE_RULES, exitCodeRule, SIGNALS, signalForExitCode } from '../../src/classify';
import type { AppConfig, ConsoleLine, SystemEvent } from '../../src/model';

const T0 = Date.parse('2025-03-04T10:00:00Z');
const at = (s: number): Date => new Date(T0 + s * 1000);
const R1 = 'orders-api--abc123-5d65b5999-l2mbn';
const R2 = 'orders-api--abc123-5d65b5999-x9k2p';
const term = (s: number, code: number, replica = R1): SystemEvent => ({
  time: at(s),
  reason: 'ContainerTerminated',
  message: `Container 'orders-api' was terminated with exit code '${code}'`,
  replica,
  revision: 'orders-api--abc123',
  count: 1,
});
const backoff = (s: number, replica = R1): SystemEvent => ({
  time: at(s),
  reason: 'ContainerBackOff',
  message: 'Persistent Failure to start container',
  replica,
  count: 4,
});
const line = (s: number, text: string, replica = R1): ConsoleLine => ({ time: at(s), text, replica, stream: 'stderr' });
const config = (over: Partial<AppConfig> = {}, memory?: string): AppConfig => ({
  kind: 'containerApp',
  name: 'orders-api',
  containers: [{ name: 'orders-api', memory, env: [{ name: 'LOG_LEVEL', hasValue: true }], probes: [] }],
  initContainers: [],
  secrets: [],
  ...over,
});
const target = { kind: 'containerApp' as const, name: 'orders-api', window: { start: at(-3600), end: at(0) } };

describe('classify', () => {
  it('reassembles interleaved, out-of-order trace rows per replica and picks the final exception', () => {
    const consoleRows = [
      line(-2.996, "KeyError: 'DATABASE_URL'"),
      line(-3, 'Traceback (most recent call last):'),
      line(-2.999, '  File "/app/settings.py", line 4, in <module>', R1),
      line(-2.998, 'GET /health 200', R2),
      line(-2.997, '  File "<frozen os>", line 679, in __getitem__'),
    ];
    const findings = classify({ system: [term(0, 1), backoff(20)], console: consoleRows, target });
    expect(findings[0].ruleId).toBe('console.python.keyerror-env');
    expect(findings[0].names?.envVar).toBe('DATABASE_URL');
    expect(findings[0].exitCode).toBe(1);
    // The trace is shown in time order, ending with the exception line.
    expect(findings[0].evidence.map((e) => e.text)).toEqual([
      'Traceback (most recent call last):',
      '  File "/app/settings.py", line 4, in <module>',
      '  File "<frozen os>", line 679, in __getitem__',
      "KeyError: 'DATABASE_URL'",
    ]);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['exit.1', 'system.container-backoff']));
    expect(summarize(findings, target)).toBe('orders-api is crash-looping: DATABASE_URL is not set');
  });

  it('ranks the last words of the exiting replica above a cause seen on another replica', () => {
    const findings = classify({
      system: [term(0, 1, R1)],
      console: [line(-2, 'Error: connect ECONNREFUSED 10.0.0.4:5432', R1), line(-2, 'Error: getaddrinfo ENOTFOUND other-host', R2)],
    });
    // ENOTFOUND is the more confident rule, but R1 is the replica that exited.
    expect(findings[0].ruleId).toBe('console.node.econnrefused');
  });

  it('reads a bare 137 as possibly out of memory, with low confidence and the other readings named', () => {
    const [primary] = classify({ system: [term(0, 137)], console: [] });
    // Eleven blind cases of fourteen label a SIGKILL with no other evidence out-of-memory, three unknown: the
    // category follows the majority, while the title, the confidence and the alternatives keep it a guess
    // (issue #17: a bare 137 is never titled "memory limit exceeded").
    expect(primary.category).toBe('out-of-memory');
    expect(primary.title).toMatch(/possibly out of memory/);
    expect(primary.title).not.toMatch(/memory limit exceeded/i);
    expect(primary.alternatives).toEqual(expect.arrayContaining(['unknown', 'forced-kill']));
    expect(primary.signal).toBe('SIGKILL');
    expect(primary.confidence).toBeLessThan(0.5);
    expect(primary.explanation).toMatch(/not proof/);
    expect(primary.explanation).toMatch(/grace period/);
    expect(primary.explanation).toMatch(/ephemeral storage/);
    expect(primary.explanation).toMatch(/No console output/);
  });

  it('names the memory limit for 137 when the configuration is known', () => {
    const findings = classify({ system: [term(0, 137)], console: [], config: config({}, '0.5Gi'), target });
    // A bare 137 is not proof of memory exhaustion: it names the limit but is not titled "limit exceeded".
    expect(findings[0].ruleId).toBe('exit.137');
    expect(findings[0].names?.memoryLimit).toBe('0.5Gi');
    expect(findings[0].title).not.toMatch(/memory limit .*exceeded/i);
    expect(findings[0].explanation).toContain('0.5Gi');
  });

  it('raises the memory-limit finding when memory lines back it', () => {
    const findings = classify({
      system: [term(0, 137)],
      console: [line(-1, 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')],
      config: config({}, '1Gi'),
    });
    expect(findings[0].ruleId).toBe('config.memory-limit');
    expect(findings[0].confidence).toBeGreaterThan(0.9);
  });

  it('reads 137 after a SIGTERM as a forced kill naming the grace period', () => {
    const findings = classify({
      system: [{ time: at(-60), reason: 'StoppingContainer', message: 'Stopping container orders-api', replica: R1, count: 1 }, term(0, 137)],
      console: [],
      config: config({ terminationGracePeriodSeconds: 60 }),
    });
    expect(findings[0].category).toBe('forced-kill');
    expect(findings[0].names?.gracePeriod).toBe('60');
    expect(findings[0].title).toMatch(/60s grace period/);
  });

  it('treats 143 with minReplicas 0 as a benign scale-in, but not while crash-looping', () => {
    const calm = classify({ system: [term(0, 143)], console: [], config: config({ scale: { minReplicas: 0, rules: [] } }) });
    expect(calm[0]).toMatchObject({ category: 'scale-in', benign: true });
    const looping = classify({ system: [term(0, 143), backoff(10)], console: [], config: config({ scale: { minReplicas: 0, rules: [] } }) });
    expect(looping[0].benign).toBe(false);
  });

  it('puts platform noise last and never first when there is a real cause', () => {
    const findings = classify({
      system: [
        { time: at(-5), reason: 'ContainerTerminated', message: "Container 'k8se-envoysc' was terminated with exit code '0'", count: 1 },
        term(0, 2),
      ],
      console: [line(-1, 'panic: config file not found')],
    });
    expect(findings[0].ruleId).toBe('console.go.panic');
    expect(findings[findings.length - 1].ruleId).toBe('system.envoy-sidecar-exit');
    expect(findings[findings.length - 1].benign).toBe(true);
  });

  it('says when the template does not define the missing variable, and lists the config change second', () => {
    const cfg = config({
      changesSinceHealthy: {
        fromRevision: 'orders-api--prev',
        changes: [{ kind: 'env-removed', container: 'orders-api', name: 'DATABASE_URL' }],
        summary: 'DATABASE_URL removed',
      },
    });
    const findings = classify({ system: [term(0, 1)], console: [line(-1, "KeyError: 'DATABASE_URL'")], config: cfg });
    expect(findings[0].title).toBe("DATABASE_URL is not set (not defined in the app's template)");
    expect(findings[0].evidence.some((e) => e.source === 'config')).toBe(true);
    expect(findings[1].category).toBe('configuration-change');
    expect(findings[1].title).toContain('orders-api--prev');
    expect(findings[1].evidence[0].text).toBe('env-removed orders-api DATABASE_URL');
    expect(findings[0].explanation).toContain('touched DATABASE_URL');
  });

  it('recommends turning up logging when there is no console output at all', () => {
    const findings = classify({ system: [backoff(0)], console: [] });
    expect(findings[0].category).toBe('unknown');
    expect(findings[0].explanation).toMatch(/No console output/);
    expect(findings[0].actions.join(' ')).toMatch(/logging/i);
  });

  it('tells a recovered single exit from a crash loop', () => {
    const once = analyse({ system: [term(0, 1), { time: at(30), reason: 'ContainerStarted', message: 'Started container orders-api', replica: R2, count: 1 }], console: [] });
    expect(once.state.state).toBe('recovered');
    expect(once.findings[0].title).toMatch(/restarted at \d\d:\d\d:\d\d UTC and running since/);
    expect(summarize(once.findings, target, once.state)).toMatch(/^orders-api recovered after a failure: /);
    const loop = analyse({ system: [term(0, 1), backoff(30)], console: [] });
    expect(loop.state.state).toBe('crash-looping');
    expect(loop.findings[0].explanation).toMatch(/crash loop/);
  });

  it('returns a no-evidence finding for quiet, healthy logs', () => {
    const findings = classify({ system: [], console: [line(0, 'GET /api/orders 200 12ms')] });
    expect(findings).toHaveLength(1);
    expect(findings[0].ruleId).toBe('engine.no-evidence');
  });
});

describe('classifyConsoleLine (hot path)', () => {
  it('rejects ordinary lines and classifies failing ones', () => {
    expect(classifyConsoleLine('GET /api/orders 200 12ms')).toBeUndefined();
    expect(classifyConsoleLine('INFO  Started OrdersApplication in 4.2 seconds')).toBeUndefined();
    expect(classifyConsoleLine("ModuleNotFoundError: No module named 'flask'")).toMatchObject({
      category: 'missing-module',
      names: { module: 'flask' },
    });
    expect(classifyConsoleLine('')).toBeUndefined();
  });

  it('exposes one ERE pattern per console rule', () => {
    const patterns = allConsolePatterns();
    expect(patterns).toHaveLength(CONSOLE_RULES.length);
    for (const p of patterns) expect(p).not.toMatch(/\(\?|\\d|\\w|\\s/);
  });
});

describe('exit codes and signals', () => {
  it('decodes all 31 signals from 129 to 159', () => {
    expect(SIGNALS).toHaveLength(31);
    expect(signalForExitCode(129)?.name).toBe('SIGHUP');
    expect(signalForExitCode(137)?.name).toBe('SIGKILL');
    expect(signalForExitCode(159)?.name).toBe('SIGSYS');
    expect(signalForExitCode(160)).toBeUndefined();
    expect(signalForExitCode(128)).toBeUndefined();
  });

  it('reads known, signal and application-defined codes', () => {
    expect(exitCodeRule(127).category).toBe('entrypoint-error');
    expect(exitCodeRule(135).category).toBe('crash-signal'); // SIGBUS
    expect(exitCodeRule(135).explanation).toContain('SIGBUS');
    expect(exitCodeRule(77).id).toBe('exit.app-defined');
    expect(exitCodeRule(100, 'mongo:7').id).toBe('exit.100-mongodb');
    expect(exitCodeRule(100, 'contoso/api').id).toBe('exit.100');
  });
});
