/**
 * Finding 6 of issue 12: what a web page open in the developer's browser can make `npm run serve` do.
 * Real HTTP on 127.0.0.1, with raw requests so the Host, Origin and Content-Type are exactly an attacker's.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../../src/functions/serve';
import { fakeLogSource, fakeRuntime } from '../support/fakes';

const alert = readFileSync(join(__dirname, '..', '..', 'samples', 'alert.json'), 'utf8');

function call(server: LocalServer, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/alerts', method, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('npm run serve refuses what a web page could send', () => {
  let server: LocalServer;
  const logs = fakeLogSource({ system: [], console: [], notes: [] });
  const runtime = fakeRuntime({ logs, env: { MAX_BODY_BYTES: '65536' } });
  beforeAll(async () => {
    server = await startLocalServer({ port: 0, getRuntime: async () => runtime });
  });
  afterAll(() => server.close());
  const host = () => `127.0.0.1:${new URL(server.url).port}`;

  test('a loopback Host with JSON is served (the control)', async () => {
    const res = await call(server, 'POST', { host: host(), 'content-type': 'application/json' }, alert);
    expect(res.status).toBe(200);
  });

  test.each([
    ['DNS rebinding (a foreign Host)', { host: 'attacker.example:7071', 'content-type': 'application/json' }, 403],
    ['a cross-origin fetch', { origin: 'https://attacker.example', 'content-type': 'application/json' }, 403],
    ['a cross-site request by fetch metadata', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, 403],
    ['a no-cors POST without Content-Type', {}, 415],
    ['a no-cors POST as text/plain', { 'content-type': 'text/plain' }, 415],
    ['a malformed Host', { host: 'a b<c>', 'content-type': 'application/json' }, 400],
  ])('%s is refused and queries nothing', async (_name, headers, status) => {
    const before = logs.calls.length;
    const res = await call(server, 'POST', { host: host(), ...headers }, alert);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error.code).toBeDefined();
    expect(logs.calls.length).toBe(before);
  });

  test('a body over MAX_BODY_BYTES is a 413, by its declared length or by what arrives', async () => {
    const big = Buffer.alloc(200_000, 0x20);
    expect((await call(server, 'POST', { host: host(), 'content-type': 'application/json' }, big)).status).toBe(413);
    const chunked = await call(server, 'POST', { host: host(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big);
    expect(chunked.status).toBe(413);
  });
});
