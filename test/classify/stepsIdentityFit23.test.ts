/**
 * Identity commands fitted to the identity the configuration shows (v21 review: 14, 15, 21), and the way to
 * stop a failing revision that stays active beside the healthy one (v21 review: 34). Console and system
 * lines are public ones (spring-cloud-azure, azure-identity, Container Apps system events, the glibc loader).
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '0f1e2d3c-4b5a-4968-8776-655443322110';
const { target, config, sys, exit, line } = appFixtures({
  app: 'claims', resourceGroup: 'rg-claims', subscriptionId: SUB, t0: Date.parse('2026-12-03T10:00:00Z'),
  replica: 'claims--0000013-6d9f7c-abcde',
  container: { name: 'claims', image: 'contosoacr.azurecr.io/claims:3.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const crashLoop = [exit(1, 20), sys('ContainerBackOff', 'Persistent Failure to start container', 40), exit(1, 60)];

describe('an app with only a user-assigned identity', () => {
  // https://github.com/Azure/azure-sdk-for-java/issues/ (spring-cloud-azure-appconfiguration-config fail-fast message)
  const appConfigRows = [
    line('2026-10-01 00:54:39.772 ERROR 1 --- [ main] .i.AppConfigurationPropertySourceLocator : Fail fast is set and there was an error reading configuration from Azure App Configuration store https://armktestacs.azconfig.io/', 10),
    line('java.lang.RuntimeException: Failed to generate property sources for https://armktestacs.azconfig.io/', 11),
  ];
  const run = (identity: { type?: string; userAssigned?: string[] } | undefined, env: { name: string; hasValue: boolean }[] = []) =>
    primary({ system: crashLoop, console: appConfigRows, target: target(), config: config(identity ? { identity } : {}, { env }) });

  it('the grant reads the user-assigned identity, and AZURE_CLIENT_ID gets its update', () => {
    const f = run({ type: 'UserAssigned' });
    const grant = commands(f).find((c) => c.includes('role assignment create'))!;
    expect(grant).toContain("--query 'identity.userAssignedIdentities.*.principalId|[0]' -o tsv");
    expect(grant).not.toContain('--query identity.principalId');
    expect(texts(f)).not.toContain('system-assigned identity shown');
    expect(commands(f).some((c) => /^az containerapp update -n claims -g rg-claims --container-name claims --set-env-vars AZURE_CLIENT_ID=\$\(az containerapp show .*clientId\|\[0\]' -o tsv/.test(c))).toBe(true);
    expectValidCommands(f);
  });

  it('one listed identity is read by its resource id', () => {
    const id = '/subscriptions/0f1e2d3c-4b5a-4968-8776-655443322110/resourceGroups/rg-claims/providers/Microsoft.ManagedIdentity/userAssignedIdentities/claims-id';
    const f = run({ type: 'UserAssigned', userAssigned: [id] });
    expect(commands(f).join('\n')).toContain(`$(az identity show --ids ${id} --query principalId -o tsv --subscription ${SUB})`);
    expect(commands(f).join('\n')).toContain(`AZURE_CLIENT_ID=$(az identity show --ids ${id} --query clientId -o tsv --subscription ${SUB})`);
    expectValidCommands(f);
  });

  it('near miss: AZURE_CLIENT_ID already set on the app gets no second update', () => {
    const f = run({ type: 'UserAssigned' }, [{ name: 'AZURE_CLIENT_ID', hasValue: true }]);
    expect(commands(f).some((c) => c.includes('AZURE_CLIENT_ID='))).toBe(false);
  });

  it('near miss: a system-assigned identity keeps the system read', () => {
    const f = run({ type: 'SystemAssigned, UserAssigned' });
    expect(commands(f).find((c) => c.includes('role assignment create'))).toContain('--query identity.principalId -o tsv');
    expect(commands(f).some((c) => c.includes('AZURE_CLIENT_ID='))).toBe(false);
  });
});

describe('an app whose identity is None', () => {
  // https://github.com/Azure/azure-sdk-for-java/issues/ (azure-identity: "Managed Identity authentication is not available.")
  const rows = [
    line('java.lang.IllegalStateException: Failed to configure KeyVault property source', 10),
    line('Caused by: com.azure.identity.CredentialUnavailableException: Managed Identity authentication is not available.', 11),
  ];
  const run = (identity?: { type: string }) => primary({ system: crashLoop, console: rows, target: target(), config: config(identity ? { identity } : {}) });

  it('the identity is assigned before the grant, and the grant reads its principal', () => {
    const f = run({ type: 'None' });
    const cmds = commands(f);
    const assign = cmds.findIndex((c) => c === `az containerapp identity assign -n claims -g rg-claims --system-assigned --subscription ${SUB}`);
    const grant = cmds.findIndex((c) => c.includes('role assignment create'));
    expect(assign).toBeGreaterThanOrEqual(0);
    expect(assign).toBeLessThan(grant);
    expect(cmds[grant]).not.toContain('<principal-id>');
    expect(texts(f)).toContain('identity None');
    expectValidCommands(f);
  });

  it('an app whose configuration does not show its identity: one assignment, from the rows, not the config', () => {
    const f = run();
    expect(commands(f).filter((c) => c.includes('identity assign'))).toHaveLength(1);
    expect(texts(f)).not.toContain('identity None');
  });
});

describe('a registry entry that pulls with a user name and password', () => {
  // https://learn.microsoft.com/azure/container-apps/containers#container-registries (username and passwordSecretRef)
  const pull = [
    sys('PullingImage', 'Pulling image "contosoacr.azurecr.io/claims:3.1.0"', 0),
    sys('ContainerTerminated', "Container 'claims' was terminated with exit code '' and reason 'ImagePullFailure'", 60),
    sys('ContainerTerminated', "Container 'claims' was terminated with exit code '' and reason 'ImagePullFailure'", 300),
  ];
  const run = (registries: { server: string; username?: string; passwordSecretRef?: string; identity?: string }[]) =>
    primary({ system: pull, console: [], target: target(), config: config({ registries }) });

  it('no AcrPull grant: the password goes back on the registry entry', () => {
    const f = run([{ server: 'contosoacr.azurecr.io', username: 'contosoacr', passwordSecretRef: 'acr-password' }]);
    expect(commands(f).some((c) => c.includes('--role AcrPull'))).toBe(false);
    expect(commands(f)).toContain(`az containerapp registry set -n claims -g rg-claims --server contosoacr.azurecr.io --username contosoacr --password $(az acr credential show -n contosoacr --query 'passwords[0].value' -o tsv --subscription ${SUB}) --subscription ${SUB}`);
    expect(texts(f)).toContain('with the password in secret acr-password, not with a managed identity');
    expectValidCommands(f);
  });

  it('near miss: a registry entry with an identity keeps the AcrPull grant', () => {
    const f = run([{ server: 'contosoacr.azurecr.io', identity: 'system' }]);
    expect(commands(f).some((c) => c.includes('acr credential show'))).toBe(false);
  });
});

describe('a failing revision active beside the healthy one', () => {
  // https://learn.microsoft.com/cli/azure/containerapp/revision#az-containerapp-revision-deactivate
  const change = { fromRevision: 'claims--0000012', summary: 'image tag 2.2.4 -> 2.3.0', changes: [{ kind: 'image' as const, container: 'claims', name: 'contosoacr.azurecr.io/claims:3.1.0' }] };
  const rows = [line('/usr/local/bin/claims: error while loading shared libraries: libssl.so.1.1: cannot open shared object file: No such file or directory', 10)];
  const revisions = [
    { name: 'claims--0000012', active: true, healthState: 'Healthy', trafficWeight: 100 },
    { name: 'claims--0000013', active: true, healthState: 'Unhealthy', trafficWeight: 0 },
  ];
  const run = (extra: Record<string, unknown>) => primary({
    system: [exit(127, 20), exit(127, 60)], console: rows, target: target(),
    config: config({ failingRevisionName: 'claims--0000013', changesSinceHealthy: change, revisions, ...extra }),
  });

  it('deactivating it is the way to stop it, not a copy said to replace it', () => {
    const f = run({});
    expect(commands(f)).toContain(`az containerapp revision deactivate -n claims -g rg-claims --revision claims--0000013 --subscription ${SUB}`);
    expect(commands(f).some((c) => c.includes('revision copy'))).toBe(false);
    expect(texts(f)).not.toContain('it replaces claims--0000013');
    expectValidCommands(f);
  });

  it('near miss: a configuration that says Single keeps the copy that replaces it', () => {
    const f = run({ activeRevisionsMode: 'Single' });
    expect(commands(f).some((c) => c.includes('revision copy'))).toBe(true);
    expect(commands(f).some((c) => c.includes('revision deactivate'))).toBe(false);
  });
});

describe('the core quota against the scale settings (v21 review 93)', () => {
  // https://learn.microsoft.com/azure/container-apps/quotas ("Maximum Allowed Cores exceeded for the Managed Environment")
  const rows = [
    sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment. Please check https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits', 0),
    sys('AssigningReplicaFailed', 'Maximum Allowed Cores exceeded for the Managed Environment. Please check https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits', 180),
  ];
  const run = (scale: { minReplicas: number; maxReplicas: number }) =>
    primary({ system: rows, console: [], target: target(), config: config({ scale: { ...scale, rules: [] } }, { cpu: 4, memory: '8Gi' }) });

  it('30 replicas x 4 cores: the maximum is capped, the minimum of 1 is not lowered', () => {
    const f = run({ minReplicas: 1, maxReplicas: 30 });
    expect(texts(f)).toContain('30 replicas x 4 cores = 120 cores');
    expect(commands(f)).toContain(`az containerapp update -n claims -g rg-claims --max-replicas <n> --subscription ${SUB}`);
    expect(commands(f).some((c) => c.includes('--min-replicas'))).toBe(false);
    expectValidCommands(f);
  });

  it('near miss: 4 minimum replicas of 5 still lower the minimum for the rollout', () => {
    const f = run({ minReplicas: 4, maxReplicas: 5 });
    expect(commands(f).some((c) => c.includes('--min-replicas <n>'))).toBe(true);
    expect(commands(f).some((c) => c.includes('--max-replicas'))).toBe(false);
  });
});

describe('no managed-database note beside the password fix (v21 review 69, 91)', () => {
  // https://github.com/docker-library/mysql (entrypoint: "Database is uninitialized and password option is not specified")
  it('mysql without MYSQL_ROOT_PASSWORD: the secret and the reference, no padding', () => {
    const f = primary({
      system: crashLoop,
      console: [line('2026-10-01 00:54:39+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified', 10), line('    You need to specify one of the following as an environment variable:', 10), line('    - MYSQL_ROOT_PASSWORD', 10)],
      target: target(), config: config({}, { image: 'mysql:8.0' }),
    });
    expect(commands(f).some((c) => c.includes('MYSQL_ROOT_PASSWORD=secretref:'))).toBe(true);
    expect(texts(f)).not.toMatch(/managed Azure Database/);
  });
});
