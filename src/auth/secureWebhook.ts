/**
 * Checks that a call to the alerts endpoint comes from an Azure Monitor action group with "secure
 * webhook" turned on: a bearer token issued by our Entra tenant, for our app registration, on behalf of
 * the AZNS AAD Webhook application, holding the ActionGroupsSecureWebhook app role.
 *
 * 401 means the token itself is missing or not acceptable (shape, signature, issuer, audience, times).
 * 403 means the token is genuine but the caller is not an action group (other app, or role missing).
 * 503 means the signing keys could not be fetched, so nothing can be decided yet (the action group retries).
 */
import type { HttpRequest } from '@azure/functions';
import type { FetchImplementation, JWTPayload, JWTVerifyGetKey, RemoteJWKSetOptions } from 'jose';
import type { Settings } from '../config';
import { ConfigurationError, ForbiddenError, SigningKeysUnavailableError } from '../errors';
import { bearerTokenFrom, wwwAuthenticate } from './bearer';
import {
  ACCEPTED_ALGORITHMS,
  AZNS_AAD_WEBHOOK_APP_ID,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_JWKS_TIMEOUT_MS,
  SECURE_WEBHOOK_ROLE,
  V1_ISSUER_HOST,
} from './constants';
import { loadJose, type JoseModule } from './loadJose';
import { createTlsFetch, type KeyFetch, type TlsOptions } from './tlsFetch';
import { tokenError } from './tokenErrors';

export type AuthSettings = Settings['auth'];

/** What the authenticator reads from a request: only its headers. */
export type AuthRequest = Pick<HttpRequest, 'headers'>;

export type Authenticator = (request: AuthRequest) => Promise<void>;

export interface SecureWebhookOptions {
  /** Extra CA to trust when fetching the signing keys (a stand-in with a self-signed certificate). */
  tlsOptions?: TlsOptions;
  /** Replaces the fetch used for the signing keys; wins over `tlsOptions`. */
  fetch?: KeyFetch;
  /** The clock used for `exp`/`nbf` checks. */
  now?: () => Date;
  /** Allowed skew on `exp`/`nbf`, in seconds (default 60). */
  clockToleranceSeconds?: number;
  /** Deadline for one fetch of the signing keys (default 5000 ms). */
  jwksTimeoutMs?: number;
}

/** What a validated configuration boils down to. Exported for the tests and the docs. */
export interface SecureWebhookPolicy {
  tenantId: string;
  issuers: string[];
  audiences: string[];
  jwksUrl: URL;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Reads and checks the auth settings once, so a bad setting fails at start-up with its name. */
export function secureWebhookPolicy(auth: AuthSettings): SecureWebhookPolicy {
  const tenantId = auth.tenantId?.trim().toLowerCase();
  if (!tenantId || !GUID.test(tenantId)) {
    // Issuers carry the tenant GUID, so a domain name ("contoso.onmicrosoft.com") could never match.
    throw new ConfigurationError('AUTH_TENANT_ID must be the directory (tenant) id, a GUID.', { context: { setting: 'AUTH_TENANT_ID' } });
  }
  const audiences = (auth.audience ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (audiences.length === 0) {
    throw new ConfigurationError(
      "AUTH_AUDIENCE must name the app registration's Application ID URI and/or client id (comma-separated).",
      { context: { setting: 'AUTH_AUDIENCE' } },
    );
  }
  const authority = auth.authorityHost.replace(/(?<!\/)\/+$/, '');
  const jwksUrl = parseJwksUrl(auth.jwksUrl ?? `${authority}/${tenantId}/discovery/v2.0/keys`);
  return {
    tenantId,
    issuers: [`${V1_ISSUER_HOST}/${tenantId}/`, `${authority}/${tenantId}/v2.0`],
    audiences,
    jwksUrl,
  };
}

function parseJwksUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError('AUTH_JWKS_URL is not a URL.', { context: { setting: 'AUTH_JWKS_URL' } });
  }
  // Whoever can answer this URL decides which tokens are genuine, so plain http is only for loopback tests.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new ConfigurationError('AUTH_JWKS_URL must be an https URL.', { context: { setting: 'AUTH_JWKS_URL' } });
  }
  return url;
}

