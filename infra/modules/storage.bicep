// Storage for GitOps Functions: the Functions host storage (AzureWebJobsStorage), the app's
// queues/tables/blobs (docs DESIGN.md "Storage") and the Flex Consumption deployment container.
//
// Shared-key access is disabled: every caller (the function app's managed identity, the
// operator running `gitops registry apply`) authenticates with Microsoft Entra ID, so role
// assignments, not keys, decide who can read and write.
//
// The app also creates these queues/tables/containers itself at start-up (StorageInitializer,
// idempotent); declaring them here makes the account complete before the first deployment and
// lets a reviewer see the whole data surface in one place.

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Replication. Standard_LRS is enough: everything in this account is state the app can rebuild from git plus history/alerts.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string = 'deployments'

@description('Delete drift reports older than this many days (lifecycle rule); 0 keeps them forever.')
@minValue(0)
param driftReportRetentionDays int = 90

@description('Optional object id of a human or CI principal that operates the product (gitops registry apply / status). Empty grants nothing.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

// Names are the constants in shared/GitOps.Core/Storage/StorageNames.cs (no prefix in production).
// host.json maxDequeueCount moves a failing message to '<queue>-poison'. The host would create
// those on demand; pre-creating them lets alert rules on poison depth be deployed from day one.
var queueNames = [
  'source-changes'
  'source-changes-poison'
  'reconcile-jobs'
  'reconcile-jobs-poison'
  'health-checks'
  'health-checks-poison'
  'drift-scan-jobs'
  'drift-scan-jobs-poison'
  'notifications'
  'notifications-poison'
]

var tableNames = [
  'sources'
  'clusters'
  'apps'
  'appstatus'
  'synchistory'
  'alerts'
  'inventory'
  'deliveries'
  'renderinputs'
  'channels'
]

var containerNames = [
  'rendered'
  'drift-reports'
  'leases'
  deploymentContainerName
]

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Public endpoint with Entra-only auth: the Flex app is not VNet-integrated in this template,
    // and the operator's `gitops` CLI reaches the account from outside Azure. Private endpoints +
    // VNet integration are the next hardening step (see infra/README.md).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// Drift reports are an audit trail, one blob per scan: expire them. Rendered snapshots are NOT
// expired: drift scans compare against the last applied snapshot.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = if (driftReportRetentionDays > 0) {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-drift-reports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'drift-reports/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: driftReportRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Optional operator access (data plane only). `gitops registry apply` writes the registry
// tables, `gitops status` reads tables and blobs, a manual sync enqueues a reconcile job.
// The function app's own grants live in functionapp.bicep (its principal id exists only there).
// ---------------------------------------------------------------------------------------------
var operatorRoles = {
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource operatorAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(operatorRoles): if (!empty(operatorPrincipalId)) {
    name: guid(storage.id, operatorPrincipalId, role.value)
    scope: storage
    properties: {
      description: 'GitOps operator: ${role.key}'
      principalId: operatorPrincipalId
      principalType: operatorPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainerName
