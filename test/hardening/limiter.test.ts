import { TimeoutError } from '../../src/errors';
import { createLimiter, limitConfigSource, limitLogSource } from '../../src/policy/limiter';
import type { ConfigSource } from '../../src/appconfig/ConfigSource';
import type { Target } from '../../src/model';
import { fakeConfigSource } from '../support/fakes';
import { gate, tick } from './helpers';

const target: Target = { kind: 'containerApp', name: 'orders-api', window: { start: new Date(0), end: new Date(60_000) } };

describe('concurrency limiter', () => {
  test('never runs more than `concurrency` calls at once and runs them all in arrival order', async () => {
    const limiter = createLimiter({ concurrency: 3, name: 'test' });
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 10 }, () => gate());
    const calls = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await g.promise;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.stats()).toMatchObject({ active: 3, queued: 7 });
    for (const g of gates) {
      g.open();
      await tick();
    }
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(limiter.stats()).toMatchObject({ active: 0, queued: 0, peakActive: 3, completed: 10 });
  });

  test('a failing call frees its slot', async () => {
    const limiter = createLimiter({ concurrency: 1, name: 'test' });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  test('a queued caller that aborts leaves the line, never runs, and gets a typed error', async () => {
    const limiter = createLimiter({ concurrency: 1, name: 'log-analytics' });
    const hold = gate();
    const first = limiter.run(() => hold.promise);
    const controller = new AbortController();
    let ran = false;
    const second = limiter.run(async () => {
      ran = true;
    }, controller.signal);
    await tick();
    expect(limiter.stats().queued).toBe(1);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(TimeoutError);
    await expect(second).rejects.toThrow(/log-analytics/);
    expect(limiter.stats().queued).toBe(0);
    hold.open();
    await first;
    expect(ran).toBe(false);
    await expect(limiter.run(async () => 'after')).resolves.toBe('after');
  });

  test('an already-aborted signal with its own reason rejects with that reason', async () => {
    const limiter = createLimiter({ concurrency: 1, name: 'arm' });
    const reason = new Error('deadline of the queue trigger');
    await expect(limiter.run(async () => 1, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  test('limitLogSource and limitConfigSource pass calls through the limiter and keep the source API', async () => {
    const limiter = createLimiter({ concurrency: 2, name: 'log-analytics' });
    const holds: { open: () => void }[] = [];
    let inFlight = 0;
    let peak = 0;
    const logs = limitLogSource(
      {
        description: 'slow logs',
        knowsWorkspace: () => true,
        async fetchEvidence() {
          inFlight++;
          peak = Math.max(peak, inFlight);
          const g = gate();
          holds.push(g);
          await g.promise;
          inFlight--;
          return { system: [], console: [], notes: [] };
        },
      },
      limiter,
    );
    expect(logs.description).toBe('slow logs');
    expect(logs.knowsWorkspace?.(target)).toBe(true);
    const all = Promise.all(Array.from({ length: 6 }, () => logs.fetchEvidence(target)));
    for (let i = 0; i < 6; i++) {
      await tick();
      holds[i]?.open();
    }
    await all;
    expect(peak).toBe(2);

    const config = limitConfigSource(fakeConfigSource(undefined), createLimiter({ concurrency: 1, name: 'arm' }));
    await expect(config.fetchConfig(target)).resolves.toBeUndefined();
  });

  test('a deadline turns a source that never answers (and ignores its signal) into a typed timeout, and frees the slot', async () => {
    const limiter = createLimiter({ concurrency: 1, name: 'ARM' });
    let sawAbort: unknown;
    const hanging: ConfigSource = {
      description: 'hanging ARM',
      fetchConfig: (_t, o) => {
        o?.signal?.addEventListener('abort', () => (sawAbort = o.signal?.reason));
        return new Promise(() => undefined);
      },
    };
    const config = limitConfigSource(hanging, limiter, { timeoutMs: 50 });
    await expect(config.fetchConfig(target)).rejects.toThrow('ARM did not answer within 50 ms.');
    expect(sawAbort).toBeInstanceOf(TimeoutError);
    expect(limiter.stats().active).toBe(0);
  });
});
