/**
 * A client-id variable in the configuration names the user-assigned identity the app signs in as
 * (v23 review: 12, 76): the role goes to THAT identity's principal, looked up by its client id, and an app
 * with identity None gets that identity assigned, not a new system-assigned one. Console lines are public
 * (azure-sdk-for-net ManagedIdentityCredential, azcopy's RESPONSE ERROR block).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'orders-proc', resourceGroup: 'rg-orders', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'orders-proc--0000004-6d9f7c-abcde',
  container: { name: 'orders-proc', image: 'contosoacr.azurecr.io/orders-proc:1.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [exit(134, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(134, 60)];
const set = (...names: string[]) => names.map((name) => ({ name, hasValue: true }));

describe('identity None and AZURE_CLIENT_ID: the named user-assigned identity is assigned and granted', () => {
  // https://github.com/Azure/azure-sdk-for-net/issues (CredentialUnavailableException text of ManagedIdentityCredential)
  const rows = [line('Azure.Identity.CredentialUnavailableException: ManagedIdentityCredential authentication unavailable, no managed identity endpoint found.', 10)];
  const run = (env: string[]) => primary({ system: crashLoop, console: rows, target: target(), config: config({ identity: { type: 'None' } }, { env: set(...env) }) });

  it('assigns the identity found by its client id and grants its principal', () => {
    const f = run(['EVENTHUB_FQDN', 'AZURE_CLIENT_ID']);
    const cmds = commands(f);
    const assign = cmds.findIndex((c) => c.startsWith('az containerapp identity assign -n orders-proc -g rg-orders --user-assigned $(az identity list --query'));
    const grant = cmds.findIndex((c) => c.includes('role assignment create'));
    expect(assign).toBeGreaterThanOrEqual(0);
    expect(cmds[assign]).toContain("clientId=='\\''<client-id>'\\''");
    expect(cmds.some((c) => c.includes('--system-assigned'))).toBe(false);
    expect(grant).toBeGreaterThan(assign);
    expect(cmds[grant]).toContain('--assignee-object-id $(az ad sp show --id <client-id> --query id -o tsv)');
    expect(cmds[grant]).not.toContain('identity.principalId');
    expect(texts(f)).toContain('value of AZURE_CLIENT_ID');
    expectValidCommands(f);
  });

  it('near miss: AZURE_CLIENT_ID with AZURE_CLIENT_SECRET is a service principal, so the system identity stays', () => {
    const f = run(['AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);
    expect(commands(f).some((c) => c.includes('ad sp show'))).toBe(false);
    expect(commands(f).some((c) => c.includes('--user-assigned'))).toBe(false);
  });

  it('near miss: an OAuth client id is not an identity', () => {
    const f = run(['OAUTH_CLIENT_ID']);
    expect(commands(f).some((c) => c.includes('ad sp show'))).toBe(false);
    expect(commands(f).some((c) => c.includes('--system-assigned'))).toBe(true);
  });
});

describe('a storage data role for the identity AZCOPY_MSI_CLIENT_ID names', () => {
  // https://github.com/Azure/azure-storage-azcopy/issues (the RESPONSE ERROR block azcopy prints)
  const rows = [
    line('===== RESPONSE ERROR (ServiceCode=AuthorizationPermissionMismatch) =====', 10),
    line('Description=This request is not authorized to perform this operation using this permission.', 11),
  ];
  const run = (env: string[], identity?: { type: string }) =>
    primary({ system: [exit(1, 20)], console: rows, target: target(), config: config(identity ? { identity } : {}, { env: set(...env) }) });

  it('grants the role to the principal looked up by the client id', () => {
    const f = run(['AZCOPY_AUTO_LOGIN_TYPE', 'AZCOPY_MSI_CLIENT_ID']);
    const grant = commands(f).find((c) => c.includes('role assignment create'))!;
    expect(grant).toContain('--assignee-object-id $(az ad sp show --id <client-id> --query id -o tsv)');
    expect(grant).not.toContain('identity.principalId');
    expect(texts(f)).not.toContain('system-assigned identity is shown');
    expect(texts(f)).toContain('AZCOPY_MSI_CLIENT_ID');
    expectValidCommands(f);
  });

  it('.NET ManagedIdentityClientId counts too', () => {
    const f = run(['Storage__ManagedIdentityClientId'], { type: 'SystemAssigned' });
    expect(commands(f).find((c) => c.includes('role assignment create'))).toContain('az ad sp show --id <client-id>');
  });

  it('near miss: no client-id variable keeps the system-assigned principal', () => {
    const f = run(['AZCOPY_AUTO_LOGIN_TYPE']);
    expect(commands(f).find((c) => c.includes('role assignment create'))).toContain('--query identity.principalId');
  });
});
