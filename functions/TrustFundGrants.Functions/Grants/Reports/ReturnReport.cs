using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>The Secretariat returns a submitted report to the NGO with comments on what to change; the NGO is emailed once.</summary>
public sealed class ReturnReport(Access access, IGrantStore grants, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(ReturnReport))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/reports/{number}/return")] HttpRequest request,
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

        var body = await RequestJson.ReadAsync<ReturnRequest>(request, cancellationToken);
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

        var comments = body.Value.Comments.Trim();

        var (read, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var file = read!;
        if (ReportSteps.Find(file, number) is not { } report)
        {
            return Problems.NotFound();
        }

        if ((ReportSteps.RequireOpenGrant(file.Grant) ?? (report.Status == ReportStatus.Submitted ? null : Problems.Conflict($"This report is {report.Status}; only a submitted report is returned."))) is { } refused)
        {
            return refused;
        }

        (report.Status, report.Comments, report.DecidedAt, report.DecidedByEmail) = (ReportStatus.ReturnedForChanges, comments, time.GetUtcNow(), caller.Email);
        var email = outbox.Stage(id, GrantEmailMessage.Queue, new GrantEmailMessage(id, GrantEmailMessage.Kinds.ReportReturned, report.Number));
        return await ReportSteps.CommitAsync(grants, request, GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(report).Owing(email), report.Number, audit.Stage(id, caller, "report.returned", "grant:" + id, new { report.Number, Status = ReportStatus.Submitted }, new { report.Number, report.Status, report.Comments }), cancellationToken);
    }
}

public sealed record ReturnRequest(string Comments)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Comments.Trim() is not { Length: > 0 and <= 4000 })
        {
            errors["comments"] = ["Say what the NGO should change (up to 4,000 characters)."];
        }
    }
}
