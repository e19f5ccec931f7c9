/**
 * A stand-in for Entra ID's signing-key endpoint: a plain HTTP server on 127.0.0.1 that serves a JWKS made
 * in the test with jose, plus helpers to mint tokens the way Entra ID would (RS256, `kid` in the header)
 * and the forged kinds an attacker would try (unsigned, HMAC with the public key as secret).
 *
 *   const jwks = await startJwksStandIn();
 *   const token = await jwks.sign({ aud: 'api://x', ... });
 *   ... jwks.url, jwks.requests ...
 *   await jwks.close();
 */
import { keepIdleConnections } from './keepAlive';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { loadJose } from '../../src/auth/loadJose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** The public key as SPKI PEM: what an algorithm-confusion attacker would use as an HMAC secret. */
  publicPem: string;
}

export interface SignOptions {
  /** Header `kid`; defaults to the key's own. */
  kid?: string;
  /** Sign with this key instead of the served one. */
  key?: SigningKey;
}

export interface JwksStandIn {
  /** Full URL of the key set, e.g. `http://127.0.0.1:1234/tenant/discovery/v2.0/keys`. */
  url: string;
  /** The key the stand-in serves and signs with. */
  key: SigningKey;
  /** How many times the key set was fetched. */
  requests: number;
  /** Answer with this status (and no keys) from now on, to simulate an outage. */
  failWith(status: number | undefined): void;
  /** Signs claims with RS256, as Entra ID does. */
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

/** A fresh RS256 key pair with a key id, exported the way Entra ID publishes it. */
export async function createSigningKey(kid: string): Promise<SigningKey> {
  const jose = await loadJose();
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await jose.exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  return { kid, privateKey, publicKey, publicJwk, publicPem: await jose.exportSPKI(publicKey) };
}

export async function signToken(claims: JWTPayload, key: SigningKey, kid = key.kid): Promise<string> {
  const jose = await loadJose();
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key.privateKey);
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An `alg: none` token: header and payload with an empty signature. */
export function unsignedToken(claims: JWTPayload, kid?: string): string {
  return `${b64url({ alg: 'none', typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64url(claims)}.`;
}

/** An HS256 token whose HMAC secret is `secret` (built by hand: jose itself refuses to help forge). */
export function hmacToken(claims: JWTPayload, secret: string, kid?: string): string {
  const input = `${b64url({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export async function startJwksStandIn(options: { tenantId?: string; kid?: string } = {}): Promise<JwksStandIn> {
  const key = await createSigningKey(options.kid ?? 'test-key-1');
  const path = `/${options.tenantId ?? 'tenant'}/discovery/v2.0/keys`;
  let failure: number | undefined;
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    state.requests += 1;
    if (failure !== undefined) {
      res.writeHead(failure, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.publicJwk] }));
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    key,
    get requests() {
      return state.requests;
    },
    failWith(status) {
      failure = status;
    },
    sign: (claims, signOptions = {}) => signToken(claims, signOptions.key ?? key, signOptions.kid ?? signOptions.key?.kid ?? key.kid),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
