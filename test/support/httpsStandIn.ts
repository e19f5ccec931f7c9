/**
 * A tiny HTTPS server on 127.0.0.1 with a self-signed certificate, for tests that run the real Azure SDK
 * clients against stand-ins speaking the real wire format. The test trusts the certificate through the
 * client's `tlsOptions.ca`; nothing here touches any other address.
 *
 *   const server = await startHttpsStandIn(async (req) => ({ status: 200, json: { ok: true } }));
 *   ... server.url, server.requests ...
 *   await server.close();
 */
import { keepIdleConnections } from './keepAlive';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const TEST_CA = readFileSync(join(__dirname, 'certs', 'localhost.crt'), 'utf8');
const TEST_KEY = readFileSync(join(__dirname, 'certs', 'localhost.key'), 'utf8');

/** The TLS options to hand an Azure SDK client (`ClientOptions.tlsOptions`) so it trusts the stand-in. */
export const testTlsOptions = { ca: TEST_CA };

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/workspaces/abc/query`. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** `body` parsed as JSON when it is JSON, else undefined. */
  json?: unknown;
  receivedAt: number;
}

export interface StandInResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
  /** Wait this long before answering (slow dependency). */
  delayMs?: number;
  /** Drop the connection without answering (connection reset). */
  destroy?: boolean;
}

export type StandInHandler = (req: RecordedRequest) => StandInResponse | Promise<StandInResponse>;

export interface HttpsStandIn {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Replace the handler (e.g. to make the stand-in fail from now on). */
  setHandler(handler: StandInHandler): void;
  close(): Promise<void>;
}

export async function startHttpsStandIn(handler: StandInHandler): Promise<HttpsStandIn> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer({ key: TEST_KEY, cert: TEST_CA }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = new URL(req.url ?? '/', 'https://127.0.0.1');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        json,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      let answer: StandInResponse;
      try {
        answer = await current(recorded);
      } catch (err) {
        answer = { status: 500, json: { error: { code: 'StandInError', message: String(err) } } };
      }
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { ...(answer.headers ?? {}) };
      let payload = answer.body ?? '';
      if (answer.json !== undefined) {
        payload = JSON.stringify(answer.json);
        headers['content-type'] ??= 'application/json; charset=utf-8';
      }
      res.writeHead(answer.status ?? 200, headers);
      res.end(payload);
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(h) {
      current = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
