import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The twenty-first blind corpus (test/fixtures/classifier-blind-v21, docs/classify-blind-v21.md): 180 cases by three
 * authors who had not read the rules. Floors at 0 until its first run is recorded.
 */
describeBlindCorpus({
  label: 'blind-v21',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v21'),
  minTop1: 0,
  minNamed: 0,
  reportEnv: 'BLIND_V21_REPORT',
});
