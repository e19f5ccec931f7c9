/**
 * Walks a compiled ARM template (including the nested deployments Bicep makes of modules) and checks the
 * properties that matter for safety. Each check returns a list of problems, so a test can show that the
 * real template has none and that a deliberately broken copy is caught.
 */
import type { ArmResource, ArmTemplate } from './bicep';

/** A resource together with the chain of module deployments it sits in. */
export interface Located {
  resource: ArmResource;
  template: ArmTemplate;
  /** Names of the enclosing module deployments, outermost first. */
  path: string[];
  /** The deployment resource that holds this template (undefined for the top level). */
  deployment?: ArmResource;
}

function resourceList(t: ArmTemplate): ArmResource[] {
  return Array.isArray(t.resources) ? t.resources : Object.values(t.resources ?? {});
}

/** Every resource in the template and in every nested deployment, depth first. */
export function allResources(t: ArmTemplate, path: string[] = [], deployment?: ArmResource): Located[] {
  const out: Located[] = [];
  for (const r of resourceList(t)) {
    out.push({ resource: r, template: t, path, deployment });
    const inner = r.type === 'Microsoft.Resources/deployments' ? (r.properties?.template as ArmTemplate | undefined) : undefined;
    if (inner) out.push(...allResources(inner, [...path, r.name], r));
  }
  return out;
}

/** Every template: the top level and each module's. */
export function allTemplates(t: ArmTemplate, path: string[] = []): { template: ArmTemplate; path: string[] }[] {
  const out = [{ template: t, path }];
  for (const r of resourceList(t)) {
    const inner = r.type === 'Microsoft.Resources/deployments' ? (r.properties?.template as ArmTemplate | undefined) : undefined;
    if (inner) out.push(...allTemplates(inner, [...path, r.name]));
  }
  return out;
}

export const ofType = (t: ArmTemplate, type: string): Located[] =>
  allResources(t).filter((l) => l.resource.type.toLowerCase() === type.toLowerCase() && !l.resource.existing);

const where = (l: Located): string => `${[...l.path, l.resource.name].join(' > ')} (${l.resource.type})`;

/** Built-in roles the template may grant, and nothing else (no Owner, no Contributor, no User Access Administrator). */
export const ALLOWED_ROLES: Record<string, string> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': 'Storage Queue Data Contributor',
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': 'Storage Table Data Contributor',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
  '3913510d-42f4-4e42-8a64-420c390055eb': 'Monitoring Metrics Publisher',
  '73c42c96-874c-492b-b04d-ab87d138a893': 'Log Analytics Reader',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
};

/** The one module that grants at resource-group scope: Reader on the groups holding the container apps. */
export const RESOURCE_GROUP_SCOPED_MODULE = /rg-reader-/;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

export function storageProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  const accounts = ofType(t, 'Microsoft.Storage/storageAccounts');
  if (accounts.length === 0) problems.push('no storage account');
  for (const l of accounts) {
    const p = l.resource.properties ?? {};
    if (p.allowSharedKeyAccess !== false) problems.push(`${where(l)}: allowSharedKeyAccess must be false`);
    if (p.minimumTlsVersion !== 'TLS1_2') problems.push(`${where(l)}: minimumTlsVersion must be TLS1_2`);
    if (p.supportsHttpsTrafficOnly !== true) problems.push(`${where(l)}: supportsHttpsTrafficOnly must be true`);
    if (p.allowBlobPublicAccess !== false) problems.push(`${where(l)}: allowBlobPublicAccess must be false`);
  }
  for (const l of ofType(t, 'Microsoft.Storage/storageAccounts/blobServices/containers')) {
    const access = l.resource.properties?.publicAccess;
    if (access !== undefined && access !== 'None') problems.push(`${where(l)}: publicAccess must be None`);
  }
  return problems;
}

