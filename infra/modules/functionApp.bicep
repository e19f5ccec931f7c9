metadata description = 'The enricher\'s function app on the Flex Consumption plan (Linux, Node), running as a user-assigned identity, with identity-based storage and telemetry and no publishing credentials.'

@description('Required. Name of the function app (also the first label of its host name).')
param name string

@description('Optional. Region of the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags for the plan and the app. The app also gets azd-service-name so `azd deploy` finds it.')
param tags object = {}

@description('Optional. Name of the Flex Consumption plan.')
param planName string = '${name}-plan'

@description('Required. Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Required. Client id of that identity.')
param identityClientId string

@description('Required. Name of the storage account (same resource group) used by the host and the app.')
param storageAccountName string

@description('Required. Blob container the deployment package goes to.')
param deploymentContainerName string

@description('Required. Name of the Application Insights component (same resource group).')
param applicationInsightsName string

@description('Optional. Node.js major version (20 is out of support).')
@allowed(['22', '24'])
param nodeVersion string = '22'

@description('Optional. Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Optional. Most instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. Tries the host gives a queue message before moving it to <queue>-poison. The host and the app read this one setting.')
@minValue(1)
@maxValue(100)
param maxDequeueCount int = 5

@description('Optional. App settings added after the platform ones, as { NAME: value }. Values may be Key Vault references; never put a secret in clear text here.')
param appSettings object = {}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

// Settings the platform needs. Storage and telemetry both authenticate with the user-assigned identity, so
// none of them carries a key. Flex Consumption takes runtime and version from functionAppConfig, not from
// FUNCTIONS_WORKER_RUNTIME or WEBSITE_NODE_DEFAULT_VERSION, which it rejects.
var platformSettings = {
  // Service URLs as the account reports them (primaryEndpoints), so the host and the app reach the right
  // cloud's storage without either making up a host name from the account name.
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // host.json's extensions.queues.maxDequeueCount, as an app setting both the host and the app read.
  AzureFunctionsJobHost__extensions__queues__maxDequeueCount: string(maxDequeueCount)
  // Read from the component's properties (not listKeys). With local auth off on the component it only says
  // where to send telemetry; the authentication string below makes the SDK get a token from the identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CLIENT_ID: identityClientId
  // Exactly the managed identity above for Log Analytics, ARM, Tables and Queues: no credential chain.
  AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential'
  // The alerts function answers 202 and enriches from the queue, inside the action group's ~10 s window.
  ALERT_INTAKE: 'queue'
}

var allSettings = union(platformSettings, appSettings)

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityResourceId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references resolve with this identity (the default would be a system identity, which the app has not).
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(allSettings), setting => { name: setting.key, value: setting.value })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
  }
}

// Basic (user name and password) publishing is off for both FTP and the SCM site: deployments go through
// Entra-authenticated calls (azd, az functionapp deployment) only.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

@description('Resource id of the function app.')
output resourceId string = site.id

@description('Name of the function app.')
output name string = site.name

@description('Default host name of the function app, e.g. name.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Resource id of the Flex Consumption plan.')
output planResourceId string = plan.id
