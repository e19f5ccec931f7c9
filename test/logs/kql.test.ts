import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { buildConsoleQuery, buildEvidenceQueries, buildSystemQuery, kqlString, portalQueryLink } from '../../src/logs/kql';
import type { Target } from '../../src/model';
import { kqlErrors, kqlParserStats, kqlShape, kqlStringLiterals } from '../support/kusto';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/);
const windowArb = fc
  .tuple(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 7 * 24 * 60 }))
  .map(([start, minutes]) => ({ start, end: new Date(start.getTime() + minutes * 60_000) }));
const targetArb: fc.Arbitrary<Target> = fc.record(
  {
    kind: fc.constantFrom('containerApp' as const, 'job' as const, 'environment' as const),
    name,
    revision: fc.option(name, { nil: undefined }),
    replica: fc.option(name, { nil: undefined }),
    container: fc.option(name, { nil: undefined }),
    jobExecution: fc.option(name, { nil: undefined }),
    window: windowArb,
  },
  { requiredKeys: ['kind', 'name', 'window'] },
);
const limitsArb = fc.record({
  consoleLinesPerReplica: fc.integer({ min: 1, max: 5000 }),
  maxSystemGroups: fc.option(fc.integer({ min: 1, max: 10000 }), { nil: undefined }),
  maxConsoleLines: fc.option(fc.integer({ min: 1, max: 50000 }), { nil: undefined }),
});

const base: Target = {
  kind: 'containerApp',
  name: 'orders-api',
  revision: 'orders-api--v7',
  replica: 'orders-api--v7-abc',
  container: 'main',
  jobExecution: 'nightly-1a2b3c',
  window: { start: new Date('2024-05-02T09:50:00Z'), end: new Date('2024-05-02T10:10:00Z') },
};

describe('kqlString', () => {
  test('Kusto reads back exactly the value, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        // Exactly one literal, holding exactly the value: nothing leaked out of the quotes.
        expect(kqlStringLiterals(kqlString(value))).toEqual([value]);
      }),
      { numRuns: 300 },
    );
  });

  test('escapes quotes, backslashes, line breaks and control characters', () => {
    expect(kqlString(`a"b'c\\d\ne\rf\tg\u0001h\u2028`)).toBe('"a\\"b\\\'c\\\\d\\ne\\rf\\tg\\u0001h\\u2028"');
  });
});

