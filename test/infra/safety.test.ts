/**
 * Safety properties of the compiled ARM template (reading the compiler's output is more reliable than
 * pattern-matching Bicep). Each check is also run on a copy broken on purpose, to show it can fail.
 */
import {
  actionGroupProblems,
  allResources,
  apiVersionProblems,
  appSettingSources,
  functionAppProblems,
  keyVaultProblems,
  listKeysProblems,
  ofType,
  outputProblems,
  roleProblems,
  storageProblems,
} from './support/arm';
import { type ArmTemplate, compiledMain, compiledWiring } from './support/bicep';

const fresh = (): ArmTemplate => JSON.parse(JSON.stringify(compiledMain())) as ArmTemplate;
const first = (t: ArmTemplate, type: string) => {
  const found = ofType(t, type)[0];
  if (!found) throw new Error(`no ${type} in the template`);
  return found.resource;
};

describe('compiled template safety', () => {
  it('storage: no shared key access, TLS 1.2, HTTPS only, no public blob access', () => {
    expect(storageProblems(compiledMain())).toEqual([]);
    const broken = fresh();
    first(broken, 'Microsoft.Storage/storageAccounts').properties!.allowSharedKeyAccess = true;
    expect(storageProblems(broken)).toEqual([expect.stringContaining('allowSharedKeyAccess')]);
    const weakTls = fresh();
    first(weakTls, 'Microsoft.Storage/storageAccounts').properties!.minimumTlsVersion = 'TLS1_0';
    expect(storageProblems(weakTls)).toEqual([expect.stringContaining('minimumTlsVersion')]);
  });

  it('queues, poison queues and the dedupe table are created in the template', () => {
    const storage = allResources(compiledMain()).find((l) => l.resource.name === 'storage')!;
    const params = storage.resource.properties!.parameters as Record<string, { value: unknown }>;
    const text = JSON.stringify(params.queueNames.value);
    for (const q of ['alertsQueue', 'outboxQueue']) expect(text.match(new RegExp(q, 'g'))?.length).toBe(2);
    expect(text).toContain('-poison');
    expect(JSON.stringify(params.tableNames.value)).toContain('dedupeTable');
    expect(compiledMain().variables!.storageNames).toEqual({
      deploymentContainer: 'app-package',
      alertsQueue: 'alerts',
      outboxQueue: 'outbox',
      dedupeTable: 'deliveries',
    });
    expect(ofType(compiledMain(), 'Microsoft.Storage/storageAccounts/queueServices/queues')).toHaveLength(1);
    expect(ofType(compiledMain(), 'Microsoft.Storage/storageAccounts/tableServices/tables')).toHaveLength(1);
  });

  it('function app: Flex Consumption, HTTPS only, TLS 1.2, FTPS off, basic publishing off, identity-based deployment storage', () => {
    expect(functionAppProblems(compiledMain())).toEqual([]);
    const broken = fresh();
    const site = first(broken, 'Microsoft.Web/sites');
    site.properties!.httpsOnly = false;
    site.properties!.siteConfig.ftpsState = 'AllAllowed';
    expect(functionAppProblems(broken)).toEqual([expect.stringContaining('httpsOnly'), expect.stringContaining('ftpsState')]);
    const scmOn = fresh();
    ofType(scmOn, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies').forEach((l) => (l.resource.properties!.allow = true));
    expect(functionAppProblems(scmOn)).toHaveLength(2);
  });

  it('function app runs Node 22 (or 24) on the v4 host settings, with identity-based AzureWebJobsStorage', () => {
    const site = first(compiledMain(), 'Microsoft.Web/sites');
    const runtime = site.properties!.functionAppConfig.runtime;
    expect(runtime.name).toBe('node');
    const fa = allResources(compiledMain()).find((l) => l.resource.name === 'function-app')!.resource;
    const moduleTemplate = fa.properties!.template as ArmTemplate;
    expect(moduleTemplate.parameters!.nodeVersion.allowedValues).toEqual(['22', '24']);
    expect(moduleTemplate.parameters!.nodeVersion.defaultValue).toBe('22');
    expect(compiledMain().parameters!.nodeVersion.defaultValue).toBe('22');
    // Bicep inlines the settings into one expression: createObject('NAME', value, ...).
    const settings = String(site.properties!.siteConfig.appSettings);
    expect(settings).toContain("'AzureWebJobsStorage__credential', 'managedidentity'");
    for (const service of ['blob', 'queue', 'table']) {
      expect(settings).toMatch(new RegExp(`'AzureWebJobsStorage__${service}ServiceUri', reference\\(.*?\\.primaryEndpoints\\.${service}`));
    }
    expect(settings).not.toContain('core.windows.net');
    expect(settings).toContain("'AzureWebJobsStorage__clientId', parameters('identityClientId')");
    expect(settings).toMatch(/'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', format\('ClientId=\{0\};Authorization=AAD'/);
    // No key-based storage connection string, and none of the settings Flex Consumption rejects.
    expect(appSettingSources(compiledMain())).not.toMatch(/'AzureWebJobsStorage'|FUNCTIONS_WORKER_RUNTIME|WEBSITE_RUN_FROM_PACKAGE|AccountKey/);
    expect(site.properties!.keyVaultReferenceIdentity).toBeDefined();
  });

  it('sets every app setting the app reads from src/config.ts that the deployment decides', () => {
    const settings = appSettingSources(compiledMain());
    for (const name of ['LOG_ANALYTICS_WORKSPACE_ID', 'ARM_ENDPOINT', 'ALLOWED_SCOPES', 'AUTH_MODE', 'AUTH_TENANT_ID', 'AUTH_AUDIENCE', 'ALERTS_QUEUE', 'OUTBOX_QUEUE', 'DEDUPE_TABLE', 'AZURE_CLIENT_ID', 'DESTINATIONS', 'DIAGNOSIS_WEBHOOK_URL', 'LOG_ANALYTICS_ENDPOINT']) {
      expect([name, settings.includes(name)]).toEqual([name, true]);
    }
    // Webhook URLs reach the app only as Key Vault references.
    expect(settings).toContain('@Microsoft.KeyVault(VaultName=');
  });

  it('Key Vault: RBAC mode, soft delete on, purge protection from a parameter', () => {
    expect(keyVaultProblems(compiledMain())).toEqual([]);
    const vault = first(compiledMain(), 'Microsoft.KeyVault/vaults');
    expect(String(vault.properties!.enablePurgeProtection)).toContain("parameters('enablePurgeProtection')");
    const broken = fresh();
    first(broken, 'Microsoft.KeyVault/vaults').properties!.enableRbacAuthorization = false;
    expect(keyVaultProblems(broken)).toEqual([expect.stringContaining('enableRbacAuthorization')]);
  });

  it('action group: Global, common alert schema on every receiver, optional Entra secure webhook', () => {
    expect(actionGroupProblems(compiledWiring())).toEqual([]);
    const ag = first(compiledWiring(), 'Microsoft.Insights/actionGroups');
    const receiver = ag.properties!.webhookReceivers[0];
    expect(receiver.useAadAuth).toBe("[parameters('useAadAuth')]");
    expect(String(receiver.serviceUri)).toContain('/host/default');
    const broken = JSON.parse(JSON.stringify(compiledWiring())) as ArmTemplate;
    first(broken, 'Microsoft.Insights/actionGroups').properties!.webhookReceivers[0].useCommonAlertSchema = false;
    expect(actionGroupProblems(broken)).toEqual([expect.stringContaining('useCommonAlertSchema')]);
  });

  it('roles: only the expected built-ins, each on a resource (Reader on container-app resource groups), none at subscription scope', () => {
    expect(roleProblems(compiledMain())).toEqual([]);
    const assignments = ofType(compiledMain(), 'Microsoft.Authorization/roleAssignments');
    // Storage (3 in a loop), App Insights, Key Vault, the workspace, and the per-resource-group Reader.
    expect(assignments).toHaveLength(5);

    const unscoped = fresh();
    delete first(unscoped, 'Microsoft.Authorization/roleAssignments').scope;
    expect(roleProblems(unscoped)).toEqual([expect.stringContaining('without a resource scope')]);

    const owner = fresh();
    first(owner, 'Microsoft.Authorization/roleAssignments').properties!.roleDefinitionId =
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]";
    expect(roleProblems(owner)).toEqual([expect.stringContaining('not one of the allowed')]);

    const atSubscription = fresh();
    const rgModule = allResources(atSubscription).find((l) => /rg-reader-/.test(l.resource.name))!.resource;
    delete rgModule.resourceGroup;
    expect(roleProblems(atSubscription).join('\n')).toMatch(/subscription scope/);
  });

  it('outputs: no secrets, keys or connection strings, in main or any module', () => {
    expect(outputProblems(compiledMain())).toEqual([]);
    const outputs = Object.keys(compiledMain().outputs!);
    for (const o of ['alertsFunctionUrl', 'actionGroupResourceId', 'principalId', 'clientId', 'resourceId', 'name']) expect(outputs).toContain(o);
    expect(String(compiledMain().outputs!.alertsFunctionUrl.value)).not.toMatch(/code=|listKeys/i);

    const leaky = fresh();
    leaky.outputs!.storageConnection = { type: 'string', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-05-01').keys[0].value]" };
    expect(outputProblems(leaky)).toEqual([expect.stringContaining('named like a secret'), expect.stringContaining('key or connection string')]);
  });

  it('list* (key) calls appear only in the action group webhook URL, never in app settings', () => {
    expect(listKeysProblems(compiledMain())).toEqual([]);
    expect(listKeysProblems(compiledWiring())).toEqual([]);
    // The provisioning template reads no key at all: a brand-new app may not serve one yet.
    expect(JSON.stringify(compiledMain())).not.toMatch(/\blist[A-Z]\w*\(/);
    expect(JSON.stringify(compiledWiring())).toMatch(/listKeys\(/);
    expect(appSettingSources(compiledMain())).not.toMatch(/\blist[A-Z]\w*\(/);
    const leaky = fresh();
    const site = first(leaky, 'Microsoft.Web/sites');
    site.properties!.siteConfig.appSettings = [{ name: 'AzureWebJobsStorage', value: "[listKeys('x', '2023-05-01').keys[0].value]" }];
    expect(listKeysProblems(leaky)).toEqual([expect.stringContaining('Microsoft.Web/sites')]);
  });

  it('pins an API version on every resource', () => {
    expect(apiVersionProblems(compiledMain())).toEqual([]);
  });

  it('log alert rules use scheduledQueryRules 2023-03-15-preview or later, kind LogAlert, split by app and revision, with the action group', () => {
    expect(ofType(compiledMain(), 'Microsoft.Insights/scheduledQueryRules')).toHaveLength(0);
    const rules = ofType(compiledWiring(), 'Microsoft.Insights/scheduledQueryRules');
    expect(rules).toHaveLength(1); // one resource in a copy loop over the two queries
    for (const { resource } of rules) {
      expect(resource.apiVersion! >= '2023-03-15').toBe(true);
      expect(resource.kind).toBe('LogAlert');
      const cond = resource.properties!.criteria.allOf[0];
      expect(cond.dimensions).toEqual([
        { name: 'ContainerAppName', operator: 'Include', values: ['*'] },
        { name: 'RevisionName', operator: 'Include', values: ['*'] },
      ]);
      expect(resource.properties!.actions.actionGroups).toEqual(["[parameters('actionGroupResourceId')]"]);
      expect(resource.properties!.scopes).toEqual(["[parameters('workspaceResourceId')]"]);
    }
  });
});
