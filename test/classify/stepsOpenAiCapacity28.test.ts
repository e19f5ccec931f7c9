/**
 * v24 review A 5 and 28: Azure OpenAI's throttling answer ("exceeded token/call rate limit of your current
 * OpenAI S0 pricing tier", the service's public wording, e.g. Azure/azure-sdk-for-python and openai-python
 * issues) gets the deployment's capacity read and set with `az cognitiveservices account deployment`,
 * naming the variable that holds the deployment; S0 is the pricing tier, never called the deployment.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'index-docs', resourceGroup: 'rg-ml', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'index-docs-29371700-z2x3c',
  container: {
    name: 'index-docs', image: 'contosoacr.azurecr.io/index-docs:0.7', cpu: 1, memory: '2Gi', probes: [],
    env: [{ name: 'AZURE_OPENAI_ENDPOINT', hasValue: true }, { name: 'EMBEDDING_DEPLOYMENT', hasValue: true }],
  },
});
const ended = [sys('ContainerStarted', 'Started container index-docs', 1), exit(1, 700)];

describe('an Azure OpenAI deployment at its rate limit: its capacity, read and raised', () => {
  it('token rate limit of the S0 tier: deployment show and create with --sku-capacity, the deployment variable named', () => {
    const f = primary({ system: ended, console: [line('Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 9 seconds.', 690)], target: target(), config: config() });
    const c = commands(f).join('\n');
    expect(c).toContain('az cognitiveservices account deployment show -n <account-name>');
    expect(c).toContain('--sku-capacity <capacity>');
    expect(texts(f)).toContain('EMBEDDING_DEPLOYMENT names');
    expect(texts(f)).toContain('in AZURE_OPENAI_ENDPOINT');
    expect(texts(f)).not.toContain('deployment OpenAI S0');
    expectValidCommands(f);
  });

  it('call rate limit, account named by its host', () => {
    const f = primary({ system: ended, console: [line('openai.RateLimitError: Error code: 429 - Requests to the Embeddings_Create Operation under Azure OpenAI API version 2023-07-01-preview have exceeded call rate limit of your current OpenAI S0 pricing tier (https://contoso-aoai.openai.azure.com)', 690)], target: target(), config: config() });
    expect(commands(f).join('\n')).toContain('deployment show -n contoso-aoai');
    expectValidCommands(f);
  });

  it("near miss: OpenAI's own quota (insufficient_quota) and a generic 429 get no Azure deployment command", () => {
    const own = primary({ system: ended, console: [line("openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota'}}", 690)], target: target(), config: config() });
    expect(commands(own).some((c) => c.includes('cognitiveservices'))).toBe(false);
    const other = primary({ system: ended, console: [line('HTTP 429 Too Many Requests: rate limit exceeded for api.github.com', 690)], target: target(), config: config() });
    expect(commands(other).some((c) => c.includes('cognitiveservices'))).toBe(false);
  });
});
