import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig, Category, ConsoleLine, Finding, SystemEvent, Target } from '../../src/model';
import { classify, type ClassifyInput } from '../../src/classify';

/**
 * The labelled corpus: test/fixtures/classifier/corpus-*.json. Each case gives a start time and rows
 * with `at` (seconds relative to it), so the files stay readable; this loader turns them into the
 * pipeline's shapes.
 */
export interface CorpusCase {
  name: string;
  file: string;
  input: ClassifyInput;
  expect: { category: Category; names?: Record<string, string>; exitCode?: number };
}

interface RawRow {
  at: number;
  [key: string]: unknown;
}

interface RawCase {
  name: string;
  start: string;
  target?: { name: string; kind?: Target['kind'] };
  system?: RawRow[];
  console?: RawRow[];
  config?: AppConfig;
  expect: CorpusCase['expect'];
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'classifier');

/** A case's target, with the window every corpus uses: an hour before its start to ten minutes after. */
export function caseTarget(t: { name: string; kind?: Target['kind'] } | undefined, t0: number): Target | undefined {
  return t ? { kind: t.kind ?? 'containerApp', name: t.name, window: { start: new Date(t0 - 3_600_000), end: new Date(t0 + 600_000) } } : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Loads every case file in `folder` whose name matches `pattern`: by default the classifier's own corpus;
 * the blind corpus (test/fixtures/classifier-blind, `blind-*.json`) uses the same format and loader.
 */
export function loadCorpus(folder: string = FIXTURES, pattern: RegExp = /^corpus-.*\.json$/): CorpusCase[] {
  const files = fs.readdirSync(folder).filter((f) => pattern.test(f)).sort();
  const cases: CorpusCase[] = [];
  for (const file of files) {
    const raw = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as RawCase[];
    for (const c of raw) {
      const t0 = Date.parse(c.start);
      const at = (row: RawRow): Date => new Date(t0 + Math.round(row.at * 1000));
      const system: SystemEvent[] = (c.system ?? []).map((r) => ({
        time: at(r),
        reason: String(r.reason ?? ''),
        message: String(r.message ?? ''),
        replica: str(r.replica),
        revision: str(r.revision),
        container: str(r.container),
        count: typeof r.count === 'number' ? r.count : 1,
      }));
      const consoleRows: ConsoleLine[] = (c.console ?? []).map((r) => ({
        time: at(r),
        text: String(r.text ?? ''),
        stream: str(r.stream),
        replica: str(r.replica),
        revision: str(r.revision),
        image: str(r.image),
      }));
      const target = caseTarget(c.target, t0);
      cases.push({
        name: c.name,
        file,
        input: { system, console: consoleRows, config: c.config, target },
        expect: c.expect,
      });
    }
  }
  return cases;
}

/** What the classifier made of one labelled case. */
export interface Outcome {
  c: CorpusCase;
  findings: Finding[];
  hit: boolean;
  /** Expected names the primary finding got right / missed (only counted on a category hit). */
  namesRight: string[];
  namesWrong: string[];
}

/** Runs the classifier on one case and compares its primary finding with the label. */
export function judge(c: CorpusCase): Outcome {
  const findings = classify(c.input);
  const primary = findings[0];
  const hit = primary?.category === c.expect.category;
  const namesRight: string[] = [];
  const namesWrong: string[] = [];
  if (hit) {
    for (const [key, value] of Object.entries(c.expect.names ?? {})) {
      if (primary.names?.[key] === value) namesRight.push(key);
      else namesWrong.push(`${key}: expected ${value}, got ${primary.names?.[key]}`);
    }
  }
  return { c, findings, hit, namesRight, namesWrong };
}

/** A corpus's score: top-1 accuracy with per-file and per-category tables, misses, and name recall. */
export interface CorpusScore {
  total: number;
  hits: number;
  accuracy: number;
  misses: string[];
  nameRight: number;
  nameTotal: number;
  nameRecall: number;
  nameMisses: string[];
  /** Printable report (the figure, the tables, the misses), for the examiner to read in the test output. */
  report: string;
}

function tally(outcomes: Outcome[], key: (o: Outcome) => string): Map<string, { n: number; hit: number }> {
  const table = new Map<string, { n: number; hit: number }>();
  for (const o of outcomes) {
    const entry = table.get(key(o)) ?? { n: 0, hit: 0 };
    entry.n += 1;
    if (o.hit) entry.hit += 1;
    table.set(key(o), entry);
  }
  return table;
}

/** Scores a set of outcomes; `label` names the corpus in the printed report. */
export function scoreCorpus(label: string, outcomes: Outcome[]): CorpusScore {
  const misses = outcomes
    .filter((o) => !o.hit)
    .map((o) => {
      const top = o.findings
        .slice(0, 3)
        .map((f) => `${f.category}/${f.ruleId}@${f.confidence.toFixed(2)}`)
        .join(', ');
      return `  ${o.c.file} :: ${o.c.name}: expected ${o.c.expect.category}, got [${top}]`;
    });
  const total = outcomes.length;
  const hits = total - misses.length;
  const accuracy = total === 0 ? 0 : hits / total;
  const files = [...tally(outcomes, (o) => o.c.file).entries()]
    .map(([f, e]) => `  ${f.padEnd(30)} ${e.hit}/${e.n}`)
    .join('\n');
  const categories = [...tally(outcomes, (o) => o.c.expect.category).entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([cat, e]) => `  ${cat.padEnd(24)} ${e.hit}/${e.n}`)
    .join('\n');
  const nameRight = outcomes.reduce((n, o) => n + o.namesRight.length, 0);
  const nameMisses = outcomes.flatMap((o) => o.namesWrong.map((w) => `  ${o.c.name}: ${w}`));
  const nameTotal = nameRight + nameMisses.length;
  const nameRecall = nameTotal === 0 ? 1 : nameRight / nameTotal;
  const report =
    `${label} top-1 accuracy ${(accuracy * 100).toFixed(1)}% (${hits}/${total})\nby file:\n${files}\nby category:\n${categories}` +
    (misses.length ? `\nmisses:\n${misses.join('\n')}` : '') +
    `\n${label} name recall ${(nameRecall * 100).toFixed(1)}% (${nameRight}/${nameTotal})` +
    (nameMisses.length ? `\nname misses:\n${nameMisses.join('\n')}` : '');
  return { total, hits, accuracy, misses, nameRight, nameTotal, nameRecall, nameMisses, report };
}
