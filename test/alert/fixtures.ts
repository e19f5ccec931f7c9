/** Loads alert payloads for the alert-stage tests: Microsoft's samples and our Container Apps fixtures. */
import * as fs from 'fs';
import * as path from 'path';

export const PAYLOAD_DIR = path.join(__dirname, '..', 'fixtures', 'payloads');
export const ALERT_DIR = path.join(__dirname, '..', 'fixtures', 'alerts');

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function payload(name: string): any {
  return readJson(path.join(PAYLOAD_DIR, name));
}

export function alertFixture(name: string): any {
  return readJson(path.join(ALERT_DIR, name));
}

export const alertFixtureNames = (): string[] => fs.readdirSync(ALERT_DIR).filter((f) => f.endsWith('.json')).sort();

/** Sample files that are whole common-schema envelopes. */
export function fullEnvelopeSamples(): string[] {
  return fs
    .readdirSync(PAYLOAD_DIR)
    .filter((f) => f.endsWith('.json'))
    .filter((f) => readJson(path.join(PAYLOAD_DIR, f)).schemaId === 'azureMonitorCommonAlertSchema')
    .sort();
}

/** Which monitoringService / signalType a fragment's envelope would carry, by the fragment's file name. */
const FRAGMENT_SERVICES: ReadonlyArray<{ match: RegExp; service: string; signal: string; target: string }> = [
  { match: /activity-log-administrative/, service: 'Activity Log - Administrative', signal: 'Activity Log', target: 'vm' },
  { match: /activity-log-servicehealth/, service: 'ServiceHealth', signal: 'Activity Log', target: 'sub' },
  { match: /activity-log-resourcehealth/, service: 'Resource Health', signal: 'Activity Log', target: 'vm' },
  { match: /log-search-v1/, service: 'Log Analytics', signal: 'Log', target: 'workspace' },
  { match: /log-search-v2/, service: 'Log Alerts V2', signal: 'Log', target: 'workspace' },
  { match: /simple-log-alert/, service: 'Simple Log Alert', signal: 'Log', target: 'components' },
  { match: /metric-/, service: 'Platform', signal: 'Metric', target: 'vm' },
];

export const SUB = '3f6c2a1e-8b7d-4c55-9e21-0a4d7b9c1e55';
const TARGETS: Record<string, string> = {
  vm: `/subscriptions/${SUB}/resourcegroups/rg-legacy/providers/microsoft.compute/virtualmachines/vm-batch-01`,
  sub: `/subscriptions/${SUB}`,
  workspace: `/subscriptions/${SUB}/resourcegroups/rg-observability/providers/microsoft.operationalinsights/workspaces/law-shop-prod`,
  components: `/subscriptions/${SUB}/resourcegroups/rg-shop-prod/providers/microsoft.insights/components/appi-shop`,
};

/** Wraps an `*-alertContext-only.json` fragment in a realistic envelope. */
export function wrapFragment(file: string): any {
  const fragment = payload(file);
  const kind = FRAGMENT_SERVICES.find((k) => k.match.test(file));
  if (!kind) throw new Error(`no envelope rule for ${file}`);
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: `/subscriptions/${SUB}/providers/Microsoft.AlertsManagement/alerts/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`,
        alertRule: `rule for ${file}`,
        severity: 'Sev3',
        signalType: kind.signal,
        monitorCondition: 'Fired',
        monitoringService: kind.service,
        alertTargetIDs: [TARGETS[kind.target]],
        configurationItems: [],
        originAlertId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
        firedDateTime: '2025-06-02T09:01:00.000Z',
        description: 'wrapped sample',
        essentialsVersion: '1.0',
        alertContextVersion: kind.service === 'Log Analytics' ? '1.1' : '1.0',
      },
      alertContext: fragment.alertContext,
      customProperties: null,
    },
  };
}

export function fragmentSamples(): string[] {
  return fs.readdirSync(PAYLOAD_DIR).filter((f) => f.endsWith('-alertContext-only.json')).sort();
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Runs `fn`, expecting an error of `type`, and returns it for further checks. */
export function errorOf<T extends Error>(type: new (...args: any[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    return err as T;
  }
  throw new Error('expected an error');
}
