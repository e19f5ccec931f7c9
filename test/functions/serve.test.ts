import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../../src/functions/serve';
import { routes } from '../../src/functions/routes';
import { fakeRuntime } from '../support/fakes';

function call(url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('npm run serve: the registered handlers over real HTTP on 127.0.0.1', () => {
  let server: LocalServer;
  const runtime = fakeRuntime();
  beforeAll(async () => {
    server = await startLocalServer({ port: 0, getRuntime: async () => runtime });
  });
  afterAll(() => server.close());

  test('serves exactly the routes of the route table under /api', () => {
    const names = routes({ getRuntime: async () => runtime }).map((r) => `${r.route}:${r.methods.join('|')}`);
    expect(names).toEqual(['alerts:POST', 'diagnose:GET|POST']);
  });

  test('POST /api/alerts runs the alerts handler', async () => {
    const alert = readFileSync(join(__dirname, '..', '..', 'samples', 'alert.json'), 'utf8');
    const res = await call(`${server.url}/api/alerts`, 'POST', alert);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).status).toBe('enriched');
    expect(runtime.delivered.length).toBeGreaterThan(0);
  });

  test('bad JSON is a 400 over the wire too', async () => {
    const res = await call(`${server.url}/api/alerts`, 'POST', '{nope');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('invalid-request');
  });

  test('unknown paths are 404 and wrong methods 405', async () => {
    expect((await call(`${server.url}/api/nothing`, 'GET')).status).toBe(404);
    const res = await call(`${server.url}/api/alerts`, 'GET');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  test('GET /api/diagnose with Accept: text/markdown returns Markdown', async () => {
    const res = await call(`${server.url}/api/diagnose?app=orders-api&since=1h`, 'GET', undefined, { accept: 'text/markdown' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/markdown/);
    expect(res.body).toContain('orders-api');
  });
});
