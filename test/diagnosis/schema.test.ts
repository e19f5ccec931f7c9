import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../src/diagnosis/diagnosis.schema.json';
import { runCli } from '../../src/cli/main';
import { buildDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis } from '../../src/diagnosis';
import { parseAlertJson } from '../../src/alert';
import { CATEGORIES, type Diagnosis } from '../../src/model';
import { render } from '../../src/render';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function check(d: unknown): void {
  const ok = validate(d);
  if (!ok) throw new Error(ajv.errorsText(validate.errors, { separator: '\n' }));
}

const samples = join(__dirname, '..', '..', 'samples');
const alert = parseAlertJson(readFileSync(join(samples, 'alert.json'), 'utf8'));
const now = new Date('2026-11-24T09:40:00Z');

test('the published schema lists exactly the category ids of the model', () => {
  expect(schema.$defs.finding.properties.category.enum).toEqual([...CATEGORIES]);
});

test('the CLI demo output (enriched) validates against the published JSON Schema', async () => {
  const out: string[] = [];
  const code = await runCli(['demo', '--format', 'json'], { stdout: (t) => out.push(t), stderr: () => undefined, isTTY: false, env: {} });
  expect(code).toBe(0);
  const d = JSON.parse(out.join('')) as Diagnosis;
  expect(d.findings.length).toBeGreaterThan(0);
  check(d);
});

test('not-enriched and resolved diagnoses, as rendered to JSON, validate too', () => {
  const ne = notEnrichedDiagnosis({ alert: alert.summary, reason: 'Log Analytics answered 403', reasonCode: 'log-access-denied', now });
  const res = resolvedDiagnosis({ ...alert.summary, monitorCondition: 'Resolved' }, now);
  for (const d of [ne, res]) check(JSON.parse(render(d, 'json').body));
});

test('the schema rejects what other tools must never receive', () => {
  const good = buildDiagnosis({
    target: { kind: 'containerApp', name: 'a1', window: { start: now, end: now } },
    evidence: { system: [], console: [], notes: [] },
    findings: [],
    summary: 'a1: no failure found',
    now,
  });
  check(good);
  expect(validate({ ...good, status: 'done' })).toBe(false);
  expect(validate({ ...good, schemaVersion: '2.0' })).toBe(false);
  const badFinding = { ruleId: 'x', category: 'oom', title: 't', confidence: 2, benign: false, evidence: [], explanation: '', actions: [] };
  expect(validate({ ...good, findings: [badFinding] })).toBe(false);
  const { summary: _s, ...noSummary } = good;
  expect(validate(noSummary)).toBe(false);
});

test('schema 1.1: the state of the app and the consequence links validate; an unknown state does not', () => {
  const d = buildDiagnosis({
    target: { kind: 'containerApp', name: 'a1', window: { start: now, end: now } },
    evidence: { system: [], console: [], notes: [] },
    findings: [
      { ruleId: 'console.x', category: 'missing-configuration', title: 't', confidence: 0.9, benign: false, evidence: [], explanation: '', actions: [], alternatives: ['unknown'] },
      { ruleId: 'exit.1', category: 'application-error', title: 't', confidence: 0.4, benign: false, evidence: [], explanation: '', actions: [], consequenceOf: 'console.x' },
    ],
    summary: 'a1 recovered after a failure: t',
    state: { state: 'recovered', since: '2026-11-24T09:14:40.000Z' },
    now,
  });
  expect(d).toMatchObject({ schemaVersion: '1.1', state: 'recovered', stateSince: '2026-11-24T09:14:40.000Z' });
  check(JSON.parse(render(d, 'json').body));
  expect(validate({ ...d, state: 'sleeping' })).toBe(false);
});
