/**
 * Redaction that hits secrets, not words: the tool's own sentences and commands are not run through the
 * secret patterns, ordinary secret-adjacent evidence stays readable, and secrets spread over adjacent
 * rows (or URL-encoded) are still removed in every output format.
 */
import corpus from '../fixtures/render/redaction-corpus.json';
import { render, type RenderFormat } from '../../src/render';
import { REDACTED, redact, redactDiagnosis, redactRows } from '../../src/render/redact';
import type { Diagnosis } from '../../src/model';
import { enrichedDiagnosis, primaryFinding } from './fixtures';
import { readable } from './readable';

const FORMATS: RenderFormat[] = ['json', 'markdown', 'teams', 'slack'];
const split = corpus.splitSecrets as { id: string; rows: string[]; secret: string }[];
const ordinary = corpus.ordinary as string[];



function withEvidenceRows(rows: string[]): Diagnosis {
  const d = enrichedDiagnosis();
  const f = primaryFinding({
    evidence: rows.map((text, i) => ({ time: `2025-01-10T14:01:0${i % 10}.000Z`, source: 'console' as const, text })),
  });
  return { ...d, findings: [f, ...d.findings.slice(1)] };
}

describe('the redaction corpus', () => {
  it('holds at least 90 ordinary lines (60 of them secret-adjacent) and 70 secrets, 6 of them split over rows', () => {
    expect(ordinary.length).toBeGreaterThanOrEqual(90);
    expect(corpus.secrets.length).toBeGreaterThanOrEqual(70);
    expect(split.length).toBeGreaterThanOrEqual(6);
  });
});

describe('secrets split over adjacent rows', () => {
  it.each(split.map((s) => [s.id, s] as const))('%s: removed when the rows are read together', (_id, s) => {
    const rows = redactRows(s.rows);
    expect(rows.join('\n')).not.toContain(s.secret);
    expect(rows).toHaveLength(s.rows.length);
    // One multi-line text gets the same treatment.
    expect(redact(s.rows.join('\n'))).not.toContain(s.secret);
  });

  const cases = split.flatMap((s) => FORMATS.map((f) => [s.id, f, s] as const));
  it.each(cases)('%s: not in the %s output when the rows are evidence lines', (_id, format, s) => {
    const { body } = render(withEvidenceRows(s.rows), format);
    expect(body).not.toContain(s.secret);
    expect(readable(format, body)).not.toContain(s.secret);
  });

  it('keeps the rows around the secret and the shape of the block', () => {
    expect(redactRows(['tls:', '  privateKeyPassword: |', '    Tr0ub4dor&3-horse', '  port: 443'])).toEqual([
      'tls:',
      '  privateKeyPassword: |',
      `    ${REDACTED}`,
      '  port: 443',
    ]);
    expect(redactRows(['{', '  "clientSecret":', '    "kY8~Qp2.Lm4",', '  "tenant": "contoso"'])).toEqual([
      '{',
      '  "clientSecret":',
      `    "${REDACTED}",`,
      '  "tenant": "contoso"',
    ]);
  });
});

describe('ordinary words stay', () => {
  it.each(FORMATS)('ordinary secret-adjacent lines come out unchanged as evidence (%s)', (format) => {
    const text = readable(format, render(withEvidenceRows(ordinary.slice(-20)), format).body);
    for (const line of ordinary.slice(-20)) {
      if (format === 'json') expect(text).toContain(line);
    }
    for (const line of ordinary) expect(redact(line)).toBe(line);
  });

  it("leaves the tool's own titles, explanations and steps alone, commands included", () => {
    const steps = [
      { text: 'credentials: wrong or rotated password; check the secret the app reads.' },
      { text: 'Store the value as an app secret.', command: 'az containerapp secret set -n orders-api -g rg-orders --secrets database-url=<value>' },
      { text: 'Run bin/rails credentials:edit and set secret_key_base.' },
    ];
    const f = primaryFinding({
      title: 'ManagedIdentityCredential: authentication unavailable',
      explanation: 'The token: expired error means the client secret has to be renewed (password: must be rotated).',
      steps,
      actions: steps.map((s) => s.text),
      names: { envVar: 'DATABASE_URL' },
    });
    const d: Diagnosis = { ...enrichedDiagnosis(), summary: 'orders-api: ManagedIdentityCredential: authentication unavailable', findings: [f] };
    const r = redactDiagnosis(d);
    expect(r.findings[0]!.title).toBe(f.title);
    expect(r.findings[0]!.explanation).toBe(f.explanation);
    expect(r.findings[0]!.steps).toEqual(steps);
    expect(r.summary).toBe(d.summary);
    const md = render(d, 'markdown').body;
    expect(md).toContain('az containerapp secret set -n orders-api -g rg-orders --secrets database-url=<value>');
  });

  it('replaces a filled-in name that holds a secret, and drops a command that contains it', () => {
    const leaked = 'postgres://app:Hunter2-Xq9@db:5432/orders';
    const f = primaryFinding({
      title: `cannot reach ${leaked}`,
      names: { url: leaked },
      steps: [{ text: `Check ${leaked}`, command: `az containerapp show -n orders-api -g rg --query '${leaked}'` }],
      actions: [`Check ${leaked}`],
    });
    const r = redactDiagnosis({ ...enrichedDiagnosis(), summary: `orders-api: cannot reach ${leaked}`, findings: [f] });
    const text = JSON.stringify(r);
    expect(text).not.toContain('Hunter2-Xq9');
    expect(r.findings[0]!.title).toBe(`cannot reach postgres://app:${REDACTED}@db:5432/orders`);
    expect(r.findings[0]!.steps).toEqual([{ text: `Check postgres://app:${REDACTED}@db:5432/orders` }]);
  });
});

describe('URL-encoded secrets', () => {
  it('are read decoded once, so an encoded pair is removed', () => {
    expect(redact('login?user=ops&password%3DWq7zz93kkLp')).toBe(`login?user=ops&password=${REDACTED}`);
  });

  it('leave encoded text without secrets as it was', () => {
    const line = 'GET /search?q=orders%20api%3Dv2 200';
    expect(redact(line)).toBe(line);
  });
});
