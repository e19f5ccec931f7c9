import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The fifth blind corpus (test/fixtures/classifier-blind-v5, docs/classify-blind-v5.md): 183 cases by three
 * authors who had not read the rules. Its first run (89.6% top-1) is in the docs; these floors are what the
 * rules keep after the general fixes that followed it.
 */
describeBlindCorpus({
  label: 'blind-v5',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v5'),
  minTop1: 0.95,
  minNamed: 0.92,
  reportEnv: 'BLIND_V5_REPORT',
});
