metadata description = 'An action group whose webhook receiver calls the enricher\'s alerts function with the common alert schema, optionally as an Entra-secured webhook.'

@description('Required. Name of the action group.')
param name string

@description('Optional. Tags for the action group.')
param tags object = {}

@description('Required. Short name shown in SMS and e-mail (at most 12 characters).')
@maxLength(12)
param groupShortName string

@description('Required. Name of the function app (same resource group) that hosts the alerts function.')
param functionAppName string

@description('Optional. Route of the HTTP function that takes alerts.')
param alertsRoute string = 'api/alerts'

@description('Optional. Send the webhook as a secure webhook: Azure Monitor attaches an Entra token issued to the app registration below.')
param useAadAuth bool = false

@description('Optional. Object id of the app registration the secure webhook gets tokens for. Required when useAadAuth is true.')
param aadObjectId string = ''

@description('Optional. Application ID URI of that app registration (the token audience). Required when useAadAuth is true.')
param aadIdentifierUri string = ''

@description('Optional. Tenant of that app registration.')
param aadTenantId string = tenant().tenantId

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// Bicep has no type for sites/host, so the host keys are listed by id. The alerts function has authLevel "function", so the host wants a key in the URL. The key is read at
// deploy time and lands only in the action group's receiver (which is how Azure Monitor stores webhook
// credentials); it is never an output. In secure webhook mode the key stays too: the bearer token is then
// checked by the app on top of the host's key check.
var serviceUri = 'https://${site.properties.defaultHostName}/${alertsRoute}?code=${listKeys('${site.id}/host/default', site.apiVersion).functionKeys.default}'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: name
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: groupShortName
    enabled: true
    webhookReceivers: [
      {
        name: 'aca-alert-enricher'
        serviceUri: serviceUri
        useCommonAlertSchema: true
        useAadAuth: useAadAuth
        objectId: useAadAuth ? aadObjectId : null
        identifierUri: useAadAuth ? aadIdentifierUri : null
        tenantId: useAadAuth ? aadTenantId : null
      }
    ]
  }
}

@description('Resource id of the action group.')
output resourceId string = actionGroup.id

@description('Name of the action group.')
output name string = actionGroup.name
