import { draft } from '../../../src/classify/stages/draft';
import { rank } from '../../../src/classify/stages/ranking';
import { DERIVED_RULES } from '../../../src/classify/rules/configRules';
import { exitCodeRule } from '../../../src/classify/rules/exitCodes';
import { CONSOLE_RULES } from '../../../src/classify';

const rule = (id: string) => CONSOLE_RULES.find((r) => r.id === id)!;

describe('stage 6: ranking', () => {
  it('puts a named cause in the app\'s last words before an exit-code decoding, which becomes its consequence', () => {
    const cause = draft(rule('console.python.keyerror-env'), { envVar: 'X' }, 'console');
    cause.confidence = 0.5;
    cause.lastWords = true;
    const exit = draft(exitCodeRule(134), {}, 'exit');
    exit.confidence = 0.6;
    const [first, second] = rank([exit, cause]);
    expect(first).toBe(cause);
    expect(second.consequenceOf).toBe(cause.rule.id);
  });

  it('lists the back-off as a consequence of the primary cause, and noise last', () => {
    const cause = draft(rule('console.python.keyerror-env'), {}, 'console');
    const backoff = draft({ ...DERIVED_RULES.noEvidence, id: 'system.container-backoff', confidence: 0.3 }, {}, 'system');
    const noise = draft(DERIVED_RULES.sidecarExit, {}, 'exit');
    const out = rank([noise, backoff, cause]);
    expect(out.map((d) => d.rule.id)).toEqual([cause.rule.id, 'system.container-backoff', DERIVED_RULES.sidecarExit.id]);
    expect(out[1].consequenceOf).toBe(cause.rule.id);
  });

  it('breaks a near-tie with the vocabulary of the last lines', () => {
    const a = draft(rule('console.net.connection-refused'), {}, 'console');
    const b = draft(rule('console.python.keyerror-env'), {}, 'console');
    a.confidence = 0.7;
    b.confidence = 0.68;
    const out = rank([a, b], [{ category: b.category, score: 6, terms: ['not set'] }]);
    expect(out[0]).toBe(b);
  });
  it('leads with the revision change when the failure is silent (only an exit code the app chose)', () => {
    const exit = draft(exitCodeRule(1), {}, 'exit');
    const change = draft(DERIVED_RULES.configChange, { image: 'acr.io/api:2' }, 'config');
    const out = rank([exit, change]);
    expect(out[0]).toBe(change);
    expect(out[1].consequenceOf).toBe(change.rule.id);
  });

  it('keeps a kill by signal (137) ahead of a revision change', () => {
    const exit = draft(exitCodeRule(137), {}, 'exit');
    const change = draft(DERIVED_RULES.configChange, {}, 'config');
    expect(rank([exit, change])[0]).toBe(exit);
  });

  it('keeps the app\'s named cause ahead of a revision change', () => {
    const cause = draft(rule('console.python.keyerror-env'), { envVar: 'X' }, 'console');
    cause.lastWords = true;
    const exit = draft(exitCodeRule(1), {}, 'exit');
    const change = draft(DERIVED_RULES.configChange, {}, 'config');
    expect(rank([exit, change, cause])[0]).toBe(cause);
  });
});
