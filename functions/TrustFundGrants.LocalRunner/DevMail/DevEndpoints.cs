using System.Net;

namespace TrustFundGrants.LocalRunner.DevMail;

/// <summary>
/// Whether the runner serves /_dev/*: the caught mail holds working sign-in links for every address,
/// so it is served only when the runner listens on loopback alone, or when
/// <c>LocalRunner:DevEndpoints</c> is set to true on purpose.
/// </summary>
public static class DevEndpoints
{
    public static bool Allowed(string urls, string? setting)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (bool.TryParse(setting, out var explicitly))
        {
            return explicitly;
        }

        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("http://*:7071", "http://+:7071") are not URIs a parser accepts as hosts; they listen everywhere.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