export function functionAppProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  const sites = ofType(t, 'Microsoft.Web/sites');
  if (sites.length === 0) problems.push('no function app');
  for (const l of sites) {
    const p = l.resource.properties ?? {};
    if (p.httpsOnly !== true) problems.push(`${where(l)}: httpsOnly must be true`);
    if (p.siteConfig?.minTlsVersion !== '1.2') problems.push(`${where(l)}: siteConfig.minTlsVersion must be 1.2`);
    if (p.siteConfig?.ftpsState !== 'Disabled') problems.push(`${where(l)}: siteConfig.ftpsState must be Disabled`);
    if (l.resource.identity === undefined || !String((l.resource.identity as { type?: string }).type).includes('UserAssigned')) {
      problems.push(`${where(l)}: must run as a user-assigned identity`);
    }
    const storageAuth = p.functionAppConfig?.deployment?.storage?.authentication?.type;
    if (storageAuth !== 'UserAssignedIdentity') problems.push(`${where(l)}: deployment storage must authenticate with the user-assigned identity`);
    const policies = ofType(t, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies').filter((x) => x.template === l.template);
    for (const kind of ['ftp', 'scm']) {
      const policy = policies.find((x) => new RegExp(`('${kind}'\\)\\]|/${kind})$`).test(x.resource.name));
      if (!policy) problems.push(`${where(l)}: no ${kind} basicPublishingCredentialsPolicies`);
      else if (policy.resource.properties?.allow !== false) problems.push(`${where(policy)}: allow must be false`);
    }
  }
  for (const l of ofType(t, 'Microsoft.Web/serverfarms')) {
    const sku = l.resource.sku as { name?: string; tier?: string } | undefined;
    if (sku?.name !== 'FC1' || sku?.tier !== 'FlexConsumption') problems.push(`${where(l)}: plan must be Flex Consumption (FC1)`);
  }
  return problems;
}

export function keyVaultProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  const vaults = ofType(t, 'Microsoft.KeyVault/vaults');
  if (vaults.length === 0) problems.push('no key vault');
  for (const l of vaults) {
    const p = l.resource.properties ?? {};
    if (p.enableRbacAuthorization !== true) problems.push(`${where(l)}: enableRbacAuthorization must be true`);
    if (p.enableSoftDelete !== true) problems.push(`${where(l)}: enableSoftDelete must be true`);
    if (p.accessPolicies !== undefined && (p.accessPolicies as unknown[]).length > 0) problems.push(`${where(l)}: access policies must not be used`);
  }
  return problems;
}

export function actionGroupProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  const groups = ofType(t, 'Microsoft.Insights/actionGroups');
  if (groups.length === 0) problems.push('no action group');
  for (const l of groups) {
    if (l.resource.location !== 'Global') problems.push(`${where(l)}: location must be Global`);
    const receivers: Record<string, unknown>[] = l.resource.properties?.webhookReceivers ?? [];
    if (receivers.length === 0) problems.push(`${where(l)}: no webhook receiver`);
    for (const r of receivers) {
      if (r.useCommonAlertSchema !== true) problems.push(`${where(l)}: webhook ${String(r.name)} must set useCommonAlertSchema: true`);
    }
    for (const kind of ['azureFunctionReceivers', 'logicAppReceivers', 'automationRunbookReceivers']) {
      for (const r of (l.resource.properties?.[kind] ?? []) as Record<string, unknown>[]) {
        if (r.useCommonAlertSchema !== true) problems.push(`${where(l)}: ${kind} ${String(r.name)} must set useCommonAlertSchema: true`);
      }
    }
  }
  return problems;
}

/**
 * Roles: only the allowed built-ins; each assignment scoped to a resource through its `scope` property,
 * except the Reader module, which is deployed at (and so scoped to) one resource group; nothing at
 * subscription scope, whether by a subscription-level template or a deployment aimed at a subscription.
 */
