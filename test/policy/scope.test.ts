import { assertInScope, scopeOf } from '../../src/policy/scope';
import { ForbiddenError } from '../../src/errors';
import type { Target } from '../../src/model';

const window = { start: new Date('2026-11-24T09:00:00Z'), end: new Date('2026-11-24T09:30:00Z') };
const sub = '3f2c8a61-5d0e-4b7a-9c21-7e4f0b9d2a15';
const app: Target = { kind: 'containerApp', name: 'orders-api', subscriptionId: sub, resourceGroup: 'RG-Orders', window };
const allowed = [`/subscriptions/${sub}/resourcegroups/rg-orders`];

test('scopeOf prefers the resource id, then subscription and group, lower-cased', () => {
  expect(scopeOf(app)).toBe(`/subscriptions/${sub}/resourcegroups/rg-orders`);
  expect(scopeOf({ ...app, resourceId: '/subscriptions/X/resourceGroups/Y/providers/Microsoft.App/containerApps/Z' })).toBe(
    '/subscriptions/x/resourcegroups/y/providers/microsoft.app/containerapps/z',
  );
  expect(scopeOf({ kind: 'containerApp', name: 'a', window })).toBeUndefined();
});

test('inside the allow-list passes, in any casing; no allow-list means no restriction', () => {
  expect(() => assertInScope(app, allowed, { allowUnknown: false })).not.toThrow();
  expect(() => assertInScope(app, [], { allowUnknown: false })).not.toThrow();
  expect(() => assertInScope(app, [`/subscriptions/${sub}`], { allowUnknown: false })).not.toThrow();
});

test('a sibling group whose name merely starts the same is outside', () => {
  expect(() => assertInScope({ ...app, resourceGroup: 'rg-orders-prod' }, allowed, { allowUnknown: false })).toThrow(ForbiddenError);
});

test('an unknown scope is refused for manual calls and tolerated for alerts', () => {
  const bare: Target = { kind: 'containerApp', name: 'orders-api', window };
  expect(() => assertInScope(bare, allowed, { allowUnknown: false })).toThrow(/subscription and resource group/);
  expect(() => assertInScope(bare, allowed, { allowUnknown: true })).not.toThrow();
});
