metadata description = 'The alert side of the enricher: the action group that calls the alerts function and the two log search alert rules. Deployed after the code (azd postdeploy hook, infra/scripts/wire-alerts.sh), when the function host is running and its key can be read.'

targetScope = 'resourceGroup'

@description('Required. Name of the function app (this resource group) that hosts the alerts function.')
param functionAppName string

@description('Required. Name of the action group.')
param actionGroupName string

@description('Optional. Short name of the action group (at most 12 characters).')
@maxLength(12)
param actionGroupShortName string = 'acaenricher'

@description('Required. Prefix of the alert rule names.')
param alertRulePrefix string

@description('Required. Resource id of the workspace the Container Apps environment logs to.')
param workspaceResourceId string

@description('Required. Region of that workspace (the alert rules live there).')
param workspaceLocation string

@description('Optional. Tags for the action group and the rules.')
param tags object = {}

@description('Optional. Severity of the alert rules (0 critical to 4 verbose).')
@minValue(0)
@maxValue(4)
param alertSeverity int = 2

@description('Optional. Send alerts as an Entra-secured webhook.')
param useSecureWebhook bool = false

@description('Optional. Object id of the app registration for the secure webhook.')
param secureWebhookObjectId string = ''

@description('Optional. Application ID URI of that app registration (the token audience).')
param secureWebhookIdentifierUri string = ''

@description('Optional. Tenant of that app registration.')
param secureWebhookTenantId string = tenant().tenantId

module actionGroup 'modules/actionGroup.bicep' = {
  name: 'action-group'
  params: {
    name: actionGroupName
    tags: tags
    groupShortName: actionGroupShortName
    functionAppName: functionAppName
    useAadAuth: useSecureWebhook
    aadObjectId: secureWebhookObjectId
    aadIdentifierUri: secureWebhookIdentifierUri
    aadTenantId: secureWebhookTenantId
  }
}

module alertRules 'modules/alertRules.bicep' = {
  name: 'alert-rules'
  params: {
    namePrefix: alertRulePrefix
    location: workspaceLocation
    tags: tags
    workspaceResourceId: workspaceResourceId
    actionGroupResourceId: actionGroup.outputs.resourceId
    severity: alertSeverity
  }
}

@description('Resource id of the action group.')
output actionGroupResourceId string = actionGroup.outputs.resourceId

@description('Resource ids of the log search alert rules.')
output alertRuleResourceIds array = alertRules.outputs.resourceIds
