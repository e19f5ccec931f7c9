metadata name = 'aca-alert-enricher'
metadata description = 'Deploys the Container Apps alert enricher next to an existing Container Apps environment: a Flex Consumption function app with a user-assigned identity, identity-only storage, Application Insights, a Key Vault for webhook URLs, least-privilege roles, and the action group and log search alert rules that send crash alerts to it.'

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------

@description('Required. azd environment name; part of every resource name and of the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Optional. Region for the enricher\'s resources. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Optional. Short base name for the resources (letters, digits, hyphens). A unique suffix is added.')
@maxLength(12)
param name string = 'acaenr'

@description('Optional. Tags added to every resource.')
param tags object = {}

// Kept for parity with Azure Verified Modules. This template is not an AVM module and sends no usage
// telemetry, so the only accepted value is false.
@description('Optional. AVM-style telemetry switch; this template has no telemetry deployment, so it must stay false.')
@allowed([false])
#disable-next-line no-unused-params
param enableTelemetry bool = false

@description('Required. Resource id of the Log Analytics workspace the Container Apps environment sends its logs to (may be in another resource group or subscription).')
@minLength(1)
param containerAppsWorkspaceResourceId string

@description('Optional. Resource groups that hold the container apps to diagnose, comma-separated, each a name (this subscription) or a full resource id. The app gets Reader on each and is limited to them (ALLOWED_SCOPES).')
param containerAppResourceGroups string = ''

@description('Optional. Resource id of an existing workspace for Application Insights. Empty creates a new workspace.')
param applicationInsightsWorkspaceResourceId string = ''

@description('Optional. Log Analytics query endpoint for sovereign clouds (e.g. https://api.loganalytics.azure.cn). Empty uses the app\'s public-cloud default.')
param logAnalyticsEndpoint string = ''

@description('Optional. Node.js major version of the function app (20 is out of support).')
@allowed(['22', '24'])
param nodeVersion string = '22'

@description('Optional. Evidence fetches in flight at once across every instance (each runs 2 Log Analytics queries; the service allows 5 per identity).')
@minValue(1)
@maxValue(2)
param logAnalyticsMaxConcurrentFetches int = 2

@description('Optional. Most instances the Flex Consumption plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Optional. Purge protection on the Key Vault. Once on it cannot be turned off, and `azd down --purge` cannot purge the vault.')
param keyVaultEnablePurgeProtection bool = true

@description('Optional. Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Optional. A webhook URL that gets every diagnosis. Stored as a Key Vault secret and given to the app as a Key Vault reference; empty sets nothing.')
@secure()
param diagnosisWebhookUrl string = ''

@description('Optional. Format of diagnosisWebhookUrl\'s messages.')
@allowed(['json', 'teams', 'slack', 'markdown'])
param diagnosisWebhookFormat string = 'json'

@description('A destination whose URL is a secret already in the Key Vault.')
type destinationType = {
  @description('Short name used in logs and the dedupe key; never the URL.')
  name: string
  @description('Message format.')
  format: ('json' | 'teams' | 'slack' | 'markdown')
  @description('Name of the Key Vault secret that holds the webhook URL.')
  secretName: string
}

@description('Optional. More destinations; each URL is read from the named Key Vault secret through a Key Vault reference.')
param destinations destinationType[] = []

@description('Optional. Create the action group and the log search alert rules. Turn off to wire alerts yourself.')
param deployAlertWiring bool = true

@description('Optional. Short name of the action group (at most 12 characters).')
@maxLength(12)
param actionGroupShortName string = 'acaenricher'

@description('Optional. Severity of the alert rules (0 critical to 4 verbose).')
@minValue(0)
@maxValue(4)
param alertSeverity int = 2

@description('Optional. Send alerts as an Entra-secured webhook and make the app check the token (AUTH_MODE=entra).')
param useSecureWebhook bool = false

@description('Optional. Object id of the app registration for the secure webhook. Required when useSecureWebhook is true.')
param secureWebhookObjectId string = ''

@description('Optional. Application ID URI of that app registration; the token audience. Required when useSecureWebhook is true.')
param secureWebhookIdentifierUri string = ''

@description('Optional. Tenant of that app registration.')
param secureWebhookTenantId string = tenant().tenantId

// ---------------------------------------------------------------------------------------------------------
// Names and derived values
// ---------------------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, { 'azd-env-name': environmentName })

