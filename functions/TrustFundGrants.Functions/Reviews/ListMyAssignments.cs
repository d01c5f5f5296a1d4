using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// The signed-in reviewer's assignments across rounds. It filters the assignments table by reviewer,
/// which reads every round's rows: fine for the few thousand a fund holds; an index by reviewer is the
/// next step if that grows.
/// </summary>
public sealed class ListMyAssignments(Access access, ReviewStores stores)
{
    [Function(nameof(ListMyAssignments))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assignments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (caller, denied) = await access.RequireAsync(request, Roles.Reviewer);
        if (denied is not null)
        {
            return denied;
        }

        var mine = new List<AssignmentView>();
        var filter = TableClient.CreateQueryFilter($"ReviewerId eq {caller!.UserId}");
        await foreach (var assignment in stores.Assignments.QueryAsync<AssignmentEntity>(filter, cancellationToken: cancellationToken))
        {
            // Taken off by the Secretariat: no longer theirs to see. Their own recusals stay listed.
            if (!assignment.Removed)
            {
                mine.Add(assignment.ToView());
            }
        }

        return TypedResults.Ok(mine.OrderBy(a => a.AssignedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToArray());
    }
}
