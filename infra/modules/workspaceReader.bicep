metadata description = 'Log Analytics Reader for one principal on one existing workspace. Deploy it at the resource group that holds the workspace, which may differ from the enricher\'s own.'

@description('Required. Name of the existing Log Analytics workspace (in the resource group this module is deployed to).')
param workspaceName string

@description('Required. Principal id that may query the workspace.')
param principalId string

@description('Required. Resource id of that identity; seeds the role assignment names so they are known before deployment.')
param principalResourceId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

// Log Analytics Reader lets the app run queries; it cannot change the workspace or read its shared keys.
resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalResourceId, '73c42c96-874c-492b-b04d-ab87d138a893')
  scope: workspace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '73c42c96-874c-492b-b04d-ab87d138a893')
  }
}

@description('Resource id of the role assignment.')
output resourceId string = reader.id

@description('Customer id (GUID) of the workspace, used by the Log Analytics query API.')
output customerId string = workspace.properties.customerId

@description('Region of the workspace; log alert rules on it are created in the same region.')
output location string = workspace.location
