import { buildTeamsMessage, renderTeams } from '../../src/render/teams';
import { TEAMS_MAX_PAYLOAD_BYTES, TEAMS_PAYLOAD_BUDGET_BYTES } from '../../src/render/limits';
import { validateTeamsMessage } from '../support/adaptiveCard';
import { enrichedDiagnosis, hugeDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis } from './fixtures';

type Json = Record<string, any>;

/** Every TextRun / TextBlock text in the card, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if ((o.type === 'TextRun' || o.type === 'TextBlock') && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts) out.push(`${f.title}: ${f.value}`);
    for (const v of Object.values(o)) if (typeof v === 'object') texts(v, out);
  }
  return out;
}

const card = (m: Json): Json => m.attachments[0].content;

describe('renderTeams', () => {
  it.each([
    ['enriched', enrichedDiagnosis()],
    ['not-enriched', notEnrichedDiagnosis()],
    ['resolved', resolvedDiagnosis()],
    ['huge', hugeDiagnosis()],
  ])('produces a valid Adaptive Card 1.5 Workflows message (%s)', (_name, d) => {
    const { contentType, body } = renderTeams(d);
    expect(contentType).toMatch(/^application\/json/);
    const parsed = JSON.parse(body);
    expect(validateTeamsMessage(parsed, body)).toEqual([]);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(TEAMS_PAYLOAD_BUDGET_BYTES);
  });

  it('leads with the cause, then severity, app, revision, first and last seen, timeline, evidence, steps and buttons', () => {
    const m = buildTeamsMessage(enrichedDiagnosis()) as unknown as Json;
    const all = texts(card(m));
    expect(all[0]).toBe('orders-api is crash-looping: DATABASE_URL is not set');
    for (const expected of [
      'Severity: Sev1 (Error)',
      'App: orders-api',
      'Revision: orders-api--v7',
      'First seen: 2025-01-10 14:00:12Z',
      'Last seen: 2025-01-10 14:09:30Z',
    ]) {
      expect(all).toContain(expected);
    }
    expect(all.some((t) => t.includes('▁▄▂▁▅█▄▁▂▇'))).toBe(true);
    expect(all).toContain('Cause: DATABASE_URL is not set (92% confident)');
    expect(all.some((t) => t.includes("KeyError: 'DATABASE_URL'"))).toBe(true);
    expect(all.some((t) => t.startsWith('1. Add DATABASE_URL'))).toBe(true);
    const actions = card(m).actions as Json[];
    expect(actions.map((a) => a.title)).toEqual([
      'Open query in Log Analytics',
      'Open orders-api in the portal',
      'Manage secrets in Azure Container Apps',
    ]);
    expect(card(m).body[0]).toMatchObject({ type: 'Container', style: 'attention' });
  });

  it('shows the first evidence lines and says how many more there are', () => {
    const d = enrichedDiagnosis();
    const total = d.findings[0]!.evidence.length;
    const all = texts(card(buildTeamsMessage(d, { maxEvidenceLines: 5 }) as unknown as Json));
    expect(all).toContain(`+${total - 5} more lines`);
    expect(all.filter((t) => t.includes('orders-api--v7-5d65b5999'))).toHaveLength(5);
  });

  it('trims a huge diagnosis by evidence lines to fit, never failing', () => {
    const d = hugeDiagnosis();
    const body = renderTeams(d).body;
    const all = texts(card(JSON.parse(body)));
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(TEAMS_MAX_PAYLOAD_BYTES);
    expect(all.some((t) => /^\+\d+ more lines$/.test(t))).toBe(true);
    expect(all.some((t) => t.includes('line 0 stack frame'))).toBe(true);
  });

  it('fits any budget it is given by shrinking further', () => {
    for (const maxBytes of [16_000, 8_000, 4_000]) {
      const body = renderTeams(hugeDiagnosis(), { maxBytes }).body;
      expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(maxBytes);
      expect(validateTeamsMessage(JSON.parse(body), body)).toEqual([]);
    }
  });

  it('marks a not-enriched alert as such and keeps its essentials', () => {
    const all = texts(card(buildTeamsMessage(notEnrichedDiagnosis()) as unknown as Json));
    expect(all[0]).toBe('orders-api restarts fired for orders-api');
    expect(all[1]).toMatch(/^Not enriched: The enricher's identity may not read/);
    expect(all).toContain('Alert rule: orders-api restarts');
    expect(all).toContain('Condition: Fired');
    expect(all.some((t) => t.startsWith('Cause:'))).toBe(false);
  });

  it('keeps a resolved message short and green', () => {
    const m = buildTeamsMessage(resolvedDiagnosis()) as unknown as Json;
    expect(card(m).body[0]).toMatchObject({ style: 'good' });
    expect(texts(card(m))).toContain('Resolved at 2025-01-10 14:40:00Z');
    expect(JSON.stringify(m).length).toBeLessThan(3000);
  });

  it('puts evidence text in TextRuns so Markdown in logs is not interpreted', () => {
    const d = enrichedDiagnosis();
    d.findings[0]!.evidence = [{ source: 'console', text: 'click [here](https://evil.example.test) **now**' }];
    const m = buildTeamsMessage(d) as unknown as Json;
    const json = JSON.stringify(card(m).body);
    expect(json).toContain('{"type":"TextRun","text":"console: click [here](https://evil.example.test) **now**"');
  });
});

describe('validateTeamsMessage', () => {
  it('rejects what Teams would reject', () => {
    const good = JSON.parse(renderTeams(enrichedDiagnosis()).body);
    const broken = structuredClone(good);
    broken.attachments[0].content.version = '1.6';
    broken.attachments[0].content.body.push({ type: 'Table', rows: [] });
    broken.attachments[0].content.body.push({ type: 'TextBlock', txt: 'typo' });
    broken.attachments[0].content.actions.push({ type: 'Action.OpenUrl', title: 'x', url: 'javascript:alert(1)' });
    const errors = validateTeamsMessage(broken);
    expect(errors.join('\n')).toMatch(/version must be "1.5"/);
    expect(errors.join('\n')).toMatch(/unknown element type "Table"/);
    expect(errors.join('\n')).toMatch(/requires "text"/);
    expect(errors.join('\n')).toMatch(/unknown property "txt"/);
    expect(errors.join('\n')).toMatch(/absolute http/);
    const big = structuredClone(good);
    big.attachments[0].content.body.push({ type: 'TextBlock', text: 'x'.repeat(30_000) });
    expect(validateTeamsMessage(big).join('\n')).toMatch(/over the 28672-byte limit/);
  });
});
