/**
 * Platform steps of the ninth steps review (issue #11): a startup probe that exists and gives up during
 * a slow warm-up gets its budget raised, not "add a startup probe". Public wording, with its source.
 */
import { appFixtures, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '7a1d3c52-0e4b-4f86-9b2a-5c6d7e8f9012';
const shape = () => appFixtures({
  app: 'quote-api', resourceGroup: 'rg-quote', subscriptionId: SUB, t0: Date.parse('2026-12-05T09:00:00Z'),
  replica: 'quote-api--0000004-7b9c8d6f5-q4w8e',
  container: { name: 'quote-api', image: 'contoso.azurecr.io/quote-api:1.4', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});

describe('startup probe too short for a slow start', () => {
  it('raises the startup probe budget instead of asking for a startup probe', () => {
    // https://learn.microsoft.com/azure/container-apps/health-probes ("Container ... failed startup probe, will be restarted")
    const { target, config, sys } = shape();
    const row = 'Container quote-api failed startup probe, will be restarted';
    const f = primary({ system: [sys('StoppingContainer', row), sys('StoppingContainer', row)], console: [], target: target(), config: config() });
    expect(texts(f)).toContain('failureThreshold × periodSeconds');
    expect(texts(f)).not.toContain('Give a slow starter a startup probe');
    expectValidCommands(f);
  });
});
