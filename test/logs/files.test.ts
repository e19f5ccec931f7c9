import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogSource, readLogRows, repairJsonLine, sniff, type ReadStats } from '../../src/logs/files';
import type { Target } from '../../src/model';

const FIXTURES = join(__dirname, '..', 'fixtures', 'logs');
const fixture = (name: string): string => join(FIXTURES, name);

const app = (start: string, end: string, over: Partial<Target> = {}): Target => ({
  kind: 'containerApp',
  name: 'orders-api',
  window: { start: new Date(start), end: new Date(end) },
  ...over,
});

describe('format detection', () => {
  test.each([
    ['query-api-custom-log.json', 'query-response'],
    ['sdk-result-resource-specific.json', 'query-response'],
    ['az-monitor-query.json', 'json-array'],
    ['portal-export-console.csv', 'csv'],
    ['portal-export-system-dayfirst.csv', 'csv'],
    ['logs-show-system.jsonl', 'jsonl'],
    ['logs-show-console.jsonl', 'jsonl'],
  ])('%s is read as %s', async (name, format) => {
    const stats: ReadStats = { rows: 0, repairedLines: 0, skippedLines: 0 };
    await readLogRows(fixture(name), stats);
    expect(stats.format).toBe(format);
    expect(stats.rows).toBeGreaterThan(0);
  });

  test('comment lines before JSON lines do not hide the format', () => {
    expect(sniff('# exported by az\n\n{"TimeStamp":"x","Msg":"a "b""}\n')).toBe('jsonl');
    expect(sniff('{\n  "tables": []\n}')).toBe('query-response');
  });
});

