using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>A Secretariat member asks for a due tranche to be paid; a different member must approve it.</summary>
public sealed class RequestPayment(Access access, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    [Function(nameof(RequestPayment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/tranches/{number}/request")] HttpRequest request,
        string id,
        string number,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var (read, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken, f =>
            PaymentSteps.Find(f, number) is not { } t ? Problems.NotFound() : TrancheRules.Request(f.Grant.Status, t.Status) is { } no ? Problems.Conflict(no) : null);
        if (problem is not null)
        {
            return problem;
        }

        var file = read!;
        if (PaymentSteps.Find(file, number) is not { } tranche)
        {
            return Problems.NotFound();
        }

        if (TrancheRules.Request(file.Grant.Status, tranche.Status) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        (tranche.Status, tranche.RequestedById, tranche.RequestedByEmail, tranche.RequestedAt) = (TrancheStatus.Requested, caller.UserId, caller.Email, time.GetUtcNow());
        var change = GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(tranche);
        return await PaymentSteps.CommitAsync(grants, request, change, tranche, audit.Stage(id, caller, "tranche.requested", "grant:" + id, new { tranche.Number, Status = TrancheStatus.Due }, new { tranche.Number, tranche.Status }), cancellationToken);
    }
}
