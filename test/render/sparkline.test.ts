import { sparkline, timelineOf } from '../../src/render/sparkline';
import { enrichedDiagnosis, primaryFinding } from './fixtures';

describe('sparkline', () => {
  it('scales counts to eight bars, the largest full', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([1, 100])).toBe('▂█');
  });

  it('shows zero, negatives and non-numbers as the lowest bar, and any positive count above it', () => {
    expect(sparkline([0, -3, Number.NaN, 0.001, 1000])).toBe('▁▁▁▂█');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
  });

  it('has one character per bucket', () => {
    const counts = Array.from({ length: 137 }, (_, i) => i % 9);
    expect([...sparkline(counts)]).toHaveLength(137);
  });
});

describe('timelineOf', () => {
  it("uses the diagnosis' own timeline when present", () => {
    const d = enrichedDiagnosis();
    expect(timelineOf(d)).toEqual({ bucketMinutes: 1, counts: d.timeline!.counts, sparkline: d.timeline!.sparkline });
  });

  it('computes per-minute buckets from evidence times when there is none', () => {
    const d = enrichedDiagnosis({
      timeline: undefined,
      window: { start: '2025-01-10T14:00:00.000Z', end: '2025-01-10T14:04:59.000Z' },
      findings: [
        primaryFinding({
          evidence: [
            { time: '2025-01-10T14:00:10.000Z', source: 'system', text: 'a' },
            { time: '2025-01-10T14:02:10.000Z', source: 'system', text: 'b' },
            { time: '2025-01-10T14:02:50.000Z', source: 'system', text: 'c' },
            { source: 'config', text: 'no time' },
          ],
        }),
      ],
    });
    expect(timelineOf(d)).toEqual({ bucketMinutes: 1, counts: [1, 0, 2, 0, 0], sparkline: '▅▁█▁▁' });
  });

  it('widens buckets so long windows stay short', () => {
    const d = enrichedDiagnosis({
      timeline: undefined,
      window: { start: '2025-01-10T00:00:00.000Z', end: '2025-01-10T23:59:00.000Z' },
      findings: [primaryFinding({ evidence: [{ time: '2025-01-10T12:00:00.000Z', source: 'system', text: 'x' }] })],
    });
    const t = timelineOf(d)!;
    expect(t.counts.length).toBeLessThanOrEqual(60);
    expect(t.bucketMinutes).toBe(24);
    expect(t.counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('is undefined without any times', () => {
    const d = enrichedDiagnosis({ timeline: undefined, findings: [primaryFinding({ evidence: [{ source: 'config', text: 'x' }] })] });
    expect(timelineOf(d)).toBeUndefined();
  });
});
