/**
 * Turns jose's verification failures into 401s a person can act on. A table, not a chain of ifs: each
 * jose error code (and, for claim failures, the claim) maps to a stable `reason` and a sentence. jose is
 * loaded as an ES module in its own realm under some hosts, so errors are matched by their `code`
 * strings, never with `instanceof`. Messages never contain the token or any part of it.
 */
import { UnauthorizedError } from '../errors';
import { wwwAuthenticate } from './bearer';

interface Rule {
  reason: string;
  message: string;
}

/** Keyed by the jose error `code`. */
const BY_CODE: Record<string, Rule> = {
  ERR_JWT_EXPIRED: { reason: 'token-expired', message: 'The bearer token has expired; the caller needs a fresh one.' },
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: {
    reason: 'bad-signature',
    message: "The bearer token's signature does not match the tenant's signing key; it was altered or signed by someone else.",
  },
  ERR_JOSE_ALG_NOT_ALLOWED: {
    reason: 'algorithm-not-allowed',
    message: 'The bearer token is not signed with RS256, the only algorithm Entra ID uses; unsigned and HMAC tokens are refused.',
  },
  ERR_JOSE_NOT_SUPPORTED: {
    reason: 'algorithm-not-allowed',
    message: 'The bearer token uses a signing algorithm or key type that is not accepted (RS256 only).',
  },
  ERR_JWKS_NO_MATCHING_KEY: {
    reason: 'unknown-signing-key',
    message: "The bearer token names a signing key (kid) that is not among the tenant's published keys.",
  },
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: {
    reason: 'unknown-signing-key',
    message: "The bearer token's key id matches more than one published key, so it cannot be checked.",
  },
  ERR_JWS_INVALID: { reason: 'malformed-token', message: 'The bearer token is not a well-formed signed JSON Web Token.' },
  ERR_JWT_INVALID: { reason: 'malformed-token', message: "The bearer token's payload is not a valid JSON Web Token claim set." },
};

/** Claim validation failures (`ERR_JWT_CLAIM_VALIDATION_FAILED`), keyed by the claim that failed. */
const BY_CLAIM: Record<string, (expected: Expected) => Rule> = {
  nbf: () => ({ reason: 'token-not-yet-valid', message: 'The bearer token is not valid yet (its not-before time is in the future).' }),
  exp: () => ({ reason: 'missing-expiry', message: 'The bearer token has no usable expiry time, so it would never lapse.' }),
  iat: () => ({ reason: 'malformed-token', message: "The bearer token's issued-at time is not usable." }),
  iss: (e) => ({
    reason: 'wrong-issuer',
    message: `The bearer token was not issued by tenant ${e.tenantId}; tokens from other tenants or authorities are refused.`,
  }),
  aud: () => ({
    reason: 'wrong-audience',
    message: "The bearer token was issued for a different application (audience); it must be for this app's registration.",
  }),
};

const FALLBACK: Rule = { reason: 'invalid-token', message: 'The bearer token could not be validated.' };

export interface Expected {
  tenantId: string;
}

/** Maps a jose verification error to a typed 401. Returns undefined for errors that are not jose's. */
export function tokenError(err: unknown, expected: Expected): UnauthorizedError | undefined {
  const { code, claim } = (err ?? {}) as { code?: unknown; claim?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ERR_J')) return undefined;
  const rule =
    code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
      ? (typeof claim === 'string' ? BY_CLAIM[claim]?.(expected) : undefined) ?? FALLBACK
      : BY_CODE[code] ?? FALLBACK;
  return new UnauthorizedError(rule.message, {
    cause: err,
    context: { reason: rule.reason, wwwAuthenticate: wwwAuthenticate.invalid },
  });
}
