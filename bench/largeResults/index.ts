/**
 * Benchmark 5: the CLI on a large console export. Two JSON-lines files in the shape of
 * `az containerapp logs show --format json` (one small, one ten times larger) are diagnosed with
 * `node dist/src/cli/main.js diagnose --alert samples/alert.json --logs <file> --progress`; streaming
 * means the peak RSS of the larger run is about that of the smaller. The progress bar is checked twice:
 * forced with --progress on a pipe, and unforced on a terminal (a pseudo-terminal from `script`).
 */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { corpusLine } from '../classifier/corpus';
import { COMPILED_ROOT, REPO_ROOT } from '../lib/layout';
import { assertChildOk, runChild } from '../lib/proc';
import { mb, ms, type BenchRow } from '../lib/results';
import { int, seededRandom } from '../lib/rng';

const RSS_RATIO_TARGET = 1.25;

/** The alert's app and window (samples/alert.json: orders-api, 09:16 to 09:31 on 2026-11-24). */
const APP = 'orders-api';
const REVISION = 'orders-api--v7x2k1p';
const WINDOW_START = Date.parse('2026-11-24T09:16:00Z');
const WINDOW_MS = 14 * 60_000;

export async function writeConsoleExport(path: string, targetBytes: number, seed = 5): Promise<number> {
  const random = seededRandom(seed);
  const replicas = Array.from({ length: 6 }, (_, i) => `${REVISION}-6d9c7f5b8-r${i}x${i}q`);
  const out = createWriteStream(path);
  let bytes = 0;
  let rows = 0;
  while (bytes < targetBytes) {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      // Times rise through the window, so every row is kept by the target filter and read in full.
      const t = WINDOW_START + Math.floor(((rows + i) * 37) % WINDOW_MS);
      lines.push(
        JSON.stringify({
          TimeStamp: new Date(t).toISOString(),
          ContainerAppName: APP,
          RevisionName: REVISION,
          ReplicaName: replicas[int(random, 0, replicas.length - 1)],
          Log: corpusLine(random),
        }),
      );
    }
    rows += lines.length;
    const text = `${lines.join('\n')}\n`;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

export function cliModule(): string {
  const built = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
  return existsSync(built) ? built : join(COMPILED_ROOT, 'src', 'cli', 'main.js');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function largeResultsBench(options: { dataDir: string; smallMb: number; largeMb: number }): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const cli = cliModule();
  const alert = join(REPO_ROOT, 'samples', 'alert.json');
  const files: Record<'small' | 'large', string> = {
    small: join(options.dataDir, `console-export-${options.smallMb}mb.jsonl`),
    large: join(options.dataDir, `console-export-${options.largeMb}mb.jsonl`),
  };
  if (!existsSync(files.small)) await writeConsoleExport(files.small, options.smallMb * 1048576);
  if (!existsSync(files.large)) await writeConsoleExport(files.large, options.largeMb * 1048576);

  const diagnose = async (file: string) => {
    const run = await runChild(process.execPath, [cli, 'diagnose', '--alert', alert, '--logs', file, '--progress']);
    assertChildOk(run, `the CLI on ${file}`);
    return run;
  };
  const small = await diagnose(files.small);
  const large = await diagnose(files.large);
  const progressForced = /\[#+\.*\] 100%/.test(large.stderr);

  // On a terminal the bar shows without --progress. `script` runs the CLI on a pseudo-terminal.
  let progressOnTty: boolean | undefined;
  if (existsSync('/usr/bin/script')) {
    const command = [process.execPath, cli, 'diagnose', '--alert', alert, '--logs', files.small].map(shellQuote).join(' ');
    const tty = await runChild('/usr/bin/script', ['-qec', command, '/dev/null'], { measureRss: false });
    progressOnTty = /100%/.test(tty.stdout);
  }
  const sizes = { small: statSync(files.small).size, large: statSync(files.large).size };
  const ratio = (large.maxRssBytes ?? Number.NaN) / (small.maxRssBytes ?? Number.NaN);
  const throughput = sizes.large / 1048576 / (large.wallMs / 1000);
  return {
    rows: [
      {
        benchmark: '5. CLI peak RSS, large export',
        measured: `${large.maxRssBytes ? mb(large.maxRssBytes) : '?'} @ ${mb(sizes.large)}`,
        reference: `${small.maxRssBytes ? mb(small.maxRssBytes) : '?'} @ ${mb(sizes.small)}`,
        ratio,
        target: `~1x (<= ${RSS_RATIO_TARGET}x)`,
        met: Number.isFinite(ratio) ? ratio <= RSS_RATIO_TARGET : undefined,
        note: `${mb(sizes.large)} read in ${ms(large.wallMs)} (${throughput.toFixed(0)} MB/s)`,
      },
      {
        benchmark: '5. CLI progress bar on stderr',
        measured: `--progress: ${progressForced ? 'shown' : 'missing'}; tty: ${progressOnTty === undefined ? 'not checked' : progressOnTty ? 'shown' : 'missing'}`,
        reference: 'shown',
        target: 'shown',
        met: progressForced && progressOnTty !== false,
      },
    ],
    details: {
      files,
      sizes,
      small: { wallMs: small.wallMs, maxRssBytes: small.maxRssBytes },
      large: { wallMs: large.wallMs, maxRssBytes: large.maxRssBytes },
      progressForced,
      progressOnTty,
      stdoutHead: large.stdout.slice(0, 200),
    },
  };
}
