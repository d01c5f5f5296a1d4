using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>Streams a report's file to the Secretariat or the grantee's members. Never cached, never rendered inline.</summary>
public sealed class DownloadReportAttachment(Access access, IGrantStore grants, BlobServiceClient blobs)
{
    [Function(nameof(DownloadReportAttachment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "grants/{id}/reports/{number}/attachments/{attachmentId}")] HttpRequest request,
        string id,
        string number,
        string attachmentId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await grants.ReadAsync(id, cancellationToken) is not { } file || !GrantRequests.MaySee(caller, file.Grant) || ReportSteps.Find(file, number) is not { } report
            || (await grants.AttachmentsAsync(id, report.Number, cancellationToken)).FirstOrDefault(a => a.AttachmentId == attachmentId) is not { } attachment)
        {
            return Problems.NotFound();
        }

        var content = await blobs.GetBlobContainerClient(UploadReportAttachment.Container).GetBlobClient(attachment.BlobName).OpenReadAsync(cancellationToken: cancellationToken);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers["X-Content-Type-Options"] = "nosniff";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(attachment.FileName);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(content, attachment.ContentType);
    }
}
