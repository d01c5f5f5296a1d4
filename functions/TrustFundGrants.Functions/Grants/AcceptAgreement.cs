using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// A member of the NGO accepts the agreement it was sent, giving their name and title. The grant becomes
/// Active and its amount is committed: the commitment's ledger entry, the totals, the first tranche falling
/// due (if its day has come) and the grant-committed event all commit together.
/// </summary>
public sealed class AcceptAgreement(Access access, IGrantStore grants, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(AcceptAgreement))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/accept")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<AcceptanceRequest>(request, cancellationToken);
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

        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var grant = file!.Grant;
        if (grant.Status != GrantStatus.AwaitingSignature)
        {
            return Problems.Conflict($"This grant is {grant.Status}; only an agreement sent for signature is accepted.");
        }

        var now = time.GetUtcNow();
        (grant.Status, grant.AcceptedByName, grant.AcceptedByTitle, grant.AcceptedByUserId, grant.AcceptedAt) =
            (GrantStatus.Active, body.Value.Name.Trim(), body.Value.Title.Trim(), caller.UserId, now);
        var change = GrantLedgerWrites.Append(GrantChange.Of(grant, grant.ETag), LedgerKind.Commitment, grant.AmountMinor, now, caller.Email, "Agreement accepted", null, null)
            ?? throw new InvalidOperationException("A grant awaiting signature has nothing committed yet.");
        var first = file.Tranches.OrderBy(t => t.Number).First();
        if (TrancheRules.FallsDue(GrantRequests.ParseDay(first.DueOn), GrantRequests.Today(time), reportAccepted: true))
        {
            first.Status = TrancheStatus.Due;
            change = change.Replacing(first);
        }

        change = change.Owing(outbox.Stage(id, ProjectionEvent.Queue, new ProjectionEvent(ProjectionEvent.GrantCommitted, grant.FundId, id, now)));
        return await GrantRequests.CommitAsync(grants, request, change, audit.Stage(id, caller, "grant.accepted", "grant:" + id, new { Status = GrantStatus.AwaitingSignature }, new { grant.Status, grant.AcceptedByName, grant.AcceptedByTitle, grant.AcceptedAt }), cancellationToken);
    }
}

/// <summary>Who signs for the NGO.</summary>
public sealed record AcceptanceRequest(string Name, string Title)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Name.Trim() is not { Length: > 0 and <= 200 })
        {
            errors["name"] = ["Give the full name of the person accepting (up to 200 characters)."];
        }

        if (Title.Trim() is not { Length: > 0 and <= 200 })
        {
            errors["title"] = ["Give their title or role in the organisation (up to 200 characters)."];
        }
    }
}
