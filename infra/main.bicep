// GitOps Functions: Azure infrastructure (resource-group scope).
//
//   storage     StorageV2 account: host storage + the app's queues, tables and blob containers,
//               + the Flex Consumption deployment container (Entra ID auth only, no keys)
//   monitoring  Log Analytics workspace + workspace-based Application Insights
//   functionapp Flex Consumption (FC1) plan + .NET isolated function app with a system-assigned
//               identity and its storage / Application Insights role assignments
//   keyvault    Key Vault (RBAC, soft delete, purge protection) for source tokens and
//               kubeconfigs; the app identity gets Key Vault Secrets User
//
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
// (see infra/README.md for the full sequence).

targetScope = 'resourceGroup'

@description('Short name prefix for every resource (2-11 chars, lowercase letters, digits and single hyphens; must start with a letter).')
@minLength(2)
@maxLength(11)
param namePrefix string = 'gitops'

@description('Azure region for all resources. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Environment name: used in resource names and the `environment` tag.')
@allowed([
  'dev'
  'test'
  'staging'
  'prod'
])
param environmentName string = 'dev'

@description('Extra tags merged into the standard ones (application, environment, managed-by).')
param extraTags object = {}

@description('.NET isolated worker version for the Flex Consumption runtime.')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param dotnetVersion string = '10.0'

@description('Maximum instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days Log Analytics retains data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days before drift reports are deleted by a lifecycle rule (0 = keep forever).')
@minValue(0)
param driftReportRetentionDays int = 90

@description('App setting name -> Key Vault secret name, e.g. { GITLAB_TOKEN: \'gitlab-token\', KUBECONFIG_PROD: \'kubeconfig-prod\' }. Each becomes a Key Vault reference app setting. Setting names must match tokenSetting / kubeconfigSetting in the registry file.')
param keyVaultReferences object = {}

@description('Further non-secret app settings, name -> value.')
param extraAppSettings object = {}

@description('Optional object id of the person, group or CI principal operating GitOps (registry apply, status, setting secrets). Gets storage data roles and Key Vault Secrets Officer. Empty grants nothing.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

// ---------------------------------------------------------------------------------------------
// Naming: <abbreviation>-<prefix>-<env>-<token>, where token = uniqueString(subscription, RG,
// prefix, env): deterministic (redeploys hit the same resources) and globally unique enough for
// the names that need it (storage account, key vault, function app host name).
// ---------------------------------------------------------------------------------------------
var token = uniqueString(subscription().id, resourceGroup().id, namePrefix, environmentName)
var compactPrefix = replace(toLower(namePrefix), '-', '')
var baseName = '${toLower(namePrefix)}-${environmentName}'

// Storage: 3-24 lowercase alphanumerics. 'st' + prefix (<= 11) + env initial + token (13).
var storageAccountName = take('st${compactPrefix}${take(environmentName, 1)}${token}', 24)
// Key Vault: 3-24 chars, letter first, no trailing hyphen. The token fills the remaining space.
var keyVaultName = take('kv-${compactPrefix}-${token}', 24)
var functionAppName = 'func-${baseName}-${token}'
var planName = 'asp-${baseName}-${token}'
var logAnalyticsName = 'log-${baseName}-${token}'
var appInsightsName = 'appi-${baseName}-${token}'
var deploymentContainerName = 'deployments'

var tags = union(
  {
    application: 'gitops-functions'
    environment: environmentName
    'managed-by': 'bicep'
  },
  extraTags
)

module storage 'modules/storage.bicep' = {
  name: 'gitops-storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    driftReportRetentionDays: driftReportRetentionDays
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'gitops-monitoring'
  params: {
    logAnalyticsName: logAnalyticsName
    appInsightsName: appInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    disableLocalAuth: true
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'gitops-functionapp'
  params: {
    name: functionAppName
    planName: planName
    location: location
    tags: tags
    // Module outputs (not the plain names) so the app waits for the account, its containers
    // and the Application Insights component.
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    appInsightsEntraAuth: true
    keyVaultName: keyVaultName
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    keyVaultReferences: keyVaultReferences
    extraAppSettings: extraAppSettings
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'gitops-keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    functionAppPrincipalId: functionApp.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output functionAppPrincipalId string = functionApp.outputs.principalId
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output appInsightsName string = monitoring.outputs.appInsightsName
