param name string

param location string

param tags object

@description('Purge protection cannot be turned off once on; leave it off only for throwaway environments.')
param enablePurgeProtection bool

@description('False when the app reaches the vault over a private endpoint only.')
param publicNetworkAccess bool = true

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
    // Access is granted by Azure role assignments, like every other resource here, not by vault
    // access policies that live outside the rest of the access model.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The service rejects an explicit false, so "off" must be expressed by omitting the property.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
