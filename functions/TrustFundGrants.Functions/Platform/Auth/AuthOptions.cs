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

    /// <summary>
    /// The bound on how long an ended session may still be accepted by another instance: each
    /// instance's knowledge of ended sessions is refreshed in the background once it is older than
    /// <see cref="EndedSessionsRefresh"/>, and a request waits for a refresh once it is older than this.
    /// </summary>
    public TimeSpan EndedSessionsMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan EndedSessionsRefresh { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Where the portal is served; sign-in links point here.</summary>
    public Uri PortalBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary>
    /// Sign-in links emailed to one address in each window. Requests beyond it get the same answer but
    /// send nothing: the links already sent still work, so the person is never locked out.
    /// </summary>
    public int SignInsPerAddress { get; set; } = 5;

    /// <summary>Sign-in requests one client network may make in each window; beyond it, 429.</summary>
    public int SignInsPerClient { get; set; } = 30;

    /// <summary>At most <see cref="SignInLinkLifetime"/>, so a link sent in the current window outlives it.</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many proxies in front of the app append to X-Forwarded-For (Azure's front end, Static Web
    /// Apps, Front Door): the client is that many entries from the end. 0 uses the connection's address.
    /// </summary>
    public int TrustedProxies { get; set; }

    /// <summary>From <c>Secretariat__BootstrapEmails</c>: comma-separated addresses that are Secretariat from their first sign-in.</summary>
    public IReadOnlyList<string> BootstrapSecretariat { get; set; } = [];
}
