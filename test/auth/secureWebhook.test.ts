/**
 * The Entra secure-webhook check against a real JWKS endpoint on 127.0.0.1 and real RS256 tokens: what an
 * action group sends passes, and every way a token can be wrong, forged or from the wrong caller fails
 * with the right status and a reason a person can read (never echoing the token).
 */
import { HttpRequest } from '@azure/functions';
import type { JWTPayload } from 'jose';
import {
  AZNS_AAD_WEBHOOK_APP_ID,
  SECURE_WEBHOOK_ROLE,
  createAuthenticator,
  createSecureWebhookAuthenticator,
  type AuthSettings,
  type Authenticator,
} from '../../src/auth';
import type { Settings } from '../../src/config';
import { EnricherError, ForbiddenError, SigningKeysUnavailableError, UnauthorizedError } from '../../src/errors';
import { startHttpsStandIn, testTlsOptions } from '../support/httpsStandIn';
import { createSigningKey, hmacToken, startJwksStandIn, unsignedToken, type JwksStandIn } from '../support/jwksStandIn';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '0b6a5c4e-1111-4222-8333-944455556666';
const CLIENT_ID = '3c0bb2b5-7d8e-4c7e-9a43-5b6e1f2d9a10';
const APP_ID_URI = 'api://aca-alert-enricher';
const AUTHORITY = 'https://login.microsoftonline.com';
const NOW = new Date('2025-01-15T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let jwks: JwksStandIn;
let authenticate: Authenticator;

function authSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    mode: 'entra',
    tenantId: TENANT,
    audience: `${APP_ID_URI},${CLIENT_ID}`,
    jwksUrl: jwks.url,
    authorityHost: AUTHORITY,
    ...overrides,
  };
}

/** What an action group's v1.0 token looks like (app registration left at accessTokenAcceptedVersion null/1). */
function v1Claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: APP_ID_URI,
    iss: `https://sts.windows.net/${TENANT}/`,
    iat: nowSeconds - 300,
    nbf: nowSeconds - 300,
    exp: nowSeconds + 3300,
    appid: AZNS_AAD_WEBHOOK_APP_ID,
    appidacr: '2',
    idp: `https://sts.windows.net/${TENANT}/`,
    oid: '9d2e4c1a-0000-4000-8000-000000000001',
    sub: '9d2e4c1a-0000-4000-8000-000000000001',
    roles: [SECURE_WEBHOOK_ROLE],
    tid: TENANT,
    ver: '1.0',
    ...overrides,
  };
}

/** The same caller with accessTokenAcceptedVersion 2: client id audience, v2.0 issuer, `azp`. */
function v2Claims(overrides: JWTPayload = {}): JWTPayload {
  const { appid: _appid, appidacr: _acr, idp: _idp, ...rest } = v1Claims();
  return {
    ...rest,
    aud: CLIENT_ID,
    iss: `${AUTHORITY}/${TENANT}/v2.0`,
    azp: AZNS_AAD_WEBHOOK_APP_ID,
    azpacr: '2',
    ver: '2.0',
    ...overrides,
  };
}

function request(authorization?: string): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'https://enricher.example/api/alerts',
    headers: authorization === undefined ? {} : { authorization },
    body: { string: '{}' },
  });
}

const bearer = (token: string) => request(`Bearer ${token}`);

/** Runs the check and returns the typed error it raised, asserting the token never appears in it. */
async function rejection(req: HttpRequest, check: Authenticator = authenticate): Promise<EnricherError> {
  const error = await check(req).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof EnricherError)) throw new Error(`expected an EnricherError, got ${String(error)}`);
  const token = (req.headers.get('authorization') ?? '').replace(/^\S+\s+/, '');
  const said = JSON.stringify(error.toJSON());
  for (const part of token.split('.').filter((p) => p.length > 8)) expect(said).not.toContain(part);
  return error;
}

beforeAll(async () => {
  jwks = await startJwksStandIn({ tenantId: TENANT });
  authenticate = createSecureWebhookAuthenticator(authSettings(), { now: () => NOW });
});

afterAll(async () => {
  await jwks.close();
});

describe('tokens an action group sends', () => {
  test('a v1.0 token (sts.windows.net issuer, Application ID URI audience, appid) passes', async () => {
    await expect(authenticate(bearer(await jwks.sign(v1Claims())))).resolves.toBeUndefined();
  });

  test('a v2.0 token (authority issuer, client id audience, azp) passes', async () => {
    await expect(authenticate(bearer(await jwks.sign(v2Claims())))).resolves.toBeUndefined();
  });

  test('either configured audience is accepted with either issuer form', async () => {
    await expect(authenticate(bearer(await jwks.sign(v1Claims({ aud: CLIENT_ID }))))).resolves.toBeUndefined();
    await expect(authenticate(bearer(await jwks.sign(v2Claims({ aud: APP_ID_URI }))))).resolves.toBeUndefined();
  });

  test('the scheme name is case-insensitive and a tenant id given in capitals still matches', async () => {
    const check = createSecureWebhookAuthenticator(authSettings({ tenantId: TENANT.toUpperCase() }), { now: () => NOW });
    await expect(check(request(`bearer ${await jwks.sign(v1Claims())}`))).resolves.toBeUndefined();
  });

  test('a token that expired within the clock tolerance still passes; one just past it does not', async () => {
    await expect(authenticate(bearer(await jwks.sign(v1Claims({ exp: nowSeconds - 30 }))))).resolves.toBeUndefined();
    const strict = createSecureWebhookAuthenticator(authSettings(), { now: () => NOW, clockToleranceSeconds: 10 });
    const err = await rejection(bearer(await jwks.sign(v1Claims({ exp: nowSeconds - 30 }))), strict);
    expect(err.context.reason).toBe('token-expired');
  });
});