export function createSecureWebhookAuthenticator(auth: AuthSettings, options: SecureWebhookOptions = {}): Authenticator {
  const policy = secureWebhookPolicy(auth);
  const now = options.now ?? (() => new Date());
  const clockTolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const keyFetch = options.fetch ?? (options.tlsOptions ? createTlsFetch(options.tlsOptions) : undefined);

  // One key set per authenticator: jose caches the keys, refetches at most every 30 s for an unknown kid
  // (key rollover) and shares a fetch already in flight between concurrent calls.
  let verifier: Promise<Verifier> | undefined;
  const getVerifier = (): Promise<Verifier> => {
    verifier ??= loadJose()
      .then((jose) => createVerifier(jose, policy, keyFetch, options.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS))
      .catch((err: unknown) => {
        verifier = undefined;
        throw err;
      });
    return verifier;
  };

  return async (request) => {
    const token = bearerTokenFrom(request.headers.get('authorization'));
    const { verify } = await getVerifier();
    let payload: JWTPayload;
    try {
      payload = await verify(token, { currentDate: now(), clockTolerance });
    } catch (err) {
      if (err instanceof SigningKeysUnavailableError) throw err;
      const mapped = tokenError(err, policy);
      if (mapped) throw mapped;
      throw err;
    }
    assertActionGroupCaller(payload);
  };
}

interface Verifier {
  verify(token: string, at: { currentDate: Date; clockTolerance: number }): Promise<JWTPayload>;
}

function createVerifier(jose: JoseModule, policy: SecureWebhookPolicy, keyFetch: KeyFetch | undefined, timeoutMs: number): Verifier {
  const remoteOptions: RemoteJWKSetOptions = { timeoutDuration: timeoutMs };
  if (keyFetch) remoteOptions[jose.customFetch] = keyFetch as unknown as FetchImplementation;
  const remote = jose.createRemoteJWKSet(policy.jwksUrl, remoteOptions);
  // Separates "the key set could not be fetched" (503, retry later) from "the token names a key that
  // is not in the set" (401): only the second is about the token.
  const keys: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remote(header, token);
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw err;
      throw new SigningKeysUnavailableError("The identity provider's signing keys could not be fetched, so the token cannot be checked yet.", {
        cause: err,
        context: { jwksUrl: policy.jwksUrl.href },
      });
    }
  };
  return {
    async verify(token, at) {
      const { payload } = await jose.jwtVerify(token, keys, {
        algorithms: [...ACCEPTED_ALGORITHMS],
        issuer: policy.issuers,
        audience: policy.audiences,
        requiredClaims: ['exp', 'iss', 'aud'],
        currentDate: at.currentDate,
        clockTolerance: at.clockTolerance,
      });
      return payload;
    },
  };
}

/**
 * The token is genuine; is the caller an action group? v1 tokens name the calling application in
 * `appid`, v2 tokens in `azp`.
 */
function assertActionGroupCaller(payload: JWTPayload): void {
  const caller = payload.ver === '2.0' ? (payload.azp ?? payload.appid) : (payload.appid ?? payload.azp);
  if (caller !== AZNS_AAD_WEBHOOK_APP_ID) {
    throw new ForbiddenError(
      'The token is valid but was not obtained by an Azure Monitor action group (the calling application is not "AZNS AAD Webhook").',
      { context: { reason: 'wrong-caller', wwwAuthenticate: wwwAuthenticate.forbidden } },
    );
  }
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  if (!roles.includes(SECURE_WEBHOOK_ROLE)) {
    throw new ForbiddenError(
      `The token comes from an action group but lacks the "${SECURE_WEBHOOK_ROLE}" app role; assign that role to the AZNS AAD Webhook service principal.`,
      { context: { reason: 'missing-role', requiredRole: SECURE_WEBHOOK_ROLE, wwwAuthenticate: wwwAuthenticate.forbidden } },
    );
  }
}
