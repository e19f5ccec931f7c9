metadata description = 'The user-assigned managed identity the function app runs as (it becomes AZURE_CLIENT_ID).'

@description('Required. Name of the identity.')
param name string

@description('Optional. Region of the identity.')
param location string = resourceGroup().location

@description('Optional. Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output resourceId string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Object (principal) id of the identity, used by role assignments.')
output principalId string = identity.properties.principalId

@description('Client (application) id of the identity, given to the app as AZURE_CLIENT_ID.')
output clientId string = identity.properties.clientId