describe('401: the token itself is missing or not acceptable', () => {
  test('no Authorization header', async () => {
    const err = await rejection(request());
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.httpStatus).toBe(401);
    expect(err.context).toMatchObject({ reason: 'missing-token', wwwAuthenticate: expect.stringMatching(/^Bearer\b/) });
    expect(err.message).toMatch(/Authorization header/);
  });

  test('a Basic header: says which scheme was used, never the credentials', async () => {
    const secret = Buffer.from('user:hunter2-very-secret').toString('base64');
    const err = await rejection(request(`Basic ${secret}`));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('wrong-scheme');
    expect(err.message).toContain('"Basic"');
    expect(JSON.stringify(err.toJSON())).not.toContain(secret);
  });

  test.each([
    ['two parts', 'abc.def'],
    ['characters outside base64url', 'abc.d$f.ghi'],
    ['three parts that are not JSON', 'bm90LWpzb24.bm90LWpzb24.c2ln'],
  ])('a malformed token (%s)', async (_label, token) => {
    const err = await rejection(bearer(token));
    expect(err.httpStatus).toBe(401);
    expect(err.context).toMatchObject({ reason: 'malformed-token', wwwAuthenticate: expect.stringContaining('invalid_token') });
  });

  test('an expired token', async () => {
    const err = await rejection(bearer(await jwks.sign(v1Claims({ iat: nowSeconds - 7200, nbf: nowSeconds - 7200, exp: nowSeconds - 3600 }))));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('token-expired');
    expect(err.message).toMatch(/expired/);
  });

  test('a token that is not valid yet', async () => {
    const err = await rejection(bearer(await jwks.sign(v1Claims({ nbf: nowSeconds + 600, iat: nowSeconds + 600, exp: nowSeconds + 4200 }))));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('token-not-yet-valid');
  });

  test('a token without an expiry', async () => {
    const { exp: _exp, ...claims } = v1Claims();
    const err = await rejection(bearer(await jwks.sign(claims)));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('missing-expiry');
  });

  test('a token for another application (audience)', async () => {
    const err = await rejection(bearer(await jwks.sign(v1Claims({ aud: 'https://management.azure.com' }))));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('wrong-audience');
  });

  test.each([
    ['v1 form, other tenant', `https://sts.windows.net/${OTHER_TENANT}/`],
    ['v2 form, other tenant', `${AUTHORITY}/${OTHER_TENANT}/v2.0`],
    ['our tenant under another authority', `https://login.example.net/${TENANT}/v2.0`],
    ['multi-tenant "common" endpoint', `${AUTHORITY}/common/v2.0`],
  ])('a token from the wrong issuer (%s)', async (_label, iss) => {
    const err = await rejection(bearer(await jwks.sign(v1Claims({ iss }))));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('wrong-issuer');
    expect(err.message).toContain(TENANT);
  });

  test('a bad signature: signed by another key that claims the same kid', async () => {
    const impostor = await createSigningKey(jwks.key.kid);
    const err = await rejection(bearer(await jwks.sign(v1Claims(), { key: impostor })));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('bad-signature');
  });

  test('a token whose payload was edited after signing', async () => {
    const [header, , signature] = (await jwks.sign(v1Claims({ roles: [] }))).split('.');
    const edited = Buffer.from(JSON.stringify(v1Claims())).toString('base64url');
    const err = await rejection(bearer(`${header}.${edited}.${signature}`));
    expect(err.context.reason).toBe('bad-signature');
  });

  test('an unsigned token (alg: none) with otherwise perfect claims', async () => {
    const err = await rejection(bearer(unsignedToken(v1Claims(), jwks.key.kid)));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('algorithm-not-allowed');
  });

  test('algorithm confusion: HS256 signed with the public key as the HMAC secret', async () => {
    const err = await rejection(bearer(hmacToken(v1Claims(), jwks.key.publicPem, jwks.key.kid)));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('algorithm-not-allowed');
  });

  test('a token signed with a key id the tenant does not publish', async () => {
    const stranger = await createSigningKey('not-a-published-kid');
    const err = await rejection(bearer(await jwks.sign(v1Claims(), { key: stranger })));
    expect(err.httpStatus).toBe(401);
    expect(err.context.reason).toBe('unknown-signing-key');
  });
});

