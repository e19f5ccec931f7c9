import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAlertJson, resolveTarget } from '../../src/alert';
import { createFileLogSource, detectLogFileFormat, sniff } from '../../src/logs/files';
import type { Target } from '../../src/model';

const GOLDEN = join(__dirname, '..', 'fixtures', 'logs', 'golden');
const LOGS = join(__dirname, '..', 'fixtures', 'logs');
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const target = (start: string, end: string, over: Partial<Target> = {}): Target => ({
  kind: 'containerApp',
  name: 'orders-api',
  window: { start: new Date(start), end: new Date(end) },
  ...over,
});

describe('rows that straddle read chunks', () => {
  const alert = parseAlertJson(JSON.stringify(require('../../samples/alert.json')));
  const goldenTarget = resolveTarget(alert, { now: new Date('2026-11-24T09:32:00Z'), defaultLookbackMinutes: 60 });
  test.each([
    ['export-csv.csv'],
    ['export-query-response.json'],
    ['export-json-array.json'],
    ['export-jsonl.jsonl'],
  ])('%s reads the same with 1 MiB and with 61-byte chunks', async (name) => {
    const path = join(GOLDEN, name);
    const whole = await createFileLogSource([path]).fetchEvidence(goldenTarget);
    const tiny = await createFileLogSource([path], { chunkBytes: 61 }).fetchEvidence(goldenTarget);
    expect(asJson(tiny)).toEqual(asJson(whole));
    expect(whole.console.length + whole.system.length).toBeGreaterThan(0);
  });

  test.each([['portal-export-console.csv'], ['logs-show-system.jsonl'], ['query-api-custom-log.json'], ['sdk-result-resource-specific.json'], ['az-monitor-query.json']])(
    '%s (quoted multi-line fields, repaired lines, both query shapes) with 3-byte chunks',
    async (name) => {
      const t = target('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z');
      const whole = await createFileLogSource([join(LOGS, name)]).fetchEvidence(t);
      expect(asJson(await createFileLogSource([join(LOGS, name)], { chunkBytes: 3 }).fetchEvidence(t))).toEqual(asJson(whole));
    },
  );
});

