import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The twentieth blind corpus (test/fixtures/classifier-blind-v20, docs/classify-blind-v20.md): 180 cases by three
 * authors who had not read the rules. Its first run is in docs/classify-blind-v20-firstrun.txt.
 */
describeBlindCorpus({
  label: 'blind-v20',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v20'),
  minTop1: 0.0,
  minNamed: 0.0,
  reportEnv: 'BLIND_V20_REPORT',
});
