using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// One member of an organisation, in the organisation's partition. RowKey: "member|{userId}", so the
/// members are one range read and a join or a departure commits with the <see cref="RosterEntity"/>
/// in one transaction.
/// </summary>
public sealed class MemberEntity : ITableEntity
{
    public const string Prefix = "member|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public DateTimeOffset JoinedAt { get; set; }

    public static string RowKeyFor(string userId) => Prefix + userId;

    public MemberView ToView() => new(UserId, Email, JoinedAt);
}

/// <summary>
/// An invitation waiting for its invitee, in the organisation's partition. RowKey: "invite|{key of the
/// address}" (the address's SHA-256, as in the users table), so inviting the same address twice finds
/// the first invitation, and the invitee's own is one point read from their signed-in address.
/// </summary>
public sealed class InvitationEntity : ITableEntity
{
    public const string Prefix = "invite|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Email { get; set; } = string.Empty;

    public string InvitedById { get; set; } = string.Empty;

    public string InvitedByEmail { get; set; } = string.Empty;

    public DateTimeOffset InvitedAt { get; set; }

    /// <summary>When the invitee was last emailed about it: a repeated invitation within a day sends nothing.</summary>
    public DateTimeOffset? EmailedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public static string RowKeyFor(string emailKey) => Prefix + emailKey;

    public PendingInvitationView ToView() => new(Email, InvitedByEmail, InvitedAt, ExpiresAt);
}

/// <summary>
/// The organisation's membership version, RowKey "roster": every join and departure rewrites it under
/// its ETag in the same transaction, so two departures read against the same roster cannot both
/// commit, and the last member can never be removed by a race.
/// </summary>
public sealed class RosterEntity : ITableEntity
{
    public const string Row = "roster";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

public sealed record MemberView(string UserId, string Email, DateTimeOffset JoinedAt);

public sealed record PendingInvitationView(string Email, string InvitedBy, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

/// <summary>What an invitee is shown of an invitation to them before accepting it.</summary>
public sealed record OwnInvitationView(string OrganisationId, string OrganisationName, string InvitedBy, DateTimeOffset ExpiresAt);
