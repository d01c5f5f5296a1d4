param staticWebAppName string

param functionAppId string

param functionAppLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2024-11-01' existing = {
  name: staticWebAppName
}

// Linking puts the function app behind the portal's own origin at /api, so the session cookie
// stays SameSite=Strict and no CORS policy is needed.
resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-11-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}
