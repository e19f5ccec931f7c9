import { analyse } from '../../../src/classify';

const t0 = Date.UTC(2025, 0, 1, 9, 14, 0);
const ev = (s: number, reason: string, message: string, replica = 'r1') => ({ time: new Date(t0 + s * 1000), reason, message, replica, revision: 'app--v1', count: 1 });
const exit = (s: number, code: number | '', replica = 'r1') => ev(s, 'ContainerTerminated', `Container 'app' was terminated with exit code '${code}'`, replica);

describe('stage 7: state', () => {
  it('recovered: exited once, started again, no failure since', () => {
    const a = analyse({ system: [exit(0, 1), ev(40, 'ContainerStarted', 'Started container app')], console: [] });
    expect(a.state).toEqual({ state: 'recovered', since: '2025-01-01T09:14:40.000Z', phrase: 'restarted at 09:14:40 UTC and running since' });
  });

  it('crash-looping: a back-off, or exits again after the restart', () => {
    expect(analyse({ system: [exit(0, 1), ev(10, 'ContainerBackOff', 'Persistent Failure to start container')], console: [] }).state.state).toBe('crash-looping');
    expect(analyse({ system: [exit(0, 1), exit(30, 1), exit(60, 1)], console: [] }).state.state).toBe('crash-looping');
  });

  it('failing-to-start: never created or never pulled', () => {
    const a = analyse({ system: [ev(0, 'ContainerTerminated', "Container 'app' was terminated with exit code '' and reason 'ImagePullFailure'")], console: [] });
    expect(a.state.state).toBe('failing-to-start');
  });

  it('exited: one exit and no sign of a restart; stopped: a planned stop', () => {
    expect(analyse({ system: [exit(0, 1)], console: [] }).state.state).toBe('exited');
    expect(analyse({ system: [ev(0, 'KEDAScaleTargetDeactivated', 'Deactivated apps/v1.Deployment k8se-apps/app--v1 from 1 to 0'), exit(5, 143)], console: [] }).state.state).toBe('stopped');
  });
});
