using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>A second Secretariat member approves a requested payment; whoever requested it is refused (four eyes).</summary>
public sealed class ApprovePayment(Access access, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    [Function(nameof(ApprovePayment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/tranches/{number}/approve")] HttpRequest request,
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
            PaymentSteps.Find(f, number) is not { } t ? Problems.NotFound() : t.Status != TrancheStatus.Requested ? Problems.Conflict($"This tranche is {t.Status}; only a requested payment can be approved.") : null);
        if (problem is not null)
        {
            return problem;
        }

        var file = read!;
        if (PaymentSteps.Find(file, number) is not { } tranche)
        {
            return Problems.NotFound();
        }

        if (TrancheRules.Approve(file.Grant.Status, tranche.Status, tranche.RequestedById ?? string.Empty, caller.UserId) is { } refusal)
        {
            return tranche.RequestedById == caller.UserId && tranche.Status == TrancheStatus.Requested
                ? Problems.Problem(StatusCodes.Status403Forbidden, "four-eyes", "A second person must approve this payment.", refusal)
                : Problems.Conflict(refusal);
        }

        (tranche.Status, tranche.ApprovedById, tranche.ApprovedByEmail, tranche.ApprovedAt) = (TrancheStatus.Approved, caller.UserId, caller.Email, time.GetUtcNow());
        var change = GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(tranche);
        return await PaymentSteps.CommitAsync(grants, request, change, tranche, audit.Stage(id, caller, "tranche.approved", "grant:" + id, new { tranche.Number, Status = TrancheStatus.Requested }, new { tranche.Number, tranche.Status, tranche.RequestedByEmail }), cancellationToken);
    }
}
