import { parseManualRequest } from '../../src/alert';
import { InvalidRequestError } from '../../src/errors';

const now = new Date('2025-06-02T12:00:00Z');
const options = { now, defaultLookbackMinutes: 60 };
const SUB = '3f6c2a1e-8b7d-4c55-9e21-0a4d7b9c1e55';
const WS = '7c1e9a42-5b3d-4f08-a6c1-2d9e8f3b4a71';

function fieldError(input: Record<string, unknown>): InvalidRequestError {
  try {
    parseManualRequest(input, options);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError);
    return err as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('parseManualRequest', () => {
  it('builds a container app target with everything given', () => {
    const target = parseManualRequest(
      {
        app: 'orders-api',
        resourceGroup: 'rg-shop-prod',
        subscription: SUB,
        revision: 'orders-api--v3k9q2x',
        replica: 'orders-api--v3k9q2x-5d8f7c9b6-x2lqp',
        environment: 'cae-shop-prod',
        container: 'orders',
        workspaceId: WS,
        since: '2025-06-02T08:00:00Z',
        until: '2025-06-02T09:30:00Z',
        code: 'function-key-is-ignored',
      },
      options,
    );
    expect(target).toEqual({
      kind: 'containerApp',
      name: 'orders-api',
      subscriptionId: SUB,
      resourceGroup: 'rg-shop-prod',
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.App/containerApps/orders-api`,
      environmentName: 'cae-shop-prod',
      revision: 'orders-api--v3k9q2x',
      replica: 'orders-api--v3k9q2x-5d8f7c9b6-x2lqp',
      container: 'orders',
      workspace: { customerId: WS },
      window: { start: new Date('2025-06-02T08:00:00Z'), end: new Date('2025-06-02T09:30:00Z') },
    });
  });

  it('defaults the window to the lookback before now', () => {
    const target = parseManualRequest({ app: 'orders-api' }, options);
    expect(target.window).toEqual({ start: new Date('2025-06-02T11:00:00Z'), end: now });
    expect(target.resourceId).toBeUndefined();
  });

  it.each([
    ['30m', '2025-06-02T11:30:00.000Z'],
    ['2h', '2025-06-02T10:00:00.000Z'],
    ['1d', '2025-06-01T12:00:00.000Z'],
    ['PT1H', '2025-06-02T11:00:00.000Z'],
  ])('since=%s means that long before now', (since, start) => {
    expect(parseManualRequest({ app: 'orders-api', since }, options).window.start.toISOString()).toBe(start);
  });

  it('a relative since counts back from until', () => {
    const target = parseManualRequest({ job: 'nightly-report', since: '2h', until: '2025-06-01T03:00:00Z' }, options);
    expect(target.window.start.toISOString()).toBe('2025-06-01T01:00:00.000Z');
  });

  it('builds a job target and finds the execution from the replica', () => {
    const target = parseManualRequest({ job: 'nightly-report', replica: 'nightly-report-7xk2m9a-q8z4p', subscription: SUB, resourceGroup: 'rg' }, options);
    expect(target).toMatchObject({
      kind: 'job',
      name: 'nightly-report',
      jobExecution: 'nightly-report-7xk2m9a',
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.App/jobs/nightly-report`,
    });
  });

  it('accepts a workspace resource id', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-obs/providers/Microsoft.OperationalInsights/workspaces/law-obs`;
    expect(parseManualRequest({ app: 'web', workspaceId: id }, options).workspace).toEqual({ resourceId: id });
  });

  it('treats blank query-string values as not given', () => {
    expect(parseManualRequest({ app: 'web', revision: '', since: ' ' }, options).revision).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['app', {}, 'app (a container app name) or job (a job name) is required'],
    ['job', { app: 'web', job: 'batch' }, 'either app or job, not both'],
    ['app', { app: 'Web App' }, 'app: container app name "Web App" may only hold'],
    ['app', { app: 42 }, 'app must be a string (got 42)'],
    ['app', { app: ['a', 'b'] }, 'app must be given once'],
    ['job', { job: "x' | take 1" }, 'job: job name'],
    ['resourceGroup', { app: 'web', resourceGroup: 'rg/..' }, 'resourceGroup: resource group name'],
    ['subscription', { app: 'web', subscription: 'my-sub' }, 'subscription: subscription id "my-sub" must be 36 characters long'],
    ['revision', { app: 'web', revision: 'other--abc' }, 'does not belong to app "web"'],
    ['revision', { job: 'batch', revision: 'batch--abc' }, 'revision applies to container apps only'],
    ['replica', { app: 'web', replica: 'web\nx' }, 'replica: replica name "web\\nx"'],
    ['environment', { app: 'web', environment: true }, 'environment must be a string (got true)'],
    ['workspaceId', { app: 'web', workspaceId: 'law-shop' }, 'workspaceId: workspace id'],
    ['since', { app: 'web', since: 'last tuesday' }, 'since must be an ISO 8601 timestamp'],
    ['until', { app: 'web', until: 1717318800 }, 'until must be a string'],
    ['since', { app: 'web', since: '2025-06-02T13:00:00Z' }, 'must be before until'],
    ['since', { app: 'web', since: '2025-06-02T10:00:00Z', until: '2025-06-02T10:00:00Z' }, 'must be before until'],
    ['since', { app: 'web', since: '8d' }, 'longer than 7 days'],
    ['since', { app: 'web', since: '2025-05-01T00:00:00Z', until: '2025-05-09T00:00:01Z' }, 'longer than 7 days'],
  ])('rejects bad %s: %j', (field, input, message) => {
    const err = fieldError(input);
    expect(err.context.field).toBe(field);
    expect(err.message).toContain(message);
    expect(err.httpStatus).toBe(400);
  });

  it('accepts a window of exactly 7 days', () => {
    expect(() => parseManualRequest({ app: 'web', since: '7d' }, options)).not.toThrow();
  });
});
