using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>The Secretariat sends a draft whose terms are set to the NGO to sign; the "agreement ready" email is owed with it.</summary>
public sealed class SendAgreement(Access access, IGrantStore grants, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(SendAgreement))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/send")] HttpRequest request,
        string id,
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

        var grant = file!.Grant;
        if (grant.Status != GrantStatus.Draft)
        {
            return Problems.Conflict($"This grant is {grant.Status}; only a draft is sent for signature.");
        }

        if (grant.StartDate.Length == 0 || file.Tranches.Count == 0 || file.Reports.Count == 0)
        {
            return Problems.Validation("terms", "Set the dates, tranches and reports before sending the agreement.");
        }

        grant.Status = GrantStatus.AwaitingSignature;
        grant.SentAt = time.GetUtcNow();
        var email = outbox.Stage(id, GrantEmailMessage.Queue, new GrantEmailMessage(id, GrantEmailMessage.Kinds.AgreementReady));
        return await GrantRequests.CommitAsync(grants, request, GrantChange.Of(grant, grant.ETag).Owing(email), audit.Stage(id, caller, "grant.sent", "grant:" + id, new { Status = GrantStatus.Draft }, new { grant.Status, grant.SentAt }), cancellationToken);
    }
}
