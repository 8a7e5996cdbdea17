// Flex Consumption plan + the GitOps Functions app (.NET isolated worker, Linux), with a
// system-assigned managed identity and the data-plane roles that identity needs on storage
// and Application Insights. Key Vault access is granted in keyvault.bicep.
//
// Flex Consumption notes (what differs from the classic Consumption/Premium templates):
// - Runtime stack, version and scale live in properties.functionAppConfig (Microsoft.Web
//   API 2023-12-01 and later), not in app settings. FUNCTIONS_WORKER_RUNTIME,
//   FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENTSHARE and
//   WEBSITE_CONTENTAZUREFILECONNECTIONSTRING are not supported on Flex and are deliberately
//   absent (no Azure Files content share either).
// - The deployment package is read from a blob container (the `deployments` container in
//   our storage account) using the app's managed identity.
// - FC1 scales to zero: with no alwaysReady instances configured, an idle app bills nothing
//   for compute. Timers (CommitPoller, DriftScheduler) and queue triggers wake it up.

@description('Function app (site) name; becomes <name>.azurewebsites.net, so globally unique.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region (must offer Flex Consumption: `az functionapp list-flexconsumption-locations`).')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Name of the storage account created by storage.bicep (same resource group).')
param storageAccountName string

@description('Blob container in that account that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights component name (same resource group).')
param appInsightsName string

@description('True when the Application Insights component has local auth disabled: the host then sends telemetry with its managed identity.')
param appInsightsEntraAuth bool = true

@description('Key Vault name (created by keyvault.bicep) that keyVaultReferences refer to.')
param keyVaultName string

@description('.NET isolated worker version. Flex Consumption documents dotnet-isolated 8.0, 9.0 and 10.0.')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param dotnetVersion string = '10.0'

@description('Upper bound on instances the platform may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB (Flex Consumption instance sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('App setting name -> Key Vault secret name. Each becomes @Microsoft.KeyVault(VaultName=<vault>;SecretName=<secret>). Use for source tokens and kubeconfigs.')
param keyVaultReferences object = {}

@description('Further plain (non-secret) app settings, name -> value.')
param extraAppSettings object = {}

@description('CommitPoller schedule (NCRONTAB with seconds). With the GitLab webhook in place, polling is only the safety net.')
param commitPollSchedule string = '0 * * * * *'

@description('HistoryRetention schedule (NCRONTAB with seconds): trims the sync history and unreferenced snapshots.')
param historyRetentionSchedule string = '0 17 3 * * *'

@description('DriftScheduler schedule (NCRONTAB with seconds).')
param driftScanSchedule string = '30 */5 * * * *'

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux (Flex Consumption is Linux-only)
  }
}

// ---------------------------------------------------------------------------------------------
// App settings
//
// Identity-based host storage: `AzureWebJobsStorage__accountName` alone makes the Functions host
// (and GitOps.Core's StorageAccount.FromConfiguration, which reads the same section) use the
// system-assigned identity through DefaultAzureCredential; the blob/queue/table endpoints are
// derived from the account name. `AzureWebJobsStorage__credential=managedidentity` and
// `AzureWebJobsStorage__clientId=<client id>` are only needed with a USER-assigned identity
// (then also: deployment authentication type 'UserAssignedIdentity' with
// userAssignedIdentityResourceId, and keyVaultReferenceIdentity = that identity's resource id).
//
// Settings users add (through the `keyVaultReferences` parameter, so a redeploy keeps them; settings
// set by hand with `az functionapp config appsettings set` are REPLACED by the next deployment of
// this template, because siteConfig.appSettings is the complete list):
//   - Source tokens: one setting per git source, named by the source's `tokenSetting` in the
//     registry file, e.g. GITLAB_TOKEN, GITLAB_TOKEN_PLATFORM. Value: a Key Vault reference to a
//     secret holding the token (read_repository scope is enough for polling/checkout; api scope
//     if GitLab commit statuses are posted with it).
//   - Cluster kubeconfigs: one setting per cluster, named by the cluster's `kubeconfigSetting`,
//     e.g. KUBECONFIG_PROD, KUBECONFIG_PROD_WEU. Value: a Key Vault reference to a secret holding
//     the whole kubeconfig YAML document (set it with `az keyvault secret set --file`).
//     (`kubeconfigFile` entries in the registry do not work here: the app has no such file.)
//   - Notifier/webhook credentials (Slack/Teams/Google Chat webhook URLs, generic webhook HMAC
//     keys, GitLab webhook secret), as those features land, follow the same pattern.
// Key Vault secret names allow only letters, digits and '-', so map e.g.
//   GITLAB_TOKEN -> gitlab-token, KUBECONFIG_PROD -> kubeconfig-prod.
// A reference to a secret that does not exist yet resolves to an error until the secret is set;
// restart the app (or wait for the periodic refresh) after setting it.
// ---------------------------------------------------------------------------------------------
var baseSettings = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  // Timer schedules (NCRONTAB with seconds): the timer triggers read them as %GitOps:Schedules:...%,
  // so they must exist; the local runtime falls back to the same defaults.
  {
    name: 'GitOps__Schedules__CommitPoller'
    value: commitPollSchedule
  }
  {
    name: 'GitOps__Schedules__DriftScheduler'
    value: driftScanSchedule
  }
  {
    name: 'GitOps__Schedules__HistoryRetention'
    value: historyRetentionSchedule
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
]

