using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Reviews;

public sealed class ListConflicts(Access access, ReviewStores stores)
{
    [Function(nameof(ListConflicts))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/conflicts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var conflicts = await ReviewStores.PartitionAsync<ConflictEntity>(stores.Conflicts, caller.UserId, cancellationToken);
        return TypedResults.Ok(conflicts.OrderByDescending(c => c.DeclaredAt).Select(c => c.ToView()).ToArray());
    }
}