describe('file log source', () => {
  test('Log Analytics query answer (custom-log tables): system rows folded, console lines sorted, other apps dropped', async () => {
    const evidence = await createFileLogSource([fixture('query-api-custom-log.json')]).fetchEvidence(
      app('2024-03-06T15:50:00Z', '2024-03-06T16:10:00Z'),
    );
    expect(evidence.tableFamily).toBe('file');
    expect(evidence.system.map((e) => [e.reason, e.message, e.count, e.severity])).toEqual([
      ['AssigningReplica', "Replica 'orders-api--v7-6d8f9c7b5-x2k9p' has been scheduled to run on a node.", 1, 'Normal'],
      ['ContainerTerminated', "Container 'orders-api' was terminated with exit code '1'", 1, 'Warning'],
      // Three rows with running counts 1, 4, 9 fold into one event seen 9 times.
      ['ContainerBackOff', 'Persistent Failiure to start container', 9, 'Warning'],
    ]);
    expect(evidence.system[2].firstSeen).toEqual(new Date('2024-03-06T15:53:30Z'));
    expect(evidence.system[2].time).toEqual(new Date('2024-03-06T15:58:40Z'));
    expect(evidence.system[2]).toMatchObject({ replica: 'orders-api--v7-6d8f9c7b5-x2k9p', revision: 'orders-api--v7', eventSource: 'ContainerAppController' });
    expect(evidence.console.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'Starting orders-api 1.4.2 on port 8080'],
      ['stderr', 'Traceback (most recent call last):'],
      ['stderr', "KeyError: 'DATABASE_URL'"],
    ]);
    expect(evidence.console[0]).toMatchObject({ replica: 'orders-api--v7-6d8f9c7b5-x2k9p', image: 'contoso.azurecr.io/orders-api:1.4.2', container: 'orders-api' });
    const info = evidence.notes.find((n) => n.kind === 'info');
    expect(info?.message).toMatch(/^Read 9 rows from 1 file; kept 3 system events and 3 console lines for orders-api \(\d+ rows? (was|were) /);
    // Counts read as English: "1 row was", never "1 rows were".
    expect(info?.message).not.toMatch(/\b1 (rows|files|lines)\b|\(s\)/);
  });

  test('SDK-shaped result (resource-specific table, Type is severity) and az JSON array together', async () => {
    const evidence = await createFileLogSource([fixture('sdk-result-resource-specific.json'), fixture('az-monitor-query.json')]).fetchEvidence(
      app('2025-02-11T08:00:00Z', '2025-02-11T08:30:00Z', { container: 'orders-api' }),
    );
    expect(evidence.system.map((e) => [e.reason, e.severity, e.count, e.container])).toEqual([
      ['ContainerStarted', 'Normal', 1, 'orders-api'],
      ['ContainerTerminated', 'Warning', 1, 'orders-api'],
      // No container on the back-off event: a named container does not hide it.
      ['ContainerBackOff', 'Warning', 3, undefined],
    ]);
    expect(evidence.console.map((l) => l.text)).toEqual([
      'Loading 2400000 cache entries',
      'java.lang.OutOfMemoryError: Java heap space',
      '\tat com.contoso.orders.Cache.load(Cache.java:88)',
    ]);
    // `Type` in the console table is the table name, never a severity or a stream.
    expect(evidence.console[1]).toMatchObject({ stream: 'stderr', replica: 'orders-api--v8-5c7d9-qq7rt' });
  });

  test('portal CSV: US times with AM/PM, quoted commas, doubled quotes and a multi-line field', async () => {
    const evidence = await createFileLogSource([fixture('portal-export-console.csv')]).fetchEvidence(
      app('2024-03-06T11:00:00Z', '2024-03-06T16:00:00Z'),
    );
    expect(evidence.console.map((l) => [l.time.toISOString(), l.text])).toEqual([
      ['2024-03-06T11:58:04.100Z', 'Booting orders-api'],
      ['2024-03-06T15:58:05.564Z', 'Error: connect ECONNREFUSED 10.0.4.7:5432, retrying'],
      ['2024-03-06T15:58:05.901Z', 'Unhandled rejection: "database unreachable"'],
      ['2024-03-06T15:58:06.002Z', '    at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)\n    at async main (/app/server.js:12:3)'],
    ]);
    expect(evidence.system).toEqual([]);
  });

  test('portal CSV with a BOM and day-first times, both table-name and severity columns', async () => {
    const evidence = await createFileLogSource([fixture('portal-export-system-dayfirst.csv')]).fetchEvidence(
      app('2022-09-10T11:00:00Z', '2022-09-10T12:00:00Z'),
    );
    expect(evidence.system.map((e) => [e.time.toISOString(), e.reason, e.message, e.severity])).toEqual([
      ['2022-09-10T11:26:50.010Z', 'ContainerTerminated', "Container 'orders-api' was terminated with exit code '127'", 'Warning'],
      ['2022-09-10T11:27:54.389Z', 'ContainerBackOff', 'Persistent Failiure to start container', 'Warning'],
    ]);
  });

  test('az containerapp logs show JSON lines: Go times, unescaped quotes repaired, junk skipped, stream noise dropped', async () => {
    const evidence = await createFileLogSource([fixture('logs-show-system.jsonl'), fixture('logs-show-console.jsonl')]).fetchEvidence(
      app('2023-10-06T21:30:00Z', '2023-10-06T22:30:00Z'),
    );
    expect(evidence.system.map((e) => [e.time.toISOString(), e.reason, e.message, e.count])).toEqual([
      ['2023-10-06T21:41:30.000Z', 'PullingImage', 'Pulling image "contoso.azurecr.io/orders-api:2.0.1"', 1],
      ['2023-10-06T21:41:33.000Z', 'ImagePulled', 'Successfully pulled image "contoso.azurecr.io/orders-api:2.0.1" in 80.266807ms (80.271526ms including waiting)', 1],
      ['2023-10-06T21:43:04.000Z', 'ContainerTerminated', "Container 'orders-api' was terminated with exit code '1'", 1],
      ['2023-10-06T21:44:14.000Z', 'ContainerBackOff', 'Persistent Failure to start container', 5],
    ]);
    expect(evidence.system[3].firstSeen).toEqual(new Date('2023-10-06T21:43:20Z'));
    expect(evidence.console.map((l) => l.text)).toEqual([
      'Listening on 0.0.0.0:3000',
      "Error: Cannot find module 'express'",
      'Require stack:',
      '- /app/server.js',
    ]);
    expect(evidence.console[1].replica).toBe('orders-api--v5-76df875978-rn4wx');
    expect(evidence.notes.map((n) => n.kind).sort()).toEqual(['info', 'info', 'source-error']);
    expect(evidence.notes.find((n) => n.kind === 'source-error')?.message).toMatch(/^1 line/);
    expect(evidence.notes.find((n) => /repaired/.test(n.message))?.message).toMatch(/^1 JSON line/);
  });

  test('filters by revision and replica, and by the window', async () => {
    const source = createFileLogSource([fixture('query-api-custom-log.json')]);
    const none = await source.fetchEvidence(app('2024-03-06T15:50:00Z', '2024-03-06T16:10:00Z', { revision: 'orders-api--v6' }));
    expect(none.system).toEqual([]);
    const early = await source.fetchEvidence(app('2024-03-06T15:50:00Z', '2024-03-06T15:53:10Z'));
    expect(early.system.map((e) => e.reason)).toEqual(['AssigningReplica', 'ContainerTerminated']);
  });

  describe('large streamed exports', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'logs-files-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('keeps only the last N console lines per replica, reports progress to the total size', async () => {
      const path = join(dir, 'big.jsonl');
      const lines: string[] = [];
      const start = Date.parse('2024-01-01T00:00:00Z');
      for (let i = 0; i < 20000; i++) {
        const replica = `orders-api--v1-abc-r${i % 4}`;
        lines.push(JSON.stringify({ TimeStamp: new Date(start + i * 10).toISOString(), ContainerAppName: 'orders-api', ReplicaName: replica, Log: `line ${i}` }));
      }
      writeFileSync(path, `${lines.join('\n')}\n`);
      const progress: [number, number][] = [];
      const evidence = await createFileLogSource([path], {
        consoleLinesPerReplica: 5,
        maxConsoleLines: 12,
        onProgress: (read, total) => progress.push([read, total]),
      }).fetchEvidence(app('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'));
      // 4 replicas x 5 lines = 20, then the global cap keeps the latest 12.
      expect(evidence.console).toHaveLength(12);
      expect(evidence.console.map((l) => l.text).slice(-4)).toEqual(['line 19996', 'line 19997', 'line 19998', 'line 19999']);
      expect(evidence.console[0].text).toBe('line 19988');
      expect(evidence.notes.some((n) => n.kind === 'result-cap')).toBe(true);
      const total = progress[0][1];
      expect(progress.at(-1)).toEqual([total, total]);
      expect(progress.length).toBeGreaterThan(1);
    });

    test('an abort signal stops the read with a typed error', async () => {
      const path = join(dir, 'abort.jsonl');
      writeFileSync(path, '{"TimeStamp":"2024-01-01T00:00:00Z","Log":"x"}\n'.repeat(1000));
      const controller = new AbortController();
      controller.abort();
      await expect(createFileLogSource([path]).fetchEvidence(app('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'), { signal: controller.signal })).rejects.toMatchObject({
        code: 'log-query-failed',
        context: expect.objectContaining({ aborted: true }),
      });
    });
  });
});

describe('repairJsonLine', () => {
  test('repairs unescaped inner quotes in a flat object', () => {
    expect(repairJsonLine('{"Msg":"Pulling image "a/b:1"","Reason":"PullingImage","Count":3,"X":null}')).toEqual({
      Msg: 'Pulling image "a/b:1"',
      Reason: 'PullingImage',
      Count: 3,
      X: null,
    });
  });

  test('refuses what it cannot rebuild', () => {
    expect(repairJsonLine('not json')).toBeUndefined();
    expect(repairJsonLine('{"a":[1,2]}')).toBeUndefined();
    expect(repairJsonLine('{"a":"x" junk}')).toBeUndefined();
  });
});
