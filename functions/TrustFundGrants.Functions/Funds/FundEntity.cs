using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Funds;

/// <summary>
/// A trust fund. PartitionKey: "fund" (a deployment runs a handful, listed together);
/// RowKey: the fund's id.
/// </summary>
public sealed class FundEntity : ITableEntity
{
    public const string Partition = "fund";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Where applicants' replies go: the app sends from a no-reply address, so letters that invite questions
    /// (ineligible, not funded, waitlisted) carry this as Reply-To, or, without it, say that replies are not read.
    /// </summary>
    public string? ReplyTo { get; set; }

    public FundView ToView() => new(RowKey, Name, Currency, Description, CreatedAt, ReplyTo);
}

public sealed record FundView(string Id, string Name, string Currency, string Description, DateTimeOffset CreatedAt, string? ReplyTo);

/// <summary>The fund's reply-to address; null removes it.</summary>
public sealed record FundReplyToRequest(string? ReplyTo)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ReplyTo is not null && Identity.EmailAddress.Problem(ReplyTo) is { } wrong)
        {
            errors["replyTo"] = [wrong];
        }
    }
}
