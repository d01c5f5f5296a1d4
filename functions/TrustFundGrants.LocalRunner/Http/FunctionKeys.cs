using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace TrustFundGrants.LocalRunner.Http;

/// <summary>
/// The Functions host's key rules, keys taken from configuration section <c>LocalRunner:FunctionKeys</c>:
/// <c>master</c> opens everything, <c>default</c> every Function-level route, and a key named after a
/// function opens that function. A key identifies a caller program, never a person.
/// </summary>
public sealed class FunctionKeys(IConfiguration configuration)
{
    public const string Section = "LocalRunner:FunctionKeys";

    private readonly IConfigurationSection keys = configuration.GetSection(Section);

    public bool Allows(string function, string authLevel, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(authLevel, "anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var accepted = string.Equals(authLevel, "admin", StringComparison.OrdinalIgnoreCase)
            ? [keys["master"]]
            : new[] { keys["master"], keys["default"], keys[function] };
        return accepted.Any(key => Matches(key, presented));
    }

    // Constant-time, so response timing does not reveal how much of a key was right.
    private static bool Matches(string? expected, string presented) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
