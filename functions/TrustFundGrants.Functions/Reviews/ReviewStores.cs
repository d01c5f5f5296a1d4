using Azure.Data.Tables;

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

    public static async Task<IReadOnlyList<T>> PartitionAsync<T>(TableClient table, string partitionKey, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
