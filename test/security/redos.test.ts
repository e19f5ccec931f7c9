/**
 * Finding 1 of issue 12: every regex that reads log or alert text must see a bounded window and stay
 * linear on it. This suite collects every regex literal in src/ (parsed from the source, so a new one is
 * covered the day it is written) plus the ones built at run time and the rule tables' fields, and holds
 * each to `assertSafePattern`: the ReDoS analyser and a hostile-row measurement against a baseline.
 */
import { join } from 'node:path';
import { CONSOLE_RULES, SYSTEM_RULES } from '../../src/classify';
import { PREFILTER } from '../../src/classify/consoleMatcher';
import { MAX_CONTEXT_CHARS, MAX_SCAN_CHARS, scanWindow } from '../../src/classify/window';
import { assertSafePattern, saveVerdicts, sourceRegexes, type PatternVerdict, type WindowFn } from '../support/redos';

jest.setTimeout(600_000);

const ROOT = join(__dirname, '..', '..');

/**
 * Regexes that never see text from outside the operator: they read app settings (which the operator
 * writes) or the app's own constants. Each entry says why; anything else counts as external.
 */
const TRUSTED_INPUT: Record<string, string> = {
  'src/config.ts': 'reads app settings, written by the operator',
  'src/deliver/runtimeDelivery.ts': 'reads the DESTINATIONS setting, written by the operator',
  'src/classify/template.ts': "runs on rules' title and advice templates (data in this repository), never on log text",
};

/**
 * Known unsafe patterns in files another issue owns at the time of writing (issue 11 rewrites redaction):
 * the JWT replacer's trailing-dot strip is quadratic on a run of dots. Remove the entry once it is fixed
 * (e.g. with a look-behind so only the run's first dot can start the match).
 */

/** Patterns whose input is already bounded by the line before them, so a 100 KB row never reaches them. */
const BOUNDED_BEFORE: Record<string, string> = {
  'src/render/redactionRules.ts [.,;:!?`)\\]]+$': 'isProse: the value was just checked to be at most 17 characters',
};

/** The window each file's patterns see, as the app cuts it. */
function windowFor(file: string): WindowFn {
  return (text) => scanWindow(text, file === 'context' ? MAX_CONTEXT_CHARS : MAX_SCAN_CHARS);
}

const found = sourceRegexes(ROOT).filter(
  (r) => !TRUSTED_INPUT[r.file] && !BOUNDED_BEFORE[`${r.file} ${r.re.source}`],
);

// With REDOS_UPDATE=1 the analyser's verdicts on today's patterns are stored for later runs.
afterAll(() => saveVerdicts([...found.map((r) => r.re), PREFILTER, ...CONSOLE_RULES.flatMap((rule) => (rule.context ? [rule.context] : []))]));

test('the collector finds the regexes of every stage that reads external text', () => {
  const files = new Set(found.map((r) => r.file));
  for (const f of ['src/classify/stackTraces.ts', 'src/classify/rules/configRules.ts', 'src/classify/rules/systemRules.ts', 'src/render/redactionRules.ts', 'src/alert/resourceId.ts']) {
    expect(files).toContain(f);
  }
  expect(found.length).toBeGreaterThan(250);
});

/**
 * The patterns are measured in chunks, each its own test: one test over all of them grew with every rule
 * and, on a loaded machine, ran past any single timeout although no pattern was slow. A chunk's time is
 * bounded by its size, not by how many rules the project has.
 */
const CHUNK = 40;
const chunks = Array.from({ length: Math.ceil(found.length / CHUNK) }, (_, i) => found.slice(i * CHUNK, (i + 1) * CHUNK));
const verdicts: PatternVerdict[] = [];

describe('every regex literal in src/ is linear on its window', () => {
  test.each(chunks.map((c, i) => [i + 1, c] as const))('patterns, chunk %i', async (_n, chunk) => {
    const failures: string[] = [];
    for (const r of chunk) {
      try {
        verdicts.push(await assertSafePattern(r.re, { window: windowFor(r.file), name: `${r.file}:${r.line}` }));
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    expect(failures).toEqual([]);
  });

  // Runs after the chunks (tests in a file run in order). The analyser is part of the check, not
  // decoration: it proves most patterns outright (now or in an earlier run whose verdict on the same
  // source is stored in redos-verdicts.json).
  test('the analyser proves a third of them outright', () => {
    expect(verdicts.length).toBe(found.length);
    expect(verdicts.filter((v) => v.analyser === 'safe').length).toBeGreaterThan(found.length / 3);
  });
});

test('context patterns over their wider block window, and the prefilter built at run time', async () => {
  const failures: string[] = [];
  const fields: { name: string; re: RegExp; window: WindowFn }[] = [{ name: 'PREFILTER', re: PREFILTER, window: windowFor('row') }];
  for (const rule of CONSOLE_RULES) {
    if (rule.context) fields.push({ name: `${rule.id}.context`, re: rule.context, window: windowFor('context') });
  }
  // Rule tables hold literals the first test already covers; every field must be one of them.
  const literalSources = new Set(found.map((r) => r.re.source));
  for (const rule of [...CONSOLE_RULES, ...SYSTEM_RULES]) {
    for (const re of Object.values(rule).filter((v): v is RegExp => v instanceof RegExp)) expect(literalSources).toContain(re.source);
  }
  for (const f of fields) {
    await assertSafePattern(f.re, { window: f.window, name: f.name }).catch((err: Error) => failures.push(err.message));
  }
  expect(failures).toEqual([]);
});
