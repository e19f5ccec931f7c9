/**
 * Findings 4, 5, 9 and 10 of issue 12 against the real handlers and renderers: what an alert sender and a
 * crashing app's output can make the enricher do at intake and in the chat message.
 */
import { HttpRequest } from '@azure/functions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResourceId } from '../../src/alert/resourceId';
import { createAlertsHandler } from '../../src/functions/alerts';
import { createDiagnoseHandler } from '../../src/functions/diagnose';
import { MAX_JSON_DEPTH } from '../../src/functions/http';
import { createLogAnalyticsSource } from '../../src/logs/logAnalytics';
import { buildSlackMessage } from '../../src/render/slack';
import { buildTeamsMessage } from '../../src/render/teams';
import { foldLines, oneLine } from '../../src/render/text';
import { diagnosisCarrying } from '../render/fixtures';
import { fakeLogSource, fakeRuntime, testContext } from '../support/fakes';
import { costInBaselines } from '../support/redos';

const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'alert.json'), 'utf8');
const post = (body: string) =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', body: { string: body }, headers: { 'content-type': 'application/json' } });

/** The ratio each helper must stay under: a quadratic one costs tens of thousands of baselines here. */
const LIMIT = 100;

/**
 * Cost of `fn` on a hostile 250 KB input, in baselines of a linear regex over the same input, measured
 * as the ReDoS check measures patterns (a result over the limit is measured again in a way load from
 * other processes cannot tip: test/support/redos.ts).
 */
function costRatio(input: string, fn: (s: string) => unknown): number {
  return costInBaselines(() => void fn(input), input, LIMIT);
}

describe('finding 4: helpers reachable over HTTP are linear, ids and text are bounded early', () => {
  const slashes = `/subscriptions/x${'/'.repeat(250_000)}x`;
  const spaces = `a${' '.repeat(250_000)}a`;

  test('the resource-id parser and the line folding cost a bounded number of baselines', () => {
    // Before: /\/+$/ and /\s*[\r\n]+\s*/ rescan a long run from each of its positions (71-256 s per request).
    expect(costRatio(slashes, parseResourceId)).toBeLessThan(LIMIT);
    expect(costRatio(spaces, oneLine)).toBeLessThan(LIMIT);
    expect(costRatio(`${'\n'.repeat(1000)}${spaces}`, oneLine)).toBeLessThan(LIMIT);
    expect(foldLines('  a  \n\n  b  ')).toBe('  a b  ');
    expect(oneLine('x \r\n \n y')).toBe('x y');
  });

  test('an over-long alert id is a 400; over-long target ids and description are ignored or cut, and the alert still flows', async () => {
    const runtime = fakeRuntime({ logs: fakeLogSource({ system: [], console: [], notes: [] }) });
    const handler = createAlertsHandler({ getRuntime: async () => runtime });
    const alert = JSON.parse(sample);
    alert.data.essentials.alertId = `/subscriptions/x/${'a'.repeat(5000)}`;
    const refused = await handler(post(JSON.stringify(alert)), testContext('alerts'));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.jsonBody)).toContain('alertId');

    const ok = JSON.parse(sample);
    ok.data.essentials.alertTargetIDs.push(`/subscriptions/${'/'.repeat(100_000)}`);
    ok.data.essentials.description = 'd'.repeat(100_000);
    const res = await handler(post(JSON.stringify(ok)), testContext('alerts'));
    expect(res.status).toBe(200);
    expect(runtime.delivered[0]!.alert?.description?.length).toBeLessThanOrEqual(4000);
  });

  test('a manual workspaceId of 250 KB is a 400 without parsing it', async () => {
    const runtime = fakeRuntime();
    const q = new URLSearchParams({ app: 'orders-api', resourceGroup: 'rg', subscription: '8f3c2a61-5d4e-4b7a-9c1f-2e6d8a0b4c73', workspaceId: slashes });
    const res = await createDiagnoseHandler({ getRuntime: async () => runtime })(
      new HttpRequest({ method: 'GET', url: `http://localhost/api/diagnose?${q}` }),
      testContext('diagnose'),
    );
    expect(res.status).toBe(400);
  });
});

