using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// Uploads or replaces one of the round's required documents while the application is a draft.
/// Refused before anything is stored: a body over the type's size limit (413) and a file whose bytes
/// are not one of the type's allowed formats (415), whatever its name or declared type says.
/// </summary>
public sealed class UploadDocument(
    Access access, ApplicationStore applications, DocumentStore documents, RoundStore rounds, BlobServiceClient blobs, AuditLog audit, TimeProvider time)
{
    [Function(nameof(UploadDocument))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "applications/{id}/documents/{type}")] HttpRequest request,
        string id,
        string type,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(caller, application))
        {
            return Problems.NotFound();
        }

        if (application.Status != ApplicationStatus.Draft)
        {
            return Problems.Conflict($"This application is {application.Status}; documents change only while it is a draft.");
        }

        var round = await rounds.TermsAsync(application.PartitionKey, cancellationToken);
        var required = round!.RequiredDocuments()
            .FirstOrDefault(d => string.Equals(d.Type, type, StringComparison.Ordinal));
        if (required is null)
        {
            return Problems.Validation("type", "This round asks for no document of this type.");
        }

        if (request.ContentLength > required.MaxBytes)
        {
            return Problems.PayloadTooLarge(required.MaxBytes);
        }

        await using var upload = await UploadedFile.SpoolAsync(request, required.MaxBytes, cancellationToken);
        if (upload is null)
        {
            return Problems.PayloadTooLarge(required.MaxBytes);
        }

        if (upload.Size == 0)
        {
            return Problems.Validation("file", "The file is empty.");
        }

        var sniffed = FileSignature.Sniff(upload.Content);
        if (sniffed is null || !required.ContentTypes.Contains(sniffed))
        {
            return Problems.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "unsupported-file",
                "This file type is not accepted here.",
                $"\"{required.Title}\" accepts {string.Join(", ", required.ContentTypes.Select(Describe))}; this file is {(sniffed is null ? "none of those" : Describe(sniffed))}, whatever its name says.");
        }

        var blobName = Guid.CreateVersion7().ToString();
        var blob = blobs.GetBlobContainerClient(DocumentStore.Container).GetBlobClient(blobName);
        await blob.UploadAsync(
            upload.Content,
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = sniffed },
                Metadata = new Dictionary<string, string>
                {
                    ["sha256"] = upload.Sha256,
                    ["size"] = upload.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["contenttype"] = sniffed,
                    ["filename"] = Uri.EscapeDataString(upload.FileName),
                    ["application"] = application.RowKey,
                },
            },
            cancellationToken);

        var existing = await documents.FindAsync(application, type, cancellationToken);
        var record = new DocumentEntity
        {
            PartitionKey = application.PartitionKey,
            RowKey = DocumentEntity.RowKeyFor(application.RowKey, type),
            Type = type,
            BlobName = blobName,
            FileName = upload.FileName,
            ContentType = sniffed,
            Size = upload.Size,
            Sha256 = upload.Sha256,
            UploadedAt = time.GetUtcNow(),
        };
        var entry = audit.Stage(
            record.PartitionKey, caller, existing is null ? "document.uploaded" : "document.replaced", "application:" + id, existing?.ToView(), record.ToView());
        try
        {
            var write = existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, record)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, record, existing.ETag);
            await audit.CommitAsync(applications.Client, [write], entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Someone replaced it at the same moment: theirs stands, and our blob must not linger unreferenced.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return Problems.PreconditionFailed();
        }

        if (existing is not null)
        {
            await blobs.GetBlobContainerClient(DocumentStore.Container).DeleteBlobIfExistsAsync(existing.BlobName, cancellationToken: CancellationToken.None);
        }

        return existing is null
            ? TypedResults.Created($"/api/applications/{id}/documents/{type}", record.ToView())
            : TypedResults.Ok(record.ToView());
    }

    private static string Describe(string contentType) => contentType switch
    {
        FileSignature.Pdf => "PDF",
        FileSignature.Docx => "Word (DOCX)",
        FileSignature.Xlsx => "Excel (XLSX)",
        FileSignature.Jpeg => "JPEG",
        FileSignature.Png => "PNG",
        _ => contentType,
    };
}
