import { classify, summarize } from '../../src/classify';
import { CATEGORIES } from '../../src/model';
import { loadCorpus } from './corpus';

const corpus = loadCorpus();

describe('labelled crash corpus', () => {
  it('has at least 100 cases, each labelled with a known category', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    for (const c of corpus) expect(CATEGORIES).toContain(c.expect.category);
  });

  it('gets the primary category right for at least 95% of cases', () => {
    const misses: string[] = [];
    for (const c of corpus) {
      const findings = classify(c.input);
      const got = findings[0]?.category;
      if (got !== c.expect.category) {
        misses.push(`${c.file} :: ${c.name}: expected ${c.expect.category}, got ${got} (${findings[0]?.ruleId}: ${findings[0]?.title})`);
      }
    }
    const accuracy = (corpus.length - misses.length) / corpus.length;
    // Printed on purpose: the accuracy figure and the misses are what a reviewer wants to see.
    console.log(`top-1 accuracy ${(accuracy * 100).toFixed(1)}% (${corpus.length - misses.length}/${corpus.length})${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('extracts the expected names and exit codes on the primary finding', () => {
    const problems: string[] = [];
    for (const c of corpus) {
      const primary = classify(c.input)[0];
      if (!primary || primary.category !== c.expect.category) continue; // counted as a miss above
      for (const [key, value] of Object.entries(c.expect.names ?? {})) {
        if (primary.names?.[key] !== value) problems.push(`${c.name}: names.${key} expected ${value}, got ${primary.names?.[key]}`);
      }
      if (c.expect.exitCode !== undefined && primary.exitCode !== c.expect.exitCode) {
        problems.push(`${c.name}: exitCode expected ${c.expect.exitCode}, got ${primary.exitCode}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('produces well-formed findings and a headline for every case', () => {
    for (const c of corpus) {
      const findings = classify(c.input);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(CATEGORIES).toContain(f.category);
        expect(f.confidence).toBeGreaterThanOrEqual(0);
        expect(f.confidence).toBeLessThanOrEqual(1);
        expect(f.evidence.length).toBeLessThanOrEqual(10);
        expect(f.title).not.toMatch(/\{|\}/);
        expect(f.actions.length).toBeGreaterThan(0);
        for (const link of f.links ?? []) expect(link.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      }
      // The primary cause of a real failure shows the line that proves it.
      if (!findings[0].benign && findings[0].ruleId.startsWith('console.')) expect(findings[0].evidence.length).toBeGreaterThan(0);
      const headline = summarize(findings, c.input.target);
      expect(headline.startsWith(c.input.target?.name ?? 'the app')).toBe(true);
      expect(headline).not.toMatch(/\n/);
    }
  });
});
