/** `node dist-bench/bench/ingest/writeExports.js DIR ROWS [SEED]`: writes one export per format into DIR. */
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/layout';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, writeExport } from './generate';

async function main(dir: string, rows: number, seed: number): Promise<void> {
  for (const format of EXPORT_FORMATS) {
    const path = join(dir, `export-${format}-${rows}-seed${seed}.${EXPORT_EXTENSIONS[format]}`);
    const bytes = await writeExport(format, path, rows, REPO_ROOT, seed);
    process.stdout.write(`${path} ${bytes}\n`);
  }
}

if (require.main === module) void main(process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 16));
