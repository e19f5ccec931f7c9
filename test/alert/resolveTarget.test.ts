import { parseAlert, resolveTarget, resolveTargetDetailed } from '../../src/alert';
import { EnricherError, InvalidAlertError, TargetNotFoundError, UnsupportedTargetError } from '../../src/errors';
import type { Logger } from '../../src/logger';
import { alertFixture, errorOf, payload, SUB, wrapFragment } from './fixtures';

const now = new Date('2025-06-02T12:00:00Z');
const options = { now, defaultLookbackMinutes: 30 };
const resolve = (body: unknown) => resolveTarget(parseAlert(body), options);
const iso = (d: Date) => d.toISOString();

/** The custom-log fixture with its dimensions replaced. */
function withDimensions(dims: Array<{ name: string; value: string }>): any {
  const body = alertFixture('log-v2-workspace-custom-log-dimensions.json');
  body.data.alertContext.condition.allOf[0].dimensions = dims;
  return body;
}

describe('resolveTarget: Container Apps alerts', () => {
  it('log alert on a workspace, split by the *_CL columns', () => {
    const target = resolve(alertFixture('log-v2-workspace-custom-log-dimensions.json'));
    expect(target).toMatchObject({
      kind: 'containerApp',
      name: 'orders-api',
      revision: 'orders-api--v3k9q2x',
      replica: 'orders-api--v3k9q2x-5d8f7c9b6-x2lqp',
      environmentName: 'cae-shop-prod',
      workspace: {
        customerId: '7c1e9a42-5b3d-4f08-a6c1-2d9e8f3b4a71',
        resourceId: `/subscriptions/${SUB}/resourcegroups/rg-observability/providers/microsoft.operationalinsights/workspaces/law-shop-prod`,
      },
    });
    // The workspace's resource group says nothing about the app's.
    expect(target.resourceGroup).toBeUndefined();
    expect(target.resourceId).toBeUndefined();
    // 08:50..09:00, padded 5 minutes before.
    expect(iso(target.window.start)).toBe('2025-06-02T08:45:00.000Z');
    expect(iso(target.window.end)).toBe('2025-06-02T09:00:00.000Z');
  });

  it('log alert split by resource-specific columns, placed by the environment in _ResourceId', () => {
    const target = resolve(alertFixture('log-v2-workspace-resource-specific-dimensions.json'));
    expect(target).toMatchObject({
      kind: 'containerApp',
      name: 'payments-worker',
      revision: 'payments-worker--rel-42',
      subscriptionId: SUB,
      resourceGroup: 'rg-shop-prod',
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.App/containerApps/payments-worker`,
      environmentName: 'cae-shop-prod',
      environmentId: `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.App/managedEnvironments/cae-shop-prod`,
    });
  });

  it('alert whose target is a lower-cased container app id', () => {
    const target = resolve(alertFixture('log-v2-container-app-resource.json'));
    expect(target).toMatchObject({
      kind: 'containerApp',
      name: 'checkout-web',
      subscriptionId: SUB,
      resourceGroup: 'rg-shop-prod',
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.App/containerApps/checkout-web`,
    });
    expect(target.workspace).toBeUndefined();
  });

  it('a job, with the execution taken from the replica name', () => {
    const target = resolve(alertFixture('log-v2-job.json'));
    expect(target).toMatchObject({
      kind: 'job',
      name: 'nightly-report',
      replica: 'nightly-report-7xk2m9a-q8z4p',
      jobExecution: 'nightly-report-7xk2m9a',
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.App/jobs/nightly-report`,
    });
  });

  it('a job id with an execution in alertTargetIDs', () => {
    const body = alertFixture('log-v2-container-app-resource.json');
    body.data.essentials.alertTargetIDs = [
      `/subscriptions/${SUB}/resourcegroups/rg-batch/providers/microsoft.app/jobs/invoice-sync/executions/invoice-sync-k2j4h7d`,
    ];
    expect(resolve(body)).toMatchObject({ kind: 'job', name: 'invoice-sync', jobExecution: 'invoice-sync-k2j4h7d', resourceGroup: 'rg-batch' });
  });

  it('a managed environment with no app dimension', () => {
    const target = resolve(alertFixture('log-v2-managed-environment.json'));
    expect(target).toMatchObject({
      kind: 'environment',
      name: 'cae-shop-prod',
      environmentName: 'cae-shop-prod',
      subscriptionId: SUB,
      resourceGroup: 'rg-shop-prod',
    });
  });

  it('a managed environment whose alert names the app in a dimension', () => {
    const body = alertFixture('log-v2-managed-environment.json');
    body.data.alertContext.condition.allOf[0].dimensions = [{ name: 'ContainerAppName', value: 'orders-api' }];
    expect(resolve(body)).toMatchObject({ kind: 'containerApp', name: 'orders-api', environmentName: 'cae-shop-prod' });
  });

  it('metric alert on a container app: revision and replica from metric dimensions', () => {
    const target = resolve(alertFixture('metric-restart-count-container-app.json'));
    expect(target).toMatchObject({
      kind: 'containerApp',
      name: 'orders-api',
      revision: 'orders-api--v3k9q2x',
      replica: 'orders-api--v3k9q2x-5d8f7c9b6-x2lqp',
      resourceGroup: 'rg-shop-prod',
    });
    expect(iso(target.window.start)).toBe('2025-06-02T08:50:00.000Z');
  });

  it('a resolved alert still resolves, and says Resolved', () => {
    const parsed = parseAlert(alertFixture('metric-restart-count-resolved.json'));
    expect(parsed.summary.monitorCondition).toBe('Resolved');
    expect(resolveTarget(parsed, options).name).toBe('orders-api');
  });

  it('activity log alert: the scope names the app; no window, so fired minus the lookback, up to now', () => {
    const target = resolve(alertFixture('activity-log-container-app-update.json'));
    expect(target).toMatchObject({ kind: 'containerApp', name: 'orders-api', resourceGroup: 'rg-shop-prod' });
    expect(iso(target.window.start)).toBe('2025-06-02T08:17:02.116Z');
    expect(iso(target.window.end)).toBe(iso(now));
  });

  it('activity log alert: the scope alone is enough', () => {
    const body = alertFixture('activity-log-container-app-update.json');
    body.data.essentials.alertTargetIDs = [];
    expect(resolve(body).name).toBe('orders-api');
  });

  it('derives the app from a revision when only the revision is known', () => {
    const target = resolve(withDimensions([{ name: 'RevisionName_s', value: 'orders-api--v3k9q2x' }]));
    expect(target).toMatchObject({ kind: 'containerApp', name: 'orders-api', revision: 'orders-api--v3k9q2x' });
  });

  it('a revision id in alertTargetIDs', () => {
    const body = alertFixture('log-v2-container-app-resource.json');
    body.data.essentials.alertTargetIDs = [
      `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.App/containerApps/checkout-web/revisions/checkout-web--b7`,
    ];
    expect(resolve(body)).toMatchObject({ name: 'checkout-web', revision: 'checkout-web--b7' });
  });

  it('a _ResourceId dimension holding the app id wins over the workspace', () => {
    const target = resolve(
      withDimensions([
        { name: '_ResourceId', value: `/subscriptions/${SUB}/resourcegroups/rg-web/providers/microsoft.app/containerapps/storefront` },
      ]),
    );
    expect(target).toMatchObject({ kind: 'containerApp', name: 'storefront', resourceGroup: 'rg-web' });
  });

  it('drops a revision that belongs to another app', () => {
    const { target, dropped } = resolveTargetDetailed(
      parseAlert(
        withDimensions([
          { name: 'ContainerAppName_s', value: 'orders-api' },
          { name: 'RevisionName_s', value: 'billing--abc1234' },
        ]),
      ),
      options,
    );
    expect(target.revision).toBeUndefined();
    expect(dropped[0]!.reason).toContain('does not belong to app "orders-api"');
  });

  it('drops an invalid subscription id but keeps the app', () => {
    const body = alertFixture('log-v2-container-app-resource.json');
    body.data.essentials.alertTargetIDs = ['/subscriptions/<subscription ID>/resourceGroups/rg/providers/Microsoft.App/containerApps/web'];
    const { target, dropped } = resolveTargetDetailed(parseAlert(body), options);
    expect(target.name).toBe('web');
    expect(target.subscriptionId).toBeUndefined();
    expect(target.resourceId).toBeUndefined();
    expect(dropped.map((d) => d.reason).join()).toContain('subscription id');
  });
});

describe('resolveTarget: the window', () => {
  it('uses the window size when start and end are equal (as in test payloads), then pads', () => {
    const body = alertFixture('log-v2-workspace-custom-log-dimensions.json');
    body.data.alertContext.condition.windowStartTime = '2025-06-02T09:00:00Z';
    const target = resolve(body);
    expect(iso(target.window.start)).toBe('2025-06-02T08:45:00.000Z'); // 10 min size + 5 min pad
    expect(iso(target.window.end)).toBe('2025-06-02T09:00:00.000Z');
  });

  it('clamps long windows to the most recent 24 hours', () => {
    const body = alertFixture('log-v2-workspace-custom-log-dimensions.json');
    body.data.alertContext.condition.windowStartTime = '2025-05-30T09:00:00Z';
    const target = resolve(body);
    expect(target.window.end.getTime() - target.window.start.getTime()).toBe(24 * 3600_000);
    expect(iso(target.window.end)).toBe('2025-06-02T09:00:00.000Z');
  });

  it('clamps the v1 24-hour search interval with its padding to 24 hours', () => {
    const body = payload('msdocs-test-action-log-alert-v1-number-of-results.json');
    body.data.alertContext.Dimensions = [{ name: 'ContainerAppName_s', value: 'orders-api' }];
    const target = resolve(body);
    expect(iso(target.window.end)).toBe('2025-04-15T18:04:40.852Z');
    expect(iso(target.window.start)).toBe('2025-04-14T18:04:40.852Z');
  });

  it('reads the v1 US-style interval', () => {
    const body = wrapFragment('msdocs-log-search-v1-platform-alertContext-only.json');
    body.data.alertContext.Dimensions = [{ name: 'ContainerAppName_s', value: 'orders-api' }];
    const target = resolve(body);
    expect(iso(target.window.start)).toBe('2019-03-22T13:31:31.000Z');
    expect(iso(target.window.end)).toBe('2019-03-22T13:51:31.000Z');
  });

  it('without firedDateTime or window: the lookback up to now', () => {
    const body = alertFixture('activity-log-container-app-update.json');
    delete body.data.essentials.firedDateTime;
    const target = resolve(body);
    expect(iso(target.window.start)).toBe('2025-06-02T11:30:00.000Z');
    expect(iso(target.window.end)).toBe(iso(now));
  });

  it('an old alert keeps its firing moment inside a window of at most 24 hours', () => {
    const body = alertFixture('activity-log-container-app-update.json');
    body.data.essentials.firedDateTime = '2025-05-20T10:00:00Z';
    const target = resolve(body);
    expect(iso(target.window.start)).toBe('2025-05-20T09:30:00.000Z');
    expect(target.window.end.getTime() - target.window.start.getTime()).toBe(24 * 3600_000);
  });
});

describe('resolveTarget: what it refuses', () => {
  it.each([
    'msdocs-common-schema-full-metric-resolved.json',
    'msdocs-log-webhook-log-alerts-v2-full-resource-logs.json',
    'msdocs-test-action-activity-log-administrative.json',
  ])('a VM target (%s) is unsupported, naming the type', (file) => {
    const err = errorOf(UnsupportedTargetError, () => resolve(payload(file)));
    expect(err.message.toLowerCase()).toContain('microsoft.compute/virtualmachines');
    expect(err.message.match(/virtualmachines/gi)).toHaveLength(1);
    expect(String(err.context.resourceType).toLowerCase()).toBe('microsoft.compute/virtualmachines');
  });

  it('a storage account target is unsupported', () => {
    expect(() => resolve(payload('msdocs-test-action-metric-static.json'))).toThrow(/microsoft\.storage\/storageaccounts/i);
  });

  it('a workspace alert without an app dimension: target not found, saying what was looked at', () => {
    const err = errorOf(TargetNotFoundError, () => resolve(payload('msdocs-test-action-log-alert-v2.json')));
    expect(err.message).toContain('alertTargetIDs (1: microsoft.operationalinsights/workspaces)');
    expect(err.message).toContain('dimensions ("Computer")');
    expect(err.message).toContain('ContainerAppName_s');
    expect(err.httpStatus).toBe(400);
  });

  it('an alert with no targets at all: target not found', () => {
    const body = alertFixture('activity-log-container-app-update.json');
    body.data.essentials.alertTargetIDs = [];
    body.data.alertContext.authorization = null;
    expect(() => resolve(body)).toThrow(TargetNotFoundError);
  });
});

describe('resolveTarget: crafted dimension values never pass', () => {
  const crafted = [
    `orders-api' | union ContainerAppConsoleLogs_CL | where '1'=='1`,
    'orders-api" or 1==1',
    'orders-api|take 1',
    'orders-api//comment',
    'orders-api\n| project secrets',
    'orders\u2011api', // non-breaking hyphen
    'órders-api',
    'Orders-API',
    'orders--api',
    'a'.repeat(33),
    '-orders',
    '',
  ];

  it.each(crafted.filter((v) => v !== ''))('the only app name %j is an invalid alert', (value) => {
    const err = errorOf(InvalidAlertError, () => resolve(withDimensions([{ name: 'ContainerAppName_s', value }])));
    expect(err.message).toContain('dimension ContainerAppName_s');
    expect(err.message).toContain('container app name');
    // The message quotes the value JSON-escaped: no raw line breaks.
    expect(err.message).not.toContain('\n');
  });

  it('an empty app dimension is simply absent', () => {
    expect(() => resolve(withDimensions([{ name: 'ContainerAppName_s', value: '' }]))).toThrow(TargetNotFoundError);
  });

  // "orders--api" and 33 letters break only the app-name rules; they are fine replica names.
  const craftedForParts = crafted.filter((v) => v !== 'orders--api' && v.length <= 32);

  it.each(craftedForParts)('a crafted revision/replica/container %j is dropped with a reason and the app still resolves', (value) => {
    const warnings: string[] = [];
    const logger: Logger = { info() {}, error() {}, warn: (message, props) => warnings.push(`${message} ${props?.source}`) };
    const { target, dropped } = resolveTargetDetailed(
      parseAlert(
        withDimensions([
          { name: 'ContainerAppName_s', value: 'orders-api' },
          { name: 'RevisionName_s', value: `orders-api--${value}` },
          { name: 'ReplicaName_s', value },
          { name: 'ContainerName_s', value },
        ]),
      ),
      { ...options, logger },
    );
    expect(target.name).toBe('orders-api');
    expect(target.revision).toBeUndefined();
    expect(target.replica).toBeUndefined();
    expect(target.container).toBeUndefined();
    const droppedNow = value === '' ? 1 : 3; // empty replica/container values are absent, not dropped
    expect(dropped).toHaveLength(droppedNow);
    expect(warnings).toHaveLength(droppedNow);
    expect(JSON.stringify(target)).not.toContain('|');
  });

  it('a crafted name inside a resource id is refused too', () => {
    const body = alertFixture('log-v2-container-app-resource.json');
    body.data.essentials.alertTargetIDs = [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.App/containerApps/web'|take 1`];
    expect(() => resolve(body)).toThrow(InvalidAlertError);
  });

  it('falls back to a second dimension column when the first breaks the rules', () => {
    const { target, dropped } = resolveTargetDetailed(
      parseAlert(
        withDimensions([
          { name: 'ContainerAppName_s', value: 'bad|name' },
          { name: 'ContainerAppName', value: 'orders-api' },
        ]),
      ),
      options,
    );
    expect(target.name).toBe('orders-api');
    expect(dropped).toHaveLength(1);
  });

  it('only ever throws EnricherError subclasses', () => {
    for (const value of crafted) {
      try {
        resolve(withDimensions([{ name: 'EnvironmentName_s', value }]));
      } catch (err) {
        expect(err).toBeInstanceOf(EnricherError);
      }
    }
  });
});
