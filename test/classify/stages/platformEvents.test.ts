import { readPlatformEvents, replacedRevisions } from '../../../src/classify/stages/platformEvents';
import { normaliseSystem } from '../../../src/classify/stages/evidence';

const rows = (list: { reason: string; message: string; s?: number; revision?: string }[]) =>
  normaliseSystem(list.map((r, i) => ({ time: new Date(Date.UTC(2025, 0, 1, 0, 0, r.s ?? i)), reason: r.reason, message: r.message, revision: r.revision, count: 1 })));

describe('stage 2: platform events', () => {
  it('turns terminations into exits (an empty code stays undefined) and keeps starts', () => {
    const p = readPlatformEvents(
      rows([
        { reason: 'ContainerTerminated', message: "Container 'api' was terminated with exit code '' and reason 'ContainerCreateFailure'" },
        { reason: 'ContainerTerminated', message: "Container 'api' was terminated with exit code '1'" },
        { reason: 'ContainerStarted', message: 'Started container api' },
      ]),
    );
    expect(p.exits.map((e) => e.code)).toEqual([undefined, 1]);
    expect(p.hits.map((h) => h.rule.id)).toContain('system.create-failure');
    expect(p.starts).toHaveLength(1);
  });

  it('keeps warnings no rule knows, and reads app words quoted in a create failure', () => {
    const p = readPlatformEvents(
      rows([
        { reason: 'Warning', message: 'Error: ingress routes not ready' },
        { reason: 'ContainerCreateFailure', message: 'exec: "gunicorn app:app": executable file not found in $PATH' },
      ]),
    );
    expect(p.unknownWarnings.map((w) => w.message)).toEqual(['Error: ingress routes not ready']);
    expect(p.drafts.map((d) => d.category)).toContain('entrypoint-error');
  });

  it('knows a revision replaced by a deployment from the creation of another one', () => {
    const replaced = replacedRevisions(rows([{ reason: 'RevisionUpdate', message: 'Creating a new revision: app--v2' }]), undefined);
    expect(replaced('app--v1')).toEqual({ by: 'app--v2' });
    expect(replaced('app--v2')).toBe(false);
    expect(replaced(undefined)).toBe(false);
  });
});
