import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../../src/classify';
import { judge, loadCorpus, scoreCorpus } from './corpus';

/**
 * Classifier v2 (issue #17): one or more cases per class of failure the issue lists, each built from the
 * wording of real public text (the `sources` of every case name where). Category and names go through the
 * shared judge; the behaviours that are not a category (state, titles, consequences) are asserted below.
 */
const V2 = path.join(__dirname, '..', 'fixtures', 'classifier-v2');
const corpus = loadCorpus(V2, /^v2-.*\.json$/);
const outcomes = corpus.map(judge);
const byName = new Map(corpus.map((c) => [c.name, c]));
const raw = JSON.parse(fs.readFileSync(path.join(V2, 'v2-classes.json'), 'utf8')) as { name: string; class: number; sources: string[] }[];

function run(name: string) {
  const c = byName.get(name);
  if (!c) throw new Error(`no case ${name}`);
  return analyse(c.input);
}

describe('classifier v2 cases', () => {
  it('covers every class 1..8 and every case keeps its public sources', () => {
    expect(new Set(raw.map((r) => r.class))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    for (const r of raw) expect([r.name, r.sources.length > 0 && r.sources.every((s) => /^https:\/\//.test(s))]).toEqual([r.name, true]);
  });

  it('gets every case and its names right', () => {
    const score = scoreCorpus('v2', outcomes);
    console.log(score.report);
    expect(score.misses).toEqual([]);
    expect(score.nameRecall).toBe(1);
  });

  it('names a cause in the app\'s words before the exit-code decoding, which becomes a consequence', () => {
    const { findings } = run('.NET Key Vault Forbidden ending in 134 is an auth failure');
    const exit = findings.find((f) => f.exitCode === 134 && f.ruleId.startsWith('exit.'));
    expect(findings[0].category).toBe('authentication-failure');
    expect(exit?.consequenceOf).toBe(findings[0].ruleId);
  });

  it('never titles a 137 "memory limit exceeded" without memory evidence, and calls a probe kill what it is', () => {
    const { findings } = run('137 after a failed liveness probe is a kill of an unresponsive container');
    for (const f of findings) expect(f.title).not.toMatch(/memory limit .*exceeded/i);
    expect(findings.some((f) => f.ruleId === 'config.probe-kill')).toBe(true);
  });

  it('says the JVM heap, not the container, ran out', () => {
    const { findings } = run('java heap space is the JVM cap, not the container limit');
    expect(findings[0].explanation).toMatch(/-Xmx256m/);
    expect(findings[0].explanation).toMatch(/2Gi/);
  });

  it('calls a replaced revision benign, and a scale-in kill a grace-period question rather than a crash', () => {
    expect(run('replaced revision stopped by a deployment').findings[0]).toMatchObject({ benign: true, ruleId: 'config.revision-replaced' });
    // A 137 is never called benign, but it is read as scale-in with grace-period advice, not "handle SIGTERM".
    const kill = run('scale-in then 137 inside the grace period').findings[0];
    expect(kill).toMatchObject({ benign: false, ruleId: 'config.scale-in-kill', category: 'scale-in' });
    expect(kill.actions.join(' ')).toMatch(/terminationGracePeriodSeconds/);
  });

  it('tells recovered from crash-looping and failing-to-start', () => {
    const recovered = run('one exit, started again, running since');
    expect(recovered.state).toMatchObject({ state: 'recovered', since: '2025-09-17T09:14:41.000Z' });
    expect(recovered.findings[0].title).toContain('restarted at 09:14:41 UTC and running since');
    expect(run('back-off with no termination row and a named missing setting').state.state).toBe('crash-looping');
    expect(run('create failure from a command written as one string').state.state).toBe('failing-to-start');
  });

  it('reads back-off with no termination row through the vocabulary, naming alternatives when there are any', () => {
    const { findings } = run('back-off with no termination row: the console says why');
    expect(findings[0]).toMatchObject({ ruleId: 'engine.vocabulary', category: 'out-of-memory' });
    expect(findings[0].confidence).toBeLessThan(0.6);
  });

  it('advises on a registry firewall, not on AcrPull', () => {
    const { findings } = run("registry firewall refuses the environment's address");
    expect(findings[0].actions.join(' ')).toMatch(/firewall/);
    expect(findings[0].actions.join(' ')).not.toMatch(/AcrPull/);
  });

  it('reports an unrecognised platform warning instead of "no failure evidence"', () => {
    const { findings } = run("an unrecognised platform warning is not 'no failure evidence'");
    expect(findings[0].ruleId).toBe('system.unrecognised-warning');
    expect(findings[0].title).toContain('ingress routes not ready');
  });

  it('makes a failing Dapr sidecar the cause, not noise', () => {
    const { findings } = run('daprd fails its own probe and exits');
    expect(findings[0]).toMatchObject({ ruleId: 'system.dapr-sidecar-failing', benign: false });
  });
});
