import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The twenty-sixth blind corpus (test/fixtures/classifier-blind-v26, docs/classify-blind-v26.md): 180 cases by three
 * authors who had not read the rules. Floors: none yet (scored once before anyone looked).
 */
describeBlindCorpus({
  label: 'blind-v26',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v26'),
  minTop1: 0,
  minNamed: 0,
  reportEnv: 'BLIND_V26_REPORT',
});
