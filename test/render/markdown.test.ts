import { escapeMarkdown, renderMarkdown } from '../../src/render/markdown';
import { enrichedDiagnosis, hugeDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis } from './fixtures';
import { notEnrichedDiagnosis as buildNotEnriched } from '../../src/diagnosis';
import type { Diagnosis, Target } from '../../src/model';

function targetOf(d: Diagnosis): Target {
  return { ...d.target!, window: { start: new Date(d.window!.start), end: new Date(d.window!.end) } };
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(enrichedDiagnosis()).body;

  it('starts with the cause as the title and lists the facts', () => {
    expect(renderMarkdown(enrichedDiagnosis()).contentType).toBe('text/markdown; charset=utf-8');
    expect(md.split('\n')[0]).toBe('## [ERROR] orders-api is crash-looping: DATABASE_URL is not set');
    for (const line of [
      '- **Severity:** Sev1 (Error)',
      '- **App:** orders-api',
      '- **Revision:** orders-api--v7',
      '- **First seen:** 2025-01-10 14:00:12Z',
      '- **Last seen:** 2025-01-10 14:09:30Z',
      '- **Timeline:** `▁▄▂▁▅█▄▁▂▇` (per minute, 18 events)',
      '### Cause: DATABASE_URL is not set (92% confident)',
    ]) {
      expect(md).toContain(line);
    }
  });

  it('puts evidence in a fenced block with a count of what was left out', () => {
    const fenced = /```text\n([\s\S]*?)\n```/.exec(md);
    expect(fenced).not.toBeNull();
    const lines = fenced![1]!.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("2025-01-10 14:01:05Z system orders-api--v7-5d65b5999-l2mbn: Container 'orders-api' was terminated with exit code '1' and reason 'ProcessExited'");
    expect(lines[2]).toBe('2025-01-10 14:01:04Z console orders-api--v7-5d65b5999-l2mbn:   File "/app/main.py", line 14, in <module>');
    expect(lines[4]).toContain("KeyError: 'DATABASE_URL'");
    expect(lines[20]).toBe(`+${enrichedDiagnosis().findings[0]!.evidence.length - 20} more lines`);
  });

  it('lists next steps, contributing findings, notes and links', () => {
    expect(md).toContain('### Next steps\n\n1. Add DATABASE_URL to the container, ideally as a secretRef to a Key Vault secret.\n2. ');
    expect(md).toContain('3. Check \\`az containerapp logs show');
    expect(md).toContain('- Replicas are in restart back-off (application-error, 60% confident)');
    expect(md).toContain('### Notes\n\n- Console rows for the last 2 minutes may not be ingested yet.');
    expect(md).toMatch(/- \[Open query in Log Analytics\]\(<https:\/\/portal\.azure\.com\/[^>]+>\)/);
    expect(md).toMatch(/- \[Open orders-api in the portal\]\(<https:\/\/portal\.azure\.com\/[^>]+\/overview>\)/);
  });

  it('uses a longer fence when evidence contains backticks', () => {
    const d = enrichedDiagnosis();
    d.findings[0]!.evidence = [{ source: 'console', text: 'printed ``` and ```` in a log' }];
    const body = renderMarkdown(d).body;
    expect(body).toContain('`````text\nconsole: printed ``` and ```` in a log\n`````');
  });

  it('clearly marks a not-enriched alert and keeps the alert essentials', () => {
    const body = renderMarkdown(notEnrichedDiagnosis()).body;
    expect(body.split('\n')[0]).toBe('## [ERROR] orders-api restarts fired for orders-api');
    expect(body).toContain("*Not enriched: The enricher's identity may not read the Log Analytics workspace law-orders (403 Forbidden).*");
    expect(body).toContain('- **Status:** Not enriched');
    expect(body).toContain('- **Reason code:** log-analytics-forbidden');
    expect(body).toContain('- [Open the alert](<https://portal.azure.com/');
    expect(body).not.toContain('### Cause');
  });

  it('keeps a resolved message short', () => {
    const body = renderMarkdown(resolvedDiagnosis()).body;
    expect(body.split('\n')[0]).toBe('## [OK] orders-api: restarts alert resolved');
    expect(body).toContain('*Resolved at 2025-01-10 14:40:00Z*');
    expect(body.length).toBeLessThan(1000);
  });

  it('bounds the size of a huge diagnosis', () => {
    const body = renderMarkdown(hugeDiagnosis()).body;
    expect(body).toContain('+480 more lines');
    expect(body).toContain('- +20 more steps');
    expect(body).toContain('- +30 more notes');
    expect(body.length).toBeLessThan(30_000);
  });

  it('escapes Markdown syntax but leaves underscores inside names readable', () => {
    expect(escapeMarkdown('DATABASE_URL *bold* [x](y) <b> _em_')).toBe('DATABASE_URL \\*bold\\* \\[x\\](y) \\<b\\> \\_em\\_');
  });
});

describe('not-enriched diagnoses as the pipeline builds them', () => {
  const reason = 'The log query on workspace 8e1b4c2d failed (no HTTP answer): ManagedIdentityCredential: Network unreachable.';
  const base = enrichedDiagnosis();

  it('says the reason once, under a short title, not in the title again', () => {
    const d = buildNotEnriched({ alert: base.alert, target: targetOf(base), reason, reasonCode: 'log-query-failed', now: new Date(base.generatedAt) });
    const lines = renderMarkdown(d).body.split('\n');
    expect(lines[0]).toBe('## [ERROR] orders-api restarts fired for orders-api');
    expect(lines.filter((l) => l.includes('Network unreachable'))).toHaveLength(1);
  });

  it('does not call a manual request an alert', () => {
    const d = buildNotEnriched({ target: targetOf(base), reason, reasonCode: 'log-query-failed', now: new Date(base.generatedAt) });
    expect(d.summary).not.toMatch(/alert/i);
    const body = renderMarkdown(d).body;
    expect(body.split('\n')[0]).toBe('## [WARNING] orders-api could not be diagnosed');
    expect(body).not.toMatch(/alert/i);
  });
});

describe('alerts about something that is not a container app', () => {
  it('labels the resource as a resource, not as an app', () => {
    const base = enrichedDiagnosis();
    const alert = { ...base.alert!, configurationItems: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logsacct'] };
    const d = buildNotEnriched({ alert, reason: 'not a container app', reasonCode: 'unsupported-target', now: new Date(base.generatedAt) });
    const body = renderMarkdown(d).body;
    expect(body).toContain('- **Resource:** logsacct');
    expect(body).not.toContain('**App:**');
  });
});
