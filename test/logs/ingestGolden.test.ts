/**
 * The fast file reader gives the same evidence, notes and findings as the reader it replaced. The
 * "before" side was recorded by the old reader (commit d08aa62) on the seeded exports in
 * test/fixtures/logs/golden (bench/ingest/generate.ts, 400 rows per format). Findings are compared by
 * classifying the recorded evidence with today's classifier, so a rule change elsewhere does not make
 * this test fail for a reason that is not about reading files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlertJson, resolveTarget } from '../../src/alert';
import { enrich } from '../../src/enrich';
import { createFileLogSource } from '../../src/logs/files';
import type { LogSource } from '../../src/logs/LogSource';
import type { ConsoleLine, Evidence, SystemEvent } from '../../src/model';

const DIR = join(__dirname, '..', 'fixtures', 'logs', 'golden');
const ROOT = join(__dirname, '..', '..');
const before = JSON.parse(readFileSync(join(DIR, 'before.json'), 'utf8')) as {
  now: string;
  results: Record<string, { system: SystemEvent[]; console: ConsoleLine[]; notes: Evidence['notes'] }>;
};
const FILES: Record<string, string[]> = {
  csv: ['export-csv.csv'],
  'query-response': ['export-query-response.json'],
  'json-array': ['export-json-array.json'],
  jsonl: ['export-jsonl.jsonl'],
};
FILES.all = Object.values(FILES).flat();

const alert = parseAlertJson(readFileSync(join(ROOT, 'samples', 'alert.json'), 'utf8'));
const now = new Date(before.now);
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function recordedSource(name: string): LogSource {
  const r = before.results[name];
  const revive = <T extends { time: Date; firstSeen?: Date }>(items: T[]): T[] =>
    items.map((i) => ({ ...i, time: new Date(i.time), ...(i.firstSeen ? { firstSeen: new Date(i.firstSeen) } : {}) }));
  return {
    description: 'recorded',
    fetchEvidence: async () => ({ system: revive(r.system), console: revive(r.console), notes: r.notes, tableFamily: 'file' }),
  };
}

describe.each(Object.keys(FILES))('%s export: same result as before the rewrite', (name) => {
  const logs = createFileLogSource(FILES[name].map((f) => join(DIR, f)));

  test('same system events, console lines and notes', async () => {
    const evidence = await logs.fetchEvidence(resolveTarget(alert, { now, defaultLookbackMinutes: 60 }));
    const r = before.results[name];
    expect(asJson(evidence.system)).toEqual(r.system);
    expect(asJson(evidence.console)).toEqual(r.console);
    expect(evidence.notes).toEqual(r.notes);
    expect(evidence.system.length + evidence.console.length).toBeGreaterThan(0);
  });

  test('same findings and summary', async () => {
    const deps = { now: () => now, defaultLookbackMinutes: 60 };
    const after = await enrich({ kind: 'alert', alert }, { ...deps, logs });
    const recorded = await enrich({ kind: 'alert', alert }, { ...deps, logs: recordedSource(name) });
    expect(after.diagnosis.findings.length).toBeGreaterThan(0);
    expect(asJson(after.diagnosis.findings)).toEqual(asJson(recorded.diagnosis.findings));
    expect(after.diagnosis.summary).toEqual(recorded.diagnosis.summary);
  });
});
