import * as path from 'node:path';
import { CONSOLE_RULES, matchConsoleLine } from '../../src/classify';
import { LISTEN_PATTERNS } from '../../src/classify/rules/configRules';
import { CATEGORIES } from '../../src/model';
import { judge, loadCorpus, scoreCorpus } from './corpus';

/**
 * The held-out corpus: a second examination, written before its author read the rules or the other two
 * corpora (test/fixtures/classifier-heldout/heldout-*.json). It mixes frameworks, log shapes and causes as they
 * show up in production, and many of its cases are near-misses whose obvious keyword points the wrong way.
 *
 * First measurement, before any rule change: 86.5% top-1 (90/104), name recall 93.8% (30/32).
 * After generalising the rules: 99.0% (103/104), name recall 94.4% (34/36). See docs/classify-heldout.md.
 */
const HELDOUT = path.join(__dirname, '..', 'fixtures', 'classifier-heldout');

/** Floors the rules must keep: the measured figure rounded down to 5%. Never lower them to make a change pass. */
const MIN_TOP1_ACCURACY = 0.95;
const MIN_NAME_RECALL = 0.9;

const corpus = loadCorpus(HELDOUT, /^heldout-.*\.json$/);
const outcomes = corpus.map(judge);
const score = scoreCorpus('held-out', outcomes);

describe('held-out crash corpus', () => {
  it('has at least 70 uniquely named cases with known categories, at least 12 of them near-misses', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(70);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    for (const c of corpus) expect(CATEGORIES).toContain(c.expect.category);
    expect(corpus.filter((c) => c.name.startsWith('near-miss')).length).toBeGreaterThanOrEqual(12);
  });

  it(`gets the primary category right for at least ${MIN_TOP1_ACCURACY * 100}% of cases`, () => {
    // Printed on purpose: the figure, the tables and the misses are the examiner's report.
    console.log(score.report);
    expect(score.accuracy).toBeGreaterThanOrEqual(MIN_TOP1_ACCURACY);
  });

  it(`extracts at least ${MIN_NAME_RECALL * 100}% of the expected names on correctly classified cases`, () => {
    expect(score.nameTotal).toBeGreaterThan(0);
    expect(score.nameRecall).toBeGreaterThanOrEqual(MIN_NAME_RECALL);
  });

  it('never calls a failure benign, and shows evidence for every console-based cause', () => {
    for (const o of outcomes) {
      const primary = o.findings[0];
      expect(primary).toBeDefined();
      const benignExpected = o.c.expect.category === 'scale-in' || o.c.expect.category === 'clean-exit';
      if (!benignExpected && o.hit) expect(primary.benign).toBe(false);
      if (o.hit && primary.ruleId.startsWith('console.')) expect(primary.evidence.length).toBeGreaterThan(0);
    }
  });
});

describe('rule changes made for the held-out corpus', () => {
  const rule = (id: string) => {
    const r = CONSOLE_RULES.find((x) => x.id === id);
    if (!r) throw new Error(`no rule ${id}`);
    return r.pattern;
  };
  /** Near-matches repeated far past the line cap: a pattern that backtracks badly would hang here. */
  const adversarial: [RegExp, string][] = [
    [rule('console.config.property-missing'), `Configuration value '${'a.b:'.repeat(15_000)}`],
    [rule('console.config.property-missing'), `config property ${'x'.repeat(60_000)} is`],
    [rule('console.azure.rbac-forbidden'), `does not have authorization to perform action '${'a/'.repeat(30_000)}`],
    [rule('console.azure.cosmos-throttled'), `429 Too Many Requests ${'cosmo '.repeat(12_000)}`],
    [rule('console.db.redis-readonly'), "READONLY You can't write against a read only ".repeat(2_000)],
    [rule('console.deno.permission'), `NotCapable: Requires ${'a'.repeat(60_000)}`],
    [rule('console.php.stream-permission'), `The stream or file "${'/a'.repeat(30_000)}`],
    [rule('console.php.stream-permission'), `(${'/a'.repeat(30_000)}): Failed to open stream:`],
    [rule('console.net.dns'), `getaddrinfo for ${'a.'.repeat(30_000)}`],
    [rule('console.net.connect-failed'), `Error -3 connecting to ${'a.'.repeat(30_000)}`],
    [rule('console.net.tls'), `CERT_${'HAS_'.repeat(15_000)}`],
    ...LISTEN_PATTERNS.map((p): [RegExp, string] => [p, `listening ${'addr '.repeat(12_000)}`]),
    ...LISTEN_PATTERNS.map((p): [RegExp, string] => [p, `{"msg":"listening","addr":"${'1.'.repeat(30_000)}`]),
  ];

  it.each(adversarial.map(([p, s], i) => [i, p, s] as const))('pattern %i gives up on a long adversarial line', (_i, pattern, text) => {
    expect(pattern.exec(text)).toBeNull();
  });

  it('reads the tail of a very long row, where structured loggers put the error', () => {
    const row = JSON.stringify({ level: 50, payload: 'p'.repeat(50_000), err: { message: 'connect ECONNREFUSED 10.0.0.9:6380' } });
    const ids = matchConsoleLine(row).map((m) => m.ruleId);
    expect(ids).toContain('console.db.redis-refused');
  });

  it('never matches a pattern across the cut it makes in a long row', () => {
    // The matcher keeps the first and last 2,000 characters of a long row; glued together without a line
    // break, these two halves would read "Request rate is large".
    const head = 'Request rate is';
    const tail = ' large';
    const row = `${'h'.repeat(2_000 - head.length)}${head}${'m'.repeat(10_000)}${tail}${'t'.repeat(2_000 - tail.length)}`;
    expect(matchConsoleLine(row).map((m) => m.ruleId)).not.toContain('console.azure.cosmos-throttled');
    expect(matchConsoleLine(`${head}${tail}`).map((m) => m.ruleId)).toContain('console.azure.cosmos-throttled');
  });

  it('reads each line of a row that carries a whole trace, so anchored patterns see its last line', () => {
    const row = "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in <module>\nKeyError: 'PAYMENTS_TOKEN'";
    const match = matchConsoleLine(row, row).find((m) => m.ruleId === 'console.python.keyerror-env');
    expect(match?.names.envVar).toBe('PAYMENTS_TOKEN');
  });

  it('takes the listen address from a structured logger\'s field', () => {
    const m = LISTEN_PATTERNS.map((p) => p.exec('{"level":"INFO","msg":"http server listening","addr":"127.0.0.1:8080"}')).find(Boolean);
    expect(m?.groups).toMatchObject({ address: '127.0.0.1', port: '8080' });
  });
});
