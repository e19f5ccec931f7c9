import { normalizeRows, rowKind } from '../../src/logs/normalize';

/**
 * A union query over both `_CL` tables exported as JSON or CSV gives every row every column, empty where
 * the row's own table has none. Column presence alone would call every console row a system event.
 */
describe('row kind in a union export over both tables', () => {
  const both = { TimeGenerated: '2026-05-14T09:00:00Z', Reason_s: '', EventSource_s: '', Stream_s: '', ContainerGroupName_s: '', Log_s: '' };

  it('decides by the marker that holds a value', () => {
    expect(rowKind({ ...both, Stream_s: 'stderr', ContainerGroupName_s: 'api--r1-abc', Log_s: 'KeyError' })).toBe('console');
    expect(rowKind({ ...both, Reason_s: 'ContainerTerminated', Log_s: "Container 'api' was terminated with exit code '1'" })).toBe('system');
  });

  it('still reads a single-table export by its columns, even with an empty marker cell', () => {
    expect(rowKind({ TimeGenerated: '2026-05-14T09:00:00Z', Reason_s: '', Log_s: 'x' })).toBe('system');
    expect(rowKind({ TimeGenerated: '2026-05-14T09:00:00Z', Stream_s: '', Log_s: 'x' })).toBe('console');
  });

  it('keeps console lines of a union export as console lines', () => {
    const rows = [
      { ...both, Reason_s: 'ContainerBackOff', Log_s: 'Persistent Failiure to start container' },
      { ...both, Stream_s: 'stderr', Log_s: "KeyError: 'DATABASE_URL'" },
    ];
    const out = normalizeRows(rows);
    expect(out.system.map((e) => e.reason)).toEqual(['ContainerBackOff']);
    expect(out.console.map((l) => l.text)).toEqual(["KeyError: 'DATABASE_URL'"]);
  });
});
