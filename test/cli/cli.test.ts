import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { DIAGNOSIS_SCHEMA_VERSION, CATEGORIES } from '../../src/model';

const samples = join(__dirname, '..', '..', 'samples');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: false, env: {} } };
}

test('demo prints a readable diagnosis naming the missing variable and exit code 1', async () => {
  const t = io();
  const code = await runCli(['demo'], t.io);
  expect(t.err.join('')).toBe('');
  expect(code).toBe(0);
  const text = t.out.join('');
  expect(text).toContain('DATABASE_URL');
  expect(text).toMatch(/exit code 1\b|exit code: 1\b|Exit code \| 1|code 1\b/i);
});

test('diagnose --format json follows the versioned model exactly', async () => {
  const t = io();
  const code = await runCli(
    ['diagnose', '--alert', join(samples, 'alert.json'), '--logs', join(samples, 'system-logs.json'), '--logs', join(samples, 'console-logs.json'), '--format', 'json'],
    t.io,
  );
  expect(code).toBe(0);
  const d = JSON.parse(t.out.join(''));
  expect(d.schemaVersion).toBe(DIAGNOSIS_SCHEMA_VERSION);
  expect(d.status).toBe('enriched');
  expect(Object.keys(d).sort()).toEqual(
    expect.arrayContaining(['schemaVersion', 'status', 'summary', 'target', 'window', 'findings', 'alert', 'alertIds', 'links', 'notes', 'generatedAt']),
  );
  const f = d.findings[0];
  expect(f).toMatchObject({ category: 'missing-configuration', exitCode: 1, benign: false });
  expect(CATEGORIES).toContain(f.category);
  for (const key of ['ruleId', 'title', 'confidence', 'evidence', 'explanation', 'actions']) expect(f).toHaveProperty(key);
  for (const e of f.evidence) {
    expect(['system', 'console', 'config']).toContain(e.source);
    expect(typeof e.text).toBe('string');
  }
  const confidences = d.findings.map((x: { confidence: number }) => x.confidence);
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
});

test('bad input exits 2 with a clear message on stderr', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  const bad = join(dir, 'alert.json');
  writeFileSync(bad, '{"schemaId": "something-else"}');
  const cases: [string[], RegExp][] = [
    [['diagnose'], /--alert|--app/],
    [['frobnicate'], /Unknown command/],
    [['diagnose', '--alert', join(dir, 'missing.json'), '--logs', join(samples, 'system-logs.json')], /Cannot read|not found/],
    [['diagnose', '--alert', bad, '--logs', join(samples, 'system-logs.json')], /schemaId|common alert schema/i],
    [['diagnose', '--alert', join(samples, 'alert.json'), '--logs', join(samples, 'system-logs.json'), '--format', 'pdf'], /--format/],
  ];
  for (const [argv, message] of cases) {
    const t = io();
    expect(await runCli(argv, t.io)).toBe(2);
    expect(t.err.join('')).toMatch(message);
    expect(t.out.join('')).toBe('');
  }
});

describe('CLI conventions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-conventions-'));
  const alertPath = join(samples, 'alert.json');
  const alertText = readFileSync(alertPath, 'utf8');

  test.each([[['--help']], [['-h']], [['diagnose', '--help']], [['demo', '-h']], [['diagnose', '--alert', alertPath, '--help']]])('%j prints usage on stdout and exits 0', async (argv) => {
    const t = io();
    expect(await runCli(argv, t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/^Usage:\n\s+aca-enricher diagnose --alert FILE\|-/);
    expect(t.out.join('')).toContain('--logs FILE');
    expect(t.err.join('')).toBe('');
  });

  test('--version prints the package version', async () => {
    const t = io();
    expect(await runCli(['--version'], t.io)).toBe(0);
    const { version } = JSON.parse(readFileSync(join(samples, '..', 'package.json'), 'utf8')) as { version: string };
    expect(t.out.join('')).toBe(`aca-enricher ${version}\n`);
  });

  test('--alert - reads the alert from stdin', async () => {
    const t = io();
    const argv = ['diagnose', '--alert', '-', '--logs', join(samples, 'system-logs.json'), '--logs', join(samples, 'console-logs.json')];
    expect(await runCli(argv, { ...t.io, readStdin: async () => alertText })).toBe(0);
    expect(JSON.parse(t.out.join('')).findings[0]).toMatchObject({ category: 'missing-configuration' });
  });

  test('alert problems name the file or stdin, never a "body"', async () => {
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{"schemaId": ');
    const list = join(dir, 'list.json');
    writeFileSync(list, '[]');
    const cases: [string[], string | undefined, RegExp][] = [
      [['diagnose', '--alert', notJson], undefined, /The alert file .*not-json\.json is not valid JSON/],
      [['diagnose', '--alert', list], undefined, /The alert file .*list\.json must hold one JSON object/],
      [['diagnose', '--alert', '-'], '   ', /The alert on stdin is empty/],
    ];
    for (const [argv, stdin, message] of cases) {
      const t = io();
      const code = await runCli([...argv, '--logs', join(samples, 'system-logs.json')], { ...t.io, readStdin: async () => stdin ?? '' });
      expect(code).toBe(2);
      expect(t.err.join('')).toMatch(message);
      expect(t.err.join('')).not.toMatch(/\bbody\b/);
    }
  });

  test('a log file in no known format is an error naming the file and the accepted formats', async () => {
    const yaml = join(dir, 'logs.yaml');
    writeFileSync(yaml, 'logs:\n  - time: 2026-11-24T09:20:00Z\n    message: KeyError\n');
    const text = join(dir, 'console.txt');
    writeFileSync(text, 'Traceback (most recent call last):\nKeyError: DATABASE_URL\n');
    for (const file of [yaml, text]) {
      const t = io();
      expect(await runCli(['diagnose', '--alert', alertPath, '--logs', file], t.io)).toBe(2);
      const err = t.err.join('');
      expect(err).toContain(file);
      expect(err).toMatch(/query API answer.*az monitor log-analytics query.*portal CSV.*az containerapp logs show/s);
      expect(t.out.join('')).toBe('');
    }
  });

  test('the same log file given twice is read once', async () => {
    const file = join(samples, 'console-logs.json');
    const t = io();
    expect(await runCli(['diagnose', '--alert', alertPath, '--logs', file, '--logs', join(samples, '..', 'samples', 'console-logs.json')], t.io)).toBe(0);
    const notes = JSON.parse(t.out.join('')).notes as string[];
    // Read twice, it would be 240 rows from 2 files.
    expect(notes.find((n) => n.startsWith('Read '))).toMatch(/^Read 120 rows from 1 file;/);
  });
});
