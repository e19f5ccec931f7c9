/**
 * Child process of the classifier benchmark: streams a file of console lines through the engine's hot
 * path (`classifyConsoleLine`) and reports how many lines matched a rule. Run as
 * `node classifyFile.js <file>`; it prints one BENCH_RESULT line.
 */
import { createReadStream } from 'node:fs';
import { classifyConsoleLine } from '../../src/classify';
import { reportChildResult } from '../lib/proc';

export async function classifyFile(path: string, signal?: AbortSignal): Promise<{ lines: number; matched: number; byRule: Record<string, number> }> {
  let lines = 0;
  let matched = 0;
  const byRule: Record<string, number> = {};
  let rest = '';
  const take = (line: string): void => {
    lines++;
    const hit = classifyConsoleLine(line);
    if (hit) {
      matched++;
      byRule[hit.ruleId] = (byRule[hit.ruleId] ?? 0) + 1;
    }
  };
  // Splitting chunks by hand is much cheaper than readline's per-line events for a million lines.
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20, signal })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest) take(rest);
  return { lines, matched, byRule };
}

if (require.main === module) {
  const file = process.argv[2];
  const started = process.hrtime.bigint();
  classifyFile(file).then((r) => {
    reportChildResult({ ...r, innerMs: Number(process.hrtime.bigint() - started) / 1e6 });
  });
}
