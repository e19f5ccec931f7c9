/** Realistic diagnoses for the renderer tests. Everything here is made up. */
import { DIAGNOSIS_SCHEMA_VERSION, type Diagnosis, type EvidenceLine, type Finding } from '../../src/model';

const SUB = '00000000-1111-2222-3333-444444444444';
const APP_ID = `/subscriptions/${SUB}/resourceGroups/rg-orders/providers/Microsoft.App/containerApps/orders-api`;
const QUERY_LINK =
  'https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView/resourceId/%2Fsubscriptions%2F00000000-1111-2222-3333-444444444444%2FresourceGroups%2Frg-logs%2Fproviders%2FMicrosoft.OperationalInsights%2Fworkspaces%2Flaw-orders/source/LogsBlade.AnalyticsShareLinkToQuery/q/H4sIAAAAAAAAA3WOQQqDMBBF9z3F4LqIBZfeQHBf6rtKS5JYjCqV3r2TaLGbLobM%2B28yg6Tq1HqHMfHs/ePb8Yl3SM2eRaLnBEoLHQRlAxJRMpCiRg5LO4CIdhUvr7EkzpmJyQsrAQAA';
const RESOURCE_LINK = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${APP_ID}/overview`;

function at(minute: number, second = 0): string {
  return new Date(Date.UTC(2025, 0, 10, 14, minute, second)).toISOString();
}

export function consoleLines(n: number, textFor: (i: number) => string): EvidenceLine[] {
  return Array.from({ length: n }, (_, i) => ({
    time: at(Math.floor(i / 6) % 60, (i * 10) % 60),
    source: 'console' as const,
    replica: `orders-api--v7-5d65b5999-r${i % 3}`,
    revision: 'orders-api--v7',
    text: textFor(i),
  }));
}

const primaryEvidence: EvidenceLine[] = [
  {
    time: at(1, 5),
    source: 'system',
    replica: 'orders-api--v7-5d65b5999-l2mbn',
    text: "Container 'orders-api' was terminated with exit code '1' and reason 'ProcessExited'",
  },
  { time: at(1, 4), source: 'console', replica: 'orders-api--v7-5d65b5999-l2mbn', text: 'Traceback (most recent call last):' },
  { time: at(1, 4), source: 'console', replica: 'orders-api--v7-5d65b5999-l2mbn', text: '  File "/app/main.py", line 14, in <module>' },
  { time: at(1, 4), source: 'console', replica: 'orders-api--v7-5d65b5999-l2mbn', text: "    db_url = os.environ['DATABASE_URL']" },
  { time: at(1, 4), source: 'console', replica: 'orders-api--v7-5d65b5999-l2mbn', text: "KeyError: 'DATABASE_URL'" },
  ...consoleLines(40, (i) => `worker ${i}: startup failed, configuration incomplete; retrying in ${2 ** (i % 6)}s ` + 'x'.repeat(120)),
  { time: at(9, 30), source: 'system', text: 'Persistent Failiure to start container' },
  { source: 'config', text: 'env DATABASE_URL: no value and no secretRef in revision orders-api--v7' },
];

export function primaryFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'console.python.keyerror-env',
    category: 'missing-configuration',
    title: 'DATABASE_URL is not set',
    confidence: 0.92,
    exitCode: 1,
    benign: false,
    evidence: primaryEvidence,
    explanation:
      "The app reads DATABASE_URL at start-up and exits when it is missing. Revision orders-api--v7 defines no value and no secret reference for it, so every replica exits with code 1 and the platform restarts it with a growing back-off.",
    actions: [
      'Add DATABASE_URL to the container, ideally as a secretRef to a Key Vault secret.',
      'Create a new revision (or restart the active one) so the replicas pick it up.',
      'Check `az containerapp logs show -n orders-api -g rg-orders --type console` for the next start.',
    ],
    links: [{ title: 'Manage secrets in Azure Container Apps', url: 'https://learn.microsoft.com/azure/container-apps/manage-secrets' }],
    names: { envVar: 'DATABASE_URL', secret: 'db-url' },
    occurrences: 14,
    firstSeen: at(0, 12),
    lastSeen: at(9, 30),
    replicas: ['orders-api--v7-5d65b5999-l2mbn', 'orders-api--v7-5d65b5999-nm2l2'],
    ...overrides,
  };
}

export function enrichedDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    status: 'enriched',
    summary: 'orders-api is crash-looping: DATABASE_URL is not set',
    target: {
      kind: 'containerApp',
      name: 'orders-api',
      subscriptionId: SUB,
      resourceGroup: 'rg-orders',
      resourceId: APP_ID,
      environmentName: 'cae-prod',
      revision: 'orders-api--v7',
    },
    window: { start: at(0), end: at(10) },
    findings: [
      primaryFinding(),
      {
        ruleId: 'system.backoff',
        category: 'application-error',
        title: 'Replicas are in restart back-off',
        confidence: 0.6,
        benign: false,
        evidence: [{ time: at(9, 30), source: 'system', text: 'Persistent Failiure to start container' }],
        explanation: 'The platform keeps restarting replicas that exit during start-up.',
        actions: ['Fix the start-up failure above.'],
        occurrences: 9,
      },
      {
        ruleId: 'system.probe.startup',
        category: 'probe-failure',
        title: 'Startup probe failed on port 8080',
        confidence: 0.3,
        benign: false,
        evidence: [
          {
            time: at(2, 0),
            source: 'system',
            text: 'Startup probe failed: dial tcp 100.100.0.76:8080: connect: connection refused',
          },
        ],
        explanation: 'The probe fails because the process is not running.',
        actions: [],
      },
    ],
    alert: {
      alertId: `/subscriptions/${SUB}/providers/Microsoft.AlertsManagement/alerts/7e1c3f7a-0f0e-4a4a-9b9b-1c2d3e4f5a6b`,
      alertRule: 'orders-api restarts',
      severity: 'Sev1',
      signalType: 'Log',
      monitorCondition: 'Fired',
      monitoringService: 'Log Alerts V2',
      kind: 'log-v2',
      firedDateTime: at(10),
      description: 'Fires when orders-api restarts more than 3 times in 10 minutes.',
      alertTargetIDs: [APP_ID],
      configurationItems: ['orders-api'],
      investigationLink: 'https://portal.azure.com/#view/Microsoft_Azure_Monitoring_Alerts/Investigation.ReactView/alertId/abc',
    },
    alertIds: [`/subscriptions/${SUB}/providers/Microsoft.AlertsManagement/alerts/7e1c3f7a-0f0e-4a4a-9b9b-1c2d3e4f5a6b`],
    links: { query: QUERY_LINK, resource: RESOURCE_LINK },
    notes: ['Console rows for the last 2 minutes may not be ingested yet.', 'Results were capped at 500 system events.'],
    stats: { systemEvents: 120, consoleLines: 840, restarts: 14 },
    timeline: { bucketMinutes: 1, counts: [0, 2, 1, 0, 3, 5, 2, 0, 1, 4], sparkline: '▁▄▂▁▅█▄▁▂▇' },
    generatedAt: at(10, 20),
    ...overrides,
  };
}

export function notEnrichedDiagnosis(): Diagnosis {
  const base = enrichedDiagnosis();
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    status: 'not-enriched',
    reason: "The enricher's identity may not read the Log Analytics workspace law-orders (403 Forbidden).",
    reasonCode: 'log-analytics-forbidden',
    summary: '',
    target: base.target,
    findings: [],
    alert: base.alert,
    alertIds: base.alertIds,
    links: { resource: RESOURCE_LINK },
    notes: ['Grant the Log Analytics Reader role on the workspace to the managed identity.'],
    generatedAt: base.generatedAt,
  };
}

export function resolvedDiagnosis(): Diagnosis {
  const base = enrichedDiagnosis();
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    status: 'resolved',
    summary: 'orders-api: restarts alert resolved',
    target: base.target,
    findings: [],
    alert: { ...base.alert!, monitorCondition: 'Resolved', resolvedDateTime: '2025-01-10T14:40:00Z' },
    alertIds: base.alertIds,
    links: { resource: RESOURCE_LINK },
    notes: [],
    generatedAt: '2025-01-10T14:40:05Z',
  };
}

/** 500 evidence lines of about 2 KB each (1 MB of evidence), long title and explanation. */
export function hugeDiagnosis(): Diagnosis {
  const evidence = consoleLines(500, (i) => `line ${i} ` + 'stack frame at com.contoso.orders.Startup.run(Startup.java:42) é✓ '.repeat(32).slice(0, 2040));
  const d = enrichedDiagnosis();
  return {
    ...d,
    summary: `${'orders-api is crash-looping: a very long summary '.repeat(20)}end`,
    findings: [
      primaryFinding({ evidence, explanation: 'Long explanation. '.repeat(400), actions: Array.from({ length: 30 }, (_, i) => `Step ${i}: ${'do the thing '.repeat(40)}`) }),
      ...Array.from({ length: 20 }, (_, i) =>
        primaryFinding({ ruleId: `extra.${i}`, title: `Extra finding ${i} ${'t'.repeat(300)}`, evidence: evidence.slice(0, 5) }),
      ),
    ],
    notes: Array.from({ length: 40 }, (_, i) => `Note ${i}: ${'partial results '.repeat(30)}`),
  };
}

/** A diagnosis carrying `secret` in every text field a person would read. */
export function diagnosisCarrying(text: string): Diagnosis {
  const d = enrichedDiagnosis();
  const f = primaryFinding({
    title: `Crash while starting: ${text}`,
    explanation: `The app printed ${text} before exiting.`,
    actions: [`Rotate what appears in: ${text}`],
    names: { detail: text, connectionString: text },
    evidence: [{ time: '2025-01-10T14:01:04.000Z', source: 'console', text }, ...primaryEvidence.slice(0, 3)],
    links: [{ title: 'Runbook', url: `https://runbooks.example.test/open?ref=1&token=${encodeURIComponent('tk_' + 'Zq9'.repeat(8))}` }],
  });
  return {
    ...d,
    summary: `orders-api is crash-looping: ${text}`,
    findings: [f, { ...d.findings[1]!, title: `Contributing: ${text}` }],
    notes: [`Note mentioning ${text}`],
    alert: { ...d.alert!, description: `Alert text ${text}` },
    links: { ...d.links, resource: `https://portal.azure.com/#resource/x?code=${'F'.repeat(12)}fnKey99` },
  };
}