// Entra-authenticated telemetry (system-assigned identity; a user-assigned one would add
// ';ClientId=<client id>'). Requires Monitoring Metrics Publisher, assigned below.
var appInsightsAuthSettings = appInsightsEntraAuth
  ? [
      {
        name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
        value: 'Authorization=AAD'
      }
    ]
  : []

var keyVaultReferenceSettings = [
  for setting in items(keyVaultReferences): {
    name: setting.key
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${setting.value})'
  }
]

var plainSettings = [
  for setting in items(extraAppSettings): {
    name: setting.key
    value: string(setting.value)
  }
]

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the system-assigned identity (the default; explicit here).
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(baseSettings, appInsightsAuthSettings, keyVaultReferenceSettings, plainSettings)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Role assignments for the app's identity on the storage account (data plane only).
//
// Functions host docs ("Connecting to host storage with an identity") + what GitOps.Core does:
// - Storage Blob Data Owner: the host's minimum for AzureWebJobsStorage (host keys, timer
//   singleton locks, container creation); the app writes `rendered` snapshots and
//   `drift-reports`, and takes blob leases in `leases`; Flex reads the deployment package from
//   `deployments` (docs require at least Blob Data Contributor there; Owner covers it).
// - Storage Queue Data Contributor: the queue trigger needs Queue Data Reader + Message
//   Processor, the functions also ENQUEUE (reconcile/health/drift/notification jobs: Message
//   Sender), and StorageInitializer creates queues at start-up, which only Contributor allows.
//   Contributor is a superset of Reader/Processor/Sender, so Message Processor is not assigned
//   separately (it would add nothing).
// - Storage Table Data Contributor: the registry/status/history/alerts/inventory tables
//   (ETag-conditional updates, table creation at start-up); also covers the host's diagnostic
//   events table.
// - NOT Storage Account Contributor: the docs list it only for the blob trigger (which this app
//   does not use). It is a control-plane role that can list account keys; with shared-key
//   access disabled it would only widen the blast radius.
// Scope: this storage account only. Names: guid(account, app, role), stable across redeploys.
// ---------------------------------------------------------------------------------------------
var storageRoles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storage.id, functionApp.id, role.value)
    scope: storage
    properties: {
      description: 'GitOps Functions app identity: ${role.key}'
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

// Monitoring Metrics Publisher lets the identity send telemetry to an Application Insights
// resource whose local (instrumentation key) auth is disabled.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource appInsightsRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (appInsightsEntraAuth) {
  name: guid(appInsights.id, functionApp.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    description: 'GitOps Functions app identity: Monitoring Metrics Publisher'
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
  }
}

// Note: the host starts as soon as the site exists, a few seconds before these assignments
// propagate, and may log storage 403s until they do; nothing is deployed to it yet at that
// point, and it recovers on its own.

output name string = functionApp.name
output id string = functionApp.id
output principalId string = functionApp.identity.principalId
output defaultHostName string = functionApp.properties.defaultHostName
