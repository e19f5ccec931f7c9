import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The tenth blind corpus (test/fixtures/classifier-blind-v10, docs/classify-blind-v10.md): 180 cases by three
 * authors who had not read the rules. Its first run (86.1% top-1) is in the docs; these floors are what the
 * rules keep after the general fixes that followed it.
 */
describeBlindCorpus({
  label: 'blind-v10',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v10'),
  // 0.98 since the v14 fixes: a lowered memory limit known only from the change's summary now reads as the
  // memory limit, as it already did when the change carried its values. Two authors (v6, v14) label such a
  // kill out-of-memory, two (v4, and yc-3 here) configuration-change: a labelled dispute, see the v14 docs.
  minTop1: 0.98,
  minNamed: 0.98,
  reportEnv: 'BLIND_V10_REPORT',
});
