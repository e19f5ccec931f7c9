import { BLIND_V2 } from './blindV2Corpus';
import { describeBlindCorpus } from './blindSuite';

/**
 * The second blind corpus (see blindV2Corpus.ts and docs/classify-blind-v2.md). Its first-run figure,
 * scored before any rule was changed for it, is recorded in the docs; the floors below are what the rules
 * must keep from now on. BLIND_V2_DIR points the suite at another folder of the same format.
 */
describeBlindCorpus({
  label: 'blind-v2',
  folder: process.env.BLIND_V2_DIR ?? BLIND_V2,
  // A gRPC client refused on Dapr's HTTP port 3500 with DAPR_GRPC_PORT set reads as the setting's fault,
  // as the v4 and v6 authors labelled it; this corpus's author said unreachable (one case, held against it).
  // 0.96 since a bare 137 is filed as possibly out of memory (eleven blind cases of fourteen say so; two of
  // the three that say unknown are in this corpus).
  minTop1: 0.96,
  minNamed: 0.89,
  reportEnv: 'BLIND_V2_REPORT',
});
