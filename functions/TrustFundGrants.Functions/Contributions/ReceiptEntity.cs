using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// Money received against a pledge. PartitionKey: the pledge's id; RowKey: "receipt-{id}". Where the pledge's
/// currency is not the fund's, the rate is kept exactly as entered and the fund-currency amount is the exact
/// conversion (<see cref="ExchangeRate.Convert"/>), so the two can always be checked against each other.
/// </summary>
public sealed class ReceiptEntity : ITableEntity
{
    public const string RowPrefix = "receipt-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long MinorUnits { get; set; }

    public string Currency { get; set; } = string.Empty;

    /// <summary>yyyy-MM-dd, as on the bank statement.</summary>
    public string ValueDate { get; set; } = string.Empty;

    /// <summary>Empty when the receipt is in the fund's currency.</summary>
    public string ExchangeRate { get; set; } = string.Empty;

    public long FundMinorUnits { get; set; }

    public string FundCurrency { get; set; } = string.Empty;

    public bool ExceedsPledge { get; set; }

    public string Reference { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public ReceiptView ToView() => new(
        RowKey[RowPrefix.Length..],
        AmountJson.From(new Money(MinorUnits, CurrencyCode.Parse(Currency))),
        ValueDate,
        ExchangeRate.Length == 0 ? null : ExchangeRate,
        AmountJson.From(new Money(FundMinorUnits, CurrencyCode.Parse(FundCurrency))),
        ExceedsPledge,
        Reference.Length == 0 ? null : Reference,
        RecordedAt);
}

public sealed record ReceiptView(
    string Id,
    AmountJson Amount,
    string ValueDate,
    string? ExchangeRate,
    AmountJson FundAmount,
    bool ExceedsPledge,
    string? Reference,
    DateTimeOffset RecordedAt);