var names = {
  identity: 'id-${name}-${resourceToken}'
  storage: take(toLower('st${replace(name, '-', '')}${resourceToken}'), 24)
  keyVault: take('kv${resourceToken}${replace(name, '-', '')}', 24)
  appInsights: 'appi-${name}-${resourceToken}'
  workspace: 'log-${name}-${resourceToken}'
  functionApp: 'func-${name}-${resourceToken}'
  plan: 'plan-${name}-${resourceToken}'
  actionGroup: 'ag-${name}-${resourceToken}'
  alertRulePrefix: 'alert-${name}-${resourceToken}'
}

// Known before deployment, so role assignment names derived from it are stable and predictable (what-if).
var identityResourceId = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)

// Queue and table names the app uses (ALERTS_QUEUE, OUTBOX_QUEUE, DEDUPE_TABLE). The host adds "-poison"
// queues after five failed attempts; they are created up front so the role scope covers an existing queue.
var storageNames = {
  deploymentContainer: 'app-package'
  alertsQueue: 'alerts'
  outboxQueue: 'outbox'
  dedupeTable: 'deliveries'
}

// The workspace id is /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{name}.
var workspaceIdParts = split(containerAppsWorkspaceResourceId, '/')
var workspaceRef = {
  subscriptionId: workspaceIdParts[2]
  resourceGroupName: workspaceIdParts[4]
  name: last(workspaceIdParts)
}

// Each entry is a resource group name (this subscription) or a full resource group id.
var resourceGroupEntries = filter(map(split(containerAppResourceGroups, ','), entry => trim(entry)), entry => !empty(entry))
var resourceGroupRefs = map(resourceGroupEntries, entry => startsWith(entry, '/')
  ? { subscriptionId: split(entry, '/')[2], resourceGroupName: split(entry, '/')[4] }
  : { subscriptionId: subscription().subscriptionId, resourceGroupName: entry })
var allowedScopes = join(map(resourceGroupRefs, rg => '/subscriptions/${rg.subscriptionId}/resourceGroups/${rg.resourceGroupName}'), ',')

// Destinations point at app settings that hold Key Vault references, so no URL is ever in clear text.
// VaultName/SecretName references work in every cloud (no vault DNS suffix written here).
var destinationIndexes = range(0, length(destinations))
var destinationSettings = empty(destinations)
  ? {}
  : union(
      {
        DESTINATIONS: string(map(destinationIndexes, i => {
          name: destinations[i].name
          urlSetting: 'DESTINATION_${i + 1}_URL'
          format: destinations[i].format
        }))
      },
      toObject(
        destinationIndexes,
        i => 'DESTINATION_${i + 1}_URL',
        i => '@Microsoft.KeyVault(VaultName=${names.keyVault};SecretName=${destinations[i].secretName})'
      )
    )

var diagnosisWebhookSecretName = 'diagnosis-webhook-url'
var diagnosisWebhookSettings = empty(diagnosisWebhookUrl)
  ? {}
  : {
      DIAGNOSIS_WEBHOOK_URL: '@Microsoft.KeyVault(VaultName=${names.keyVault};SecretName=${diagnosisWebhookSecretName})'
      DIAGNOSIS_WEBHOOK_FORMAT: diagnosisWebhookFormat
    }

var authSettings = useSecureWebhook
  ? {
      AUTH_MODE: 'entra'
      AUTH_TENANT_ID: secureWebhookTenantId
      AUTH_AUDIENCE: secureWebhookIdentifierUri
    }
  : { AUTH_MODE: 'function-key' }

// ---------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    principalId: identity.outputs.principalId
    principalResourceId: identityResourceId
    deploymentContainerName: storageNames.deploymentContainer
    queueNames: [
      storageNames.alertsQueue
      '${storageNames.alertsQueue}-poison'
      storageNames.outboxQueue
      '${storageNames.outboxQueue}-poison'
    ]
    tableNames: [storageNames.dedupeTable]
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: names.appInsights
    location: location
    tags: allTags
    existingWorkspaceResourceId: applicationInsightsWorkspaceResourceId
    workspaceName: names.workspace
    principalId: identity.outputs.principalId
    principalResourceId: identityResourceId
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    principalId: identity.outputs.principalId
    principalResourceId: identityResourceId
    enablePurgeProtection: keyVaultEnablePurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    secrets: empty(diagnosisWebhookUrl) ? {} : { '${diagnosisWebhookSecretName}': diagnosisWebhookUrl }
  }
}

