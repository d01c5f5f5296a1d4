// TrustFundGrants on Azure: a Flex Consumption function app (the API), the portal on Static Web
// Apps, one storage account for tables, queues and documents, and Key Vault for secrets.
//
// Secrets are deliberately not created here: a value in a template ends up in deployment history.
// After the first deployment an operator (operatorPrincipalId is granted Key Vault Secrets Officer)
// sets them once, and the app picks them up through its Key Vault references:
//   az keyvault secret set --vault-name <AZURE_KEY_VAULT_NAME> --name sendgrid-api-key --value <SendGrid API key>
//   az keyvault secret set --vault-name <AZURE_KEY_VAULT_NAME> --name token-signing-key --value <random, at least 32 bytes, base64>

targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd\'s AZURE_ENV_NAME); it seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource except the Static Web App.')
param location string = resourceGroup().location

@description('Static Web Apps run in only a few regions; the portal is static, so distance to the API matters little.')
@allowed([
  'centralus'
  'eastasia'
  'eastus2'
  'westeurope'
  'westus2'
])
param staticWebAppLocation string = 'westeurope'

@minValue(40)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances, which also bounds the monthly bill.')
param maximumInstanceCount int = 100

@description('Reach storage and Key Vault only over private endpoints in a virtual network of the app\'s own; both then refuse the public internet.')
param privateNetworking bool = false

@minValue(0)
@maxValue(5)
@description('Proxies in front of the API that append to X-Forwarded-For (Static Web Apps, then the Functions front end); per-client sign-in limits read the client that many entries from the end.')
param trustedProxies int = 2

@description('Tables the app keeps its state in; the app also creates them when it starts. A test holds this list to the app\'s own.')
param tableNames string[] = [
  'applicationkeys'
  'applications'
  'assignments'
  'audit'
  'conflicts'
  'contributions'
  'donors'
  'funds'
  'grantindex'
  'grants'
  'invitations'
  'organisationnames'
  'organisations'
  'outboxindex'
  'projections'
  'ratelimits'
  'reminders'
  'roundreviewers'
  'rounds'
  'sessionends'
  'signinlinks'
  'users'
]

@description('Queues the app\'s triggers listen on, with their poison queues. A test holds this list to the app\'s own.')
param queueNames string[] = [
  'application-emails'
  'application-emails-poison'
  'assignment-emails'
  'assignment-emails-poison'
  'audit'
  'audit-poison'
  'grant-creation'
  'grant-creation-poison'
  'grant-emails'
  'grant-emails-poison'
  'grant-index'
  'grant-index-poison'
  'invitation-emails'
  'invitation-emails-poison'
  'organisation-names'
  'organisation-names-poison'
  'outbox'
  'outbox-poison'
  'projection-events'
  'projection-events-poison'
  'reviewer-reminders'
  'reviewer-reminders-poison'
  'screening'
  'screening-poison'
]

@description('Comma-separated email addresses that may sign in as Secretariat before any Secretariat member exists.')
// The rule matches "secret" inside "Secretariat"; email addresses are configuration, not a secret.
#disable-next-line secure-secrets-in-params
param secretariatBootstrapEmails string = ''

@description('Keeps deleted secrets unpurgeable for the retention period. Cannot be turned off again once on.')
param enablePurgeProtection bool = true

@description('Object id of the person or pipeline that sets the Key Vault secrets (azd: AZURE_PRINCIPAL_ID); empty grants nobody.')
param operatorPrincipalId string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var deploymentContainerName = 'deployment'

module identity 'app/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
      'documents'
      'grant-documents'
    ]
    queueNames: queueNames
    tableNames: tableNames
    publicNetworkAccess: !privateNetworking
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    enablePurgeProtection: enablePurgeProtection
    publicNetworkAccess: !privateNetworking
  }
}

module network 'app/network.bicep' = if (privateNetworking) {
  name: 'network'
  params: {
    name: 'vnet-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  params: {
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    maximumInstanceCount: maximumInstanceCount
    secretariatBootstrapEmails: secretariatBootstrapEmails
    portalBaseUrl: 'https://${staticWeb.outputs.defaultHostName}'
    trustedProxies: trustedProxies
    appSubnetId: privateNetworking ? network!.outputs.appSubnetId : ''
  }
  // The host's first start should already find its storage, telemetry and secrets accessible,
  // rather than fail and wait for the platform to retry.
  dependsOn: [
    rbac
  ]
}

// The portal is created before the function app, which needs its address for sign-in links; the two
// are linked once both exist, so neither waits on the other.
module staticWeb 'app/staticweb.bicep' = {
  name: 'staticweb'
  params: {
    name: 'stapp-${resourceToken}'
    location: staticWebAppLocation
    tags: tags
  }
}

module staticWebBackend 'app/staticweb-backend.bicep' = {
  name: 'staticweb-backend'
  params: {
    staticWebAppName: staticWeb.outputs.name
    functionAppId: functions.outputs.id
    functionAppLocation: location
  }
}

output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functions.outputs.defaultHostName
output AZURE_STATIC_WEB_APP_HOSTNAME string = staticWeb.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
