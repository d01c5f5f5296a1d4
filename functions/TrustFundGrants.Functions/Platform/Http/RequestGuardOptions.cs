namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>Bound from configuration section <c>Http</c> (environment: <c>Http__RequestDeadline=00:00:10</c>).</summary>
public sealed class RequestGuardOptions
{
    public const string Section = "Http";

    /// <summary>
    /// The most a request may take: then it answers 503 and its storage calls are cancelled, rather than holding a
    /// person at a spinner through the SDK's retries while storage is frozen.
    /// </summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a 503 asks the client to wait before trying again (the <c>Retry-After</c> header).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
