/**
 * Pulls the bearer token out of an Authorization header, or says in words what is wrong with the header.
 * Only the shape is checked here (three base64url parts); everything about the content is jose's job.
 */
import { UnauthorizedError } from '../errors';
import { AUTH_REALM, MAX_AUTHORIZATION_HEADER_CHARS } from './constants';

/** `WWW-Authenticate` values (RFC 6750 §3) for the HTTP boundary to send with a 401/403. */
export const wwwAuthenticate = {
  missing: `Bearer realm="${AUTH_REALM}"`,
  invalid: `Bearer realm="${AUTH_REALM}", error="invalid_token"`,
  forbidden: `Bearer realm="${AUTH_REALM}", error="insufficient_scope"`,
} as const;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function bearerTokenFrom(header: string | null | undefined): string {
  if (!header || !header.trim()) {
    throw new UnauthorizedError('The request has no Authorization header; a secure webhook call must carry "Authorization: Bearer <token>".', {
      context: { reason: 'missing-token', wwwAuthenticate: wwwAuthenticate.missing },
    });
  }
  if (header.length > MAX_AUTHORIZATION_HEADER_CHARS) {
    throw new UnauthorizedError('The Authorization header is far too long to hold an access token.', {
      context: { reason: 'malformed-token', wwwAuthenticate: wwwAuthenticate.invalid },
    });
  }
  const match = BEARER.exec(header.trim());
  if (!match) {
    // Name the scheme the caller used (e.g. "Basic"), never the credentials that follow it.
    const scheme = header.trim().split(/\s+/, 1)[0]?.slice(0, 20) ?? '';
    throw new UnauthorizedError(`The Authorization header uses the "${scheme}" scheme; only "Bearer" tokens are accepted.`, {
      context: { reason: 'wrong-scheme', wwwAuthenticate: wwwAuthenticate.missing },
    });
  }
  const token = match[1] as string;
  if (!COMPACT_JWS.test(token)) {
    throw new UnauthorizedError('The bearer token is not a JSON Web Token (expected three dot-separated base64url parts).', {
      context: { reason: 'malformed-token', wwwAuthenticate: wwwAuthenticate.invalid },
    });
  }
  return token;
}
