/**
 * A webhook destination for delivery tests: a plain HTTP server on 127.0.0.1 that can misbehave on
 * purpose. It answers 200 by default; `fail()` makes it answer 500, `throttle(s)` answers 429 with
 * `Retry-After: s`, `slow(ms)` delays answers, `down()` closes the listener (clients get connection
 * refused) and `up()` reopens it on the same port. `script([...])` queues one-off answers that take
 * precedence over the mode. Every body it accepted (2xx) is kept in `accepted`, every request in `requests`.
 *
 *   const rx = await startWebhookReceiver();
 *   rx.url('/teams')  -> http://127.0.0.1:<port>/teams
 *   await rx.close();
 */
import { keepIdleConnections } from './keepAlive';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
  at: number;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Drop the connection without an answer. */
  destroy?: boolean;
}

export type ReceiverMode =
  | { kind: 'ok' }
  | { kind: 'fail'; status: number }
  | { kind: 'throttle'; retryAfter: string }
  | { kind: 'slow'; delayMs: number };

export interface WebhookReceiver {
  port: number;
  url(path?: string): string;
  /** Requests answered 2xx, in arrival order. */
  accepted: ReceivedRequest[];
  /** Every request that reached the server, whatever it was answered. */
  requests: ReceivedRequest[];
  acceptedOn(path: string): ReceivedRequest[];
  ok(): void;
  fail(status?: number): void;
  throttle(retryAfter: string | number): void;
  slow(delayMs: number): void;
  script(answers: ScriptedAnswer[]): void;
  /**
   * Hold every answer from now on until `release()`: `arrived` resolves when the first held request is
   * in. Lets a test make "a post is in flight" a fact rather than a hope about timing.
   */
  hold(): { arrived: Promise<void>; release(): void };
  /** Stop listening and cut open connections: callers now see connection refused. */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  isUp(): boolean;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let mode: ReceiverMode = { kind: 'ok' };
  let scripted: ScriptedAnswer[] = [];
  const accepted: ReceivedRequest[] = [];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let listening = false;
  let port = 0;
  let held: { gate: Promise<void>; arrive(): void } | undefined;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const next = scripted.shift();
      let answer: ScriptedAnswer;
      if (next) answer = next;
      else if (mode.kind === 'fail') answer = { status: mode.status };
      else if (mode.kind === 'throttle') answer = { status: 429, headers: { 'retry-after': mode.retryAfter } };
      else if (mode.kind === 'slow') answer = { status: 200, delayMs: mode.delayMs };
      else answer = { status: 200 };
      const record: ReceivedRequest = { path: req.url ?? '/', headers: req.headers, body, status: answer.status, at: Date.now() };
      const respond = (): void => {
        if (answer.destroy) {
          record.status = 0;
          requests.push(record);
          req.socket.destroy();
          return;
        }
        requests.push(record);
        // Counted as accepted only when the answer actually leaves: a slow answer the client gave up on
        // still counts, exactly as a real destination would have processed it.
        if (answer.status >= 200 && answer.status < 300) accepted.push(record);
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...(answer.headers ?? {}) });
        res.end(answer.status < 300 ? 'ok' : 'no');
      };
      if (held) {
        const { gate, arrive } = held;
        arrive();
        void gate.then(respond);
      } else if (answer.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          respond();
        }, answer.delayMs);
        timers.add(t);
      } else respond();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const listen = (p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!listening) return resolve();
      listening = false;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  keepIdleConnections(server);
  await listen(0);

  return {
    get port() {
      return port;
    },
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    accepted,
    requests,
    acceptedOn: (path) => accepted.filter((r) => r.path === path),
    ok: () => {
      mode = { kind: 'ok' };
    },
    fail: (status = 500) => {
      mode = { kind: 'fail', status };
    },
    throttle: (retryAfter) => {
      mode = { kind: 'throttle', retryAfter: String(retryAfter) };
    },
    slow: (delayMs) => {
      mode = { kind: 'slow', delayMs };
    },
    script: (answers) => {
      scripted = [...answers];
    },
    hold: () => {
      let arrive!: () => void;
      let open!: () => void;
      const arrived = new Promise<void>((r) => (arrive = r));
      const gate = new Promise<void>((r) => (open = r));
      held = { gate, arrive };
      return {
        arrived,
        release: () => {
          held = undefined;
          open();
        },
      };
    },
    down: stopListening,
    up: () => (listening ? Promise.resolve() : listen(port)),
    isUp: () => listening,
    close: stopListening,
  };
}
