import corpus from '../fixtures/render/redaction-corpus.json';
import { InvalidRequestError } from '../../src/errors';
import { DIAGNOSIS_SCHEMA_VERSION } from '../../src/model';
import { render, RENDERERS, renderJson, type RenderFormat } from '../../src/render';
import { validateSlackMessage } from '../support/blockKit';
import { validateTeamsMessage } from '../support/adaptiveCard';
import { diagnosisCarrying, enrichedDiagnosis, hugeDiagnosis, notEnrichedDiagnosis, resolvedDiagnosis } from './fixtures';
import { readable } from './readable';

const FORMATS: RenderFormat[] = ['json', 'markdown', 'teams', 'slack'];
const secrets = corpus.secrets as { id: string; text: string; secret: string }[];
const ordinary = corpus.ordinary as string[];



describe('render', () => {
  it('dispatches to one renderer per format', () => {
    const d = enrichedDiagnosis();
    for (const f of FORMATS) expect(render(d, f)).toEqual(RENDERERS[f](d));
  });

  it('refuses an unknown format with a typed error', () => {
    expect(() => render(enrichedDiagnosis(), 'xml' as RenderFormat)).toThrow(InvalidRequestError);
  });

  it.each(FORMATS)('renders every fixture in %s without throwing and within its limits', (format) => {
    for (const d of [enrichedDiagnosis(), notEnrichedDiagnosis(), resolvedDiagnosis(), hugeDiagnosis()]) {
      const { body } = render(d, format);
      expect(body.length).toBeGreaterThan(0);
      if (format === 'teams') expect(validateTeamsMessage(JSON.parse(body), body)).toEqual([]);
      if (format === 'slack') expect(validateSlackMessage(JSON.parse(body))).toEqual([]);
    }
  });
});

describe('renderJson', () => {
  it.each([
    ['enriched', enrichedDiagnosis()],
    ['not-enriched', notEnrichedDiagnosis()],
    ['resolved', resolvedDiagnosis()],
  ])('round-trips a %s diagnosis to the same object', (_name, d) => {
    const { contentType, body } = renderJson(d);
    expect(contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(body)).toEqual(d);
    expect(JSON.parse(body).schemaVersion).toBe(DIAGNOSIS_SCHEMA_VERSION);
  });

  it('is compact by default and indented when asked', () => {
    expect(renderJson(enrichedDiagnosis()).body).not.toContain('\n');
    expect(renderJson(enrichedDiagnosis(), { pretty: true }).body).toContain(`\n  "schemaVersion": "${DIAGNOSIS_SCHEMA_VERSION}"`);
  });
});

describe('no secret leaves through any renderer', () => {
  const cases = secrets.flatMap((s) => FORMATS.map((f) => [s.id, f, s] as const));
  it.each(cases)('%s is removed from %s output', (_id, format, s) => {
    const { body } = render(diagnosisCarrying(s.text), format);
    expect(body).not.toContain(s.secret);
    expect(readable(format, body)).not.toContain(s.secret);
    expect(body).toContain('[REDACTED]');
  });

  it.each(FORMATS)('links and names are redacted too (%s)', (format) => {
    const text = readable(format, render(diagnosisCarrying('nothing secret here'), format).body);
    expect(text).not.toContain('fnKey99');
    expect(text).not.toContain('Zq9Zq9');
  });

  it.each(FORMATS)('ordinary evidence lines come out unchanged (%s)', (format) => {
    for (const line of ordinary) {
      const text = readable(format, render(diagnosisCarrying(line), format).body);
      expect(text).toContain(line.trim());
    }
  });
});
