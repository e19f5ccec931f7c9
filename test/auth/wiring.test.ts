/**
 * The authenticator as the alerts function uses it: built from real app settings on first use, and its
 * typed errors turned into responses by the shared HTTP boundary.
 */
import { HttpRequest } from '@azure/functions';
import { authenticatorForRuntime, AZNS_AAD_WEBHOOK_APP_ID, SECURE_WEBHOOK_ROLE } from '../../src/auth';
import { loadSettings } from '../../src/config';
import { errorResponse } from '../../src/functions/http';
import { silentLogger } from '../../src/logger';
import { startJwksStandIn, type JwksStandIn } from '../support/jwksStandIn';

const TENANT = '5d7e0c1b-2a3f-4b5c-8d9e-0f1a2b3c4d5e';
const AUDIENCE = 'api://enricher-wiring-test';

let jwks: JwksStandIn;

beforeAll(async () => {
  jwks = await startJwksStandIn({ tenantId: TENANT });
});
afterAll(async () => {
  await jwks.close();
});

function runtimeFor(env: Record<string, string>) {
  return { settings: loadSettings({ ALERT_INTAKE: 'inline', ...env }) };
}

const entraEnv = () => ({ AUTH_MODE: 'entra', AUTH_TENANT_ID: TENANT, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: jwks.url });

function post(headers: Record<string, string> = {}) {
  return new HttpRequest({ method: 'POST', url: 'http://localhost/api/alerts', headers, body: { string: '{}' } });
}

async function actionGroupToken(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return jwks.sign({
    aud: AUDIENCE,
    iss: `https://sts.windows.net/${TENANT}/`,
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    appid: AZNS_AAD_WEBHOOK_APP_ID,
    roles: [SECURE_WEBHOOK_ROLE],
    ver: '1.0',
    ...overrides,
  });
}

test('AUTH_MODE=entra settings: an action group token passes and the key set is fetched once across calls', async () => {
  const authenticate = authenticatorForRuntime();
  const runtime = runtimeFor(entraEnv());
  const before = jwks.requests;
  await authenticate(post({ authorization: `Bearer ${await actionGroupToken()}` }), runtime);
  await authenticate(post({ authorization: `Bearer ${await actionGroupToken({ oid: 'second' })}` }), runtime);
  expect(jwks.requests - before).toBe(1);
});

test('default settings (function keys) let a request without a token through', async () => {
  await expect(authenticatorForRuntime()(post(), runtimeFor({}))).resolves.toBeUndefined();
});

test.each([
  ['no token', async () => ({}), 401, 'unauthorized'],
  ['a token from another app', async () => ({ authorization: `Bearer ${await actionGroupToken({ appid: 'b7c9e2aa-0000-4000-8000-000000000000' })}` }), 403, 'forbidden'],
])('%s becomes a %d response with a JSON body that says why and a WWW-Authenticate challenge', async (_label, headers, status, code) => {
  const authenticate = authenticatorForRuntime();
  const err = await authenticate(post(await headers()), runtimeFor(entraEnv())).catch((e: unknown) => e);
  const res = errorResponse(err, silentLogger, 'corr-1');
  expect(res.status).toBe(status);
  expect(res.jsonBody).toMatchObject({
    error: { code, message: expect.any(String), details: { reason: expect.any(String) } },
    correlationId: 'corr-1',
  });
  // The challenge travels as the RFC 6750 header, not inside the body.
  expect((res.headers as Record<string, string>)['www-authenticate']).toMatch(/^Bearer /);
  expect(JSON.stringify(res.jsonBody)).not.toContain('wwwAuthenticate');
});
