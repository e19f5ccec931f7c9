import { loadSettings } from '../../src/config';
import { deliverDiagnosis } from '../../src/deliver/deliver';
import { InMemoryDedupeStore } from '../../src/deliver/dedupe';
import { Outbox } from '../../src/deliver/outbox';
import { InMemoryQueue } from '../../src/deliver/queue';
import type { Diagnosis } from '../../src/model';
import { render } from '../../src/render';
import { buildPagerDutyEvent, PAGERDUTY_MAX_PAYLOAD_BYTES } from '../../src/render/pagerduty';
import { sampleDiagnosis } from '../deliver/helpers';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';

const ALERT_ID = '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/0f1e2d3c';

function diagnosis(severity?: string): Diagnosis {
  const d = sampleDiagnosis(ALERT_ID);
  d.alert = { ...d.alert!, severity, firedDateTime: '2026-05-14T09:14:00Z' };
  d.target = { kind: 'containerApp', name: 'orders-api', resourceGroup: 'rg-orders', environmentName: 'prod-env' };
  d.links = { query: 'https://portal.azure.com/#blade/query' };
  d.owners = ['team-orders'];
  return d;
}

describe('PagerDuty Events API v2 payload', () => {
  it('triggers with the alert id as dedup key, the cause, evidence and steps', () => {
    const e = buildPagerDutyEvent(diagnosis('Sev1'), 'R0UTINGKEY123456');
    expect(e).toMatchObject({ routing_key: 'R0UTINGKEY123456', event_action: 'trigger', dedup_key: ALERT_ID, client: 'aca-alert-enricher' });
    expect(e.payload).toMatchObject({
      summary: 'orders-api is crash-looping: DATABASE_URL is not set',
      source: 'orders-api',
      severity: 'error',
      timestamp: '2026-05-14T09:14:00Z',
      component: 'orders-api',
      group: 'prod-env',
      class: 'missing-configuration',
    });
    const details = e.payload!.custom_details;
    expect(details.cause).toBe('DATABASE_URL is not set');
    expect(details.evidence).toHaveLength(3);
    expect(details.next_steps).toEqual([expect.objectContaining({ text: 'Add DATABASE_URL to the container app.' })]);
    expect(details.owners).toEqual(['team-orders']);
    expect(e.links).toContainEqual({ href: 'https://portal.azure.com/#blade/query', text: 'Open query in Log Analytics' });
  });

  it.each([
    ['Sev0', 'critical'],
    ['Sev1', 'error'],
    ['Sev2', 'warning'],
    ['Sev3', 'info'],
    ['Sev4', 'info'],
    [undefined, 'error'],
  ])('maps %s to %s', (sev, expected) => {
    expect(buildPagerDutyEvent(diagnosis(sev)).payload!.severity).toBe(expected);
  });

  it('resolves what the trigger opened, with nothing else', () => {
    const d: Diagnosis = { ...diagnosis('Sev1'), status: 'resolved', findings: [] };
    expect(buildPagerDutyEvent(d, 'R0UTINGKEY123456')).toEqual({ routing_key: 'R0UTINGKEY123456', event_action: 'resolve', dedup_key: ALERT_ID });
  });

  it('stays within the limits: summary 1,024, dedup key 255, payload 512 KB', () => {
    const d = diagnosis('Sev2');
    d.summary = 'x'.repeat(5000);
    d.alert = { ...d.alert!, alertId: `/alerts/${'y'.repeat(400)}` };
    d.alertIds = [d.alert.alertId];
    d.findings[0]!.evidence = Array.from({ length: 5000 }, (_, i) => ({ source: 'console' as const, text: `${i} ${'z'.repeat(900)}` }));
    d.findings[0]!.explanation = 'e'.repeat(100_000);
    const body = render(d, 'pagerduty', { routingKey: 'R0UTINGKEY123456' }).body;
    const e = JSON.parse(body);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(PAGERDUTY_MAX_PAYLOAD_BYTES);
    expect(e.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(e.dedup_key.length).toBeLessThanOrEqual(255);
  });

  it('redacts secrets from the evidence it sends', () => {
    const d = diagnosis('Sev1');
    d.findings[0]!.evidence[0]!.text = 'connecting with Password=hunter2-very-secret;Server=db';
    expect(render(d, 'pagerduty').body).not.toContain('hunter2-very-secret');
  });
});

describe('PagerDuty as a destination', () => {
  let rx: WebhookReceiver;
  beforeEach(async () => {
    rx = await startWebhookReceiver();
  });
  afterEach(async () => {
    await rx.close();
  });

  it('takes its routing key from the app setting the destination names, and posts to the events endpoint', async () => {
    const settings = loadSettings({
      DESTINATIONS: JSON.stringify([{ name: 'pd', format: 'pagerduty', url: rx.url('/v2/enqueue'), routingKeySetting: 'PD_ROUTING_KEY' }]),
      PD_ROUTING_KEY: 'abcdef0123456789abcdef0123456789',
    });
    const report = await deliverDiagnosis(diagnosis('Sev0'), settings.destinations, {
      render: (d, f, o) => render(d, f, o),
      dedupe: new InMemoryDedupeStore(),
      outbox: new Outbox({ queue: new InMemoryQueue('o'), poisonQueue: new InMemoryQueue('p') }),
      webhookOptions: { timeoutMs: 5000, maxAttempts: 1 },
    });
    expect(report.results).toEqual([expect.objectContaining({ destination: 'pd', status: 'delivered' })]);
    const sent = JSON.parse(rx.acceptedOn('/v2/enqueue')[0]!.body);
    expect(sent).toMatchObject({ routing_key: 'abcdef0123456789abcdef0123456789', event_action: 'trigger', dedup_key: ALERT_ID });
    expect(sent.payload.severity).toBe('critical');
  });

  it('defaults to the public events endpoint and marks an unresolved Key Vault reference by name', () => {
    const settings = loadSettings({
      DESTINATIONS: JSON.stringify([
        { name: 'pd', format: 'pagerduty', routingKeySetting: 'PD_KEY' },
        { name: 'pd-kv', format: 'pagerduty', routingKeySetting: 'PD_KV' },
      ]),
      PD_KEY: 'abcdef0123456789abcdef0123456789',
      PD_KV: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/pd)',
    });
    expect(settings.destinations[0]).toMatchObject({ url: 'https://events.pagerduty.com/v2/enqueue', routingKey: 'abcdef0123456789abcdef0123456789' });
    expect(settings.destinations[1]).toMatchObject({ name: 'pd-kv', unresolvedSetting: 'PD_KV' });
  });

  it('refuses a PagerDuty destination without a routing key, at start', () => {
    expect(() => loadSettings({ DESTINATIONS: JSON.stringify([{ name: 'pd', format: 'pagerduty' }]) })).toThrow(/DESTINATIONS\[0\] \(pagerduty\) needs routingKeySetting/);
  });
});