export function roleProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  for (const { template, path } of allTemplates(t)) {
    if (/subscriptionDeploymentTemplate|managementGroupDeploymentTemplate|tenantDeploymentTemplate/.test(template.$schema ?? '')) {
      problems.push(`${path.join(' > ') || 'main'}: template is not resource-group scoped`);
    }
  }
  for (const l of allResources(t)) {
    const r = l.resource;
    if (r.type === 'Microsoft.Resources/deployments' && r.subscriptionId !== undefined && r.resourceGroup === undefined) {
      problems.push(`${where(l)}: module deployed at subscription scope`);
    }
  }
  const assignments = ofType(t, 'Microsoft.Authorization/roleAssignments');
  if (assignments.length === 0) problems.push('no role assignments');
  for (const l of assignments) {
    const r = l.resource;
    const roleDef = String(r.properties?.roleDefinitionId ?? '');
    // A loop over a variable of role ids compiles to variables('name'); check every id in that variable.
    const fromVariable = /variables\('([^']+)'\)/.exec(roleDef);
    const roleText = fromVariable ? JSON.stringify(l.template.variables?.[fromVariable[1]] ?? '') : roleDef;
    const roleIds = roleText.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
    const notAllowed = roleIds.filter((id) => !(id.toLowerCase() in ALLOWED_ROLES));
    if (roleIds.length === 0 || notAllowed.length > 0) {
      problems.push(`${where(l)}: role ${roleDef} is not one of the allowed built-in roles`);
    }
    const roleId = roleIds.length === 1 ? roleIds[0].toLowerCase() : undefined;
    const moduleName = l.path[l.path.length - 1] ?? '';
    if (r.scope !== undefined) {
      // A resource scope reads like resourceId('Microsoft.X/y', ...) or a symbolic reference to one.
      if (!/resourceId\('Microsoft\.|^\[extensionResourceId|^\[format\('Microsoft\./.test(r.scope) && !/^[A-Za-z]\w*$/.test(r.scope)) {
        problems.push(`${where(l)}: scope ${r.scope} is not a resource`);
      }
      if (/subscription\(\)\.id|'\/subscriptions\/[^/']*'\s*\)?\]?$/.test(r.scope)) problems.push(`${where(l)}: scoped to a subscription`);
    } else if (RESOURCE_GROUP_SCOPED_MODULE.test(moduleName) && roleId === READER && l.deployment?.resourceGroup !== undefined) {
      // Reader on a container-app resource group: allowed, documented in docs/deploy.md.
    } else {
      problems.push(`${where(l)}: role assignment without a resource scope`);
    }
  }
  return problems;
}

const SECRETISH_NAME = /(key|secret|password|passwd|pwd|connection|token|sas|credential)/i;
const SECRETISH_VALUE = /\blist[A-Z]\w*\(|ConnectionString|AccountKey=|SharedAccessSignature|primaryKey|secondaryKey|instrumentationKey/i;

/** No output, in main or any module, is named like a secret or computed from a list* call or a connection string. */
export function outputProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  for (const { template, path } of allTemplates(t)) {
    for (const [name, o] of Object.entries(template.outputs ?? {})) {
      const label = `${path.join(' > ') || 'main'} output ${name}`;
      if (SECRETISH_NAME.test(name)) problems.push(`${label}: named like a secret`);
      if (SECRETISH_VALUE.test(JSON.stringify(o.value ?? ''))) problems.push(`${label}: value comes from a key or connection string`);
      if (/securestring|secureobject/i.test(o.type)) problems.push(`${label}: secure type in an output`);
    }
  }
  return problems;
}

/**
 * list* calls (which return keys) may appear in exactly one place: the action group's webhook URL, which
 * carries the alerts function key as Azure Monitor requires (documented in docs/deploy.md). Nowhere else:
 * not in app settings, not in variables, not in module parameters.
 */
