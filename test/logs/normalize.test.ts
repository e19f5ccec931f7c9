import { normalizeRows, parseLogTime, rowKind, tableToRows, toSystemEvent } from '../../src/logs/normalize';

describe('parseLogTime', () => {
  test.each([
    ['2024-03-06T15:58:05.564Z', '2024-03-06T15:58:05.564Z'],
    ['2024-03-06T15:52:10.4410000Z', '2024-03-06T15:52:10.441Z'],
    ['2024-03-06 15:58:05', '2024-03-06T15:58:05.000Z'],
    ['2023-10-06 21:41:33 +0000 UTC', '2023-10-06T21:41:33.000Z'],
    ['2023-10-06 23:41:33 +0200 CEST', '2023-10-06T21:41:33.000Z'],
    ['10.9.2022, 11:27:54.389', '2022-09-10T11:27:54.389Z'],
    ['3/6/2024, 3:58:05.564 PM', '2024-03-06T15:58:05.564Z'],
    ['3/6/2024, 12:05:00.000 AM', '2024-03-06T00:05:00.000Z'],
    ['3/6/2024, 12:05:00 PM', '2024-03-06T12:05:00.000Z'],
  ])('%s', (input, iso) => {
    expect(parseLogTime(input)?.toISOString()).toBe(iso);
  });

  test('epoch seconds (_timestamp_d) and Dates', () => {
    expect(parseLogTime(1709740381.25)?.toISOString()).toBe('2024-03-06T15:53:01.250Z');
    const d = new Date('2024-01-01T00:00:00Z');
    expect(parseLogTime(d)).toBe(d);
  });

  test.each(['', 'yesterday', '31.2.2024, 10:00:00', '13/40/2024, 1:00:00 PM', null, undefined, {}])('rejects %j', (input) => {
    expect(parseLogTime(input)).toBeUndefined();
  });
});

describe('row classification', () => {
  test('system rows by Reason / EventSource columns, console rows by Stream / ContainerGroupName / ContainerImage', () => {
    expect(rowKind({ Reason_s: 'ContainerBackOff' })).toBe('system');
    expect(rowKind({ EventSource: 'KEDA', Log: 'x' })).toBe('system');
    expect(rowKind({ Stream_s: 'stderr', Log_s: 'x' })).toBe('console');
    expect(rowKind({ ContainerGroupName: 'r', Log: 'x' })).toBe('console');
    expect(rowKind({ ContainerImage_s: 'img' })).toBe('console');
    expect(rowKind({ TimeStamp: 't', Log: 'x' })).toBe('console');
    expect(rowKind({ RowKind: 'system', Stream: null })).toBe('system');
    expect(rowKind({ TimeGenerated: 't' })).toBeUndefined();
  });

  test('Type is severity only where it is not a table name', () => {
    const base = { TimeGenerated: '2024-01-01T00:00:00Z', Reason: 'ContainerBackOff', Log: 'm' };
    expect(toSystemEvent({ ...base, Type: 'Warning' })?.severity).toBe('Warning');
    expect(toSystemEvent({ ...base, Type: 'ContainerAppSystemLogs_CL' })?.severity).toBeUndefined();
    expect(toSystemEvent({ ...base, Type: 'ContainerAppSystemLogs_CL', Type_s: 'Normal' })?.severity).toBe('Normal');
  });

  test('both families normalise to the same shapes, sorted by time', () => {
    const rows = [
      ...tableToRows({
        columns: [{ name: 'TimeGenerated' }, { name: 'ContainerAppName_s' }, { name: 'ReplicaName_s' }, { name: 'Reason_s' }, { name: 'Log_s' }, { name: 'Type_s' }, { name: 'Count_d' }, { name: 'Type' }],
        rows: [['2024-01-01T00:05:00Z', 'a', 'r1', 'ContainerBackOff', 'Persistent Failiure to start container', 'Warning', 7, 'ContainerAppSystemLogs_CL']],
      }),
      { TimeGenerated: '2024-01-01T00:01:00Z', ContainerAppName: 'a', ReplicaName: 'r1', Reason: 'ContainerTerminated', Log: "Container 'a' was terminated with exit code '1'", Type: 'Warning', Count: 1 },
      { TimeGenerated: '2024-01-01T00:00:59Z', ContainerAppName: 'a', ContainerGroupName: 'r1', Stream: 'stderr', Log: 'boom', Type: 'ContainerAppConsoleLogs' },
      { TimeGenerated: '2024-01-01T00:00:58Z', ContainerAppName_s: 'a', ContainerGroupName_s: 'r1', Stream_s: 'stdout', Log_s: 'start', Type: 'ContainerAppConsoleLogs_CL' },
      { TimeGenerated: 'not a time', Reason: 'X' },
    ];
    const out = normalizeRows(rows);
    expect(out.skipped).toBe(1);
    expect(out.system).toEqual([
      { time: new Date('2024-01-01T00:01:00Z'), reason: 'ContainerTerminated', message: "Container 'a' was terminated with exit code '1'", severity: 'Warning', app: 'a', replica: 'r1', count: 1 },
      { time: new Date('2024-01-01T00:05:00Z'), reason: 'ContainerBackOff', message: 'Persistent Failiure to start container', severity: 'Warning', app: 'a', replica: 'r1', count: 7 },
    ]);
    expect(out.console).toEqual([
      { time: new Date('2024-01-01T00:00:58Z'), text: 'start', stream: 'stdout', app: 'a', replica: 'r1' },
      { time: new Date('2024-01-01T00:00:59Z'), text: 'boom', stream: 'stderr', app: 'a', replica: 'r1' },
    ]);
  });

  test('folded query rows keep first/last seen and the larger of Count and Rows', () => {
    const e = toSystemEvent({ TimeGenerated: '2024-01-01T00:09:00Z', FirstSeen: '2024-01-01T00:01:00Z', Reason: 'ContainerBackOff', Log: 'x', Count: 3, Rows: 5 });
    expect(e).toMatchObject({ count: 5, firstSeen: new Date('2024-01-01T00:01:00Z'), time: new Date('2024-01-01T00:09:00Z') });
  });
});
