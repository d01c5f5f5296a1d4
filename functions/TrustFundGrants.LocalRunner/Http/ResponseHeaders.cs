using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TrustFundGrants.LocalRunner.Configuration;

namespace TrustFundGrants.LocalRunner.Http;

/// <summary>
/// The security headers Azure adds, added here too so the portal and API behave locally as they do
/// there: host.json's <c>extensions.http.customHeaders</c> on the API (the Functions host's setting)
/// and web/staticwebapp.config.json's <c>globalHeaders</c> on the portal (the Static Web App's).
/// Strict-Transport-Security is left off plain-HTTP answers, which browsers must ignore it on anyway.
/// </summary>
internal static class ResponseHeaders
{
    public const string StaticWebAppConfig = "staticwebapp.config.json";

    // The local mail page has one inline style block and no script at all.
    private const string DevPagePolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Use(WebApplication app, HostSettings host, RunnerPaths paths)
    {
        var apiPrefix = new PathString("/" + host.RoutePrefix);
        var api = host.Headers;
        var portal = PortalHeaders(Path.Combine(paths.WebRoot, StaticWebAppConfig));
        var dev = new Dictionary<string, string>(portal, StringComparer.OrdinalIgnoreCase) { ["Content-Security-Policy"] = DevPagePolicy };
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            var headers = path.StartsWithSegments(apiPrefix) ? api
                : path.StartsWithSegments("/_dev") ? dev
                : portal;
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in headers)
                {
                    if (context.Request.IsHttps || !string.Equals(name, "Strict-Transport-Security", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Headers[name] = value;
                    }
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    public static IReadOnlyDictionary<string, string> PortalHeaders(string configFile)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(configFile))
        {
            return headers;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(configFile));
        if (document.RootElement.TryGetProperty("globalHeaders", out var global) && global.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in global.EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString() ?? string.Empty;
            }
        }

        return headers;
    }
}
