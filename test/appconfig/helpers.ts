/** Shared bits of the app-config tests: a static-token credential, a target, and the values that must never leak. */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { Target } from '../../src/model';
import { ORDERS, fixture } from '../support/armStandIn';

/** Like the Azure SDK's own tests: a credential that hands out one fixed token. */
export const staticCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 'stand-in-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

export function appTarget(overrides: Partial<Target> = {}): Target {
  return {
    kind: 'containerApp',
    name: ORDERS.app,
    subscriptionId: ORDERS.subscriptionId,
    resourceGroup: ORDERS.resourceGroup,
    window: { start: new Date('2025-06-03T08:00:00Z'), end: new Date('2025-06-03T09:00:00Z') },
    ...overrides,
  };
}

export function jobTarget(overrides: Partial<Target> = {}): Target {
  return appTarget({ kind: 'job', name: ORDERS.job, ...overrides });
}

/** Every env var value, secret value and shared key anywhere in the fixtures. */
export function secretValuesInFixtures(): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string' && typeof o.value === 'string' && o.value !== '') found.add(o.value);
    if (typeof o.sharedKey === 'string') found.add(o.sharedKey);
    Object.values(o).forEach(walk);
  };
  for (const name of [
    'orders-api.containerapp.json',
    'orders-api.revisions.json',
    'orders-env.managedenvironment.json',
    'nightly-export.job.json',
  ]) {
    walk(fixture(name));
  }
  return [...found];
}
