@description('Name of the user-assigned managed identity.')
param name string

param location string

param tags object

// User-assigned rather than system-assigned: its client id must be known before the function app
// exists, so that storage and Key Vault access can be granted first and named in the app settings.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
