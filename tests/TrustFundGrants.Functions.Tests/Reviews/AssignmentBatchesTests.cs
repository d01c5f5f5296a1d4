using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Functions.Tests.Reviews;

public sealed class AssignmentBatchesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(300, 7)]
    [InlineData(2_000, 40)]
    [InlineData(500, 2)]
    public void Pack_AnyRun_FitsTransactionsKeepsEveryAssignmentAndNotifiesEachReviewerOnce(int applications, int reviewers)
    {
        var planned = Enumerable.Range(0, applications)
            .SelectMany(a => new[] { a % reviewers, (a + 1) % reviewers }.Distinct().Select(r => new NewAssignment($"app-{a:D4}", $"rev-{r:D2}")))
            .ToArray();

        var batches = AssignmentBatches.Pack(planned);

        // Each transaction: its assignments, one email row per reviewer notified in it, and its audit entry.
        Assert.All(batches, b => Assert.True(b.Assignments.Count + b.Notified.Count + 1 <= AssignmentBatches.MaxActions));
        Assert.Equal(planned.OrderBy(a => a.ToString(), StringComparer.Ordinal), batches.SelectMany(b => b.Assignments).OrderBy(a => a.ToString(), StringComparer.Ordinal));
        var notified = batches.SelectMany(b => b.Notified).ToArray();
        Assert.Equal(planned.Select(a => a.ReviewerId).Distinct().Order(StringComparer.Ordinal), notified.Order(StringComparer.Ordinal));
        Assert.All(batches, b => Assert.All(b.Notified, r => Assert.Contains(b.Assignments, a => a.ReviewerId == r)));
    }

    [Fact]
    public void Pack_ReviewersWithSmallLoads_KeepsEachReviewersAssignmentsInOneBatch()
    {
        var planned = Enumerable.Range(0, 30).SelectMany(r => Enumerable.Range(0, 10).Select(a => new NewAssignment($"app-{r}-{a}", $"rev-{r:D2}"))).ToArray();

        var batches = AssignmentBatches.Pack(planned);

        Assert.All(planned.GroupBy(a => a.ReviewerId), g => Assert.Single(batches, b => b.Assignments.Any(a => a.ReviewerId == g.Key)));
    }

    [Fact]
    public void Pack_NoAssignments_NoBatches() => Assert.Empty(AssignmentBatches.Pack([]));
}
