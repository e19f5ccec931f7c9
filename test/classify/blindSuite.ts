import * as fs from 'node:fs';
import { CATEGORIES } from '../../src/model';
import { loadBlindV2 } from './blindV2Corpus';
import { judgeV2, scoreV2 } from './blindV2Score';

/**
 * One blind corpus as a suite: its report (printed, and written to `reportEnv`'s path when set) and the
 * floors the rules must keep. Floors are raised when the rules improve, never lowered to pass a change.
 */
export interface BlindSuite {
  label: string;
  folder: string;
  minTop1: number;
  minNamed: number;
  reportEnv: string;
}

export function describeBlindCorpus(suite: BlindSuite): void {
  const corpus = loadBlindV2(suite.folder);
  const score = scoreV2(suite.label, corpus.map(judgeV2));

  describe(`${suite.label} (public sources, both table families)`, () => {
    beforeAll(() => {
      // Printed, and written where asked, on purpose: the figure and the misses are the report.
      console.log(score.report);
      const reportPath = process.env[suite.reportEnv];
      if (reportPath) fs.writeFileSync(reportPath, score.report + '\n');
    });

    it('has at least 150 uniquely named cases in both families, each with sources and a known category', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(150);
      expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
      expect(new Set(corpus.map((c) => c.family))).toEqual(new Set(['custom', 'resource']));
      for (const c of corpus) {
        expect(CATEGORIES).toContain(c.expect.category);
        expect(c.sources.length).toBeGreaterThan(0);
      }
    });

    it(`gets the primary category right for at least ${suite.minTop1 * 100}% of cases`, () => {
      expect(score.accuracy).toBeGreaterThanOrEqual(suite.minTop1);
    });

    it(`names the concrete thing in at least ${suite.minNamed * 100}% of cases that have one`, () => {
      expect(score.withNames).toBeGreaterThan(0);
      expect(score.nameShare).toBeGreaterThanOrEqual(suite.minNamed);
    });

    it('never calls a case that needs action benign', () => {
      expect(score.crashCalledBenign).toEqual([]);
    });
  });
}
