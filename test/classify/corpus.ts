import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig, Category, ConsoleLine, SystemEvent, Target } from '../../src/model';
import type { ClassifyInput } from '../../src/classify';

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
      const target: Target | undefined = c.target
        ? {
            kind: c.target.kind ?? 'containerApp',
            name: c.target.name,
            window: { start: new Date(t0 - 3_600_000), end: new Date(t0 + 600_000) },
          }
        : undefined;
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
