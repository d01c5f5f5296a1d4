using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>
/// Who the Secretariat invited to what, and when they were last emailed about it. PartitionKey:
/// <see cref="Partition"/> (a deployment invites dozens of people, listed together); RowKey:
/// "{kind}|{scope}|{key of the address}" (kind a role name or "panel", scope the round for a panel
/// invitation and "-" otherwise), so inviting the same person to the same thing finds the same row,
/// and a repeat within <see cref="InvitationLog.Quiet"/> sends nothing new.
/// </summary>
public sealed class InvitationRecord : ITableEntity
{
    public const string Partition = "invitation";
    public const string Panel = "panel";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Email { get; set; } = string.Empty;

    /// <summary>The role granted (Reviewer, Donor, Secretariat), or <see cref="Panel"/> for a place on a round's review panel.</summary>
    public string Kind { get; set; } = string.Empty;

    public string? RoundId { get; set; }

    /// <summary>The round's title when invited, so the list reads as titles without round reads.</summary>
    public string? RoundTitle { get; set; }

    public string InvitedByEmail { get; set; } = string.Empty;

    public DateTimeOffset FirstInvitedAt { get; set; }

    public DateTimeOffset LastInvitedAt { get; set; }

    /// <summary>When the last invitation email was owed; repeats within a day of it send nothing.</summary>
    public DateTimeOffset EmailedAt { get; set; }

    /// <summary>How many times the invitation was made, emailed or not.</summary>
    public int Times { get; set; }

    public static string RowKeyFor(string kind, string? roundId, string emailKey) => $"{kind}|{roundId ?? "-"}|{emailKey}";

    public InvitationRecordView ToView() => new(Email, Kind, RoundId, RoundTitle, InvitedByEmail, FirstInvitedAt, LastInvitedAt, EmailedAt, Times);
}

public sealed record InvitationRecordView(
    string Email, string Kind, string? RoundId, string? RoundTitle, string InvitedBy, DateTimeOffset FirstInvitedAt, DateTimeOffset LastInvitedAt, DateTimeOffset EmailedAt, int Times);
