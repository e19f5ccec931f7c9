import { assertInScope, assertWorkspaceInScope, scopeOf } from '../../src/policy/scope';
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

describe('a workspace named by a manual call', () => {
  const configured = '8e1b4c2d-0a7f-4f3e-b6d5-2c9a1e7f4b30';
  const inScopeWs = `/subscriptions/${sub}/resourceGroups/rg-orders/providers/Microsoft.OperationalInsights/workspaces/law-orders`;
  const elsewhereWs = `/subscriptions/${sub}/resourceGroups/rg-secret/providers/Microsoft.OperationalInsights/workspaces/law-secret`;
  const withWs = (workspace: Target['workspace']): Target => ({ ...app, workspace });

  test('is free when no allow-list is set', () => {
    expect(() => assertWorkspaceInScope(withWs({ customerId: '11111111-2222-3333-4444-555555555555' }), [], configured)).not.toThrow();
  });
  test('passes when it is the configured workspace, in any casing', () => {
    expect(() => assertWorkspaceInScope(withWs({ customerId: configured.toUpperCase() }), allowed, configured)).not.toThrow();
  });
  test('passes when its resource id is inside an allowed scope', () => {
    expect(() => assertWorkspaceInScope(withWs({ resourceId: inScopeWs }), allowed, configured)).not.toThrow();
  });
  test('is refused otherwise: another GUID, or a resource id elsewhere', () => {
    expect(() => assertWorkspaceInScope(withWs({ customerId: '11111111-2222-3333-4444-555555555555' }), allowed, configured)).toThrow(ForbiddenError);
    expect(() => assertWorkspaceInScope(withWs({ resourceId: elsewhereWs }), allowed, configured)).toThrow(/workspaceId/);
    expect(() => assertWorkspaceInScope(withWs({ customerId: '11111111-2222-3333-4444-555555555555' }), allowed, undefined)).toThrow(ForbiddenError);
  });
  test('no workspace named: nothing to check', () => {
    expect(() => assertWorkspaceInScope(app, allowed, configured)).not.toThrow();
  });
});
