metadata description = 'The function app storage account: no shared keys, TLS 1.2, HTTPS only, with the deployment container, the queues and the dedupe table, and the data roles the app identity needs on it.'

@description('Required. Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags for the account.')
param tags object = {}

@description('Required. Principal id of the identity that gets the data roles.')
param principalId string

@description('Required. Resource id of that identity; seeds the role assignment names so they are known before deployment.')
param principalResourceId string

@description('Required. Blob container that Flex Consumption deploys the app package into.')
param deploymentContainerName string

@description('Required. Queues to create (the host creates poison queues on demand, creating them here keeps the role scope honest).')
param queueNames array

@description('Required. Tables to create.')
param tableNames array

@description('Optional. Redundancy of the account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'])
param skuName string = 'Standard_LRS'

// Built-in role definition ids. Owner on blobs (not Contributor) because the Functions host also manages
// blob leases and the secrets container, and Flex Consumption reads the package with this identity.
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    // Identity only: no account keys, no SAS signed with them, so there is no connection string to leak.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      // Flex Consumption without a virtual network reaches storage over the public endpoint.
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// Each assignment is scoped to this account: the identity can touch nothing else in the subscription.
resource dataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(account.id, principalResourceId, role.value)
    scope: account
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

@description('Resource id of the storage account.')
output resourceId string = account.id

@description('Name of the storage account.')
output name string = account.name

@description('Blob endpoint of the account, e.g. https://name.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Name of the deployment container.')
output deploymentContainerName string = deploymentContainer.name

@description('Names of the queues created.')
output queueNames array = [for (q, i) in queueNames: queues[i].name]

@description('Names of the tables created.')
output tableNames array = [for (t, i) in tableNames: tables[i].name]
