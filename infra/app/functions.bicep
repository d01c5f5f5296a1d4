param planName string

param appName string

param location string

param tags object

param identityId string

param identityClientId string

param blobEndpoint string

param queueEndpoint string

param tableEndpoint string

param deploymentContainerName string

param applicationInsightsConnectionString string

param keyVaultName string

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

// The rule matches "secret" inside "Secretariat"; email addresses are configuration, not a secret.
#disable-next-line secure-secrets-in-params
param secretariatBootstrapEmails string

@description('Where the portal is served: sign-in links in emails point here.')
param portalBaseUrl string

@description('Proxies that append to X-Forwarded-For in front of the app.')
param trustedProxies int

@description('Subnet (delegated to Microsoft.App/environments) the app joins for private networking; empty for none.')
param appSubnetId string = ''

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(appSubnetId) ? null : appSubnetId
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Identity-based host storage: the account allows no shared keys, so there is no
        // connection string; the app's own storage clients read the same three URIs.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: blobEndpoint
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: queueEndpoint
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: tableEndpoint
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        // Application Insights has local auth disabled, so telemetry must be sent as the identity.
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Secrets stay in Key Vault; the platform resolves these with keyVaultReferenceIdentity.
        {
          name: 'Email__SendGridApiKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=sendgrid-api-key)'
        }
        {
          name: 'Auth__SigningKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=token-signing-key)'
        }
        {
          name: 'Secretariat__BootstrapEmails'
          value: secretariatBootstrapEmails
        }
        {
          name: 'Auth__PortalBaseUrl'
          value: portalBaseUrl
        }
        {
          name: 'Auth__TrustedProxies'
          value: string(trustedProxies)
        }
      ]
    }
  }
}

// Deployment goes through Entra ID (azd, az functionapp deploy); no username/password can publish.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
