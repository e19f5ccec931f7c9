/**
 * Child process of the cold-start benchmark: requires one module and reports how long the require took
 * and how many modules it loaded. Run as `node probe.js <absolute path>`.
 */
import { reportChildResult } from '../lib/proc';

if (require.main === module) {
  const before = Object.keys(require.cache).length;
  const started = process.hrtime.bigint();
  require(process.argv[2]);
  const requireMs = Number(process.hrtime.bigint() - started) / 1e6;
  const loaded = Object.keys(require.cache).slice(before);
  const packages = [...new Set(loaded.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1]).filter((p): p is string => !!p))].sort();
  reportChildResult({ requireMs, modules: loaded.length, packages, uptimeMs: process.uptime() * 1000 });
}