// Log Analytics Reader on the Container Apps workspace, deployed where the workspace lives.
module workspaceReader 'modules/workspaceReader.bicep' = {
  name: take('workspace-reader-${resourceToken}', 64)
  scope: resourceGroup(workspaceRef.subscriptionId, workspaceRef.resourceGroupName)
  params: {
    workspaceName: workspaceRef.name
    principalId: identity.outputs.principalId
    principalResourceId: identityResourceId
  }
}

// Reader on each resource group of container apps, one deployment per group at that group's scope.
module resourceGroupReaders 'modules/resourceGroupReader.bicep' = [
  for (rg, i) in resourceGroupRefs: {
    name: take('rg-reader-${i}-${resourceToken}', 64)
    scope: resourceGroup(rg.subscriptionId, rg.resourceGroupName)
    params: {
      principalId: identity.outputs.principalId
      principalResourceId: identityResourceId
    }
  }
]

module functionApp 'modules/functionApp.bicep' = {
  name: 'function-app'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: names.appInsights
    nodeVersion: nodeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: union(
      {
        LOG_ANALYTICS_WORKSPACE_ID: workspaceReader.outputs.customerId
        ARM_ENDPOINT: environment().resourceManager
        ALLOWED_SCOPES: allowedScopes
        ALERTS_QUEUE: storageNames.alertsQueue
        OUTBOX_QUEUE: storageNames.outboxQueue
        DEDUPE_TABLE: storageNames.dedupeTable
        LOG_ANALYTICS_MAX_CONCURRENT_FETCHES: string(logAnalyticsMaxConcurrentFetches)
      },
      empty(logAnalyticsEndpoint) ? {} : { LOG_ANALYTICS_ENDPOINT: logAnalyticsEndpoint },
      authSettings,
      destinationSettings,
      diagnosisWebhookSettings
    )
  }
  // Names are passed as known values (for what-if), so the order is spelled out: the component must exist,
  // and the roles on the vault must be in place before the host starts resolving Key Vault references.
  dependsOn: [
    monitoring
    keyVault
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Outputs (no keys, no connection strings: the function key lives only in the action group)
// ---------------------------------------------------------------------------------------------------------

@description('Resource id of the function app.')
output resourceId string = functionApp.outputs.resourceId

@description('Name of the function app.')
output name string = functionApp.outputs.name

@description('Region of the enricher\'s resources.')
output location string = location

@description('URL of the alerts function, without its key.')
output alertsFunctionUrl string = 'https://${functionApp.outputs.defaultHostName}/api/alerts'

@description('URL of the manual diagnose function, without its key.')
output diagnoseFunctionUrl string = 'https://${functionApp.outputs.defaultHostName}/api/diagnose'

@description('Resource id of the action group that calls the function, once the postdeploy hook has created it (empty when deployAlertWiring is false).')
output actionGroupResourceId string = deployAlertWiring ? resourceId('Microsoft.Insights/actionGroups', names.actionGroup) : ''

@description('Principal (object) id of the app\'s user-assigned identity.')
output principalId string = identity.outputs.principalId

@description('Client id of the app\'s user-assigned identity (AZURE_CLIENT_ID).')
output clientId string = identity.outputs.clientId

@description('Name of the Key Vault that holds the webhook URLs.')
output vaultName string = keyVault.outputs.name

@description('Name of the function app, for azd hooks.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

// The action group reads the host's function key, which a brand-new app may not serve until its code runs.
// So the alert side is a separate template (infra/wiring.bicep) that azd's postdeploy hook deploys with
// these parameters once the code is up. Nothing secret here: names, ids and switches.
@description('Parameters of infra/wiring.bicep as JSON, or empty when deployAlertWiring is false (read by infra/scripts/wire-alerts.sh).')
output ALERT_WIRING_PARAMETERS string = deployAlertWiring
  ? string({
      functionAppName: functionApp.outputs.name
      actionGroupName: names.actionGroup
      actionGroupShortName: actionGroupShortName
      alertRulePrefix: names.alertRulePrefix
      workspaceResourceId: containerAppsWorkspaceResourceId
      workspaceLocation: workspaceReader.outputs.location
      tags: allTags
      alertSeverity: alertSeverity
      useSecureWebhook: useSecureWebhook
      secureWebhookObjectId: secureWebhookObjectId
      secureWebhookIdentifierUri: secureWebhookIdentifierUri
      secureWebhookTenantId: secureWebhookTenantId
    })
  : ''