describe('real export variants', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'logs-variants-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const window = target('2026-11-24T09:16:00Z', '2026-11-24T09:31:00Z');

  test('a portal CSV whose time column was renamed (time_t [UTC]) is read', async () => {
    const path = write('renamed.csv', 'time_t [UTC],ContainerAppName_s,Log_s\r\n"11/24/2026, 9:20:05.564 AM",orders-api,"KeyError: \'DATABASE_URL\'"\r\n');
    const evidence = await createFileLogSource([path]).fetchEvidence(window);
    expect(evidence.console.map((l) => [l.time.toISOString(), l.text])).toEqual([['2026-11-24T09:20:05.564Z', "KeyError: 'DATABASE_URL'"]]);
  });

  test('a CSV with no app column is taken as the target of the alert', async () => {
    const path = write('one-app.csv', 'TimeGenerated [UTC],Stream_s,Log_s\n"24.11.2026, 09:20:05.100",stderr,boom\n"24.11.2026, 08:00:00.000",stderr,too early\n');
    const evidence = await createFileLogSource([path]).fetchEvidence(window);
    expect(evidence.console).toEqual([{ time: new Date('2026-11-24T09:20:05.100Z'), text: 'boom', stream: 'stderr', app: 'orders-api' }]);
  });

  test('a file with nothing for the target says which apps, times and columns it held', async () => {
    const path = write('others.jsonl', [
      '{"TimeStamp":"2026-11-24T09:20:00Z","ContainerAppName":"billing-worker","Log":"a"}',
      '{"TimeStamp":"2026-11-24T09:21:00Z","ContainerAppName":"web-frontend","Log":"b"}',
      '{"TimeStamp":"2026-11-24T09:22:00Z","ContainerAppName":"billing-worker","Log":"c"}',
    ].join('\n'));
    const evidence = await createFileLogSource([path, join(LOGS, 'logs-show-console.jsonl')]).fetchEvidence(window);
    const said = evidence.notes.filter((n) => n.message.includes('held nothing'));
    expect(said).toHaveLength(2);
    expect(said[0].message).toBe(
      'The file others.jsonl held nothing for orders-api between 2026-11-24 09:16 to 2026-11-24 09:31 UTC: its 3 rows named apps billing-worker, web-frontend ' +
        'from 2026-11-24 09:20 to 2026-11-24 09:22 UTC. Its columns: TimeStamp, ContainerAppName, Log.',
    );
    // The other file is for orders-api but from 2023: its times say why (lines outside the window are
    // settled on their time alone, so their app is not read).
    expect(said[1].message).toMatch(/logs-show-console\.jsonl held nothing .*: its 4 rows from 2023-10-06 21:42 to 2023-10-06 21:43 UTC\./);
  });

  test('JSON documents: nested values, rows before their columns, a parse error names the file', async () => {
    const nested = write('nested.json', JSON.stringify([{ TimeGenerated: '2026-11-24T09:20:00Z', ContainerAppName_s: 'orders-api', Log_s: { msg: 'structured' }, Stream_s: 'stdout' }]));
    expect((await createFileLogSource([nested]).fetchEvidence(window)).console[0].text).toBe('{"msg":"structured"}');
    const late = write('late-columns.json', JSON.stringify({ tables: [{ name: 'x', rows: [['2026-11-24T09:20:00Z', 'orders-api', 'late', 'stderr']], columns: [{ name: 'TimeGenerated' }, { name: 'ContainerAppName' }, { name: 'Log' }, { name: 'Stream' }] }] }));
    expect((await createFileLogSource([late]).fetchEvidence(window)).console.map((l) => l.text)).toEqual(['late']);
    const broken = write('broken.json', '{"tables":[{"columns":[{"name":"Log"}],"rows":[["a"],["b"');
    await expect(createFileLogSource([broken]).fetchEvidence(window)).rejects.toThrow(/broken\.json looks like JSON but does not parse/);
  });

  test('plain text, YAML and empty files are no format', async () => {
    expect(sniff('logs:\n  - time: x\n')).toBeUndefined();
    expect(sniff('Traceback (most recent call last):\n')).toBeUndefined();
    expect(sniff('')).toBeUndefined();
    expect(sniff('a,b,c\n1,2,3\n')).toBeUndefined();
    expect(sniff('\uFEFFTimeGenerated [UTC],Log_s\n')).toBe('csv');
    expect(await detectLogFileFormat(write('empty.csv', ''))).toBeUndefined();
  });
});

describe('JSON lines settled on their time alone', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'logs-early-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const window = target('2026-11-24T09:16:00Z', '2026-11-24T09:31:00Z');

  test('a later TimeGenerated takes precedence over a leading TimeStamp, as in the full reading', async () => {
    const path = join(dir, 'both-times.jsonl');
    writeFileSync(path, [
      // TimeStamp is outside the window but TimeGenerated (which wins) is inside: the line is kept.
      '{"TimeStamp":"2026-11-24T07:00:00Z","ContainerAppName":"orders-api","Log":"kept","TimeGenerated":"2026-11-24T09:20:00Z"}',
      '{"TimeStamp":"2026-11-24T07:00:00Z","ContainerAppName":"orders-api","Log":"dropped"}',
      '{"TimeGenerated":"2026-11-24T09:21:00Z","ContainerAppName":"orders-api","Log":"kept too"}',
    ].join('\n'));
    const evidence = await createFileLogSource([path]).fetchEvidence(window);
    expect(evidence.console.map((l) => l.text)).toEqual(['kept', 'kept too']);
    expect(evidence.notes.at(-1)?.message).toMatch(/^Read 3 rows from 1 file; kept 0 system events and 2 console lines for orders-api \(1 row was for other targets or outside the window\)/);
  });
});
