/**
 * Benchmark 3: the time to require the Functions entry module in a fresh node process, against a bare
 * `@azure/functions` app with one HTTP function. Median of several fresh processes each; both sides are
 * measured the same way (inside the child, around `require`), so node's own start-up is left out of both.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_ROOT, REPO_ROOT } from '../lib/layout';
import { assertChildOk, childResult, median, runChild } from '../lib/proc';
import { ms, type BenchRow } from '../lib/results';

interface ProbeResult {
  requireMs: number;
  modules: number;
  packages: string[];
}

const TARGET = 1.5;

/** dist/ from `npm run build` when present (what the host loads), else the identical bench build. */
export function entryModule(): string {
  const built = join(REPO_ROOT, 'dist', 'src', 'functions', 'index.js');
  return existsSync(built) ? built : join(COMPILED_ROOT, 'src', 'functions', 'index.js');
}

export async function coldStartBench(runs: number): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const probe = join(__dirname, 'probe.js');
  const entry = entryModule();
  const reference = join(COMPILED_ROOT, 'bench', 'reference', 'bareFunctionsApp.js');
  const sample = async (module: string): Promise<ProbeResult & { wallMs: number }> => {
    const run = await runChild(process.execPath, [probe, module], { measureRss: false });
    assertChildOk(run, `requiring ${module}`);
    const r = childResult<ProbeResult>(run.stdout);
    if (!r) throw new Error(`the cold-start probe printed no result for ${module}`);
    return { ...r, wallMs: run.wallMs };
  };
  // One untimed round each warms the OS file cache, as a host's second cold start would find it.
  await sample(entry);
  await sample(reference);
  const app: (ProbeResult & { wallMs: number })[] = [];
  const bare: (ProbeResult & { wallMs: number })[] = [];
  for (let i = 0; i < runs; i++) {
    app.push(await sample(entry));
    bare.push(await sample(reference));
  }
  const appMs = median(app.map((r) => r.requireMs));
  const bareMs = median(bare.map((r) => r.requireMs));
  const appWall = median(app.map((r) => r.wallMs));
  const bareWall = median(bare.map((r) => r.wallMs));
  const ratio = appMs / bareMs;
  const heavy = app[0].packages.filter((p) => p !== '@azure/functions' && p !== '@azure/functions-extensions-base');
  return {
    rows: [
      {
        benchmark: '3. cold start (require)',
        measured: ms(appMs),
        reference: `bare app ${ms(bareMs)}`,
        ratio,
        target: `<= ${TARGET}x`,
        met: ratio <= TARGET,
        note: `median of ${runs} fresh processes; ${app[0].modules} modules loaded (bare app: ${bare[0].modules}); packages beyond @azure/functions: ${heavy.join(', ') || 'none'}`,
      },
      {
        benchmark: '3. cold start (process)',
        measured: ms(appWall),
        reference: `bare app ${ms(bareWall)}`,
        ratio: appWall / bareWall,
        target: 'reported',
        note: 'spawn to exit, node start-up included',
      },
    ],
    details: { entry, reference, app, bare, appMs, bareMs, appWall, bareWall },
  };
}
