#!/usr/bin/env node
/**
 * Bundles the Functions entry (src/functions/index.ts) and everything it loads, SDKs included, into one
 * self-contained CommonJS file with esbuild, for the deployment package. `tsc` still type-checks (npm run
 * build / typecheck); this only ships. Usage: node infra/scripts/bundle.js <output folder>
 *
 * - `@azure/functions-core` stays external: the Functions worker provides it at run time.
 * - Lazy loading survives bundling: modules reached through `require()`/`import()` inside functions are
 *   wrapped by esbuild and only run on first use, so the first invocation, not start-up, pays for them.
 * - Licence comments of the bundled packages go to index.js.LEGAL.txt next to the bundle.
 */
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const outdir = path.resolve(process.argv[2] || path.join(root, '.tools', 'deploy', 'api', 'dist'));
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { index: 'src/functions/index.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    // The oldest runtime the function app may run (infra: nodeVersion 22 or 24).
    target: 'node22',
    format: 'cjs',
    external: ['@azure/functions-core'],
    legalComments: 'external',
    // Whitespace and syntax only: renaming identifiers made the bundle smaller but no faster to load
    // (measured), and names are kept for error classes and logs.
    minifySyntax: true,
    minifyWhitespace: true,
    keepNames: true,
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`bundle: ${inputs} source files -> ${path.relative(root, outdir)}/index.js (${(bytes / 1024 / 1024).toFixed(2)} MiB)`);
}

main().catch((err) => {
  console.error(`bundle: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
