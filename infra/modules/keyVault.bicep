metadata description = 'Key Vault in RBAC mode that holds the webhook URLs (they carry tokens), read by the app through Key Vault references.'

@description('Required. Name of the vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Region of the vault.')
param location string = resourceGroup().location

@description('Optional. Tags for the vault.')
param tags object = {}

@description('Required. Principal id of the identity that reads secrets (gets Key Vault Secrets User on this vault).')
param principalId string

@description('Required. Resource id of that identity; seeds the role assignment names so they are known before deployment.')
param principalResourceId string

@description('Optional. Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional. Turn on purge protection. It cannot be turned off again, and the vault name stays taken for the retention period after deletion.')
param enablePurgeProtection bool = true

@description('Optional. Secrets to create, as { name: value }. Pass it as a secure object; values never appear in outputs.')
@secure()
param secrets object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    // Azure RBAC instead of access policies, so access is granted by role assignments like everything else.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects an explicit false, so leave the property out when purge protection is not wanted.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secretValues 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secrets): {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

// Key Vault Secrets User: read secret values, nothing else, on this vault only.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalResourceId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
  }
}

@description('Resource id of the vault.')
output resourceId string = vault.id

@description('Name of the vault.')
output name string = vault.name

@description('Base URI of the vault, e.g. https://name.vault.azure.net/.')
output uri string = vault.properties.vaultUri
