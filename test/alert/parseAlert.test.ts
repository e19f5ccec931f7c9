import { parseAlert, parseAlertJson } from '../../src/alert';
import { InvalidAlertError, InvalidRequestError } from '../../src/errors';
import { alertFixture, alertFixtureNames, clone, errorOf, fragmentSamples, fullEnvelopeSamples, payload, wrapFragment } from './fixtures';

describe('parseAlert: Microsoft sample payloads', () => {
  const samples = fullEnvelopeSamples();

  it('finds the full envelopes among the samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(9);
  });

  it.each(samples)('parses %s and keeps its essentials untouched', (file) => {
    const body = payload(file);
    const parsed = parseAlert(body);
    const e = body.data.essentials;
    expect(parsed.summary.alertId).toBe(e.alertId);
    expect(parsed.summary.alertRule).toBe(e.alertRule);
    expect(parsed.summary.severity).toBe(e.severity);
    expect(parsed.summary.monitorCondition).toBe(e.monitorCondition);
    expect(parsed.summary.firedDateTime).toBe(e.firedDateTime);
    expect(parsed.summary.resolvedDateTime).toBe(e.resolvedDateTime);
    expect(parsed.summary.description).toBe(e.description);
    expect(parsed.summary.alertTargetIDs).toEqual(e.alertTargetIDs);
    expect(parsed.raw.data.essentials.originAlertId).toBe(e.originAlertId);
  });

  it.each(fragmentSamples())('parses the fragment %s once wrapped in an envelope', (file) => {
    const body = wrapFragment(file);
    const parsed = parseAlert(body);
    expect(parsed.summary.kind).not.toBe('other');
    // Unknown fields survive in raw (the ServiceHealth sample's "ResourceType", for one).
    expect(parsed.raw.data.alertContext).toEqual(body.data.alertContext);
  });

  it('tells the families apart', () => {
    const kinds = Object.fromEntries(fullEnvelopeSamples().map((f) => [f, parseAlert(payload(f)).summary.kind]));
    expect(kinds['msdocs-test-action-log-alert-v2.json']).toBe('log-v2');
    expect(kinds['msdocs-test-action-log-alert-v1-number-of-results.json']).toBe('log-v1');
    expect(kinds['msdocs-test-action-metric-static.json']).toBe('metric');
    expect(kinds['msdocs-test-action-activity-log-administrative.json']).toBe('activity-log');
    expect(kinds['msdocs-test-action-resource-health.json']).toBe('activity-log');
  });

  it('accepts ServiceHealth enums written as numbers', () => {
    const parsed = parseAlert(wrapFragment('msdocs-activity-log-servicehealth-alertContext-only.json'));
    expect(parsed.summary.kind).toBe('activity-log');
    expect(parsed.context.kind === 'activity-log' && parsed.context.value.eventSource).toBe(2);
  });

  it('reads a legacy v1 log alert: US-style interval, workspace id, query, dimensions', () => {
    const parsed = parseAlert(wrapFragment('msdocs-log-search-v1-platform-alertContext-only.json'));
    expect(parsed.summary.kind).toBe('log-v1');
    expect(parsed.window).toEqual({ start: new Date('2019-03-22T13:36:31Z'), end: new Date('2019-03-22T13:51:31Z') });
    expect(parsed.windowSize).toBe('PT15M');
    expect(parsed.workspace?.customerId).toBe('a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1');
    expect(parsed.searchQuery).toMatch(/^Perf \| where ObjectName/);
    expect(parsed.dimensions).toEqual({ Computer: 'INC-Gen2Alert' });
    expect(parsed.summary.searchResultsLink).toMatch(/^https:\/\/portal\.azure\.com\/#Analyticsblade/);
  });

  it('reads a v2 log alert: window, size, workspace from the API link and target id', () => {
    const parsed = parseAlert(payload('msdocs-test-action-log-alert-v2.json'));
    expect(parsed.windowSize).toBe('PT1H');
    expect(parsed.window?.start.toISOString()).toBe('2025-04-15T18:08:03.626Z');
    expect(parsed.workspace).toEqual({
      customerId: 'dddd3333-ee44-5555-66ff-777777aaaaaa',
      resourceId:
        '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourcegroups/test-RG/providers/microsoft.operationalinsights/workspaces/test-logAnalyticsWorkspace',
    });
    expect(parsed.dimensions).toEqual({ Computer: 'test-computer' });
    expect(parsed.searchQuery).toBe('Heartbeat');
  });

  it('ignores workspace placeholders that are not GUIDs', () => {
    const body = wrapFragment('msdocs-log-search-v1-platform-alertContext-only.json');
    body.data.alertContext.WorkspaceId = 'workspaceID';
    expect(parseAlert(body).workspace?.customerId).toBeUndefined();
  });

  it('accepts both alertRuleID and alertRuleId and null essentials (budget-style payloads)', () => {
    const body = payload('msdocs-common-schema-doc-sample-with-alertRuleId-customProperties.json');
    body.data.essentials.alertRuleID = body.data.essentials.alertRuleId;
    Object.assign(body.data.essentials, { alertRule: null, severity: null, signalType: null, alertTargetIDs: null });
    const parsed = parseAlert(body);
    expect(parsed.summary.alertRule).toBeUndefined();
    expect(parsed.summary.alertTargetIDs).toEqual([]);
    expect(parsed.raw.data.customProperties).toEqual({ Key1: 'Value1', Key2: 'Value2' });
  });
});

