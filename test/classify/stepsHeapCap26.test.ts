/**
 * A heap the JVM prints, or an -Xmx an options variable was set to since the healthy revision, at or above
 * the container's memory makes a 137 an out-of-memory kill, and the raise holds that heap (v23 review: 93);
 * a console line that speaks of memory is never called missing (v23 review: 26). The Metabase start line
 * is public (metabase/metabase#7028: "Maximum memory available to JVM: ...").
 */
import { appFixtures, commands, primary } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, exit, line } = appFixtures({
  app: 'bi', resourceGroup: 'rg-bi', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'bi--0000012-015c2d4fe-28cjf',
  container: { name: 'bi', image: 'docker.io/metabase/metabase:v0.50.10', cpu: 0.5, memory: '1Gi', env: [{ name: 'JAVA_OPTS', hasValue: true }], probes: [] },
});
const kills = [exit(137, 200), exit(137, 500), exit(137, 800)];
const started = (gb: string) => [line(`2026-10-01 00:30:31,504 INFO metabase.util :: Maximum memory available to JVM: ${gb}`, 10), line('2026-10-01 00:30:40,100 INFO metabase.core :: Metabase Initialization COMPLETE', 30)];
const raise = (cmds: string[]) => cmds.find((c) => / --memory \d/.test(c));
const gib = (cmd: string | undefined) => Number(/--memory (\d+(?:\.\d+)?)Gi/.exec(cmd ?? '')?.[1] ?? 0);

describe('a JVM heap at or above the container memory', () => {
  it('the printed heap makes the 137 an out-of-memory kill, and the raise holds it', () => {
    const f = primary({ system: kills, console: started('2.0 GB'), target: target(), config: config() });
    expect(f.category).toBe('out-of-memory');
    expect(gib(raise(commands(f)))).toBeGreaterThanOrEqual(3);
    expect(f.explanation).not.toContain('no memory-related line was found');
  });

  it('an -Xmx the options variable was set to since the healthy revision counts too', () => {
    const changes = { fromRevision: 'bi--0000011', summary: 'JAVA_OPTS set to -Xmx2048m', changes: [{ kind: 'env-value-set' as const, container: 'bi', name: 'JAVA_OPTS' }] };
    const f = primary({ system: kills, console: [line('2026-10-01 00:30:40,100 INFO metabase.core :: Metabase Initialization COMPLETE', 30)], target: target(), config: config({ changesSinceHealthy: changes }) });
    expect(f.category).toBe('out-of-memory');
    expect(gib(raise(commands(f)))).toBeGreaterThanOrEqual(3);
  });

  it('near miss: a heap well inside the limit is not called out of memory', () => {
    const f = primary({ system: kills, console: started('512.0 MB'), target: target(), config: config({}, { memory: '2Gi', cpu: 1 }) });
    expect(f.title).not.toMatch(/out of memory at the/);
  });

  it('near miss: a summary without an options variable is not read for -Xmx', () => {
    const changes = { fromRevision: 'bi--0000011', summary: 'image changed', changes: [{ kind: 'image' as const, container: 'bi' }] };
    const f = primary({ system: kills, console: [line('2026-10-01 00:30:40,100 INFO metabase.core :: Metabase Initialization COMPLETE', 30)], target: target(), config: config({ changesSinceHealthy: changes }) });
    expect(f.title).not.toMatch(/out of memory at the/);
  });
});

describe('a console line about a memory limit is never called missing', () => {
  // https://github.com/ClickHouse/ClickHouse/issues (MEMORY_LIMIT_EXCEEDED, Code: 241)
  it('ClickHouse memory limit line beside a 137', () => {
    const rows = [line('2026.10.01 00:55:58.113 [ 412 ] {} <Error> MergeTreeBackgroundExecutor: Code: 241. DB::Exception: Memory limit (total) exceeded: would use 4.40 GiB (attempt to allocate chunk of 4194304 bytes), maximum: 4.39 GiB. (MEMORY_LIMIT_EXCEEDED)', 150)];
    const f = primary({ system: [exit(137, 200)], console: rows, target: target(), config: config({}, { memory: '5Gi', cpu: 2.5, image: 'docker.io/clickhouse/clickhouse-server:24.8', env: [] }) });
    expect(f.explanation).not.toContain('no memory-related line was found');
  });
});
