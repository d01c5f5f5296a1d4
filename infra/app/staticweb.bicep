param name string

@description('Static Web Apps are offered in fewer regions than Functions, so this may differ from the API\'s.')
param location string

param tags object

resource staticWebApp 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  // Standard is the lowest tier that can link a bring-your-own Functions backend.
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {}
}

output name string = staticWebApp.name
output defaultHostName string = staticWebApp.properties.defaultHostname
