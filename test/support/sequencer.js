/**
 * Jest's own order (failed first, then longest first from its timing cache), except on a run with no
 * timing cache (a fresh clone, CI): there Jest falls back to file size, which would start the longest
 * suites last and leave one worker idle while the other finishes them. These suites go first instead.
 * A hint only: once Jest has timings, they decide.
 */
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const LONG_SUITES = ['hardening/storm', 'deliver/burst', 'e2e/pipeline', 'logs/kql', 'hardening/injection', 'e2e/lag'];

function rank(path) {
  const i = LONG_SUITES.findIndex((s) => path.replace(/\\/g, '/').includes(`/test/${s}.test.ts`));
  return i < 0 ? LONG_SUITES.length : i;
}

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((t) => t.duration != null)) return sorted;
    return [...sorted].sort((a, b) => rank(a.path) - rank(b.path));
  }
}

module.exports = LongestFirstSequencer;
