import type { Destination, DestinationFilter } from '../../src/config';
import { matchesFilter, routeDiagnosis } from '../../src/deliver/routing';
import { globMatch } from '../../src/deliver/glob';
import type { Category, Diagnosis } from '../../src/model';
import { sampleDiagnosis } from './helpers';

/** A diagnosis about one app, with the fields the filters look at. */
function diag(o: { app?: string; env?: string; rg?: string; category?: Category; benign?: boolean; severity?: string; status?: Diagnosis['status'] }): Diagnosis {
  const d = sampleDiagnosis('/alerts/a-1');
  d.status = o.status ?? 'enriched';
  d.target = { kind: 'containerApp', name: o.app ?? 'orders-api', environmentName: o.env ?? 'prod-env', resourceGroup: o.rg ?? 'rg-orders-prod' };
  d.findings[0] = { ...d.findings[0]!, category: o.category ?? 'missing-configuration', benign: o.benign ?? false };
  if (o.status && o.status !== 'enriched') d.findings = [];
  d.alert = { ...d.alert!, severity: o.severity };
  return d;
}

describe('glob matching', () => {
  it.each([
    ['orders-*', 'orders-api', true],
    ['orders-*', 'ORDERS-API', true],
    ['*-api', 'orders-api', true],
    ['*-api', 'orders-worker', false],
    ['api-?', 'api-1', true],
    ['api-?', 'api-12', false],
    ['*', 'anything', true],
    ['o*r*s*-a*i', 'orders-api', true],
    ['exact', 'exactly', false],
  ])('%s vs %s → %s', (pattern, name, expected) => {
    expect(globMatch(pattern, name)).toBe(expected);
  });

  it('stays fast on a hostile pattern and name (no regex backtracking)', () => {
    // 200 stars against a long name that never matches: a backtracking regex would explode here.
    expect(globMatch('*a'.repeat(200) + 'b', 'a'.repeat(260))).toBe(false);
  });
});

describe('routing matrix: destination filter × diagnosis', () => {
  const cases: [string, DestinationFilter, Parameters<typeof diag>[0], boolean][] = [
    ['app glob hit', { apps: ['orders-*'] }, { app: 'orders-api' }, true],
    ['app glob miss', { apps: ['billing-*'] }, { app: 'orders-api' }, false],
    ['environment hit', { environments: ['prod-*'] }, { env: 'prod-env' }, true],
    ['environment miss', { environments: ['dev-*'] }, { env: 'prod-env' }, false],
    ['resource group, other case', { resourceGroups: ['RG-ORDERS-PROD'] }, { rg: 'rg-orders-prod' }, true],
    ['resource group miss', { resourceGroups: ['rg-billing'] }, {}, false],
    ['category hit', { categories: ['image-pull-failure', 'quota-exceeded'] }, { category: 'quota-exceeded' }, true],
    ['category miss', { categories: ['image-pull-failure'] }, { category: 'missing-configuration' }, false],
    ['severity at the bound', { minSeverity: 'Sev2' }, { severity: 'Sev2' }, true],
    ['severity more severe', { minSeverity: 'Sev2' }, { severity: 'Sev0' }, true],
    ['severity less severe', { minSeverity: 'Sev2' }, { severity: 'Sev3' }, false],
    ['no severity is not held back', { minSeverity: 'Sev1' }, { severity: undefined }, true],
    ['benign only, benign', { benign: true }, { benign: true, category: 'scale-in' }, true],
    ['benign only, crash', { benign: true }, { benign: false }, false],
    ['action only, crash', { benign: false }, { benign: false }, true],
    ['all fields must match', { apps: ['orders-*'], categories: ['quota-exceeded'] }, { app: 'orders-api', category: 'missing-configuration' }, false],
    ['resolved passes cause filters', { categories: ['image-pull-failure'], benign: false }, { status: 'resolved' }, true],
    ['resolved still held to its app', { apps: ['billing-*'] }, { status: 'resolved' }, false],
    ['not enriched passes cause filters', { categories: ['quota-exceeded'] }, { status: 'not-enriched' }, true],
  ];
  it.each(cases)('%s', (_name, filter, d, expected) => {
    expect(matchesFilter(diag(d), filter)).toBe(expected);
  });
});

describe('routeDiagnosis', () => {
  const platform: Destination = { name: 'platform', url: 'https://x/p', format: 'teams', filter: { categories: ['image-pull-failure', 'quota-exceeded'] } };
  const orders: Destination = { name: 'orders-team', url: 'https://x/o', format: 'slack', filter: { apps: ['orders-*'], benign: false } };
  const fallback: Destination = { name: 'catch-all', url: 'https://x/c', format: 'json', fallback: true };
  const all = [platform, orders, fallback];
  const names = (ds: Destination[]) => ds.map((d) => d.name);

  it('sends a platform problem to the platform team and an app crash to its owners', () => {
    expect(names(routeDiagnosis(diag({ app: 'billing-api', category: 'image-pull-failure' }), all))).toEqual(['platform']);
    expect(names(routeDiagnosis(diag({ app: 'orders-api', category: 'missing-configuration' }), all))).toEqual(['orders-team']);
    expect(names(routeDiagnosis(diag({ app: 'orders-api', category: 'quota-exceeded' }), all))).toEqual(['platform', 'orders-team']);
  });

  it('gives what no filter takes to the fallback only, so no page is lost', () => {
    expect(names(routeDiagnosis(diag({ app: 'billing-api', category: 'missing-configuration' }), all))).toEqual(['catch-all']);
  });

  it('sends nothing to a destination whose filter does not match when another one took it', () => {
    const routed = routeDiagnosis(diag({ app: 'orders-api', category: 'missing-configuration' }), all);
    expect(routed).not.toContain(platform);
    expect(routed).not.toContain(fallback);
  });

  it('keeps the old behaviour without filters: every destination', () => {
    const plain: Destination[] = [
      { name: 'a', url: 'https://x/a', format: 'json' },
      { name: 'b', url: 'https://x/b', format: 'teams' },
    ];
    expect(names(routeDiagnosis(diag({}), plain))).toEqual(['a', 'b']);
  });
});
