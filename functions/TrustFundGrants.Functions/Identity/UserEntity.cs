using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// A person who can sign in. PartitionKey: <see cref="EmailAddress.Key"/> of their address, because
/// sign-in starts from an address; RowKey: "user". An invitation creates the row before the first
/// sign-in, holding the roles it grants.
/// </summary>
public sealed class UserEntity : ITableEntity
{
    public const string Row = "user";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Space-separated role names.</summary>
    public string Roles { get; set; } = string.Empty;

    public string? OrganisationId { get; set; }

    public string? DonorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// Sessions issued while this was lower have ended. Moving it on (sign out everywhere, a role
    /// removed, deactivation) is conditional on the row's ETag, like every sign-in's own write, so a
    /// session can never carry roles older than its generation.
    /// </summary>
    public long SessionGeneration { get; set; }

    /// <summary>Set by the Secretariat: the person cannot sign in, and their sessions have ended.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> RoleList => Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void AddRole(string role)
    {
        if (!RoleList.Contains(role, StringComparer.Ordinal))
        {
            Roles = string.Join(' ', RoleList.Append(role).Order(StringComparer.Ordinal));
        }
    }

    public void RemoveRole(string role) =>
        Roles = string.Join(' ', RoleList.Where(r => !string.Equals(r, role, StringComparison.Ordinal)));

    public Platform.Auth.Caller ToCaller() => new(UserId, Email, DisplayName, RoleList, OrganisationId, DonorId, SessionGeneration: SessionGeneration);
}