export function listKeysProblems(t: ArmTemplate): string[] {
  const problems: string[] = [];
  const LIST = /\blist[A-Z]\w*\(/;
  const scan = (value: unknown, label: string): void => {
    const text = JSON.stringify(value ?? null);
    if (LIST.test(text)) problems.push(`${label}: uses a list* function`);
  };
  for (const { template, path } of allTemplates(t)) {
    const label = path.join(' > ') || 'main';
    scan(template.variables, `${label} variables`);
    scan(template.outputs, `${label} outputs`);
  }
  for (const l of allResources(t)) {
    const r = l.resource;
    if (r.type === 'Microsoft.Resources/deployments') {
      scan(r.properties?.parameters, `${where(l)} parameters`);
      continue;
    }
    if (r.type === 'Microsoft.Insights/actionGroups') {
      const { webhookReceivers, ...rest } = r.properties ?? {};
      scan(rest, where(l));
      for (const w of (webhookReceivers ?? []) as Record<string, unknown>[]) {
        const { serviceUri, ...others } = w;
        scan(others, `${where(l)} webhook`);
        void serviceUri;
      }
      continue;
    }
    scan(r, where(l));
  }
  return problems;
}

/**
 * The function app's settings as Bicep compiled them: the site's appSettings expression (Bicep inlines the
 * module's variables into it), the value main passes as the module's appSettings parameter, and the main
 * variables that value refers to. Returned as one string for the checks to search.
 */
export function appSettingSources(t: ArmTemplate): string {
  const parts: unknown[] = [];
  for (const l of allResources(t)) {
    if (l.resource.type === 'Microsoft.Web/sites') parts.push(l.resource.properties?.siteConfig?.appSettings);
    if (l.resource.type === 'Microsoft.Resources/deployments' && l.resource.name === 'function-app') {
      const passed = l.resource.properties?.parameters?.appSettings;
      parts.push(passed);
      for (const m of JSON.stringify(passed ?? '').matchAll(/variables\('([^']+)'\)/g)) parts.push(l.template.variables?.[m[1]]);
    }
  }
  return JSON.stringify(parts);
}

/** Every API version used is a pinned date (never a floating "latest"). */
export function apiVersionProblems(t: ArmTemplate): string[] {
  return allResources(t)
    .filter((l) => !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(String(l.resource.apiVersion)))
    .map((l) => `${where(l)}: API version ${String(l.resource.apiVersion)} is not pinned`);
}

/**
 * The KQL of every log search alert rule. Bicep compiles the inlined .kql files into variables and the rules
 * into a copy loop over them; only those shapes are resolved, so a query built at deploy time (which this
 * test could not validate) fails the test instead of slipping through.
 */
export function alertRuleQueries(t: ArmTemplate): { rule: string; query: string }[] {
  const out: { rule: string; query: string }[] = [];
  for (const l of ofType(t, 'Microsoft.Insights/scheduledQueryRules')) {
    const vars = l.template.variables ?? {};
    const resolve = (value: unknown): unknown => {
      if (typeof value !== 'string') return value;
      if (value.startsWith('[[')) return value.slice(1);
      if (!value.startsWith('[')) return value;
      const v = /^\[variables\('([^']+)'\)\]$/.exec(value);
      if (v && v[1] in vars) return resolve(vars[v[1]]);
      throw new Error(`alert rule ${l.resource.name}: cannot resolve query expression ${value}`);
    };
    for (const cond of (l.resource.properties?.criteria?.allOf ?? []) as { query?: unknown }[]) {
      const q = cond.query;
      const loop = typeof q === 'string' ? /^\[variables\('([^']+)'\)\[copyIndex\(\)\]\.(\w+)\]$/.exec(q) : null;
      if (loop) {
        const items = resolve(vars[loop[1]]) as Record<string, unknown>[];
        items.forEach((item, i) => out.push({ rule: `${l.resource.name}[${i}]`, query: String(resolve(item[loop[2]])) }));
      } else {
        out.push({ rule: l.resource.name, query: String(resolve(q)) });
      }
    }
  }
  return out;
}
