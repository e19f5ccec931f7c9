import { generalise, platformWarnings } from '../../../src/classify/stages/generalise';
import { normaliseConsole, normaliseSystem } from '../../../src/classify/stages/evidence';
import type { Draft } from '../../../src/classify/stages/draft';

const t0 = Date.UTC(2025, 0, 1);
const sys = (reason: string, message: string) => normaliseSystem([{ time: new Date(t0), reason, message, replica: 'r1', count: 1 }])[0];

describe('generalising tier', () => {
  it('reads an unexplained failure through the vocabulary, with lower confidence and alternatives', () => {
    const lines = normaliseConsole([
      { time: new Date(t0 - 5000), text: 'boot: the upstream broker is unreachable, giving up', replica: 'r1' },
    ]);
    const drafts: Draft[] = [];
    generalise(drafts, [{ sys: sys('ContainerTerminated', 'x'), code: 1 }], lines, []);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ category: 'dependency-unreachable', source: 'vocabulary' });
    expect(drafts[0].confidence).toBeLessThanOrEqual(0.55);
  });

  it('says nothing over ordinary lines', () => {
    const drafts: Draft[] = [];
    generalise(drafts, [{ sys: sys('ContainerTerminated', 'x'), code: 1 }], normaliseConsole([{ time: new Date(t0 - 1000), text: 'GET / 200', replica: 'r1' }]), []);
    expect(drafts).toEqual([]);
  });

  it('reports an unknown platform warning rather than nothing', () => {
    const drafts: Draft[] = [];
    platformWarnings(drafts, [sys('Warning', 'Error: ingress routes not ready')]);
    expect(drafts[0].rule.id).toBe('system.unrecognised-warning');
  });
});
