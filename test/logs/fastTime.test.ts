import fc from 'fast-check';
import { fastTime } from '../../src/logs/fastTime';
import { parseLogTime } from '../../src/logs/normalize';

const read = (s: string): number => {
  const b = Buffer.from(`xx${s}yy`);
  return fastTime(b, 2, b.length - 2);
};

describe('fastTime agrees with parseLogTime', () => {
  test.each([
    '2024-03-06T15:58:05.564Z',
    '2024-03-06T15:52:10.4410000Z',
    '2024-03-06 15:58:05',
    '2023-10-06 21:41:33 +0000 UTC',
    '2023-10-06 23:41:33 +0200 CEST',
    '2023-10-06T23:41:33-02:30',
    '10.9.2022, 11:27:54.389',
    '3/6/2024, 3:58:05.564 PM',
    '3/6/2024, 12:05:00.000 AM',
    '3/6/2024, 12:05:00 PM',
    '11/24/2026, 9:16:05.1 am',
    ' 2024-03-06T15:58:05Z ',
  ])('%s', (text) => {
    expect(read(text)).toBe(parseLogTime(text)?.getTime());
  });

  test.each(['31.2.2024, 10:00:00', '13/40/2024, 1:00:00 PM', '2024-02-30T10:00:00Z', '2024-03-06 15:58:05Z', '3/6/2024, 3:58:05.5641 PM', '1709740381.2', 'yesterday'])(
    'leaves %s to parseLogTime',
    (text) => {
      expect(read(text)).toBeNaN();
    },
  );

  test('never disagrees on generated times of every shape', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 9999999 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 5 }),
        (y, mo, d, h, mi, s, frac, digits, shape) => {
          const f = digits ? `.${String(frac).padStart(7, '0').slice(0, digits)}` : '';
          const texts = [
            `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${f}Z`,
            `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${f} +0${shape}00 UTC`,
            `${mo}/${d}/${y}, ${h % 13}:${pad(mi)}:${pad(s)}${f} ${shape % 2 ? 'PM' : 'AM'}`,
            `${d}.${mo}.${y}, ${pad(h)}:${pad(mi)}:${pad(s)}${f}`,
            `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${f}`,
            `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${f}-0${shape}:30`,
          ];
          for (const text of texts) {
            const fast = read(text);
            if (!Number.isNaN(fast)) expect([text, fast]).toEqual([text, parseLogTime(text)?.getTime()]);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
