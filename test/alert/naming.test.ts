import {
  appOfRevision,
  describeBadName,
  executionOfJobReplica,
  isContainerAppName,
  isContainerName,
  isEnvironmentName,
  isJobName,
  isReplicaName,
  isResourceGroupName,
  isRevisionName,
  isSubscriptionId,
  isWorkspaceId,
  nameProblem,
  parseAlertTimestamp,
  parseIsoDuration,
  parseIsoTimestamp,
  parseRelativeDuration,
  parseResourceId,
} from '../../src/alert';

describe('naming rules', () => {
  it.each(['ab', 'orders-api', 'a1', 'x'.repeat(32), 'web-2'])('app/job name %j is valid', (v) => {
    expect(isContainerAppName(v)).toBe(true);
    expect(isJobName(v)).toBe(true);
  });

  it.each([
    ['a', 'must be 2 to 32 characters long'],
    ['x'.repeat(33), 'must be 2 to 32 characters long'],
    ['1app', 'may only hold'],
    ['app-', 'may only hold'],
    ['App', 'may only hold'],
    ['orders--api', 'must not contain "--"'],
    ['orders_api', 'may only hold'],
    ["web'", 'may only hold'],
    ['web|x', 'may only hold'],
    ['web\nx', 'may only hold'],
    ['wéb', 'may only hold'],
  ])('app name %j is refused: %s', (v, problem) => {
    expect(nameProblem('containerApp', v)).toContain(problem);
    expect(isContainerAppName(v)).toBe(false);
  });

  it('revision names are {app}--{suffix}', () => {
    expect(isRevisionName('orders-api--v3k9q2x')).toBe(true);
    expect(isRevisionName('orders-api--rel-42')).toBe(true);
    expect(isRevisionName('orders-api')).toBe(false);
    expect(isRevisionName('orders-api--')).toBe(false);
    expect(isRevisionName('orders-api--a--b')).toBe(false);
    expect(isRevisionName('Orders--abc')).toBe(false);
    expect(nameProblem('revision', 'x--abc')).toContain('app part');
    expect(appOfRevision('orders-api--v3k9q2x')).toBe('orders-api');
    expect(appOfRevision('not a revision')).toBeUndefined();
  });

  it('replica and container names', () => {
    expect(isReplicaName('orders-api--v3k9q2x-5d8f7c9b6-x2lqp')).toBe(true);
    expect(isReplicaName('nightly-report-7xk2m9a-q8z4p')).toBe(true);
    expect(isReplicaName('orders api')).toBe(false);
    expect(isReplicaName('x/..')).toBe(false);
    expect(isContainerName('k8se-envoysc')).toBe(true);
    expect(isContainerName('Main')).toBe(false);
  });

  it('environment names', () => {
    expect(isEnvironmentName('cae-shop-prod')).toBe(true);
    expect(isEnvironmentName('cae_shop')).toBe(false);
  });

  it('resource group names: letters (any script), digits, _ - . ( ), not ending in a period', () => {
    expect(isResourceGroupName('rg-shop_prod.(eu)')).toBe(true);
    expect(isResourceGroupName('Ressourcengrüppe')).toBe(true);
    expect(isResourceGroupName('rg.')).toBe(false);
    expect(isResourceGroupName('rg/x')).toBe(false);
    expect(isResourceGroupName("rg'")).toBe(false);
    expect(isResourceGroupName('r'.repeat(91))).toBe(false);
    expect(isResourceGroupName('')).toBe(false);
  });

  it('subscription and workspace ids are GUIDs', () => {
    expect(isSubscriptionId('3f6c2a1e-8b7d-4c55-9e21-0a4d7b9c1e55')).toBe(true);
    expect(isWorkspaceId('7C1E9A42-5B3D-4F08-A6C1-2D9E8F3B4A71')).toBe(true);
    expect(isSubscriptionId('<subscription ID>')).toBe(false);
    expect(isWorkspaceId('12345a-1234b-123c-123d-12345678e')).toBe(false);
  });

  it('describes a bad name with the value quoted and escaped', () => {
    expect(describeBadName('containerApp', 'a\nb')).toBe('container app name "a\\nb" may only hold lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit');
    expect(describeBadName('containerApp', 'good-name')).toBeUndefined();
  });

  it('finds a job execution from a replica name', () => {
    expect(executionOfJobReplica('nightly-report', 'nightly-report-7xk2m9a-q8z4p')).toBe('nightly-report-7xk2m9a');
    expect(executionOfJobReplica('nightly-report', 'nightly-report-7xk2m9a')).toBeUndefined();
    expect(executionOfJobReplica('nightly-report', 'other-7xk2m9a-q8z4p')).toBeUndefined();
  });
});

