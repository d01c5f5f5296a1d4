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
}
