namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// Section <c>Auth</c>. The signing key comes from Key Vault in Azure (<c>Auth__SigningKey</c>, base64,
/// at least 32 bytes); the LocalRunner makes one per run when none is set.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string SigningKey { get; set; } = string.Empty;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Where the portal is served; sign-in links point here.</summary>
    public Uri PortalBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary>Sign-in link requests allowed per address, and per client network address, in each window.</summary>
    public int SignInsPerAddress { get; set; } = 5;

    public int SignInsPerClient { get; set; } = 30;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>From <c>Secretariat__BootstrapEmails</c>: comma-separated addresses that are Secretariat from their first sign-in.</summary>
    public IReadOnlyList<string> BootstrapSecretariat { get; set; } = [];
}
