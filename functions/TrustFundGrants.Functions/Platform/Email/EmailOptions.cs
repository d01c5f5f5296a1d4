namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>
/// Bound from configuration section <c>Email</c> (environment: <c>Email__FromAddress</c>, ...).
/// <c>SendGridHost</c> is empty in Azure; locally the LocalRunner points it at its capturing endpoint.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "no-reply@trustfundgrants.example";

    public string FromName { get; set; } = "TrustFundGrants";

    public string SendGridApiKey { get; set; } = string.Empty;

    public string? SendGridHost { get; set; }

    /// <summary>
    /// When another delivery's claim on an email may be taken over: longer than a live sender can hold its
    /// claim (<see cref="EmailOnce.SendTimeout"/> plus the mark), so a live sender is never overtaken, yet short
    /// enough that a crashed one delays its email by a minute at most.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How soon a message whose claim another delivery holds is looked at again.</summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(20);
}
