using Microsoft.AspNetCore.Http;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

internal static class ReportSteps
{
    public static ReportEntity? Find(GrantFile file, string number) =>
        int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? file.Report(n) : null;

    /// <summary>Reports are written while the grant runs: accepted, not yet closed or ended.</summary>
    public static IResult? RequireOpenGrant(GrantEntity grant) =>
        grant.Status is GrantStatus.Active or GrantStatus.Suspended
            ? null
            : Problems.Conflict($"This grant is {grant.Status}; reports are written and reviewed while it is active.");

    public static async Task<IResult> ViewAsync(IGrantStore grants, HttpRequest request, string grantId, int number, CancellationToken cancellationToken)
    {
        var file = await grants.ReadAsync(grantId, cancellationToken) ?? throw new InvalidOperationException($"Grant {grantId} vanished.");
        var report = file.Report(number)!;
        request.HttpContext.Response.Headers.ETag = file.Grant.ETag.ToString("H");
        return TypedResults.Ok(ReportView.From(file.Grant, report, await grants.AttachmentsAsync(grantId, number, cancellationToken)));
    }

    /// <summary>Commits and answers with the report as it now is, under the grant's new ETag (412 when the grant changed first).</summary>
    public static async Task<IResult> CommitAsync(IGrantStore grants, HttpRequest request, GrantChange change, int number, Platform.Outbox.OutboxEntry audit, CancellationToken cancellationToken)
    {
        try
        {
            await grants.CommitAsync(change.Owing(audit), cancellationToken);
        }
        catch (GrantChangedException)
        {
            return Problems.PreconditionFailed();
        }
        return await ViewAsync(grants, request, change.Grant.PartitionKey, number, cancellationToken);
    }
}
