using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// A donor's pledge to a fund, with running totals of what was received against it, updated in the same
/// transaction as each receipt so a read never sums receipts. PartitionKey: the pledge's id (the pledge,
/// its receipts and their outbox rows commit together); RowKey: "pledge".
/// </summary>
public sealed class PledgeEntity : ITableEntity
{
    public const string Row = "pledge";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string DonorId { get; set; } = string.Empty;

    public string FundId { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public long PledgedMinorUnits { get; set; }

    /// <summary>yyyy-MM-dd.</summary>
    public string PledgedOn { get; set; } = string.Empty;

    /// <summary>Empty when the pledge is not earmarked.</summary>
    public string EarmarkKind { get; set; } = string.Empty;

    public string EarmarkValue { get; set; } = string.Empty;

    public long ReceivedMinorUnits { get; set; }

    public string FundCurrency { get; set; } = string.Empty;

    public long ReceivedFundMinorUnits { get; set; }

    public int Receipts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public Earmark? Earmark => EarmarkKind.Length == 0 ? null : new Earmark(EarmarkKind, EarmarkValue);

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Status => ReceivedMinorUnits == 0 ? "Pledged" : ReceivedMinorUnits < PledgedMinorUnits ? "PartlyReceived" : "Received";

    public ContributionView ToView(IReadOnlyList<ReceiptView>? receipts = null)
    {
        var currency = CurrencyCode.Parse(Currency);
        var fundCurrency = CurrencyCode.Parse(FundCurrency);
        return new(
            PartitionKey,
            DonorId,
            FundId,
            AmountJson.From(new Money(PledgedMinorUnits, currency)),
            PledgedOn,
            Earmark is { } e ? new EarmarkJson(e.Kind, e.Value) : null,
            AmountJson.From(new Money(ReceivedMinorUnits, currency)),
            AmountJson.From(new Money(ReceivedFundMinorUnits, fundCurrency)),
            AmountJson.From(new Money(Math.Max(0, PledgedMinorUnits - ReceivedMinorUnits), currency)),
            Status,
            receipts);
    }
}

public sealed record EarmarkJson(string Kind, string Value);

public sealed record ContributionView(
    string Id,
    string DonorId,
    string FundId,
    AmountJson Pledged,
    string PledgedOn,
    EarmarkJson? Earmark,
    AmountJson Received,
    AmountJson ReceivedInFundCurrency,
    AmountJson Outstanding,
    string Status,
    IReadOnlyList<ReceiptView>? Receipts);
