import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The nineteenth blind corpus (test/fixtures/classifier-blind-v19, docs/classify-blind-v19.md): 180 cases by three
 * authors who had not read the rules. Its first run is in docs/classify-blind-v19-firstrun.txt.
 */
describeBlindCorpus({
  label: 'blind-v19',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v19'),
  minTop1: 0.0,
  minNamed: 0.0,
  reportEnv: 'BLIND_V19_REPORT',
});
