/**
 * Benchmark 6: file to diagnosis, end to end. For each of the four export formats a seeded file of
 * `rows` rows (bench/ingest/generate.ts) is diagnosed by the built CLI as a whole process
 * (`node dist/src/cli/main.js diagnose --alert samples/alert.json --logs FILE --format json`), and
 * `grep -E -c -f bench/ingest/patterns.ere FILE` (40 failure patterns, C locale) runs over the same
 * file. The two are run back to back, format after format, `runs` times over (so a burst of load on a
 * shared machine hits both alike); the medians give the wall-time ratio, /usr/bin/time the peak RSS.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cliModule } from '../largeResults/index';
import { REPO_ROOT } from '../lib/layout';
import { assertChildOk, median, runChild } from '../lib/proc';
import { mb, ms, type BenchRow } from '../lib/results';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, writeExport, type ExportFormat } from './generate';

const WALL_TARGET = 2;
const RSS_TARGET_BYTES = 200 * 1048576;
const SEED = 16;

export interface IngestBenchOptions {
  /** Where the generated exports live (kept between runs; `BENCH_INGEST_DIR` overrides). */
  dataDir: string;
  rows: number;
  runs: number;
}

interface Run {
  wallMs: number;
  rss?: number;
}

interface FormatResult {
  file: string;
  bytes: number;
  cli: Run[];
  grep: Run[];
  grepMatches: number;
  findings: string[];
  notes: string[];
}

export function exportPath(dir: string, format: ExportFormat, rows: number): string {
  return join(dir, `export-${format}-${rows}-seed${SEED}.${EXPORT_EXTENSIONS[format]}`);
}

export async function ingestBench(options: IngestBenchOptions): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const dir = process.env.BENCH_INGEST_DIR ?? options.dataDir;
  const cli = cliModule();
  const alert = join(REPO_ROOT, 'samples', 'alert.json');
  const patterns = join(REPO_ROOT, 'bench', 'ingest', 'patterns.ere');
  const results = new Map<ExportFormat, FormatResult>();
  for (const format of EXPORT_FORMATS) {
    const file = exportPath(dir, format, options.rows);
    if (!existsSync(file)) await writeExport(format, file, options.rows, REPO_ROOT, SEED);
    results.set(format, { file, bytes: statSync(file).size, cli: [], grep: [], grepMatches: 0, findings: [], notes: [] });
  }
  for (let i = 0; i < options.runs; i++) {
    for (const format of EXPORT_FORMATS) {
      const r = results.get(format)!;
      // Alternate which goes first, so neither always runs on a warmer page cache or a calmer machine.
      const order = i % 2 === 0 ? ['grep', 'cli'] : ['cli', 'grep'];
      for (const which of order) {
        if (which === 'grep') {
          const grep = await runChild('grep', ['-E', '-c', '-f', patterns, r.file], { env: { LC_ALL: 'C' } });
          if (grep.code !== 0 && grep.code !== 1) assertChildOk(grep, 'grep');
          r.grep.push({ wallMs: grep.wallMs, rss: grep.maxRssBytes });
          r.grepMatches = Number(grep.stdout.trim());
        } else {
          const run = await runChild(process.execPath, [cli, 'diagnose', '--alert', alert, '--logs', r.file, '--format', 'json']);
          assertChildOk(run, `the CLI on ${r.file}`);
          r.cli.push({ wallMs: run.wallMs, rss: run.maxRssBytes });
          const diagnosis = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; notes: { message: string }[] };
          r.findings = diagnosis.findings.map((f) => f.ruleId);
          r.notes = diagnosis.notes.map((n) => n.message);
        }
      }
    }
  }
  const rows: BenchRow[] = [];
  for (const [format, r] of results) {
    const cliMs = median(r.cli.map((x) => x.wallMs));
    const grepMs = median(r.grep.map((x) => x.wallMs));
    const ratio = cliMs / grepMs;
    const rss = Math.max(...r.cli.map((x) => x.rss ?? 0));
    rows.push({
      benchmark: `6. ingest ${format} wall time`,
      measured: ms(cliMs),
      reference: `grep -E -f ${ms(grepMs)}`,
      ratio,
      target: `<= ${WALL_TARGET}x grep`,
      met: ratio <= WALL_TARGET,
      note: `${options.rows.toLocaleString('en-US')} rows (${mb(r.bytes)}), median of ${r.cli.length}, interleaved with grep; findings ${r.findings.join(', ')}; grep matched ${r.grepMatches} lines`,
    });
    rows.push({
      benchmark: `6. ingest ${format} peak RSS`,
      measured: rss ? mb(rss) : 'unknown',
      reference: `grep ${mb(Math.max(...r.grep.map((x) => x.rss ?? 0)))}`,
      target: '<= 200 MB',
      met: rss ? rss <= RSS_TARGET_BYTES : undefined,
    });
  }
  return { rows, details: { dir, runs: options.runs, formats: Object.fromEntries(results) } };
}
