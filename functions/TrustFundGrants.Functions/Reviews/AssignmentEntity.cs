using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// One reviewer on one application. PartitionKey: the round's id (assignment and ranking read a
/// round whole, and a run's new rows commit in batches of one partition); RowKey:
/// "{applicationId}|{reviewerId}", so a pair exists at most once. Its public id joins the three ids
/// (<see cref="AssignmentId"/>), so it is found with one point read and no lookup table.
/// </summary>
public sealed class AssignmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ApplicationId { get; set; } = string.Empty;

    public string ReviewerId { get; set; } = string.Empty;

    public string OrganisationId { get; set; } = string.Empty;

    /// <summary>Copied when assigned (a submitted application no longer changes), so a reviewer's list needs no application reads.</summary>
    public string ApplicationTitle { get; set; } = string.Empty;

    public string? Reference { get; set; }

    public bool Recused { get; set; }

    public string RecusalReason { get; set; } = string.Empty;

    /// <summary>
    /// Taken off by the Secretariat. Such a row also counts as <see cref="Recused"/>, so every reader that
    /// keeps recused reviewers away (access, reviews, ranking, the next automatic run) keeps this one away too.
    /// </summary>
    public bool Removed { get; set; }

    /// <summary>
    /// Withdrawn because the reviewer is tied to the applicant organisation (declared, or a member), found
    /// after assignment. Also <see cref="Recused"/>; never reinstated; a review submitted before is flagged in the ranking.
    /// </summary>
    public bool Conflicted { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>The assignment run (automatic, or one by hand) that last gave it: the reviewer's email lists a run's assignments.</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>The reviewer's review on this assignment: none, Draft, or Submitted (final, enters the ranking).</summary>
    public string ReviewStatus { get; set; } = string.Empty;

    /// <summary>Criterion id → whole-number score, as JSON.</summary>
    public string ScoresJson { get; set; } = "{}";

    public string Comments { get; set; } = string.Empty;

    public string Recommendation { get; set; } = string.Empty;

    public long? RecommendedMinor { get; set; }

    public DateTimeOffset? ReviewSubmittedAt { get; set; }

    /// <summary>What <see cref="ToView"/> needs: the review's progress without its scores and comments.</summary>
    public static readonly IReadOnlyList<string> ProgressColumns =
    [
        "PartitionKey", "RowKey", "ApplicationId", "ReviewerId", "Recused", "Removed", "Conflicted", "AssignedAt", "ReviewStatus",
        "ApplicationTitle", "Reference", "ReviewSubmittedAt",
    ];

    public static string RowKeyFor(string applicationId, string reviewerId) => $"{applicationId}|{reviewerId}";

    public AssignmentView ToView() =>
        new(AssignmentId.Format(PartitionKey, ApplicationId, ReviewerId), PartitionKey, ApplicationId, ReviewerId, Removed ? "Removed" : Recused ? "Recused" : "Assigned", AssignedAt,
            ReviewStatus.Length == 0 ? "NotStarted" : ReviewStatus, ApplicationTitle, Reference, ReviewSubmittedAt);
}

/// <summary>The states of a review on its assignment (none yet is the empty string).</summary>
public static class ReviewStatuses
{
    public const string Draft = "Draft";
    public const string Submitted = "Submitted";
}

public sealed record AssignmentView(
    string Id, string RoundId, string ApplicationId, string ReviewerId, string Status, DateTimeOffset AssignedAt, string ReviewStatus,
    string ApplicationTitle, string? Reference, DateTimeOffset? ReviewSubmittedAt);

/// <summary>"{roundId}_{applicationId}_{reviewerId}": three GUIDs, checked as such before they become keys.</summary>
public static class AssignmentId
{
    public static string Format(string roundId, string applicationId, string reviewerId) => $"{roundId}_{applicationId}_{reviewerId}";

    public static bool TryParse(string? id, out string roundId, out string applicationId, out string reviewerId)
    {
        var parts = (id ?? string.Empty).Split('_');
        var valid = parts.Length == 3 && parts.All(p => Guid.TryParse(p, out _));
        roundId = valid ? parts[0] : string.Empty;
        applicationId = valid ? parts[1] : string.Empty;
        reviewerId = valid ? parts[2] : string.Empty;
        return valid;
    }
}
