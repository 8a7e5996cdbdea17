// Example parameters: copy per environment (e.g. main.prod.bicepparam) and adjust.
// az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
using 'main.bicep'

param namePrefix = 'gitops'
param environmentName = 'dev'
// location defaults to the resource group's region (it must offer Flex Consumption).

param extraTags = {
  owner: 'platform-team'
  costCenter: 'cc-1234'
}

param dotnetVersion = '10.0'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048

// Setting names must equal `tokenSetting` / `kubeconfigSetting` in the registry file
// (docs/registry.md); values are Key Vault secret names (letters, digits, hyphens only).
// Create the secrets with `az keyvault secret set` (see infra/README.md). Keep the whole list
// here: the deployment replaces the app settings, so settings added by hand are dropped on redeploy.
param keyVaultReferences = {
  GitOps__Secrets__HashKey: 'secret-hash-key'
  GITLAB_TOKEN: 'gitlab-token'
  KUBECONFIG_PROD: 'kubeconfig-prod'
  KUBECONFIG_PROD_WEU: 'kubeconfig-prod-weu'
}

param extraAppSettings = {}

// Object id of whoever runs `gitops registry apply` and sets the secrets, read from the
// environment so no personal id is committed:
//   export GITOPS_OPERATOR_OBJECT_ID=$(az ad signed-in-user show --query id -o tsv)
// Unset/empty: no operator roles are granted (grant them yourself, see infra/README.md).
param operatorPrincipalId = readEnvironmentVariable('GITOPS_OPERATOR_OBJECT_ID', '')
param operatorPrincipalType = readEnvironmentVariable('GITOPS_OPERATOR_PRINCIPAL_TYPE', 'User')
