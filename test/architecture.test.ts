/**
 * The import rules that keep the pipeline pointing one way (README "How it works"), checked on the
 * source text so a violation fails CI instead of waiting for a reviewer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports (static imports, re-exports, dynamic import() and require()). */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  const patterns = [/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g, /import\(\s*['"]([^'"]+)['"]\s*\)/g, /require\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** The top-level folder (or file) under src/ that a relative specifier from `from` lands in. */
function stageOf(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(SRC, join(from, '..', spec));
  return target.split(/[\\/]/)[0].replace(/\.ts$/, '');
}

const all = files(SRC).map((p) => ({ path: p, stage: relative(SRC, p).split(/[\\/]/)[0].replace(/\.ts$/, ''), imports: importsOf(p) }));

function violations(fromStages: string[], forbidden: (spec: string, stage: string | undefined) => boolean): string[] {
  return all
    .filter((f) => fromStages.includes(f.stage))
    .flatMap((f) => f.imports.filter((s) => forbidden(s, stageOf(f.path, s))).map((s) => `${relative(SRC, f.path)} imports ${s}`));
}

test('the scan sees the pipeline (guards against a test that checks nothing)', () => {
  expect(all.length).toBeGreaterThan(80);
  expect(all.find((f) => f.stage === 'enrich')?.imports).toEqual(expect.arrayContaining(['./classify']));
});

test('classify is pure: it imports no other stage, no SDK and no I/O', () => {
  const other = ['logs', 'appconfig', 'deliver', 'functions', 'cli', 'render', 'runtime', 'auth', 'policy'];
  expect(violations(['classify'], (s, stage) => other.includes(stage ?? '') || /^@azure\/|^node:(fs|http|https|net)$/.test(s))).toEqual([]);
});

test('nothing imports the entry points (functions, cli)', () => {
  const outside = ['model', 'errors', 'alert', 'logs', 'appconfig', 'classify', 'diagnosis', 'render', 'deliver', 'policy', 'auth', 'enrich', 'runtime', 'config', 'logger'];
  expect(violations(outside, (_s, stage) => stage === 'functions' || stage === 'cli')).toEqual([]);
});

test('render never imports deliver; the model imports no stage', () => {
  expect(violations(['render'], (_s, stage) => stage === 'deliver')).toEqual([]);
  expect(violations(['model'], (s, stage) => stage !== undefined && stage !== 'model')).toEqual([]);
});

test('the pipeline and the pure stages never import an Azure SDK: sources come in through interfaces', () => {
  const pure = ['enrich', 'alert', 'classify', 'diagnosis', 'render', 'model', 'policy'];
  expect(violations(pure, (s) => /^@azure\/(?!functions$)/.test(s))).toEqual([]);
});
