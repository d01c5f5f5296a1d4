using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications.Documents;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>
/// Attaches a file to a report the NGO may still edit, with the rules application documents follow: size
/// refused before buffering (413), the type sniffed from the bytes (415), a private blob named by a new id.
/// </summary>
public sealed class UploadReportAttachment(Access access, IGrantStore grants, BlobServiceClient blobs, AuditLog audit, TimeProvider time)
{
    public const string Container = "grant-documents";
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerReport = 20;

    public static readonly IReadOnlyList<string> Types = [FileSignature.Pdf, FileSignature.Docx, FileSignature.Xlsx, FileSignature.Jpeg, FileSignature.Png];

    [Function(nameof(UploadReportAttachment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/reports/{number}/attachments")] HttpRequest request,
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

        if (await grants.ReadAsync(id, cancellationToken) is not { } file || !GrantRequests.MaySee(caller, file.Grant) || ReportSteps.Find(file, number) is not { } report)
        {
            return Problems.NotFound();
        }

        if ((ReportSteps.RequireOpenGrant(file.Grant) ?? (ReportStatus.Editable(report.Status) ? null : Problems.Conflict($"This report is {report.Status}; files are attached while it is a draft or returned."))) is { } refused)
        {
            return refused;
        }

        if (request.ContentLength > MaxBytes)
        {
            return Problems.PayloadTooLarge(MaxBytes);
        }

        if ((await grants.AttachmentsAsync(id, report.Number, cancellationToken)).Count >= MaxPerReport)
        {
            return Problems.Conflict($"A report holds at most {MaxPerReport} files; remove one first.");
        }

        await using var upload = await CheckedUpload.ReceiveAsync(
            request, MaxBytes, Types, _ => "Attach PDF, Word (DOCX), Excel (XLSX), JPEG or PNG files; this file is none of those, whatever its name says.", cancellationToken);
        if (upload.IsRefused)
        {
            return upload.Problem;
        }

        var attachmentId = Guid.CreateVersion7().ToString();
        var blob = blobs.GetBlobContainerClient(Container).GetBlobClient(attachmentId);
        var owners = new Dictionary<string, string> { ["grant"] = id, ["report"] = report.Number.ToString(CultureInfo.InvariantCulture) };
        await upload.StoreAsync(blob, upload.File, upload.File.FileName, owners, cancellationToken);
        var row = new AttachmentEntity
        {
            PartitionKey = id, RowKey = AttachmentEntity.RowKeyFor(report.Number, attachmentId), AttachmentId = attachmentId, Report = report.Number,
            BlobName = attachmentId, FileName = upload.File.FileName, ContentType = upload.ContentType, Size = upload.File.Size, Sha256 = upload.File.Sha256, UploadedAt = time.GetUtcNow(),
        };
        return await CommitAsync(file, row, blob, caller, cancellationToken);
    }

    // Under the ETag of the read that found the report editable: a report submitted meanwhile gets no new file, and its blob goes.
    private async Task<IResult> CommitAsync(GrantFile file, AttachmentEntity row, BlobClient blob, Caller caller, CancellationToken cancellationToken)
    {
        var id = row.PartitionKey;
        try
        {
            var entry = audit.Stage(id, caller, "report.attachment-added", "grant:" + id, null, new { Number = row.Report, row.AttachmentId, row.FileName, row.Size, row.Sha256 });
            await grants.CommitAsync(GrantChange.Of(file.Grant, file.Grant.ETag).Adding(row).Owing(entry), cancellationToken);
        }
        catch (GrantChangedException)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return Problems.PreconditionFailed();
        }

        var view = new AttachmentView(row.AttachmentId, row.FileName, row.ContentType, row.Size, row.Sha256, row.UploadedAt);
        return TypedResults.Created($"/api/grants/{id}/reports/{row.Report}/attachments/{row.AttachmentId}", view);
    }
}
