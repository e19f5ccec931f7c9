#!/usr/bin/env node
/**
 * `npm run test:stress [-- --runs N] [-- --hogs N] [-- <jest args>]`
 *
 * Runs the whole test suite N times (default 10) while every core is kept busy by a CPU hog, the way a
 * developer's machine is busy when CI runs there, and reports how many runs passed and how long each
 * took. A suite that only passes on an idle machine fails here.
 *
 * The hogs are started and stopped by this script: on normal exit, on Ctrl-C / SIGTERM, and, should
 * this script itself be killed outright, by themselves (each hog exits when the pipe to this script
 * closes). Each run's Jest JSON report and output are kept in a temporary folder, named at the end.
 *
 * Plain JavaScript so it runs with no build step.
 */
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

function parseArgs(argv) {
  const options = { runs: Number(process.env.STRESS_RUNS ?? 10), hogs: os.availableParallelism?.() ?? os.cpus().length, jest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs' || arg === '--hogs') options[arg.slice(2)] = Number(argv[++i]);
    else if (arg.startsWith('--runs=') || arg.startsWith('--hogs=')) options[arg.slice(2, 6)] = Number(arg.slice(7));
    else options.jest.push(arg);
  }
  for (const key of ['runs', 'hogs']) {
    if (!Number.isInteger(options[key]) || options[key] < (key === 'runs' ? 1 : 0)) {
      console.error(`test:stress: --${key} must be a whole number${key === 'runs' ? ' of at least 1' : ''}, got ${options[key]}`);
      process.exit(2);
    }
  }
  return options;
}

/**
 * A hog keeps one core busy in 50 ms slices; between slices it checks that this script is still its
 * parent and exits when it is not (this script was killed outright).
 */
const HOG = `
const owner = process.ppid;
let x = 0;
const spin = () => {
  if (process.ppid !== owner) process.exit(0);
  const until = Date.now() + 50;
  while (Date.now() < until) x = (x * 31 + 7) % 1000003;
  setImmediate(spin);
};
spin();
`;

const hogs = new Set();
let currentRun;

function startHogs(n) {
  for (let i = 0; i < n; i++) {
    const hog = spawn(process.execPath, ['-e', HOG], { stdio: 'ignore' });
    hogs.add(hog);
    hog.once('exit', () => hogs.delete(hog));
  }
}

function stopEverything() {
  for (const hog of hogs) hog.kill('SIGKILL');
  hogs.clear();
  if (currentRun && currentRun.exitCode === null) currentRun.kill('SIGINT');
}

process.on('exit', stopEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\ntest:stress: ${signal}, stopping the hogs and the current run`);
    stopEverything();
    process.exit(130);
  });
}

function runJest(report, log, extra) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
    const out = [];
    currentRun = spawn(process.execPath, [jest, '--ci', '--json', `--outputFile=${report}`, ...extra], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    currentRun.stdout.on('data', (c) => out.push(c));
    currentRun.stderr.on('data', (c) => out.push(c));
    currentRun.once('exit', (code, signal) => {
      writeFileSync(log, Buffer.concat(out));
      resolve({ code, signal, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

/** The names of the failed tests in a Jest JSON report (empty when the report is missing). */
function failures(report) {
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    const failed = [];
    for (const suite of json.testResults ?? []) {
      const file = suite.name.slice(ROOT.length + 1);
      if (suite.status === 'failed' && (suite.assertionResults ?? []).every((a) => a.status !== 'failed')) {
        failed.push(`${file}: ${(suite.message ?? 'suite failed').split('\n').find((l) => l.trim()) ?? 'suite failed'}`);
      }
      for (const a of suite.assertionResults ?? []) if (a.status === 'failed') failed.push(`${file}: ${a.fullName}`);
    }
    return failed;
  } catch {
    return ['(no Jest report: the run did not finish)'];
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(os.tmpdir(), 'aca-enricher-stress-'));
  console.log(`test:stress: ${options.runs} run(s) of the suite with ${options.hogs} CPU hog(s) on ${os.availableParallelism?.() ?? os.cpus().length} core(s); reports in ${dir}`);
  startHogs(options.hogs);
  const results = [];
  for (let i = 1; i <= options.runs; i++) {
    const report = join(dir, `run-${i}.json`);
    const run = await runJest(report, join(dir, `run-${i}.log`), options.jest);
    const failed = run.code === 0 ? [] : failures(report);
    results.push({ ...run, passed: run.code === 0, failed });
    console.log(`run ${i}/${options.runs}: ${run.code === 0 ? 'passed' : 'FAILED'} in ${run.seconds.toFixed(1)} s`);
    for (const f of failed) console.log(`    ✕ ${f}`);
  }
  stopEverything();
  const passed = results.filter((r) => r.passed).length;
  const times = results.map((r) => r.seconds).sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  console.log(
    `test:stress: ${passed}/${options.runs} runs passed; time per run ${times.map((t) => t.toFixed(1)).join(', ')} s ` +
      `(min ${times[0].toFixed(1)}, median ${median.toFixed(1)}, max ${times[times.length - 1].toFixed(1)})`,
  );
  process.exitCode = passed === options.runs ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  stopEverything();
  process.exit(1);
});
