import { classify } from '../../src/classify';
import type { Finding } from '../../src/model';
import type { BlindV2Case } from './blindV2Corpus';

/**
 * How the classifier did on one blind-v2 case. A name counts as named when the primary finding carries a
 * value equal to the label's, ignoring case, or when one contains the other (a label `api:v2` and a
 * finding `contoso.azurecr.io/api:v2` name the same image). Names are counted on every case, not only
 * on category hits: a finding in the wrong category has not named the thing.
 */
export interface BlindV2Outcome {
  c: BlindV2Case;
  findings: Finding[];
  hit: boolean;
  /** Expected names the primary finding carries / lacks. */
  named: string[];
  unnamed: string[];
  /** The label says it needs action and the primary finding calls it benign. */
  crashCalledBenign: boolean;
}

function sameName(expected: unknown, actual: unknown): boolean {
  if (actual === undefined || actual === null || actual === '') return false;
  // Labels may write a port as a number; findings carry strings.
  const e = String(expected).toLowerCase();
  const a = String(actual).toLowerCase();
  return e === a || a.includes(e) || e.includes(a);
}

export function judgeV2(c: BlindV2Case): BlindV2Outcome {
  const findings = classify(c.input);
  const primary = findings[0];
  const hit = primary?.category === c.expect.category;
  const named: string[] = [];
  const unnamed: string[] = [];
  for (const [key, value] of Object.entries(c.expect.names ?? {})) {
    const values = Object.values(primary?.names ?? {});
    if (hit && (sameName(value, primary?.names?.[key]) || values.some((v) => sameName(value, v)))) named.push(key);
    else unnamed.push(`${key}=${value} (got ${JSON.stringify(primary?.names ?? {})})`);
  }
  const expectBenign = c.expect.benign === true;
  return { c, findings, hit, named, unnamed, crashCalledBenign: !expectBenign && primary?.benign === true };
}

export interface BlindV2Score {
  total: number;
  hits: number;
  accuracy: number;
  /** Cases whose label names something, and of those, how many got every name. */
  withNames: number;
  fullyNamed: number;
  nameShare: number;
  crashCalledBenign: string[];
  report: string;
}

function table(outcomes: BlindV2Outcome[], key: (o: BlindV2Outcome) => string): string {
  const t = new Map<string, { n: number; hit: number }>();
  for (const o of outcomes) {
    const e = t.get(key(o)) ?? { n: 0, hit: 0 };
    e.n += 1;
    if (o.hit) e.hit += 1;
    t.set(key(o), e);
  }
  return [...t.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([k, e]) => `  ${k.padEnd(30)} ${e.hit}/${e.n}`)
    .join('\n');
}

export function scoreV2(label: string, outcomes: BlindV2Outcome[]): BlindV2Score {
  const total = outcomes.length;
  const hits = outcomes.filter((o) => o.hit).length;
  const labelled = outcomes.filter((o) => Object.keys(o.c.expect.names ?? {}).length > 0);
  const fullyNamed = labelled.filter((o) => o.unnamed.length === 0).length;
  const misses = outcomes
    .filter((o) => !o.hit)
    .map((o) => {
      const top = o.findings.slice(0, 3).map((f) => `${f.category}/${f.ruleId}@${f.confidence.toFixed(2)}`).join(', ');
      return `  ${o.c.file} :: ${o.c.name}: expected ${o.c.expect.category}, got [${top}]`;
    });
  const nameMisses = labelled
    .filter((o) => o.hit && o.unnamed.length > 0)
    .map((o) => `  ${o.c.file} :: ${o.c.name}: ${o.unnamed.join('; ')}`);
  const benign = outcomes.filter((o) => o.crashCalledBenign).map((o) => `  ${o.c.file} :: ${o.c.name}`);
  const pct = (n: number, d: number): string => `${d === 0 ? '100.0' : ((n / d) * 100).toFixed(1)}% (${n}/${d})`;
  const report = [
    `${label} top-1 ${pct(hits, total)}; concrete thing named ${pct(fullyNamed, labelled.length)}; crashes called benign: ${benign.length}`,
    `by family:\n${table(outcomes, (o) => o.c.family)}`,
    `by file:\n${table(outcomes, (o) => o.c.file)}`,
    `by category:\n${table(outcomes, (o) => o.c.expect.category)}`,
    misses.length ? `misses:\n${misses.join('\n')}` : '',
    nameMisses.length ? `names missed on category hits:\n${nameMisses.join('\n')}` : '',
    benign.length ? `crashes called benign:\n${benign.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    total,
    hits,
    accuracy: total === 0 ? 0 : hits / total,
    withNames: labelled.length,
    fullyNamed,
    nameShare: labelled.length === 0 ? 1 : fullyNamed / labelled.length,
    crashCalledBenign: benign,
    report,
  };
}