describe('parseAlert: Container Apps fixtures', () => {
  it.each(alertFixtureNames())('parses %s', (file) => {
    expect(() => parseAlert(alertFixture(file))).not.toThrow();
  });

  it('merges dimensions with their names as given', () => {
    const parsed = parseAlert(alertFixture('log-v2-workspace-custom-log-dimensions.json'));
    expect(parsed.dimensions).toEqual({
      ContainerAppName_s: 'orders-api',
      RevisionName_s: 'orders-api--v3k9q2x',
      ReplicaName_s: 'orders-api--v3k9q2x-5d8f7c9b6-x2lqp',
      EnvironmentName_s: 'cae-shop-prod',
    });
    expect(parsed.workspace?.customerId).toBe('7c1e9a42-5b3d-4f08-a6c1-2d9e8f3b4a71');
    expect(parsed.summary.searchResultsLink).toMatch(/filtered=1$/);
    expect(parsed.summary.investigationLink).toMatch(/^https:\/\/portal\.azure\.com/);
  });

  it('merges dimensions across several criteria, first value winning', () => {
    const body = alertFixture('log-v2-workspace-custom-log-dimensions.json');
    const first = body.data.alertContext.condition.allOf[0];
    body.data.alertContext.condition.allOf.push({
      ...clone(first),
      dimensions: [
        { name: 'ContainerAppName_s', value: 'other-app' },
        { name: 'ContainerName_s', value: 'orders' },
      ],
    });
    const parsed = parseAlert(body);
    expect(parsed.dimensions.ContainerAppName_s).toBe('orders-api');
    expect(parsed.dimensions.ContainerName_s).toBe('orders');
  });

  it('keeps a dimension named __proto__ as plain data', () => {
    const body = alertFixture('log-v2-job.json');
    body.data.alertContext.condition.allOf[0].dimensions.push({ name: '__proto__', value: 'polluted' });
    const parsed = parseAlert(body);
    expect(Object.getPrototypeOf(parsed.dimensions)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(parsed.dimensions, '__proto__')).toBe(true);
  });

  it('recognises a resolved alert', () => {
    const parsed = parseAlert(alertFixture('metric-restart-count-resolved.json'));
    expect(parsed.summary.monitorCondition).toBe('Resolved');
    expect(parsed.summary.resolvedDateTime).toBe('2025-06-02T09:31:10.0051Z');
  });
});

