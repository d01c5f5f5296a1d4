using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// A reviewer steps back from one application. The assignment stays, marked recused, so no later
/// run hands the same application back to them; the next run gives it another reviewer.
/// </summary>
public sealed class RecuseAssignment(Access access, ReviewStores stores, AuditLog audit)
{
    [Function(nameof(RecuseAssignment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "assignments/{id}/recuse")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await stores.FindOwnAssignmentAsync(id, caller, cancellationToken) is not { } assignment)
        {
            return Problems.NotFound();
        }

        var body = await RequestJson.ReadAsync<RecusalRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (assignment.Recused)
        {
            return TypedResults.Ok(assignment.ToView());
        }

        assignment.Recused = true;
        assignment.RecusalReason = body.Value.Reason.Trim();
        var entry = audit.Stage(assignment.PartitionKey, caller, "assignment.recused", "application:" + assignment.ApplicationId, null, new { assignment.ReviewerId, reason = assignment.RecusalReason });
        try
        {
            await audit.CommitAsync(stores.Assignments, [new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpdateReplace, assignment, assignment.ETag)], entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        return TypedResults.Ok(assignment.ToView());
    }
}

public sealed record RecusalRequest(string Reason)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 1000)
        {
            errors["reason"] = ["Say briefly why you step back (up to 1,000 characters); only the Secretariat sees it."];
        }
    }
}