describe('resource ids', () => {
  it('splits a lower-cased container app revision id', () => {
    const id = parseResourceId('/subscriptions/s/resourcegroups/rg/providers/microsoft.app/containerapps/web/revisions/web--r1');
    expect(id).toMatchObject({ subscriptionId: 's', resourceGroup: 'rg', provider: 'microsoft.app', types: ['containerapps', 'revisions'], names: ['web', 'web--r1'] });
  });

  it('reads subscription and resource-group scopes', () => {
    expect(parseResourceId('/subscriptions/s')).toMatchObject({ subscriptionId: 's', types: [] });
    expect(parseResourceId('/subscriptions/s/resourceGroups/rg/')).toMatchObject({ resourceGroup: 'rg' });
  });

  it.each(['wcus-r2-gen2', 'b1b1b1b1-cccc-dddd-eeee-f2f2f2f2f2f2', '/subscriptions', '/subscriptions/s/providers', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps', '/tenants/x'])(
    '%j is not a resource id',
    (text) => expect(parseResourceId(text)).toBeUndefined(),
  );
});

describe('timestamps and durations', () => {
  it.each([
    ['2019-03-22T13:58:24.3713213Z', '2019-03-22T13:58:24.371Z'],
    ['2019-03-22T13:56:31.2917159+00:00', '2019-03-22T13:56:31.291Z'],
    ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('ISO %s', (text, expected) => expect(parseIsoTimestamp(text)?.toISOString()).toBe(expected));

  it.each([
    ['3/22/2019 1:36:31 PM', '2019-03-22T13:36:31.000Z'],
    ['3/22/2019 12:05:00 AM', '2019-03-22T00:05:00.000Z'],
    ['12/1/2020 12:00:00 PM', '2020-12-01T12:00:00.000Z'],
  ])('legacy v1 %s', (text, expected) => expect(parseAlertTimestamp(text)?.toISOString()).toBe(expected));

  it.each(['yesterday', '2024-02-30T00:00:00Z', '2024-05-01T25:00:00Z', '13/1/2020 1:00:00 PM', '1', ''])('%j is not a timestamp', (text) =>
    expect(parseAlertTimestamp(text)).toBeUndefined(),
  );

  it('durations', () => {
    expect(parseIsoDuration('PT10M')).toBe(600_000);
    expect(parseIsoDuration('P1DT2H')).toBe(26 * 3600_000);
    expect(parseIsoDuration('PT0M')).toBeUndefined();
    expect(parseIsoDuration('P')).toBeUndefined();
    expect(parseIsoDuration('PT')).toBeUndefined();
    expect(parseIsoDuration('P1Y')).toBeUndefined();
    expect(parseRelativeDuration('30m')).toBe(1_800_000);
    expect(parseRelativeDuration('2h')).toBe(7_200_000);
    expect(parseRelativeDuration('1d')).toBe(86_400_000);
    expect(parseRelativeDuration('PT1H')).toBe(3_600_000);
    expect(parseRelativeDuration('0m')).toBeUndefined();
    expect(parseRelativeDuration('-5m')).toBeUndefined();
    expect(parseRelativeDuration('5 minutes')).toBeUndefined();
  });
});
