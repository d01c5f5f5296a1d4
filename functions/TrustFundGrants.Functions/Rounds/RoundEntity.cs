using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>
/// A call for proposals. PartitionKey: "round" (a fund runs a few a year; listing them is one
/// partition read); RowKey: the round's id. Amounts are Int64 minor units of <see cref="Currency"/>;
/// the rubric, eligibility questions and required documents are JSON (each well under the 64 KB property limit).
/// </summary>
public sealed class RoundEntity : ITableEntity
{
    public const string Partition = "round";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string FundId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public string Currency { get; set; } = string.Empty;

    public long EnvelopeMinor { get; set; }

    public long MinGrantMinor { get; set; }

    public long MaxGrantMinor { get; set; }

    public int MaxDurationMonths { get; set; }

    public string EligibilityJson { get; set; } = "[]";

    public string CriteriaJson { get; set; } = "[]";

    public string RequiredDocumentsJson { get; set; } = "[]";

    public int ReviewersPerApplication { get; set; }

    public bool BlindReview { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the panel's reviews fall due; none until the Secretariat sets it.</summary>
    public DateTimeOffset? ReviewDueAt { get; set; }

    public void Apply(RoundRequest request, Money envelope, Money minGrant, Money maxGrant)
    {
        ArgumentNullException.ThrowIfNull(request);
        Title = request.Title.Trim();
        Description = request.Description ?? string.Empty;
        OpensAt = request.OpensAt.ToUniversalTime();
        ClosesAt = request.ClosesAt.ToUniversalTime();
        TimeZone = request.TimeZone;
        Currency = envelope.Currency.Code;
        EnvelopeMinor = envelope.MinorUnits;
        MinGrantMinor = minGrant.MinorUnits;
        MaxGrantMinor = maxGrant.MinorUnits;
        MaxDurationMonths = request.MaxDurationMonths;
        EligibilityJson = JsonSerializer.Serialize(request.Eligibility, Json);
        CriteriaJson = JsonSerializer.Serialize(request.Criteria, Json);
        RequiredDocumentsJson = JsonSerializer.Serialize(request.RequiredDocuments, Json);
        ReviewersPerApplication = request.ReviewersPerApplication;
        BlindReview = request.BlindReview;
        ReviewDueAt = request.ReviewDueAt?.ToUniversalTime();
    }

    // The JSON columns are read here and nowhere else, so their format has one owner.
    public IReadOnlyList<EligibilityQuestion> EligibilityQuestions() => JsonSerializer.Deserialize<EligibilityQuestion[]>(EligibilityJson, Json) ?? [];

    public IReadOnlyList<Criterion> Criteria() => JsonSerializer.Deserialize<Criterion[]>(CriteriaJson, Json) ?? [];

    public IReadOnlyList<RequiredDocument> RequiredDocuments() => JsonSerializer.Deserialize<RequiredDocument[]>(RequiredDocumentsJson, Json) ?? [];

    public RoundView ToView(DateTimeOffset now)
    {
        var currency = CurrencyCode.Parse(Currency);
        return new RoundView(
            RowKey,
            FundId,
            Title,
            Description,
            RoundSchedule.StatusAt(OpensAt, ClosesAt, now).ToString(),
            OpensAt,
            ClosesAt,
            TimeZone,
            RoundSchedule.InZone(OpensAt, TimeZone),
            RoundSchedule.InZone(ClosesAt, TimeZone),
            AmountJson.From(new Money(EnvelopeMinor, currency)),
            AmountJson.From(new Money(MinGrantMinor, currency)),
            AmountJson.From(new Money(MaxGrantMinor, currency)),
            MaxDurationMonths,
            EligibilityQuestions(),
            Criteria(),
            RequiredDocuments(),
            ReviewersPerApplication,
            BlindReview,
            ReviewDueAt,
            ReviewDueAt is { } due ? RoundSchedule.InZone(due, TimeZone) : null);
    }
}

/// <summary>A round as the API shows it: instants in UTC and again in the round's own time zone.</summary>
public sealed record RoundView(
    string Id,
    string FundId,
    string Title,
    string Description,
    string Status,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string TimeZone,
    DateTimeOffset OpensAtLocal,
    DateTimeOffset ClosesAtLocal,
    AmountJson Envelope,
    AmountJson MinGrant,
    AmountJson MaxGrant,
    int MaxDurationMonths,
    IReadOnlyList<EligibilityQuestion> Eligibility,
    IReadOnlyList<Criterion> Criteria,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    int ReviewersPerApplication,
    bool BlindReview,
    DateTimeOffset? ReviewDueAt,
    DateTimeOffset? ReviewDueAtLocal);
