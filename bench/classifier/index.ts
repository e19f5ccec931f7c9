/**
 * Benchmark 1: the classifier's console hot path against `grep -E -f` running the same rule patterns
 * (converted to POSIX ERE by `allConsolePatterns()`) over the same generated corpus. Both run as child
 * processes, timed from spawn to exit, so process start-up counts on both sides.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allConsolePatterns } from '../../src/classify';
import { assertChildOk, childResult, median, runChild } from '../lib/proc';
import { mb, ms, type BenchRow } from '../lib/results';
import { writeCorpus } from './corpus';

export interface ClassifierBenchOptions {
  dataDir: string;
  lines: number;
  runs: number;
  seed?: number;
}

export interface ClassifierBenchResult {
  rows: BenchRow[];
  details: Record<string, unknown>;
}

const WALL_TARGET = 2;
const RSS_TARGET_BYTES = 200 * 1048576;

export async function classifierBench(options: ClassifierBenchOptions): Promise<ClassifierBenchResult> {
  const seed = options.seed ?? 8;
  const corpus = join(options.dataDir, `corpus-${options.lines}-seed${seed}.log`);
  let generated = false;
  if (!existsSync(corpus)) {
    await writeCorpus(corpus, options.lines, seed);
    generated = true;
  }
  const patterns = join(options.dataDir, 'patterns.ere');
  const list = allConsolePatterns();
  writeFileSync(patterns, `${list.join('\n')}\n`);

  const child = join(__dirname, 'classifyFile.js');
  const engineRuns: { wallMs: number; rss?: number; matched: number; lines: number }[] = [];
  const grepRuns: { wallMs: number; rss?: number; matched: number }[] = [];
  // Alternate the two so that a burst of load on the shared machine hits both alike.
  for (let i = 0; i < options.runs; i++) {
    const grep = await runChild('grep', ['-E', '-c', '-f', patterns, corpus], { env: { LC_ALL: 'C' } });
    if (grep.code !== 0 && grep.code !== 1) assertChildOk(grep, 'grep');
    grepRuns.push({ wallMs: grep.wallMs, rss: grep.maxRssBytes, matched: Number(grep.stdout.trim()) });
    const engine = await runChild(process.execPath, [child, corpus]);
    assertChildOk(engine, 'the classifier child');
    const r = childResult<{ lines: number; matched: number; byRule: Record<string, number> }>(engine.stdout);
    if (!r) throw new Error('the classifier child printed no result');
    engineRuns.push({ wallMs: engine.wallMs, rss: engine.maxRssBytes, matched: r.matched, lines: r.lines });
  }
  const engineMs = median(engineRuns.map((r) => r.wallMs));
  const grepMs = median(grepRuns.map((r) => r.wallMs));
  const ratio = engineMs / grepMs;
  const rss = Math.max(...engineRuns.map((r) => r.rss ?? 0));
  const grepRss = Math.max(...grepRuns.map((r) => r.rss ?? 0));
  const lines = engineRuns[0].lines;
  const linesPerSecond = lines / (engineMs / 1000);
  const grepLinesPerSecond = lines / (grepMs / 1000);
  const bytes = statSync(corpus).size;
  return {
    rows: [
      {
        benchmark: '1. classifier wall time',
        measured: ms(engineMs),
        reference: `grep -E ${ms(grepMs)}`,
        ratio,
        target: `<= ${WALL_TARGET}x grep`,
        met: ratio <= WALL_TARGET,
        note: `${lines.toLocaleString('en-US')} lines (${mb(bytes)}), median of ${options.runs}; ${list.length} patterns; engine matched ${engineRuns[0].matched} lines, grep ${grepRuns[0].matched} (grep has no context, unless or tie-breaking rules)`,
      },
      {
        benchmark: '1. classifier lines/s',
        measured: `${(linesPerSecond / 1e6).toFixed(2)} M/s`,
        reference: `grep ${(grepLinesPerSecond / 1e6).toFixed(2)} M/s`,
        ratio: linesPerSecond / grepLinesPerSecond,
        target: 'reported',
      },
      {
        benchmark: '1. classifier peak RSS',
        measured: rss ? mb(rss) : 'unknown',
        reference: `grep ${grepRss ? mb(grepRss) : 'unknown'}`,
        ratio: rss && grepRss ? rss / grepRss : undefined,
        target: '<= 200 MB',
        met: rss ? rss <= RSS_TARGET_BYTES : undefined,
      },
    ],
    details: { corpus, generated, bytes, lines, patterns: list.length, engineRuns, grepRuns, engineMs, grepMs, linesPerSecond },
  };
}
