/**
 * A stand-in for the App Service / Azure Functions managed identity endpoint: the local HTTP (not HTTPS)
 * endpoint the platform names in IDENTITY_ENDPOINT and guards with the IDENTITY_HEADER secret.
 * @azure/identity (through MSAL's App Service source) calls
 *   GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=<audience>[&client_id=<id>]
 *   with header X-IDENTITY-HEADER: <IDENTITY_HEADER>
 * and expects {access_token, expires_on, resource, token_type}. Listens on 127.0.0.1 only.
 *
 * `withManagedIdentityEnv` points the process at it and restores every variable it touched afterwards,
 * clearing the ones that would make DefaultAzureCredential pick another credential first.
 */
import { keepIdleConnections } from './keepAlive';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdentityRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface IdentityStandIn {
  /** The value for IDENTITY_ENDPOINT. */
  endpoint: string;
  /** The value for IDENTITY_HEADER. */
  secret: string;
  requests: IdentityRequest[];
  /** The token handed out for a resource (distinct per resource so tests can tell them apart). */
  tokenFor(resource: string): string;
  close(): Promise<void>;
}

export async function startIdentityStandIn(secret = 'test-identity-header-secret'): Promise<IdentityStandIn> {
  const requests: IdentityRequest[] = [];
  const tokenFor = (resource: string): string => `test-token-for:${resource}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['x-identity-header'] !== secret) {
      send(401, { statusCode: 401, message: 'Unauthorized: missing or wrong X-IDENTITY-HEADER' });
      return;
    }
    const resource = url.searchParams.get('resource');
    if (url.searchParams.get('api-version') !== '2019-08-01' || !resource) {
      send(400, { statusCode: 400, message: 'api-version 2019-08-01 and resource are required' });
      return;
    }
    send(200, {
      access_token: tokenFor(resource),
      // Seconds since the epoch, as a string: what the platform endpoint returns.
      expires_on: String(Math.floor(Date.now() / 1000) + 3600),
      resource,
      token_type: 'Bearer',
      client_id: url.searchParams.get('client_id') ?? '00000000-0000-0000-0000-000000000000',
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/msi/token`,
    secret,
    requests,
    tokenFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Variables that would steer DefaultAzureCredential elsewhere, or to another managed identity source. */
const CLEARED = [
  'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_USERNAME', 'AZURE_PASSWORD', 'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST', 'AZURE_TOKEN_CREDENTIALS', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER',
  'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'AZURE_POD_IDENTITY_AUTHORITY_HOST',
];

/** Runs `fn` with IDENTITY_ENDPOINT/IDENTITY_HEADER pointing at the stand-in; restores process.env after. */
export async function withManagedIdentityEnv<T>(standIn: IdentityStandIn, fn: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>(CLEARED.map((k) => [k, process.env[k]]));
  for (const k of CLEARED) delete process.env[k];
  process.env.IDENTITY_ENDPOINT = standIn.endpoint;
  process.env.IDENTITY_HEADER = standIn.secret;
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
