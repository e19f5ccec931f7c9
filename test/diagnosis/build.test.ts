import { resolvedDiagnosis } from '../../src/diagnosis';
import type { AlertSummary } from '../../src/model';

const alert: AlertSummary = {
  alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a1',
  alertRule: 'orders-api restarts',
  monitorCondition: 'Resolved',
  kind: 'metric',
  alertTargetIDs: [],
  configurationItems: [],
  resolvedDateTime: '2025-06-02T09:31:10.0051234Z',
};

describe('resolvedDiagnosis', () => {
  it('writes the resolution time in one canonical form, not as the alert spelled it', () => {
    expect(resolvedDiagnosis(alert, new Date('2025-06-02T09:32:00Z')).summary).toBe(
      'orders-api restarts: alert "orders-api restarts" resolved at 2025-06-02T09:31:10.005Z',
    );
  });

  it('keeps a time it cannot read as given', () => {
    const d = resolvedDiagnosis({ ...alert, resolvedDateTime: 'yesterday' }, new Date('2025-06-02T09:32:00Z'));
    expect(d.summary).toMatch(/resolved at yesterday$/);
  });
});
