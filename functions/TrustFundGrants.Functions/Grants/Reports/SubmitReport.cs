using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>The NGO submits its saved report for review: it must say what was done and what came of it.</summary>
public sealed class SubmitReport(Access access, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    [Function(nameof(SubmitReport))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/reports/{number}/submit")] HttpRequest request,
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

        if ((ReportSteps.RequireOpenGrant(file.Grant) ?? (ReportStatus.Editable(report.Status) ? null : Problems.Conflict($"This report is {report.Status}; it is submitted once, or again after it was returned."))) is { } refused)
        {
            return refused;
        }

        var narrative = JsonSerializer.Deserialize<ReportNarrative>(report.NarrativeJson, JsonSerializerOptions.Web);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(narrative?.Activities))
        {
            errors["narrative.activities"] = ["Describe the activities of the period before submitting."];
        }

        if (string.IsNullOrWhiteSpace(narrative?.Results))
        {
            errors["narrative.results"] = ["Describe the results of the period before submitting."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var before = report.Status;
        (report.Status, report.SubmittedAt, report.SubmittedByEmail) = (ReportStatus.Submitted, time.GetUtcNow(), caller.Email);
        return await ReportSteps.CommitAsync(grants, request, GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(report), report.Number, audit.Stage(id, caller, "report.submitted", "grant:" + id, new { report.Number, Status = before }, new { report.Number, report.Status }), cancellationToken);
    }
}
