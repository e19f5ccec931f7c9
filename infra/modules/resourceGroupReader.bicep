metadata description = 'Reader for one principal on the resource group this module is deployed to, so the app can read the configuration of the container apps in it (never their secrets\' values, which Reader cannot list).'

@description('Required. Principal id that may read the resource group.')
param principalId string

@description('Required. Resource id of that identity; seeds the role assignment names so they are known before deployment.')
param principalResourceId string

// A role assignment without a scope property applies to the deployment's target, which here is the resource
// group that holds the container apps: the narrowest scope that still covers every app in it.
resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalResourceId, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  }
}

@description('Resource id of the role assignment.')
output resourceId string = reader.id

@description('Resource id of the resource group the role applies to.')
output scope string = resourceGroup().id
