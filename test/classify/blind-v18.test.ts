import * as path from 'node:path';
import { describeBlindCorpus } from './blindSuite';

/**
 * The eighteenth blind corpus (test/fixtures/classifier-blind-v18, docs/classify-blind-v18.md): 180 cases by three
 * authors who had not read the rules. Its first run is in docs/classify-blind-v18-firstrun.txt.
 */
describeBlindCorpus({
  label: 'blind-v18',
  folder: path.join(__dirname, '..', 'fixtures', 'classifier-blind-v18'),
  minTop1: 0.0,
  minNamed: 0.0,
  reportEnv: 'BLIND_V18_REPORT',
});
