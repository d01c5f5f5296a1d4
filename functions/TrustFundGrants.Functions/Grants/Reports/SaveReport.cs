using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>The NGO saves its report while it is a draft or returned for changes (If-Match: the grant's ETag).</summary>
public sealed class SaveReport(Access access, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    [Function(nameof(SaveReport))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "grants/{id}/reports/{number}")] HttpRequest request,
        string id,
        string number,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<ReportContent>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

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

        if (ReportSteps.RequireOpenGrant(file.Grant) is { } closed)
        {
            return closed;
        }

        if (!ReportStatus.Editable(report.Status))
        {
            return Problems.Conflict($"This report is {report.Status}; it changes only as a draft or when returned for changes.");
        }

        var errors = new Dictionary<string, string[]>();
        if (!body.Value.TryApply(report, file.Grant, errors))
        {
            return Problems.Validation(errors);
        }

        report.UpdatedAt = time.GetUtcNow();
        return await ReportSteps.CommitAsync(grants, request, GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(report), report.Number, audit.Stage(id, caller, "report.saved", "grant:" + id, null, new { report.Number, report.Status }), cancellationToken);
    }
}
