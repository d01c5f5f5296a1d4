using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// The Secretariat takes a reviewer off an application. The row stays, marked removed, so a draft
/// review is kept rather than lost and no automatic run hands the application back to them; a
/// submitted review already counts in the ranking, so its assignment cannot be taken off.
/// </summary>
public sealed class UnassignReviewer(Access access, ReviewStores stores, AuditLog audit)
{
    [Function(nameof(UnassignReviewer))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "assignments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await stores.FindAssignmentAsync(id, cancellationToken) is not { } assignment)
        {
            return Problems.NotFound();
        }

        // Already off. A reviewer's own step-back stays one: marking it removed would let a manual assignment
        // put them back without asking, and a step-back may be a conflict of interest.
        if (assignment.Recused)
        {
            return TypedResults.NoContent();
        }

        if (assignment.ReviewStatus == ReviewStatuses.Submitted)
        {
            return Problems.Conflict("This reviewer has submitted their review; it counts in the ranking and stays.");
        }

        assignment.Recused = true;
        assignment.Removed = true;
        var entry = audit.Stage(assignment.PartitionKey, caller, "assignment.removed", "application:" + assignment.ApplicationId, null, new { assignment.ReviewerId });
        try
        {
            await audit.CommitAsync(stores.Assignments, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, assignment, assignment.ETag)], entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            // The reviewer saved or submitted at this moment: judged again on the next attempt.
            return Problems.PreconditionFailed();
        }

        return TypedResults.NoContent();
    }
}