describe('query builders', () => {
  test('every query over generated targets and windows is valid KQL against the four tables', () => {
    fc.assert(
      fc.property(targetArb, limitsArb, (target, limits) => {
        // The combined query embeds both others verbatim (as let statements), so one parse checks all three.
        const q = buildEvidenceQueries(target, limits);
        expect(q.combined).toContain(q.system);
        expect(q.combined).toContain(q.console);
        expect(kqlErrors(q.combined)).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  test('the time filter comes first, then the target filters, then the projection, in both families', () => {
    const q = buildSystemQuery({ ...base, kind: 'containerApp' }, { consoleLinesPerReplica: 10 });
    expect(q.startsWith('union isfuzzy=true')).toBe(true);
    for (const table of ['ContainerAppSystemLogs_CL', 'ContainerAppSystemLogs\n']) {
      const leg = q.slice(q.indexOf(`(${table.trim()}\n`));
      const time = leg.indexOf('| where TimeGenerated between (datetime(2024-05-02T09:50:00.000Z) .. datetime(2024-05-02T10:10:00.000Z))');
      const app = leg.indexOf('== "orders-api"');
      const project = leg.indexOf('| project');
      expect(time).toBeGreaterThan(0);
      expect(app).toBeGreaterThan(time);
      expect(project).toBeGreaterThan(app);
    }
    // Severity: Type_s in the custom-log table, Type in the resource-specific one; never Type in _CL.
    expect(q).toContain('Severity = tostring(column_ifexists("Type_s", ""))');
    expect(q).toContain('Severity = tostring(column_ifexists("Type", ""))');
    expect(q).toContain('| top 500 by TimeGenerated desc');
  });

  test('console lines are capped per replica and overall', () => {
    const q = buildConsoleQuery(base, { consoleLinesPerReplica: 150, maxConsoleLines: 900 });
    expect(q).toContain('ContainerGroupName = tostring(column_ifexists("ContainerGroupName_s", ""))');
    expect(q).toContain('| where LineRank <= 150');
    expect(q).toContain('| top 900 by TimeGenerated desc');
  });

  test('a job execution filters on the execution name or the replica prefix', () => {
    const q = buildConsoleQuery({ ...base, kind: 'job', name: 'nightly' }, { consoleLinesPerReplica: 10 });
    expect(q).toContain('== "nightly-1a2b3c"');
    expect(q).toContain('startswith "nightly-1a2b3c-"');
  });

  const hostile = [
    '"',
    "'",
    '\\',
    '\\"',
    'a" | take 1 | where "x" == "x',
    "a' | take 1 //",
    'x // comment',
    'x\n| take 1',
    'x\r\n| project Secret',
    "'; drop table ContainerAppSystemLogs_CL --",
    'é中文😀\u2028\u0000\u001b',
    '@"verbatim"',
    '```multi```',
    'h"obfuscated"',
  ];

  test('crafted values passed straight to the builders cannot change the query structure', () => {
    const mk = (v: string): Target => ({ ...base, kind: 'job', name: v, revision: v, replica: v, container: v, jobExecution: v });
    const limits = { consoleLinesPerReplica: 20 };
    const safe = kqlShape(buildEvidenceQueries(mk('plainvalue'), limits).combined);
    for (const value of hostile) {
      const crafted = buildEvidenceQueries(mk(value), limits).combined;
      expect({ value, shape: kqlShape(crafted) }).toEqual({ value, shape: safe });
    }
    // And the same with an app target, whose filters differ.
    const app = buildEvidenceQueries({ ...base, name: hostile[4] }, limits).combined;
    expect(kqlShape(app)).toBe(kqlShape(buildEvidenceQueries({ ...base, name: 'plain' }, limits).combined));
  });

  test('arbitrary values never change the structure either', () => {
    const limits = { consoleLinesPerReplica: 20 };
    const shape = kqlShape(buildSystemQuery({ ...base, name: 'plain' }, limits));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), (value) => {
        expect(kqlShape(buildSystemQuery({ ...base, name: value }, limits))).toBe(shape);
      }),
      { numRuns: 20 },
    );
  });

  test('the shared parser analyses a query text once, however often it is checked', () => {
    // A limit no other test uses, so the text is new to this worker's cache.
    const q = buildEvidenceQueries(base, { consoleLinesPerReplica: 4321 }).combined;
    const before = kqlParserStats();
    expect(kqlErrors(q)).toEqual([]);
    expect(kqlErrors(q)).toEqual([]);
    expect(kqlShape(q)).toBe(kqlShape(q));
    const after = kqlParserStats();
    expect(after.analysed - before.analysed).toBe(1);
    expect(after.parsed - before.parsed).toBe(1);
  });

  test('an invalid window is refused rather than sent', () => {
    expect(() => buildSystemQuery({ ...base, window: { start: new Date('nope'), end: new Date() } }, { consoleLinesPerReplica: 1 })).toThrow(RangeError);
  });
});

describe('portalQueryLink', () => {
  const window = { start: new Date('2024-05-02T09:50:00Z'), end: new Date('2024-05-02T10:10:00Z') };
  const decode = (link: string): string => {
    const q = /\/q\/([^/]+)\//.exec(link)?.[1] ?? '';
    return gunzipSync(Buffer.from(decodeURIComponent(q), 'base64')).toString('utf8');
  };

  test('carries the gzipped query, the scope and the window', () => {
    const workspace = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs';
    const kql = buildEvidenceQueries(base, { consoleLinesPerReplica: 5 }).combined;
    const link = portalQueryLink(workspace, kql, window);
    expect(link.startsWith('https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/%2Fsubscriptions%2F0000')).toBe(true);
    expect(decode(link)).toBe(kql);
    expect(link).toContain(`/timespan/${encodeURIComponent('2024-05-02T09:50:00.000Z/2024-05-02T10:10:00.000Z')}`);
  });

  test('with only a customer id the link is unscoped; from evidence it uses the evidence query', () => {
    const link = portalQueryLink('11111111-2222-3333-4444-555555555555', 'print 1', window, { portalUrl: 'https://portal.azure.us/' });
    expect(link.startsWith('https://portal.azure.us/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/source/')).toBe(true);
    const fromEvidence = portalQueryLink({ system: [], console: [], notes: [], query: { kql: 'print 2', workspaceId: 'w' } }, base);
    expect(fromEvidence && decode(fromEvidence)).toBe('print 2');
    expect(portalQueryLink({ system: [], console: [], notes: [] }, base)).toBeUndefined();
  });
});
