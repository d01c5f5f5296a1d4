using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>A report with its content, the budget it reports against and its attachments; the ETag is the grant's.</summary>
public sealed class GetReport(Access access, IGrantStore grants)
{
    [Function(nameof(GetReport))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "grants/{id}/reports/{number}")] HttpRequest request,
        string id,
        string number,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await grants.ReadAsync(id, cancellationToken) is not { } file || !GrantRequests.MaySee(caller, file.Grant) || ReportSteps.Find(file, number) is not { } report)
        {
            return Problems.NotFound();
        }

        request.HttpContext.Response.Headers.ETag = file.Grant.ETag.ToString("H");
        return TypedResults.Ok(ReportView.From(file.Grant, report, await grants.AttachmentsAsync(id, report.Number, cancellationToken)));
    }
}
