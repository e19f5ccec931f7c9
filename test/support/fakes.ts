/** In-memory stand-ins for the pipeline's interfaces, for tests that are not about the Azure SDKs. */
import { InvocationContext } from '@azure/functions';
import type { ConfigSource } from '../../src/appconfig/ConfigSource';
import { loadSettings } from '../../src/config';
import type { LogSource } from '../../src/logs/LogSource';
import type { AppConfig, Diagnosis, Evidence, Target } from '../../src/model';
import type { DeliveryOutcome, Runtime } from '../../src/runtime';

export function fakeLogSource(result: Evidence | Error | ((t: Target) => Evidence | Promise<Evidence>)): LogSource & { calls: Target[] } {
  const calls: Target[] = [];
  return {
    description: 'fake logs',
    calls,
    knowsWorkspace: () => true,
    async fetchEvidence(target) {
      calls.push(target);
      if (result instanceof Error) throw result;
      return typeof result === 'function' ? result(target) : structuredClone(result);
    },
  };
}

export function fakeConfigSource(result: AppConfig | Error | undefined): ConfigSource & { calls: Target[] } {
  const calls: Target[] = [];
  return {
    description: 'fake config',
    calls,
    async fetchConfig(target) {
      calls.push(target);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

export interface FakeRuntime extends Runtime {
  delivered: Diagnosis[];
}

export function fakeRuntime(overrides: Partial<Runtime> & { env?: Record<string, string> } = {}): FakeRuntime {
  const delivered: Diagnosis[] = [];
  const { env, ...rest } = overrides;
  return {
    settings: loadSettings({ ALERT_INTAKE: 'inline', ...env }),
    logs: fakeLogSource({ system: [], console: [], notes: [] }),
    now: () => new Date('2026-11-24T09:40:00Z'),
    async deliver(d): Promise<DeliveryOutcome[]> {
      delivered.push(d);
      return [{ destination: 'test', status: 'delivered' }];
    },
    ...rest,
    delivered,
  };
}

export function testContext(functionName = 'test'): InvocationContext & { lines: string[] } {
  const lines: string[] = [];
  const ctx = new InvocationContext({
    invocationId: 'inv-0001',
    functionName,
    logHandler: (_level, ...args) => lines.push(args.map(String).join(' ')),
  });
  return Object.assign(ctx, { lines });
}
