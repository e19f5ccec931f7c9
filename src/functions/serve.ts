/**
 * `npm run serve`: hosts the same registered HTTP handlers over real HTTP on 127.0.0.1 without the
 * Functions host (Core Tools downloads the host, which is not possible everywhere). Routes, methods and
 * handlers come from routes.ts; function keys are not checked here, so it binds to loopback only.
 */
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { lazyRuntime, type Runtime } from '../runtime';
import { routes, type RouteSpec } from './routes';

export interface LocalServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Body limit when the caller does not pass the runtime's MAX_BODY_BYTES (its default). */
const DEFAULT_MAX_BODY_BYTES = 262_144;

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    // Keep chunks until one byte past the limit is held: enough for the handler to answer 413, no more.
    if (size <= limit) chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

type Refusal = { status: number; code: string; message: string };

const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/**
 * The local server has no function keys, so a web page the developer has open must not be able to drive
 * it: by DNS rebinding (a foreign Host), by a cross-origin fetch (an Origin or Sec-Fetch-Site of another
 * site), or by a no-cors form POST (which cannot send application/json).
 */
export function refuseLocalRequest(req: IncomingMessage): Refusal | undefined {
  const host = req.headers.host;
  if (typeof host !== 'string' || host.length > 300 || !/^[\w.:[\]-]+$/.test(host)) {
    return { status: 400, code: 'invalid-request', message: 'The Host header is missing or malformed.' };
  }
  if (!LOOPBACK_HOST.test(host)) {
    return { status: 403, code: 'forbidden', message: 'This local server answers only to 127.0.0.1, localhost or [::1].' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin === `http://${host}` || LOOPBACK_HOST.test(origin.replace(/^http:\/\//, '')))) {
    return { status: 403, code: 'forbidden', message: 'Cross-origin requests are refused.' };
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') return { status: 403, code: 'forbidden', message: 'Cross-site requests are refused.' };
  const type = req.headers['content-type'];
  if (req.method === 'POST' && !(typeof type === 'string' && /^application\/json\s*(?:;|$)/i.test(type))) {
    return { status: 415, code: 'unsupported-media-type', message: 'POST needs Content-Type: application/json.' };
  }
  return undefined;
}

function refuse(res: ServerResponse, r: Refusal): void {
  res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: r.code, message: r.message } }));
}

export async function handleNodeRequest(
  table: RouteSpec[],
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxBodyBytes?: number } = {},
): Promise<void> {
  const refusal = refuseLocalRequest(req);
  if (refusal) {
    req.resume();
    refuse(res, refusal);
    return;
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const match = /^\/api\/([^/]+)\/?$/.exec(url.pathname);
  const route = match ? table.find((r) => r.route === match[1]) : undefined;
  if (!route) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not-found', message: `No function at ${url.pathname}.` } }));
    return;
  }
  if (!route.methods.includes((req.method ?? 'GET') as RouteSpec['methods'][number])) {
    res.writeHead(405, { allow: route.methods.join(', '), 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'method-not-allowed', message: `${route.name} accepts ${route.methods.join(', ')}.` } }));
    return;
  }
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    refuse(res, { status: 413, code: 'payload-too-large', message: `The body is larger than ${limit} bytes.` });
    return;
  }
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, limit);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const request = new HttpRequest({
    method: req.method ?? 'GET',
    url: url.toString(),
    headers,
    query: Object.fromEntries(url.searchParams.entries()),
    ...(body ? { body: { bytes: body } } : {}),
  });
  const context = new InvocationContext({ invocationId: randomUUID(), functionName: route.name });
  const init = await route.handler(request, context);
  const response = init instanceof HttpResponse ? init : new HttpResponse(init);
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
}

export async function startLocalServer(options: { port?: number; getRuntime?: () => Promise<Runtime> } = {}): Promise<LocalServer> {
  const getRuntime = options.getRuntime ?? lazyRuntime();
  const table = routes({ getRuntime });
  const maxBodyBytes = await getRuntime()
    .then((r) => r.settings.maxBodyBytes)
    .catch(() => DEFAULT_MAX_BODY_BYTES);
  const server = createServer((req, res) => {
    handleNodeRequest(table, req, res, { maxBodyBytes }).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal-error', message: 'Internal error.' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 7071, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 7071);
  startLocalServer({ port }).then((s) => {
    process.stdout.write(`aca-alert-enricher listening on ${s.url} (POST /api/alerts, GET|POST /api/diagnose)\n`);
  });
}
