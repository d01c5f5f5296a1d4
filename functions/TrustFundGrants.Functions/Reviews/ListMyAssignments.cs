using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// The signed-in reviewer's assignments across rounds. Assignments are kept by round, so it first finds
/// the panels the reviewer sits on (a small table: a few dozen reviewers per round) and then reads
/// only those rounds, filtered to the reviewer: the cost follows their rounds, not the fund's history.
/// </summary>
public sealed class ListMyAssignments(Access access, ReviewStores stores)
{
    [Function(nameof(ListMyAssignments))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assignments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var panels = new List<string>();
        var onPanel = TableClient.CreateQueryFilter($"RowKey eq {caller.UserId}");
        await foreach (var panel in stores.Reviewers.QueryAsync<ReviewerEntity>(onPanel, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            panels.Add(panel.PartitionKey);
        }

        var mine = new System.Collections.Concurrent.ConcurrentBag<AssignmentView>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(panels, options, async (roundId, ct) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and ReviewerId eq {caller.UserId}");
            await foreach (var assignment in stores.Assignments.QueryAsync<AssignmentEntity>(filter, select: AssignmentEntity.ProgressColumns, cancellationToken: ct))
            {
                // Taken off by the Secretariat: no longer theirs to see. Their own recusals stay listed.
                if (!assignment.Removed)
                {
                    mine.Add(assignment.ToView());
                }
            }
        });

        return TypedResults.Ok(mine.OrderBy(a => a.AssignedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToArray());
    }
}
