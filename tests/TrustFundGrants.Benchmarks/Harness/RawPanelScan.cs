using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// The reads AutoAssign and GetRanking make, done straight with the Azure SDK as untyped
/// <see cref="TableEntity"/> rows on the app's own tables: the same filters, the same selects, the same
/// order. What a function costs beyond this is its own (HTTP, session, typed entities, the domain, JSON).
/// The variants show what a different way of reading would save, not what the functions do.
/// </summary>
internal sealed class RawPanelScan(string connectionString)
{
    private readonly TableServiceClient service = new(connectionString);

    private TableClient Applications => service.GetTableClient(ApplicationStore.Table);

    private TableClient Assignments => service.GetTableClient(ReviewStores.AssignmentsTable);

    /// <summary>
    /// AutoAssign's reads, in its order: the round, the eligible applications (RowKey and OrganisationId),
    /// the panel, each reviewer's declarations one partition after another, the existing assignments.
    /// With <paramref name="concurrent"/> the declarations are read all at once, alongside the rest.
    /// </summary>
    public async Task<ScanCount> AutoAssignReadsAsync(string roundId, bool concurrent, CancellationToken cancellationToken)
    {
        await RoundAsync(roundId, cancellationToken);
        var eligible = EligibleFilter(roundId);
        if (concurrent)
        {
            var applications = CountAsync(Applications, eligible, ["RowKey", "OrganisationId"], cancellationToken);
            var existing = CountAsync(Assignments, PartitionFilter(roundId), null, cancellationToken);
            var panel = await ReviewersAsync(roundId, cancellationToken);
            var declared = await Task.WhenAll(panel.Select(r => CountAsync(service.GetTableClient(ReviewStores.ConflictsTable), PartitionFilter(r), null, cancellationToken)));
            return new ScanCount(await applications, panel.Count, declared.Sum(), await existing);
        }

        var count = await CountAsync(Applications, eligible, ["RowKey", "OrganisationId"], cancellationToken);
        var reviewers = await ReviewersAsync(roundId, cancellationToken);
        var conflicts = 0;
        foreach (var reviewer in reviewers)
        {
            conflicts += await CountAsync(service.GetTableClient(ReviewStores.ConflictsTable), PartitionFilter(reviewer), null, cancellationToken);
        }

        return new ScanCount(count, reviewers.Count, conflicts, await CountAsync(Assignments, PartitionFilter(roundId), null, cancellationToken));
    }

    /// <summary>
    /// GetRanking's reads, in its order: the round, the round's assignments whole, the eligible
    /// applications whole. <see cref="RankingRead"/> says how the rows are read.
    /// </summary>
    public async Task<ScanCount> RankingReadsAsync(string roundId, RankingRead read, CancellationToken cancellationToken)
    {
        await RoundAsync(roundId, cancellationToken);
        if (read == RankingRead.Typed)
        {
            var typedAssignments = await ReviewStores.PartitionAsync<AssignmentEntity>(Assignments, roundId, cancellationToken);
            var typedApplications = 0;
            await foreach (var row in Applications.QueryAsync<ApplicationEntity>(EligibleFilter(roundId), cancellationToken: cancellationToken))
            {
                typedApplications++;
            }

            return new ScanCount(typedApplications, 0, 0, typedAssignments.Count);
        }

        var projected = read is RankingRead.Projected or RankingRead.ProjectedConcurrent;
        var assignments = CountAsync(
            Assignments, PartitionFilter(roundId), projected ? ["ApplicationId", "ReviewerId", "Recused", "ReviewStatus", "ScoresJson"] : null, cancellationToken);
        if (read != RankingRead.ProjectedConcurrent)
        {
            await assignments;
        }

        var applications = CountAsync(
            Applications, EligibleFilter(roundId), projected ? ["RowKey", "Reference", "Title", "RequestedMinor", "Currency"] : null, cancellationToken);
        return new ScanCount(await applications, 0, 0, await assignments);
    }

    /// <summary>
    /// The writes AutoAssign makes for <paramref name="count"/> new assignments, in a scratch table:
    /// transactions of 100 <see cref="AssignmentEntity"/> rows in one partition, <paramref name="parallel"/>
    /// at a time (the function sends one after another: 1).
    /// </summary>
    public static async Task AssignmentWritesAsync(
        TableClient scratch, IReadOnlyList<ApplicationEntity> applications, string[] reviewers, int perApplication, int parallel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(reviewers);
        var partition = Guid.CreateVersion7().ToString();
        var now = DateTimeOffset.UtcNow;
        var rows = applications.SelectMany((a, i) => Enumerable.Range(0, perApplication).Select(k => new AssignmentEntity
        {
            PartitionKey = partition,
            RowKey = AssignmentEntity.RowKeyFor(a.RowKey, reviewers[((i * perApplication) + k) % reviewers.Length]),
            ApplicationId = a.RowKey,
            ReviewerId = reviewers[((i * perApplication) + k) % reviewers.Length],
            OrganisationId = a.OrganisationId,
            AssignedAt = now,
        }));
        await Parallel.ForEachAsync(rows.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (batch, ct) =>
            await scratch.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
    }

    private static string PartitionFilter(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");

    private static string EligibleFilter(string roundId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and Status eq {ApplicationStatus.Eligible}");

    private static async Task<int> CountAsync(TableClient table, string filter, string[]? select, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    private async Task RoundAsync(string roundId, CancellationToken cancellationToken)
    {
        var round = await service.GetTableClient(RoundStore.Table).GetEntityIfExistsAsync<TableEntity>(RoundEntity.Partition, roundId, cancellationToken: cancellationToken);
        if (!round.HasValue)
        {
            throw new InvalidOperationException($"Round {roundId} is missing.");
        }
    }

    private async Task<List<string>> ReviewersAsync(string roundId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in service.GetTableClient(ReviewStores.ReviewersTable).QueryAsync<TableEntity>(PartitionFilter(roundId), cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }
}

/// <summary>
/// How the ranking's raw scan reads rows: untyped and whole, typed as the function reads them, untyped
/// with only the columns it uses, and that with the two queries at once.
/// </summary>
internal enum RankingRead
{
    Whole,
    Typed,
    Projected,
    ProjectedConcurrent,
}

/// <summary>Rows a scan read: applications, panel reviewers, conflict declarations, assignments.</summary>
internal sealed record ScanCount(int Applications, int Reviewers, int Conflicts, int Assignments);
