import { normaliseConsole, normaliseSystem, sameReplica, within } from '../../../src/classify/stages/evidence';

describe('stage 1: normalise', () => {
  it('orders system rows by time, keeps input order on ties, and drops rows that are not objects', () => {
    const rows = [
      { time: '2025-01-01T00:00:02Z', reason: 'B', message: 'second', count: 0 },
      null,
      { time: '2025-01-01T00:00:01Z', reason: 'A', message: 'first', count: 3.7, replica: '' },
    ];
    const out = normaliseSystem(rows);
    expect(out.map((s) => s.reason)).toEqual(['A', 'B']);
    expect(out[0]).toMatchObject({ count: 3, replica: undefined });
    expect(out[1].count).toBe(1);
  });

  it('cleans console rows (trailing newline, CRI prefix) and skips rows without text', () => {
    const out = normaliseConsole([
      { time: '2025-01-01T00:00:00Z', text: '2025-01-01T00:00:00.1Z stderr F boom\r\n' },
      { time: '2025-01-01T00:00:00Z' },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].text).toBe('boom');
  });

  it('relates rows by replica, else by revision, and accepts rows without a time in any window', () => {
    expect(sameReplica({ replica: 'a' }, { replica: 'b' })).toBe(false);
    expect(sameReplica({ revision: 'r1' }, { replica: 'b', revision: 'r1' })).toBe(true);
    expect(within(Number.NaN, 1000, 0, 0)).toBe(true);
    expect(within(500, 1000, 400, 0)).toBe(false);
  });
});