describe('parseAlert: rejects what it cannot read, saying where', () => {
  const base = () => alertFixture('log-v2-workspace-custom-log-dimensions.json');

  it.each([
    [null, 'got null'],
    [[1, 2], 'got a list'],
    ['{"schemaId":1}', 'got "{\\"schemaId\\":1}"'],
    [42, 'got 42'],
  ])('rejects a body that is not an object (%p)', (body, got) => {
    const err = errorOf(InvalidAlertError, () => parseAlert(body));
    expect(err.message).toContain('must be a JSON object');
    expect(err.message).toContain(got);
    expect(err.httpStatus).toBe(400);
  });

  it('rejects a wrong schemaId', () => {
    const body = base();
    body.schemaId = 'AzureMonitorMetricAlert';
    const err = errorOf(InvalidAlertError, () => parseAlert(body));
    expect(err.message).toContain('schemaId must be "azureMonitorCommonAlertSchema" (got "AzureMonitorMetricAlert")');
    expect(err.context.field).toBe('schemaId');
  });

  it('points a legacy (non-common) log payload at the common schema setting', () => {
    const err = errorOf(InvalidAlertError, () => parseAlert(payload('msdocs-log-webhook-legacy-non-common-log-analytics-2018-04-16.json')));
    expect(err.message).toMatch(/schemaId must be .*\(it is missing\)/);
    expect(err.message).toContain('turn on the common alert schema');
  });

  it('rejects missing essentials', () => {
    const body = base();
    delete body.data.essentials;
    const err = errorOf(InvalidAlertError, () => parseAlert(body));
    expect(err.message).toContain('data.essentials is missing: it must be an object');
    expect(err.context.field).toBe('data.essentials');
  });

  it('rejects a missing alertId', () => {
    const body = base();
    delete body.data.essentials.alertId;
    expect(() => parseAlert(body)).toThrow('data.essentials.alertId is missing: it must be a string');
  });

  it('rejects an unknown monitorCondition, naming the allowed values', () => {
    const body = base();
    body.data.essentials.monitorCondition = 'Active';
    expect(() => parseAlert(body)).toThrow('data.essentials.monitorCondition must be "Fired" or "Resolved" (got "Active")');
  });

  it.each([
    ['essentials.alertTargetIDs', (b: any) => (b.data.essentials.alertTargetIDs = 'not-a-list'), 'data.essentials.alertTargetIDs must be a list (got "not-a-list")'],
    ['essentials.alertTargetIDs[1]', (b: any) => b.data.essentials.alertTargetIDs.push(7), 'data.essentials.alertTargetIDs[1] must be a string (got 7)'],
    ['essentials.severity', (b: any) => (b.data.essentials.severity = 2), 'data.essentials.severity must be a string (got 2)'],
    ['essentials.firedDateTime', (b: any) => (b.data.essentials.firedDateTime = 'yesterday'), 'data.essentials.firedDateTime must be a timestamp'],
    ['customProperties', (b: any) => (b.data.customProperties = 'x=1'), 'data.customProperties must be an object (got "x=1")'],
    ['alertContext.condition', (b: any) => (b.data.alertContext.condition = []), 'data.alertContext.condition must be an object (got a list)'],
    ['allOf', (b: any) => (b.data.alertContext.condition.allOf = {}), 'data.alertContext.condition.allOf must be a list (got an object)'],
    ['dimension value', (b: any) => (b.data.alertContext.condition.allOf[0].dimensions[0].value = { a: 1 }), 'data.alertContext.condition.allOf[0].dimensions[0].value must be a string, a number or true or false (got an object)'],
    ['dimension name', (b: any) => delete b.data.alertContext.condition.allOf[0].dimensions[1].name, 'data.alertContext.condition.allOf[0].dimensions[1].name is missing'],
    ['windowSize', (b: any) => (b.data.alertContext.condition.windowSize = '10 minutes'), 'data.alertContext.condition.windowSize must be an ISO 8601 duration'],
    ['windowEndTime', (b: any) => (b.data.alertContext.condition.windowEndTime = 1717318800), 'data.alertContext.condition.windowEndTime must be a string (got 1717318800)'],
  ])('rejects a wrong type in %s', (_label, mutate, expected) => {
    const body = base();
    mutate(body);
    const err = errorOf(InvalidAlertError, () => parseAlert(body));
    expect(err.message).toContain(expected);
  });

  it('checks the activity-log context of activity-log alerts', () => {
    const body = alertFixture('activity-log-container-app-update.json');
    body.data.alertContext.authorization = { scope: ['a'] };
    expect(() => parseAlert(body)).toThrow('data.alertContext.authorization.scope must be a string (got a list)');
  });

  it('checks v1 fields by their PascalCase names', () => {
    const body = wrapFragment('msdocs-log-search-v1-platform-alertContext-only.json');
    body.data.alertContext.SearchIntervalEndtimeUtc = '22/3/2019 25:00';
    expect(() => parseAlert(body)).toThrow('data.alertContext.SearchIntervalEndtimeUtc must be a timestamp');
  });

  it('rejects a window that ends before it starts', () => {
    const body = base();
    body.data.alertContext.condition.windowStartTime = '2025-06-02T10:00:00Z';
    expect(() => parseAlert(body)).toThrow(/windowStartTime\.\.windowEndTime starts after it ends/);
  });

  it('counts further problems and lists them in context', () => {
    const body = base();
    body.data.essentials.monitorCondition = 'Active';
    body.data.essentials.severity = 3;
    const err = errorOf(InvalidAlertError, () => parseAlert(body));
    expect(err.message).toContain('(and 1 more problem)');
    expect(err.context.problems).toHaveLength(2);
  });
});

describe('parseAlertJson', () => {
  it('parses JSON text, with or without a byte-order mark', () => {
    const text = JSON.stringify(alertFixture('log-v2-job.json'));
    expect(parseAlertJson(text).summary.kind).toBe('log-v2');
    expect(parseAlertJson(`\uFEFF${text}`).summary.kind).toBe('log-v2');
  });

  it('reports bad JSON as an invalid request with the position', () => {
    const err = errorOf(InvalidRequestError, () => parseAlertJson('{"schemaId": "azureMonitorCommonAlertSchema",, }'));
    expect(err.message).toMatch(/^body is not valid JSON: .*position/);
    expect(typeof err.context.position).toBe('number');
    expect(err.httpStatus).toBe(400);
  });

  it('reports truncated and empty bodies', () => {
    expect(() => parseAlertJson('{"schemaId": "azureMon')).toThrow(/body is not valid JSON: .*position/);
    expect(() => parseAlertJson('   ')).toThrow('body is not valid JSON: it is empty');
  });

  it('passes valid JSON that is not an alert on to the alert checks', () => {
    expect(() => parseAlertJson('[]')).toThrow(InvalidAlertError);
  });
});