describe('403: a genuine token, but not from an action group', () => {
  test('a v1 token obtained by another application', async () => {
    const err = await rejection(bearer(await jwks.sign(v1Claims({ appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' }))));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.httpStatus).toBe(403);
    expect(err.context).toMatchObject({ reason: 'wrong-caller', wwwAuthenticate: expect.stringContaining('insufficient_scope') });
  });

  test('a v2 token whose azp is another application', async () => {
    const err = await rejection(bearer(await jwks.sign(v2Claims({ azp: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' }))));
    expect(err.httpStatus).toBe(403);
    expect(err.context.reason).toBe('wrong-caller');
  });

  test.each([
    ['no roles claim', { roles: undefined }],
    ['other roles only', { roles: ['Reader', 'actiongroupssecurewebhook'] }],
    ['roles not a list', { roles: SECURE_WEBHOOK_ROLE }],
  ])('the AZNS caller without the app role (%s)', async (_label, overrides) => {
    const err = await rejection(bearer(await jwks.sign(v1Claims(overrides as JWTPayload))));
    expect(err.httpStatus).toBe(403);
    expect(err.context).toMatchObject({ reason: 'missing-role', requiredRole: SECURE_WEBHOOK_ROLE });
    expect(err.message).toContain(SECURE_WEBHOOK_ROLE);
  });
});

describe('signing keys', () => {
  test('are fetched once and shared by concurrent calls', async () => {
    const fresh = await startJwksStandIn({ tenantId: TENANT });
    try {
      const check = createSecureWebhookAuthenticator(authSettings({ jwksUrl: fresh.url }), { now: () => NOW });
      const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => fresh.sign(v1Claims({ oid: `caller-${n}` }))));
      await Promise.all(tokens.map((t) => check(bearer(t))));
      await check(bearer(tokens[0] as string));
      expect(fresh.requests).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  test('an outage of the key endpoint is a 503 (retry later), not a 401, and recovery needs no restart', async () => {
    const flaky = await startJwksStandIn({ tenantId: TENANT });
    try {
      const check = createSecureWebhookAuthenticator(authSettings({ jwksUrl: flaky.url }), { now: () => NOW });
      const token = await flaky.sign(v1Claims());
      flaky.failWith(500);
      const err = await rejection(bearer(token), check);
      expect(err).toBeInstanceOf(SigningKeysUnavailableError);
      expect(err.httpStatus).toBe(503);
      flaky.failWith(undefined);
      await expect(check(bearer(token))).resolves.toBeUndefined();
    } finally {
      await flaky.close();
    }
  });

  test('an unreachable key endpoint is a 503', async () => {
    const gone = await startJwksStandIn({ tenantId: TENANT });
    const url = gone.url;
    const token = await gone.sign(v1Claims());
    await gone.close();
    const check = createSecureWebhookAuthenticator(authSettings({ jwksUrl: url }), { now: () => NOW, jwksTimeoutMs: 2000 });
    const err = await rejection(bearer(token), check);
    expect(err.httpStatus).toBe(503);
  });

  test('can come from an https endpoint whose CA is trusted through tlsOptions', async () => {
    const served = await createSigningKey('https-key');
    const server = await startHttpsStandIn(() => ({ json: { keys: [served.publicJwk] } }));
    try {
      const check = createSecureWebhookAuthenticator(authSettings({ jwksUrl: `${server.url}/${TENANT}/discovery/v2.0/keys` }), {
        now: () => NOW,
        tlsOptions: testTlsOptions,
      });
      await expect(check(bearer(await jwks.sign(v2Claims(), { key: served })))).resolves.toBeUndefined();
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /${TENANT}/discovery/v2.0/keys`]);
    } finally {
      await server.close();
    }
  });
});

describe('settings', () => {
  test('function-key mode needs no token (the Functions host checks the key)', async () => {
    const settings = { auth: { mode: 'function-key', authorityHost: AUTHORITY } } as Pick<Settings, 'auth'>;
    await expect(createAuthenticator(settings)(request())).resolves.toBeUndefined();
  });

  test('entra mode demands a token', async () => {
    const err = await rejection(request(), createAuthenticator({ auth: authSettings() }, { now: () => NOW }));
    expect(err.httpStatus).toBe(401);
  });

  test.each([
    ['a tenant domain name instead of the GUID', { tenantId: 'contoso.onmicrosoft.com' }, 'AUTH_TENANT_ID'],
    ['no tenant', { tenantId: undefined }, 'AUTH_TENANT_ID'],
    ['an empty audience list', { audience: ' , ' }, 'AUTH_AUDIENCE'],
    ['a plain-http key URL off this machine', { jwksUrl: 'http://keys.example.com/keys' }, 'AUTH_JWKS_URL'],
    ['a key URL that is not a URL', { jwksUrl: 'not a url' }, 'AUTH_JWKS_URL'],
  ])('refuses %s at start-up', (_label, overrides, setting) => {
    expect(() => createSecureWebhookAuthenticator(authSettings(overrides as Partial<AuthSettings>))).toThrow(
      expect.objectContaining({ code: 'configuration-error', context: { setting } }),
    );
  });
});
