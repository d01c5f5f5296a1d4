using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>The Secretariat approves a pending budget move, applied to the budget as it is now.</summary>
public sealed class ApproveAmendment(Access access, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    [Function(nameof(ApproveAmendment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/amendments/{number}/approve")] HttpRequest request,
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

        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (file!.Amendments.FirstOrDefault(a => a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == number) is not { } amendment)
        {
            return Problems.NotFound();
        }

        if (amendment.Status != "Pending" || file.Grant.Status is not (GrantStatus.Active or GrantStatus.Suspended))
        {
            return Problems.Conflict($"This amendment is {amendment.Status} on a grant that is {file.Grant.Status}; only a pending one on an open grant is approved.");
        }

        var lines = GrantBudget.Lines(file.Grant);
        var errors = new Dictionary<string, string[]>();
        if (BudgetMoves.Apply(lines.Select(l => l.AmountMinor).ToArray(), AmendmentChanges.ReadMoves(amendment.ChangeJson), errors) is not { } after)
        {
            return Problems.Conflict("The budget changed since this move was proposed and it no longer fits: " + string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        GrantBudget.Keep(file.Grant, lines.Select((l, i) => l with { AmountMinor = after[i] }).ToArray());
        (amendment.Status, amendment.ApprovedByEmail, amendment.ApprovedAt) = ("Applied", caller.Email, time.GetUtcNow());
        return await GrantRequests.CommitAsync(grants, request, GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(amendment), audit.Stage(id, caller, "grant.amendment-approved", "grant:" + id, new { Status = "Pending" }, new { amendment.Number, amendment.Status }), cancellationToken);
    }
}
