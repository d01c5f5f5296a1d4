using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>Round panels, conflict declarations and assignments; see the entities for keys.</summary>
public sealed class ReviewStores(TableServiceClient tables)
{
    public const string ReviewersTable = "roundreviewers";
    public const string ConflictsTable = "conflicts";
    public const string AssignmentsTable = "assignments";

    public TableClient Reviewers => tables.GetTableClient(ReviewersTable);

    public TableClient Conflicts => tables.GetTableClient(ConflictsTable);

    public TableClient Assignments => tables.GetTableClient(AssignmentsTable);

    /// <summary>The assignment an id names, or null for a malformed id or none stored.</summary>
    public async Task<AssignmentEntity?> FindAssignmentAsync(string id, CancellationToken cancellationToken)
    {
        if (!AssignmentId.TryParse(id, out var roundId, out var applicationId, out var reviewerId))
        {
            return null;
        }

        var found = await Assignments.GetEntityIfExistsAsync<AssignmentEntity>(roundId, AssignmentEntity.RowKeyFor(applicationId, reviewerId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The caller's own assignment, or null: another reviewer's, or one the Secretariat took them off,
    /// looks the same as none (404), so ids reveal nothing. Another reviewer's id costs no storage read.
    /// </summary>
    public async Task<AssignmentEntity?> FindOwnAssignmentAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!AssignmentId.TryParse(id, out _, out _, out var reviewerId) || reviewerId != caller.UserId)
        {
            return null;
        }

        return await FindAssignmentAsync(id, cancellationToken) is { Removed: false } assignment ? assignment : null;
    }

    public static async Task<IReadOnlyList<T>> PartitionAsync<T>(TableClient table, string partitionKey, CancellationToken cancellationToken, IEnumerable<string>? select = null)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and " + OutboxEntry.ExcludedFilter, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
