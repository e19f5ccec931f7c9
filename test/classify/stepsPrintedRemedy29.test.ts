/**
 * v25 review B class 1 (cases 70, 81, 82): the library printed its own remedy and the steps ignored it.
 * Real public wording: polars' _cpu_check.py ("Install the `polars-lts-cpu` package instead of `polars` to run
 * Polars with better compatibility."), sharp 0.32's lib/sharp.js ("- Install for the current linuxmusl-x64
 * runtime: "npm install --platform=linuxmusl --arch=x64 sharp""), DuckDB's buffer manager ("Or set PRAGMA
 * temp_directory='/path/to/tmp.tmp'") and @prisma/client ("Please run "prisma generate" and try to import it
 * again."). Near misses: pip's upgrade notice, npm audit's summary, a remedy printed long before the failure.
 */
import { appFixtures, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'rollup', resourceGroup: 'rg-data', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'rollup-29371700-z2x3c',
  container: { name: 'rollup', image: 'contosoacr.azurecr.io/rollup:0.9', cpu: 1, memory: '2Gi', probes: [], env: [] },
});
const ended = (code: number) => [sys('ContainerStarted', 'Started container rollup', 1), exit(code, 30)];
const first = (f: ReturnType<typeof primary>) => f.steps?.[0]?.text ?? '';

describe('the library printed its own remedy: the first step quotes it', () => {
  it('polars without AVX2: polars-lts-cpu instead of polars, in the dependency file', () => {
    const f = primary({ system: ended(132), target: target(), config: config(), console: [
      line('/usr/local/lib/python3.11/site-packages/polars/_cpu_check.py:258: RuntimeWarning: Missing required CPU features.', 10),
      line('    avx2, fma, bmi1, bmi2, movbe', 11),
      line('Install the `polars-lts-cpu` package instead of `polars` to run Polars with better compatibility.', 12),
      line('/bin/bash: line 1:     7 Illegal instruction     (core dumped) python -m rollup.daily', 25),
    ] });
    expect(first(f)).toContain('install `polars-lts-cpu` instead of `polars`');
    expectValidCommands(f);
  });

  it('sharp for another platform: its npm install command in the image build; never "part of the app"', () => {
    const f = primary({ system: ended(1), target: target(), config: config(), console: [
      line('Something went wrong installing the "sharp" module', 10),
      line("Cannot find module '../build/Release/sharp-linuxmusl-x64.node'", 10),
      line('- /var/www/api/node_modules/sharp/lib/sharp.js', 11),
      line('Possible solutions:', 12),
      line('- Install for the current linuxmusl-x64 runtime: "npm install --platform=linuxmusl --arch=x64 sharp"', 12),
    ] });
    expect(first(f)).toContain('`npm install --platform=linuxmusl --arch=x64 sharp`');
    expect(first(f)).toContain('RUN line');
    expect(texts(f)).not.toContain('part of the app, not a package');
    expectValidCommands(f);
  });

  it('DuckDB in memory with no temp directory: PRAGMA temp_directory on a volume', () => {
    const f = primary({ system: ended(1), target: target(), config: config(), console: [
      line('Error: Out of Memory Error: could not allocate block of 262144 bytes', 20),
      line('Database is launched in in-memory mode and no temporary directory is specified.', 20),
      line('Unused blocks cannot be offloaded to disk.', 21),
      line('Launch the database with a persistent storage back-end', 21),
      line("Or set PRAGMA temp_directory='/path/to/tmp.tmp'", 22),
    ] });
    expect(first(f)).toContain("`PRAGMA temp_directory='/path/to/tmp.tmp'`");
    expect(first(f)).toContain('volume');
    expectValidCommands(f);
  });

  it('prisma client not generated: "prisma generate" quoted', () => {
    const f = primary({ system: ended(1), target: target(), config: config(), console: [
      line('Error: @prisma/client did not initialize yet. Please run "prisma generate" and try to import it again.', 20),
    ] });
    expect(texts(f)).toContain('`prisma generate`');
  });
});

describe('near misses: routine advice is not a remedy', () => {
  it("pip's upgrade notice and npm audit's summary add nothing", () => {
    const f = primary({ system: ended(1), target: target(), config: config(), console: [
      line('[notice] To update, run: pip install --upgrade pip', 5),
      line('Run `npm audit` for details.', 6),
      line("ModuleNotFoundError: No module named 'pandas'", 20),
    ] });
    expect(texts(f)).not.toContain("library's own fix");
  });

  it('a remedy printed ten minutes before the failure belongs to another event', () => {
    const f = primary({ system: [sys('ContainerStarted', 'Started container rollup', -700), exit(1, 30)], target: target(), config: config(), console: [
      line('- Install for the current linux-x64 runtime: "npm install --platform=linux --arch=x64 sharp"', -600),
      line("Error: Cannot find module 'express'", 20),
    ] });
    expect(texts(f)).not.toContain("library's own fix");
  });

  it('a quoted command with no remedy word (an echo of what ran) is not a remedy', () => {
    const f = primary({ system: ended(1), target: target(), config: config(), console: [
      line('executing "npm start --prefix /app"', 5),
      line("Error: Cannot find module 'express'", 20),
    ] });
    expect(texts(f)).not.toContain("library's own fix");
  });
});
