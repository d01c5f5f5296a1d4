using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// One change to a grant, committed as one transaction in its partition: the grant row under the ETag
/// the change was judged on, rows it replaces (each under its own ETag), rows it adds (ledger entries,
/// amendments, markers), rows it removes (only a draft's schedule) and the outbox rows of the work it owes.
/// </summary>
public sealed record GrantChange(
    GrantEntity Grant,
    Azure.ETag IfMatch,
    IReadOnlyList<ITableEntity> Replace,
    IReadOnlyList<ITableEntity> Add,
    IReadOnlyList<ITableEntity> Remove,
    IReadOnlyList<OutboxEntry> Outbox)
{
    public static GrantChange Of(GrantEntity grant, Azure.ETag ifMatch) => new(grant, ifMatch, [], [], [], []);

    public GrantChange Replacing(params ITableEntity[] rows) => this with { Replace = [.. Replace, .. rows] };

    public GrantChange Adding(params ITableEntity[] rows) => this with { Add = [.. Add, .. rows] };

    public GrantChange Removing(params ITableEntity[] rows) => this with { Remove = [.. Remove, .. rows] };

    public GrantChange Owing(params OutboxEntry[] entries) => this with { Outbox = [.. Outbox, .. entries] };
}

/// <summary>The grant changed since it was read: nothing of the change was written.</summary>
public sealed class GrantChangedException(string grantId) : Exception($"Grant {grantId} changed since it was read.");
