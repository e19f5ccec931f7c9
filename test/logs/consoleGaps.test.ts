import { consoleGaps } from '../../src/logs/consoleGaps';
import type { ConsoleLine, Evidence, SystemEvent } from '../../src/model';

const t = (hhmm: string): Date => new Date(`2024-01-01T${hhmm}:00Z`);
const exit = (replica: string, at: string, message = "Container 'a' was terminated with exit code '1'", reason = 'ContainerTerminated'): SystemEvent => ({
  time: t(at), reason, message, replica, count: 1,
});
const line = (replica: string, at: string): ConsoleLine => ({ time: t(at), text: 'x', replica });
const evidence = (system: SystemEvent[], console: ConsoleLine[]): Evidence => ({ system, console, notes: [] });

describe('consoleGaps', () => {
  test('names replicas that exited with no console line in the minutes before', () => {
    const ev = evidence(
      [
        exit('r1', '10:10'),
        exit('r2', '10:10', 'Persistent Failiure to start container', 'ContainerBackOff'),
        exit('r3', '10:10', 'Persistent Failure to start container', 'Whatever'),
        exit('r4', '10:10'),
      ],
      [line('r1', '10:08'), line('r4', '10:01'), line('r2', '10:11')],
    );
    // r1 has a line 2 min before; r4's line is too old; r2's is after the exit; r3 has none.
    expect(consoleGaps(ev)).toEqual(['r2', 'r3', 'r4']);
    expect(consoleGaps(ev, { lookbackMinutes: 10 })).toEqual(['r2', 'r3']);
  });

  test('ignores events that are not exits, and folded events count from their first occurrence', () => {
    const folded: SystemEvent = { ...exit('r1', '10:30', 'Persistent Failure to start container', 'ContainerBackOff'), firstSeen: t('10:05') };
    const ev = evidence([exit('r9', '10:10', 'Pulling image "x"', 'PullingImage'), folded], [line('r1', '10:02')]);
    expect(consoleGaps(ev)).toEqual([]);
  });
});
