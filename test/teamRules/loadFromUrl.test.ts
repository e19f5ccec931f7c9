import { loadTeamRulesFromUrl } from '../../src/teamRules/loadFromUrl';
import { ConfigurationError } from '../../src/errors';
import { startHttpsStandIn, testTlsOptions, type HttpsStandIn } from '../support/httpsStandIn';

const credential = {
  calls: [] as string[],
  async getToken(scope: string | string[]) {
    this.calls.push(String(scope));
    return { token: 'fake-mi-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

const RULES = JSON.stringify({
  rules: [{ id: 'ledger', category: 'dependency-unreachable', title: 'Ledger failed over', pattern: 'E4031', explanation: 'x' }],
});

describe('OWN_RULES_URL: a rules file in Blob storage read with the managed identity', () => {
  let blob: HttpsStandIn;
  let answer: { status: number; body: string };
  beforeEach(async () => {
    answer = { status: 200, body: RULES };
    blob = await startHttpsStandIn(() => ({ status: answer.status, body: answer.body, headers: { 'content-type': 'application/json' } }));
  });
  afterEach(async () => {
    await blob.close();
  });

  it('reads the blob with a Storage token and the API version header, and checks the rules', async () => {
    const rules = await loadTeamRulesFromUrl(`${blob.url}/rules/team-rules.json`, { credential, tlsOptions: testTlsOptions });
    expect(rules.map((r) => r.id)).toEqual(['ledger']);
    expect(credential.calls).toContain('https://storage.azure.com/.default');
    const req = blob.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/rules/team-rules.json');
    expect(req.headers.authorization).toBe('Bearer fake-mi-token');
    expect(req.headers['x-ms-version']).toBeDefined();
  });

  it('says which role is missing on a 403, and names the bad rule of a bad file', async () => {
    answer = { status: 403, body: '<Error><Code>AuthorizationPermissionMismatch</Code></Error>' };
    await expect(loadTeamRulesFromUrl(`${blob.url}/r.json`, { credential, tlsOptions: testTlsOptions })).rejects.toThrow(/Storage Blob Data Reader/);
    answer = { status: 200, body: JSON.stringify([{ id: 'x', category: 'nope', title: 't', pattern: 'p', explanation: 'e' }]) };
    const err = await loadTeamRulesFromUrl(`${blob.url}/r.json`, { credential, tlsOptions: testTlsOptions }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(/OWN_RULES_URL: rule x, category: must be one of/);
  });
});
