using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// Secretariat: every assignment of a round with its review's progress (never its content), so the
/// panel's workload can be followed and a reviewer taken off. One partition read.
/// </summary>
public sealed class ListRoundAssignments(Access access, RoundStore rounds, ReviewStores stores)
{
    [Function(nameof(ListRoundAssignments))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rounds/{roundId}/assignments")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (await rounds.FindAsync(roundId, cancellationToken) is null)
        {
            return Problems.NotFound();
        }

        var assignments = await ReviewStores.PartitionAsync<AssignmentEntity>(stores.Assignments, roundId, cancellationToken, AssignmentEntity.ProgressColumns);
        return TypedResults.Ok(assignments
            .Select(a => a.ToView())
            .OrderBy(a => a.Reference, StringComparer.Ordinal)
            .ThenBy(a => a.ReviewerId, StringComparer.Ordinal)
            .ToArray());
    }
}
