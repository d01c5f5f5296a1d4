using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications;

public sealed record ApplicationView(
    string Id,
    string RoundId,
    string OrganisationId,
    string Status,
    string? Reference,
    string Title,
    string Summary,
    AmountJson? RequestedAmount,
    int? DurationMonths,
    ApplicationDetails Details,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<string> ScreeningReasons,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    string? OrganisationName = null,
    ApplicationDecisionView? Decision = null)
{
    public static ApplicationView From(ApplicationEntity entity, IReadOnlyList<DocumentView> documents)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var currency = CurrencyCode.Parse(entity.Currency);
        return new(
            entity.RowKey,
            entity.PartitionKey,
            entity.OrganisationId,
            entity.Status,
            entity.Reference,
            entity.Title,
            entity.Summary,
            entity.RequestedMinor is { } minor ? AmountJson.From(new Money(minor, currency)) : null,
            entity.DurationMonths,
            ApplicationDetails.Parse(entity.DetailsJson),
            documents,
            entity.ScreeningReasons.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            entity.CreatedAt,
            entity.UpdatedAt,
            entity.SubmittedAt,
            Decision: ApplicationDecisionView.Released(entity, currency));
    }
}

/// <summary>
/// The fund's decision as the applicant learns it: only once released, so a decision the Secretariat
/// still holds (and may change) never shows early. The feedback is the panel's reasoning the decision
/// email carries; reviewers are never named in it.
/// </summary>
public sealed record ApplicationDecisionView(string Outcome, AmountJson? ApprovedAmount, DateTimeOffset? DecidedAt, string Feedback)
{
    public static ApplicationDecisionView? Released(ApplicationEntity entity, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity is { DecisionReleased: true, DecisionOutcome: { Length: > 0 } outcome }
            ? new(outcome, entity.ApprovedMinor is { } approved ? AmountJson.From(new Money(approved, currency)) : null, entity.DecidedAt, entity.DecisionRationale ?? string.Empty)
            : null;
    }
}

/// <summary>A list row: enough to show a table of submissions without the whole draft.</summary>
public sealed record ApplicationSummary(string Id, string RoundId, string OrganisationId, string Status, string? Reference, string Title, AmountJson? RequestedAmount, DateTimeOffset UpdatedAt)
{
    public static ApplicationSummary From(ApplicationEntity e) =>
        new(e.RowKey, e.PartitionKey, e.OrganisationId, e.Status, e.Reference, e.Title,
            e.RequestedMinor is { } minor ? AmountJson.From(new Money(minor, CurrencyCode.Parse(e.Currency))) : null, e.UpdatedAt);
}

public sealed record DocumentView(string Type, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);
