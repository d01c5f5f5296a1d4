using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// The Secretariat suspends an active grant (payments held), reinstates it, or terminates it, always with
/// a reason; and takes a sent agreement back to Draft to correct it before it is signed.
/// </summary>
public sealed class ChangeGrantStatus(Access access, IGrantStore grants, AuditLog audit)
{
    [Function(nameof(ChangeGrantStatus))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<GrantStatusRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var wanted = body.Value;
        var errors = new Dictionary<string, string[]>();
        wanted.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var grant = file!.Grant;
        var from = grant.Status;
        if (!GrantStatus.CanMove(from, wanted.Status) || (from == GrantStatus.Active && wanted.Status == GrantStatus.Active))
        {
            return Problems.Conflict($"A grant that is {from} cannot become {wanted.Status}.");
        }

        if (wanted.Status == GrantStatus.Terminated && file.Tranches.Any(t => t.Status is TrancheStatus.Requested or TrancheStatus.Approved))
        {
            return Problems.Conflict("A payment of this grant is requested or approved: record it paid before terminating.");
        }

        (grant.Status, grant.StatusReason) = (wanted.Status, wanted.Reason.Trim());
        return await GrantRequests.CommitAsync(grants, request, GrantChange.Of(grant, grant.ETag), audit.Stage(id, caller, "grant.status-changed", "grant:" + id, new { Status = from }, new { grant.Status, grant.StatusReason }), cancellationToken);
    }
}

public sealed record GrantStatusRequest(string Status, string Reason)
{
    private static readonly string[] Allowed = [GrantStatus.Suspended, GrantStatus.Active, GrantStatus.Terminated, GrantStatus.Draft];

    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Allowed.Contains(Status))
        {
            errors["status"] = ["status is one of: " + string.Join(", ", Allowed) + "."];
        }

        if (Reason.Trim() is not { Length: > 0 and <= 2000 })
        {
            errors["reason"] = ["Say why (up to 2,000 characters); the grantee and the audit log keep it."];
        }
    }
}
