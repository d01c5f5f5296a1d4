using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Writes a <see cref="PanelRound"/> straight into the app's tables through its own stores and entity
/// types, so the functions read exactly what they would after a real round. Set-up, never timed: rows
/// sharing a partition go in entity-group transactions of 100 (the service's limit), several at once.
/// </summary>
internal sealed class PanelSeed(string connectionString, int parallel)
{
    private const int Batch = 100;

    private readonly TableServiceClient service = new(connectionString);

    public ReviewStores Stores => new(service);

    public async Task WriteAsync(PanelRound round, bool withConflicts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        await new RoundStore(service, TimeProvider.System).Client.AddEntityAsync(round.Round, cancellationToken);
        var applications = new ApplicationStore(service).Client;
        await InBatchesAsync(applications, round.Applications, TableTransactionActionType.Add, cancellationToken);

        // The key rows ApplicationStore.AddAsync writes first (one partition each, so no batching), so the
        // round's applications are findable by id as the app's own would be.
        var keys = service.GetTableClient(ApplicationStore.KeyTable);
        await Parallel.ForEachAsync(round.Applications, Options(cancellationToken), async (a, ct) =>
            await keys.AddEntityAsync(new TableEntity(a.RowKey, "key") { ["RoundId"] = a.PartitionKey }, ct));

        var stores = Stores;
        var now = DateTimeOffset.UtcNow;
        await InBatchesAsync(
            stores.Reviewers,
            round.Reviewers.Select((id, i) => new ReviewerEntity
            {
                PartitionKey = round.RoundId,
                RowKey = id,
                Email = Fmt.Inv($"reviewer-{i:D2}@panel.example.org"),
                AddedAt = now.AddDays(-30),
            }),
            TableTransactionActionType.Add,
            cancellationToken);
        if (withConflicts)
        {
            await InBatchesAsync(stores.Conflicts, round.Conflicts, TableTransactionActionType.Add, cancellationToken);
        }
    }

    /// <summary>
    /// Reviews on the round's assignments, as SaveReview leaves them: most submitted, some still drafts,
    /// some not started, a few recused. Returns the assignments as stored, for the ranking's check.
    /// </summary>
    public async Task<IReadOnlyList<AssignmentEntity>> ReviewAsync(string roundId, CancellationToken cancellationToken)
    {
        var stores = Stores;
        var assignments = await ReviewStores.PartitionAsync<AssignmentEntity>(stores.Assignments, roundId, cancellationToken);
        var random = new Random(assignments.Count);
        var now = DateTimeOffset.UtcNow;
        foreach (var (assignment, i) in assignments.Select((a, i) => (a, i)))
        {
            var scores = PanelRound.Criteria.ToDictionary(c => c.Id, c => random.Next(c.MaxScore / 3, c.MaxScore + 1), StringComparer.Ordinal);
            switch (i % 100)
            {
                case < 88:
                    Fill(assignment, scores, random);
                    assignment.ReviewStatus = "Submitted";
                    assignment.ReviewSubmittedAt = now.AddHours(-random.Next(1, 500));
                    break;
                case < 94:
                    scores.Remove("safeguarding");
                    Fill(assignment, scores, random);
                    assignment.ReviewStatus = "Draft";
                    break;
                case < 99:
                    break;
                default:
                    assignment.Recused = true;
                    assignment.RecusalReason = "Knows the director personally.";
                    break;
            }
        }

        await InBatchesAsync(stores.Assignments, assignments, TableTransactionActionType.UpdateReplace, cancellationToken);
        return assignments;
    }

    private static void Fill(AssignmentEntity assignment, Dictionary<string, int> scores, Random random)
    {
        assignment.ScoresJson = JsonSerializer.Serialize(scores);
        // Reviewers write a paragraph or two; the ranking reads these rows whole, comments included.
        assignment.Comments = string.Concat(Enumerable.Repeat("Clear referral pathway and credible partners; the budget for legal aid looks thin for the caseload. ", 1 + random.Next(8)));
        assignment.Recommendation = ReviewRequest.Recommendations[random.Next(ReviewRequest.Recommendations.Count)];
        assignment.RecommendedMinor = random.Next(2) == 0 ? null : random.Next(200, 401) * 100_00L;
    }

    /// <summary>Groups by partition, cuts each into transactions of 100 and sends several transactions at once.</summary>
    private async Task InBatchesAsync<T>(TableClient table, IEnumerable<T> rows, TableTransactionActionType action, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var batches = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(Batch)).ToArray();
        await Parallel.ForEachAsync(batches, Options(cancellationToken), async (batch, ct) =>
        {
            var response = await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(action, r, r.ETag)), ct);
            if (response.Value.Count != batch.Length)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A seeding transaction on {table.Name} answered {response.Value.Count} of {batch.Length}."));
            }
        });
    }

    private ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
}
