// Log Analytics workspace + workspace-based Application Insights for the function app.
// Both bill by ingestion, so an idle app costs (close to) nothing here as well.

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object

@description('Days Log Analytics keeps data (30 is included in the PerGB2018 price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Optional daily ingestion cap in GB; -1 means no cap. A cap protects the bill from a log storm (e.g. a reconcile loop), at the cost of losing logs once reached.')
param dailyQuotaGb int = -1

@description('Disable instrumentation-key (local) auth so only Entra-authenticated telemetry is accepted. The function app module then sets APPLICATIONINSIGHTS_AUTHENTICATION_STRING and grants Monitoring Metrics Publisher.')
param disableLocalAuth bool = true

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: disableLocalAuth
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

output logAnalyticsId string = workspace.id
output appInsightsName string = appInsights.name
output appInsightsId string = appInsights.id
