using Microsoft.Extensions.Configuration;

namespace TrustFundGrants.LocalRunner.Configuration;

internal static class Settings
{
    /// <summary>Resolves a binding expression such as <c>%OutboxQueue%</c> from configuration, as the host does.</summary>
    public static string? Resolve(string? value, IConfiguration configuration)
    {
        if (value is not { Length: > 2 } || value[0] != '%' || value[^1] != '%')
        {
            return value;
        }

        var key = value[1..^1];
        return configuration[key] ?? configuration[key.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"Binding expression {value} names setting '{key}', which is not set.");
    }
}
