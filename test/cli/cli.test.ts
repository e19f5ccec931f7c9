import { mkdtempSync, writeFileSync } from 'node:fs';
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
