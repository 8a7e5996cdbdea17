// Key Vault for the secrets the function app reads through Key Vault references: git source
// tokens (e.g. GITLAB_TOKEN) and cluster kubeconfigs (e.g. KUBECONFIG_PROD). The template creates
// no secrets: their values never pass through a deployment (and its history).
//
// Azure RBAC authorization (no access policies), soft delete and purge protection. Purge
// protection cannot be turned off once on, and a deleted vault keeps its name reserved for the
// soft-delete retention period: redeploying the same prefix/environment after deleting the
// resource group needs `az keyvault recover` (or a different prefix).

@description('Key Vault name (3-24 chars: letters, digits, hyphens; globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Principal id of the function app\'s system-assigned identity: granted Key Vault Secrets User.')
param functionAppPrincipalId string

@description('Days a deleted vault/secret stays recoverable (7-90; fixed after creation).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional object id of the operator who sets the secrets: granted Key Vault Secrets Officer. Empty grants nothing.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // The Flex app is not VNet-integrated in this template, so Key Vault references resolve over
    // the public endpoint (Entra-authenticated). Private endpoint + VNet integration is the
    // hardening step; see infra/README.md.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// Key Vault Secrets User: read secret contents, which is all a Key Vault reference needs.
// Scoped to this vault (not the resource group), so the app reads only GitOps secrets.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// Key Vault Secrets Officer: create/update/delete secrets (no key/certificate or RBAC rights).
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionAppPrincipalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    description: 'GitOps Functions app identity: Key Vault Secrets User'
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    description: 'GitOps operator: Key Vault Secrets Officer'
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
