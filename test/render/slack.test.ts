import { buildSlackMessage, escapeSlack, renderSlack } from '../../src/render/slack';
import { SLACK_SECTION_TEXT_MAX } from '../../src/render/limits';
import { validateSlackMessage } from '../support/blockKit';
import { enrichedDiagnosis, hugeDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis } from './fixtures';

type Json = Record<string, any>;

function blockTexts(m: Json): string[] {
  const out: string[] = [];
  for (const b of m.blocks as Json[]) {
    if (b.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) out.push(e.text?.text ?? e.text);
  }
  return out;
}

describe('renderSlack', () => {
  it.each([
    ['enriched', enrichedDiagnosis()],
    ['not-enriched', notEnrichedDiagnosis()],
    ['resolved', resolvedDiagnosis()],
    ['huge', hugeDiagnosis()],
  ])('produces Block Kit within Slack limits (%s)', (_name, d) => {
    const { contentType, body } = renderSlack(d);
    expect(contentType).toMatch(/^application\/json/);
    expect(validateSlackMessage(JSON.parse(body))).toEqual([]);
  });

  it('has header, facts, timeline, cause, evidence, steps, notes and buttons in that order', () => {
    const m = buildSlackMessage(enrichedDiagnosis()) as unknown as Json;
    expect(m.blocks.map((b: Json) => b.type)).toEqual([
      'header', 'context', 'section', 'context', 'divider', 'section', 'section', 'section', 'section', 'context', 'actions',
    ]);
    expect(m.blocks[0].text).toEqual({ type: 'plain_text', text: 'orders-api is crash-looping: DATABASE_URL is not set', emoji: true });
    const t = blockTexts(m);
    expect(t).toContain('*Severity*\nSev1 (Error)');
    expect(t).toContain('*Revision*\norders-api--v7');
    expect(t).toContain('*First seen*\n2025-01-10 14:00:12Z');
    expect(t.some((x) => x.includes('`▁▄▂▁▅█▄▁▂▇`'))).toBe(true);
    expect(t.some((x) => x.startsWith('*Cause:* DATABASE_URL is not set _(92% confident)_'))).toBe(true);
    expect(t.some((x) => x.startsWith('```\n') && x.includes('KeyError: \'DATABASE_URL\''))).toBe(true);
    expect(t.some((x) => x.startsWith('*Next steps*\n1. Add DATABASE_URL'))).toBe(true);
    expect(m.text).toBe('orders-api is crash-looping: DATABASE_URL is not set - Alert rule: orders-api restarts');
    const buttons = m.blocks.at(-1).elements as Json[];
    expect(buttons.map((b) => b.text.text)).toEqual([
      'Open query in Log Analytics',
      'Open orders-api in the portal',
      'Manage secrets in Azure Container Apps',
    ]);
  });

  it('trims evidence to the section limit with "+N more lines"', () => {
    const m = buildSlackMessage(hugeDiagnosis(), { maxEvidenceLines: 500 }) as unknown as Json;
    const evidence = blockTexts(m).find((x) => x.startsWith('```'))!;
    expect(evidence.length).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
    const more = /\+(\d+) more lines$/.exec(evidence);
    expect(more).not.toBeNull();
    const shown = evidence.split('\n').filter((l) => l.includes('stack frame')).length;
    expect(shown + Number(more![1])).toBe(500);
    expect(shown).toBeGreaterThan(10);
  });

  it('escapes Slack control characters in text from logs', () => {
    expect(escapeSlack('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    const d = enrichedDiagnosis();
    d.findings[0]!.evidence = [{ source: 'console', text: '<!here> ``` break out' }];
    const body = renderSlack(d).body;
    expect(body).not.toContain('<!here>');
    expect(body).toContain('&lt;!here&gt;');
    const code = blockTexts(JSON.parse(body)).find((x) => x.startsWith('```\n'))!;
    expect(code.match(/```/g)).toHaveLength(2);
  });

  it('drops buttons whose URL Slack would refuse', () => {
    const d = enrichedDiagnosis({ links: { query: `https://portal.azure.com/#q/${'A'.repeat(3100)}`, resource: 'javascript:alert(1)' } });
    const m = buildSlackMessage(d) as unknown as Json;
    const buttons = m.blocks.find((b: Json) => b.type === 'actions').elements as Json[];
    expect(buttons.map((b) => b.text.text)).toEqual(['Manage secrets in Azure Container Apps']);
  });

  it('marks a not-enriched alert in the header context', () => {
    const t = blockTexts(buildSlackMessage(notEnrichedDiagnosis()) as unknown as Json);
    expect(t.some((x) => x.includes('Not enriched: The enricher'))).toBe(true);
    expect(t).toContain('*Condition*\nFired');
  });
});

describe('validateSlackMessage', () => {
  it('rejects what Slack would reject', () => {
    const good = JSON.parse(renderSlack(enrichedDiagnosis()).body);
    const broken = structuredClone(good);
    broken.blocks[0].text.type = 'mrkdwn';
    broken.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } });
    broken.blocks.push({ type: 'carousel' });
    const errors = validateSlackMessage(broken).join('\n');
    expect(errors).toMatch(/text type must be plain_text/);
    expect(errors).toMatch(/over 3000/);
    expect(errors).toMatch(/unknown block type "carousel"/);
    const many = { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) };
    expect(validateSlackMessage(many).join('\n')).toMatch(/51 blocks, over 50/);
  });
});
