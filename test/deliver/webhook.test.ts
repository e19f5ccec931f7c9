import type { Destination } from '../../src/config';
import { DeliveryError } from '../../src/errors';
import { backoffDelay, parseRetryAfter, postWebhook, type PostWebhookOptions } from '../../src/deliver/webhook';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { collectingLogger } from './helpers';

const payload = { contentType: 'application/json', body: '{"hello":"world"}' };

describe('postWebhook against a receiver on 127.0.0.1', () => {
  let rx: WebhookReceiver;
  let dest: Destination;
  let sleeps: number[];
  let opts: PostWebhookOptions;

  beforeEach(async () => {
    rx = await startWebhookReceiver();
    // A secret-looking path and query, as Teams and Slack URLs have: they must never be logged.
    dest = { name: 'ops-teams', url: rx.url('/hooks/SECRET-PATH-TOKEN?sig=SECRET-SIG'), format: 'json' };
    sleeps = [];
    opts = {
      timeoutMs: 2000,
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 5000,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    };
  });
  afterEach(async () => {
    await rx.close();
  });

  it('delivers on the first try and sends the content type and body unchanged', async () => {
    const result = await postWebhook(dest, payload, opts);
    expect(result).toEqual({ ok: true, status: 200, attempts: 1 });
    expect(rx.accepted).toHaveLength(1);
    expect(rx.accepted[0].body).toBe(payload.body);
    expect(rx.accepted[0].headers['content-type']).toBe('application/json');
    expect(rx.accepted[0].path).toBe('/hooks/SECRET-PATH-TOKEN?sig=SECRET-SIG');
  });

  it('honours Retry-After (seconds) on 429 instead of its own backoff', async () => {
    rx.script([{ status: 429, headers: { 'retry-after': '2' } }]);
    const result = await postWebhook(dest, payload, opts);
    expect(result).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(sleeps).toEqual([2000]);
    expect(rx.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const when = new Date(Date.now() + 3000).toUTCString();
    rx.script([{ status: 503, headers: { 'retry-after': when } }]);
    const result = await postWebhook(dest, payload, opts);
    expect(result.ok).toBe(true);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1000);
    expect(sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('retries 503 and 500 with exponential full-jitter backoff, then succeeds', async () => {
    rx.script([{ status: 503 }, { status: 500 }]);
    const result = await postWebhook(dest, payload, opts);
    expect(result).toEqual({ ok: true, status: 200, attempts: 3 });
    // random() = 0.5 of ceilings 100 and 200.
    expect(sleeps).toEqual([50, 100]);
    expect(rx.accepted).toHaveLength(1);
  });

  it('does not retry a permanent 400 and reports it as permanent', async () => {
    rx.script([{ status: 400 }]);
    const result = await postWebhook(dest, payload, opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.permanent).toBe(true);
    expect(result.status).toBe(400);
    expect(result.attempts).toBe(1);
    expect(result.error).toBeInstanceOf(DeliveryError);
    expect(rx.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries 408 and 429 but gives up after maxAttempts, not permanent', async () => {
    rx.fail(408);
    const result = await postWebhook(dest, payload, { ...opts, maxAttempts: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.permanent).toBe(false);
    expect(result.attempts).toBe(3);
    expect(result.status).toBe(408);
    expect(rx.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('times out a slow attempt and retries it', async () => {
    // The first answer is held for a minute, far past the deadline; the second comes at once, far inside it.
    rx.script([{ status: 200, delayMs: 60_000 }]);
    const result = await postWebhook(dest, payload, { ...opts, timeoutMs: 2000, maxAttempts: 2 });
    expect(result).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(rx.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('reports a timeout when every attempt is too slow', async () => {
    rx.slow(1500);
    const result = await postWebhook(dest, payload, { ...opts, timeoutMs: 150, maxAttempts: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.context.reason).toBe('timeout');
    expect(result.permanent).toBe(false);
  });

  it('retries network errors (connection refused) and succeeds once the receiver is back', async () => {
    await rx.down();
    let calls = 0;
    const result = await postWebhook(dest, payload, {
      ...opts,
      sleep: async (ms) => {
        sleeps.push(ms);
        if (++calls === 2) await rx.up();
      },
    });
    expect(result).toEqual({ ok: true, status: 200, attempts: 3 });
    expect(rx.accepted).toHaveLength(1);
  });

  it('ends early with retryAfterMs when the destination asks to wait longer than maxDelayMs', async () => {
    rx.throttle(3600);
    const result = await postWebhook(dest, payload, opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.retryAfterMs).toBe(3_600_000);
    expect(result.attempts).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('stops at once when the caller aborts', async () => {
    rx.slow(2000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await postWebhook(dest, payload, { ...opts, signal: controller.signal, sleep: undefined, timeoutMs: 5000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.context.reason).toBe('cancelled');
    expect(result.attempts).toBe(1);
  });

  it('never writes the URL (or its secrets) into logs or errors, only the destination name', async () => {
    const { lines, logger } = collectingLogger();
    await rx.down();
    const result = await postWebhook(dest, payload, { ...opts, logger, maxAttempts: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const everything = [...lines, result.error.message, JSON.stringify(result.error.toJSON()), String(result.error.stack)].join('\n');
    expect(everything).not.toMatch(/SECRET|hooks|127\.0\.0\.1/);
    expect(everything).toContain('ops-teams');
    expect(result.error.context.reason).toBe('network-ECONNREFUSED');
  });

  it('moves user:password from the URL into a Basic Authorization header', async () => {
    const withCreds = { ...dest, url: rx.url('/basic').replace('http://', 'http://user:p%40ss@') };
    const result = await postWebhook(withCreds, payload, opts);
    expect(result.ok).toBe(true);
    expect(rx.accepted[0].headers.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it('rejects an unusable URL as permanent without any request', async () => {
    const result = await postWebhook({ ...dest, url: 'not a url' }, payload, opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.permanent).toBe(true);
    expect(rx.requests).toHaveLength(0);
  });
});

describe('retry arithmetic', () => {
  it('parses Retry-After seconds, dates, and rejects garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('caps the full-jitter ceiling at maxDelayMs', () => {
    expect(backoffDelay(1, 100, 1000, () => 0.999)).toBe(99);
    expect(backoffDelay(4, 100, 1000, () => 0.999)).toBe(799);
    expect(backoffDelay(10, 100, 1000, () => 0.999)).toBe(999);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
  });
});
