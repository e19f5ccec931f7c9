import * as fs from 'node:fs';
import { CATEGORIES } from '../../src/model';
import { BLIND_V2, loadBlindV2 } from './blindV2Corpus';
import { judgeV2, scoreV2 } from './blindV2Score';

/**
 * The second blind corpus (see blindV2Corpus.ts and docs/classify-blind-v2.md). Its first-run figure,
 * scored before any rule was changed for it, is recorded in the docs; the floors below are what the rules
 * must keep from now on. Raise them when the rules improve; never lower them to make a change pass.
 */
const MIN_TOP1 = 0.91;
const MIN_NAMED = 0.66;

const folder = process.env.BLIND_V2_DIR ?? BLIND_V2;
const corpus = loadBlindV2(folder);
const outcomes = corpus.map(judgeV2);
const score = scoreV2('blind-v2', outcomes);

describe('blind corpus v2 (public sources, both table families)', () => {
  beforeAll(() => {
    // Printed, and written where asked, on purpose: the figure and the misses are the report.
    console.log(score.report);
    if (process.env.BLIND_V2_REPORT) fs.writeFileSync(process.env.BLIND_V2_REPORT, score.report + '\n');
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

  it(`gets the primary category right for at least ${MIN_TOP1 * 100}% of cases`, () => {
    expect(score.accuracy).toBeGreaterThanOrEqual(MIN_TOP1);
  });

  it(`names the concrete thing in at least ${MIN_NAMED * 100}% of cases that have one`, () => {
    expect(score.withNames).toBeGreaterThan(0);
    expect(score.nameShare).toBeGreaterThanOrEqual(MIN_NAMED);
  });

  it('never calls a case that needs action benign', () => {
    expect(score.crashCalledBenign).toEqual([]);
  });
});
