metadata description = 'Log search alert rules (v2) on the Container Apps workspace: one for back-off restarts, one for container exits, each firing once per app and revision.'

@description('Required. Prefix for the rule names.')
param namePrefix string

@description('Required. Region of the rules; use the workspace\'s region.')
param location string

@description('Optional. Tags for the rules.')
param tags object = {}

@description('Required. Resource id of the Log Analytics workspace the Container Apps environment writes to.')
param workspaceResourceId string

@description('Required. Resource id of the action group to notify.')
param actionGroupResourceId string

@description('Optional. Severity of the alerts (0 critical to 4 verbose).')
@minValue(0)
@maxValue(4)
param severity int = 2

@description('Optional. How often the rules run (ISO 8601 duration).')
param evaluationFrequency string = 'PT5M'

@description('Optional. How far back each run looks (ISO 8601 duration). Wider than the frequency so late-ingested rows are still seen.')
param windowSize string = 'PT10M'

@description('Optional. Quiet time after an alert fires for the same app and revision, so a crash loop does not page every five minutes.')
param muteActionsDuration string = 'PT30M'

@description('Optional. Skip the service\'s query check at creation. Needed while the workspace has neither Container Apps table yet (a new environment).')
param skipQueryValidation bool = true

// The queries are kept as .kql files so that tests can validate them with the Kusto parser; loadTextContent
// inlines them when the template is compiled.
var rules = [
  {
    suffix: 'backoff'
    displayName: 'Container app back-off restarts'
    description: 'A container keeps failing to start and the platform is backing off between restarts. The enricher explains why.'
    query: loadTextContent('../queries/backoff-restarts.kql')
  }
  {
    suffix: 'exits'
    displayName: 'Container app container exits'
    description: 'A container stopped with a non-zero exit code (or none, e.g. an image pull failure). The enricher explains why.'
    query: loadTextContent('../queries/container-exits.kql')
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.suffix}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: severity
      enabled: true
      evaluationFrequency: evaluationFrequency
      windowSize: windowSize
      scopes: [workspaceResourceId]
      skipQueryValidation: skipQueryValidation
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            // One alert per app and revision, so each crashing app is diagnosed on its own.
            dimensions: [
              { name: 'ContainerAppName', operator: 'Include', values: ['*'] }
              { name: 'RevisionName', operator: 'Include', values: ['*'] }
            ]
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // Stateless: every firing is a new crash to explain; muting keeps a loop from repeating itself.
      autoMitigate: false
      muteActionsDuration: muteActionsDuration
      actions: {
        actionGroups: [actionGroupResourceId]
        customProperties: {
          source: 'aca-alert-enricher'
          signal: rule.suffix
        }
      }
    }
  }
]

@description('Resource ids of the alert rules.')
output resourceIds array = [for (rule, i) in rules: alertRules[i].id]

@description('Names of the alert rules.')
output names array = [for (rule, i) in rules: alertRules[i].name]
