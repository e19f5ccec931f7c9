/**
 * Finding 1 of issue 12 end to end: the review's poisoned console rows through the real alerts handler
 * (inline enrichment), and the CPU budget that caps one classification. No timed assertions: before the
 * fix each of these rows held the worker 45-122 s, so the test fails by its own timeout; the budget is
 * driven by an injected clock.
 */
import { HttpRequest } from '@azure/functions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyWithBudget } from '../../src/classify';
import { enrich } from '../../src/enrich';
import { parseAlert } from '../../src/alert';
import { createAlertsHandler } from '../../src/functions/alerts';
import type { ConsoleLine, Evidence } from '../../src/model';
import { fakeLogSource, fakeRuntime, testContext } from '../support/fakes';

const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'alert.json'), 'utf8');
const REPLICA = 'orders-api--v7x2k1p-6d9c7f5b8-kq2xw';

function row(text: string, second = 0): ConsoleLine {
  return { time: new Date(Date.UTC(2026, 10, 24, 9, 20, second)), text, stream: 'stderr', replica: REPLICA, revision: 'orders-api--v7x2k1p', app: 'orders-api' };
}

function evidenceWith(console: ConsoleLine[]): Evidence {
  return {
    system: [
      {
        time: new Date('2026-11-24T09:21:00Z'),
        reason: 'ContainerTerminated',
        message: "Container 'orders-api' was terminated with exit code '101'",
        replica: REPLICA,
        revision: 'orders-api--v7x2k1p',
        app: 'orders-api',
        count: 1,
      },
    ],
    console,
    notes: [],
  };
}

/** The shapes the review timed (issue 12, finding 1), at the sizes it gave. */
const POISONED: [string, ConsoleLine[]][] = [
  ['a 3,900-character Rust panic line', [row(`thread 'main' panicked at ${'1'.repeat(3900)} `)]],
  ['an 8,000-character multi-line Node trace row', [row(`TypeError: boom\n${'\n'.repeat(4000)}    at ${'('.repeat(4000)}`)]],
  ['a 1 MB row of repeated "Running on ["', [row('Running on ['.repeat(90_000))]],
  ['2,000 rows of "Running on ["', Array.from({ length: 2000 }, (_, i) => row('Running on ['.repeat(400), i % 60))],
  ['a listening line padded with 100 KB of spaces', [row(`Listening on ${' '.repeat(100_000)}:`)]],
];

const post = (body: string) =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: body }, headers: { 'content-type': 'application/json' } });

describe('poisoned console rows through the alerts handler', () => {
  test.each(POISONED)('%s is diagnosed, not a stall', async (_name, rows) => {
    const runtime = fakeRuntime({ logs: fakeLogSource(evidenceWith(rows)) });
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post(sample), testContext('alerts'));
    expect(res.status).toBe(200);
    expect(runtime.delivered[0]?.status).toBe('enriched');
  }, 20_000);

  test('the window still reads the cause at the end of a long row', () => {
    const text = `{"payload":"${'x'.repeat(50_000)}"}\nKeyError: 'DATABASE_URL'`;
    const { findings } = classifyWithBudget({ system: [], console: [row(text)] });
    expect(findings[0]?.names?.envVar).toBe('DATABASE_URL');
  });
});

describe('the CPU budget of one classification', () => {
  /** A clock that moves 1 ms every time it is read. */
  function tickingClock(): () => number {
    let t = 0;
    return () => t++;
  }
  const manyRows = Array.from({ length: 500 }, (_, i) => row(`Error: connect ECONNREFUSED 10.0.1.${i % 250}:5432`, i % 60));

  test('past the budget the remaining rows are left unread and counted; the findings so far are kept', () => {
    const { findings, unreadRows } = classifyWithBudget({ system: [], console: manyRows }, { budgetMs: 100, now: tickingClock() });
    expect(unreadRows).toBeGreaterThan(300);
    expect(findings[0]?.category).toBe('dependency-unreachable');
  });

  test('within the budget nothing is left unread', () => {
    expect(classifyWithBudget({ system: [], console: manyRows }, { budgetMs: 1e9, now: tickingClock() }).unreadRows).toBe(0);
  });

  test('the diagnosis says when rows were left unread', async () => {
    const result = await enrich(
      { kind: 'alert', alert: parseAlert(JSON.parse(sample)) },
      {
        logs: fakeLogSource(evidenceWith(manyRows)),
        now: () => new Date('2026-11-24T09:40:00Z'),
        defaultLookbackMinutes: 60,
        classifyBudget: { budgetMs: 100, now: tickingClock() },
      },
    );
    expect(result.diagnosis.status).toBe('enriched');
    expect(result.diagnosis.notes.join(' ')).toMatch(/time budget and left \d+ console row\(s\) unread/);
  });
});
