metadata description = 'Application Insights for the function app, on its own Log Analytics workspace or an existing one, with local (key) ingestion turned off so only Entra-authenticated telemetry is accepted.'

@description('Required. Name of the Application Insights component.')
param name string

@description('Optional. Region of the resources.')
param location string = resourceGroup().location

@description('Optional. Tags for the resources.')
param tags object = {}

@description('Optional. Resource id of an existing Log Analytics workspace for the telemetry. Empty creates a workspace named workspaceName.')
param existingWorkspaceResourceId string = ''

@description('Optional. Name of the workspace to create when no existing one is given.')
param workspaceName string = '${name}-law'

@description('Optional. Days the created workspace keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Required. Principal id of the identity that publishes telemetry (gets Monitoring Metrics Publisher on the component).')
param principalId string

@description('Required. Resource id of that identity; seeds the role assignment names so they are known before deployment.')
param principalResourceId string

var createWorkspace = empty(existingWorkspaceResourceId)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (createWorkspace) {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: { enableLogAccessUsingOnlyResourcePermissions: true }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: name
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: createWorkspace ? workspace.id : existingWorkspaceResourceId
    // With local auth off the instrumentation key in the connection string is not enough to send data:
    // the app must present an Entra token, which it gets from its managed identity.
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

// Monitoring Metrics Publisher, scoped to this component only.
resource publisherRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalResourceId, '3913510d-42f4-4e42-8a64-420c390055eb')
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
  }
}

@description('Resource id of the Application Insights component.')
output resourceId string = appInsights.id

@description('Name of the Application Insights component.')
output name string = appInsights.name

@description('Resource id of the workspace behind the component.')
output workspaceResourceId string = createWorkspace ? workspace.id : existingWorkspaceResourceId
