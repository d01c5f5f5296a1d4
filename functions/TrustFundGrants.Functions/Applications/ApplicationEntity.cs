using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// One NGO's proposal to one round. PartitionKey: the round's id, so a round's submissions list in
/// one partition read and a submission commits with its outbox rows in one transaction. RowKey: the
/// application's id. The draft's structured parts are JSON, validated on every write.
/// </summary>
public sealed class ApplicationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string OrganisationId { get; set; } = string.Empty;

    public string Status { get; set; } = ApplicationStatus.Draft;

    public string Title { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public long? RequestedMinor { get; set; }

    public int? DurationMonths { get; set; }

    /// <summary>The draft's lists (countries, forms of exploitation, target groups, beneficiaries, budget, answers) as JSON.</summary>
    public string DetailsJson { get; set; } = ApplicationDetails.Empty.ToJson();

    public string? Reference { get; set; }

    public string? SubmittedByEmail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Why screening found it ineligible, one reason per line; empty otherwise.</summary>
    public string ScreeningReasons { get; set; } = string.Empty;

    public DateTimeOffset? ScreenedAt { get; set; }

    /// <summary>The Secretariat's outcome (approved, rejected, waitlisted), held from the applicant until released.</summary>
    public string? DecisionOutcome { get; set; }

    public long? ApprovedMinor { get; set; }

    public string? DecisionRationale { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public bool DecisionReleased { get; set; }

    /// <summary>
    /// Changes with every save of the draft's content. Clients see it as the application's ETag and send it
    /// back in If-Match, so that a colleague's document upload (which rewrites this row to commit under its
    /// ETag) does not make an editor's copy stale. Every write still commits under the row's own ETag.
    /// </summary>
    public string EditVersion { get; set; } = string.Empty;

    /// <summary>The ETag clients see: the edit version, or the row's ETag for a row saved before versions existed.</summary>
    [IgnoreDataMember]
    public ETag ClientETag => EditVersion.Length > 0 ? new ETag($"\"{EditVersion}\"") : ETag;

    public void NewEditVersion() => EditVersion = Guid.CreateVersion7().ToString("N");
}
