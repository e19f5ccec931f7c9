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

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Stop buffering past the limit; the handler will answer 413 from Content-Length or the size.
    if (size <= limit + 1) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function handleNodeRequest(table: RouteSpec[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
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
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, 8 * 1024 * 1024);
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
  const table = routes({ getRuntime: options.getRuntime ?? lazyRuntime() });
  const server = createServer((req, res) => {
    handleNodeRequest(table, req, res).catch(() => {
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