describe('finding 5: log text cannot become a link in Teams or Slack', () => {
  const hostile = 'Error: see [click to fix](https://evil.example/steal) or https://evil.example/x';

  test('Teams: the cause heading is a TextRun, never a Markdown TextBlock', () => {
    const card = JSON.stringify(buildTeamsMessage(diagnosisCarrying(hostile)));
    const blocks = [...card.matchAll(/\{"type":"TextBlock","text":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
    expect(card).toContain('evil.example'); // the text is shown...
    for (const text of blocks) expect(text).not.toContain('evil.example'); // ...never where Markdown runs
  });

  test('Slack: every mrkdwn text is verbatim, so bare URLs from logs are not auto-linked', () => {
    const message = buildSlackMessage(diagnosisCarrying(hostile));
    const texts = JSON.stringify(message.blocks).match(/\{"type":"mrkdwn"[^}]*\}/g) ?? [];
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(JSON.parse(t)).toMatchObject({ verbatim: true });
  });
});

describe('finding 9: a deeply nested alert is a 400, not a 500', () => {
  function nested(depth: number): string {
    // Written as text: JSON.stringify itself overflows the stack on such a value.
    const alert = JSON.parse(sample);
    alert.data.alertContext.properties = { deep: 'DEEP' };
    return JSON.stringify(alert).replace('"DEEP"', `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`);
  }

  test.each(['queue', 'inline'])('%s intake refuses 5,000 levels with a 400 naming the bound', async (intake) => {
    const queued: unknown[] = [];
    const runtime = fakeRuntime({ env: { ALERT_INTAKE: intake } });
    const handler = createAlertsHandler({ getRuntime: async () => runtime, enqueue: (_c, m) => queued.push(m) });
    const res = await handler(post(nested(5000)), testContext('alerts'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.jsonBody)).toContain(String(MAX_JSON_DEPTH));
    expect(queued).toHaveLength(0);
  });

  test('a real alert with some nesting in its properties is still accepted', async () => {
    const queued: unknown[] = [];
    const runtime = fakeRuntime({ env: { ALERT_INTAKE: 'queue' } });
    const handler = createAlertsHandler({ getRuntime: async () => runtime, enqueue: (_c, m) => queued.push(m) });
    expect((await handler(post(nested(20)), testContext('alerts'))).status).toBe(202);
    expect(queued).toHaveLength(1);
  });
});

describe('finding 10: a credential-chain failure gives callers a short reason', () => {
  test('the not-enriched reason names what to fix, not the SDK text; the operator log keeps the detail', async () => {
    const chain = Object.assign(
      new Error(
        'DefaultAzureCredential failed to retrieve a token from the included credentials.\n' +
          'Attempted credentials:\n\tEnvironmentCredential is unavailable. Environment variables are not fully configured. https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot\n' +
          '\tManagedIdentityCredential: Network unreachable. Message: connect EHOSTUNREACH 169.254.169.254:80\n\tAzureCliCredential: Azure CLI could not be found.',
      ),
      { name: 'AggregateAuthenticationError' },
    );
    const logs = createLogAnalyticsSource({
      endpoint: 'https://127.0.0.1:9',
      scope: 'https://api.loganalytics.io/.default',
      workspaceId: '7c1e9a42-5b3d-4f08-a6c1-2d9e8f3b4a71',
      credential: { getToken: async () => Promise.reject(chain) },
      serverTimeoutSeconds: 30,
      consoleLinesPerReplica: 50,
      retry: { maxRetries: 0, maxBatchAttempts: 1 },
    });
    const runtime = fakeRuntime({ logs });
    const context = testContext('alerts');
    const res = await createAlertsHandler({ getRuntime: async () => runtime })(post(sample), context);
    expect(res.status).toBe(200);
    const d = runtime.delivered[0]!;
    expect(d.status).toBe('not-enriched');
    const shown = JSON.stringify(d);
    expect(shown).toContain('managed identity');
    for (const leak of ['Attempted credentials', 'aka.ms', '169.254.169.254', 'AzureCliCredential']) expect(shown).not.toContain(leak);
    expect(context.lines.join('\n')).toContain('Attempted credentials');
  });
});
