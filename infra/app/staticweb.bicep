param name string

@description('Static Web Apps are offered in fewer regions than Functions, so this may differ from the API\'s.')
param location string

param tags object

param functionAppId string

param functionAppLocation string

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

  // Linking puts the function app behind the portal's own origin at /api, so the session cookie
  // stays SameSite=Strict and no CORS policy is needed.
  resource backend 'linkedBackends' = {
    name: 'api'
    properties: {
      backendResourceId: functionAppId
      region: functionAppLocation
    }
  }
}

output defaultHostName string = staticWebApp.properties.defaultHostname
