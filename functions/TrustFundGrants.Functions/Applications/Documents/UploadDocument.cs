using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
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
    Access access, ApplicationStore applications, RoundStore rounds, BlobServiceClient blobs, DocumentChanges changes)
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

        // An early answer only, before a body that may be large; the decisive check comes at commit.
        if (!ApplicationLifecycle.IsEditable(application.Status))
        {
            return Problems.Conflict($"This application is {application.Status}; documents change only while it is a draft.");
        }

        var round = await rounds.TermsAsync(application.PartitionKey, cancellationToken);
        if (round!.RequiredDocuments().FirstOrDefault(d => string.Equals(d.Type, type, StringComparison.Ordinal)) is not { } required)
        {
            return Problems.Validation("type", "This round asks for no document of this type.");
        }

        if (request.ContentLength > required.MaxBytes)
        {
            return Problems.PayloadTooLarge(required.MaxBytes);
        }

        await using var upload = await CheckedUpload.ReceiveAsync(
            request,
            required.MaxBytes,
            required.ContentTypes,
            sniffed => $"\"{required.Title}\" accepts {string.Join(", ", required.ContentTypes.Select(Describe))}; this file is {(sniffed is null ? "none of those" : Describe(sniffed))}, whatever its name says.",
            cancellationToken);
        if (upload.IsRefused)
        {
            return upload.Problem;
        }

        return await StoreAsync(caller, id, type, round, upload, cancellationToken);
    }

    // In a blind round the stored file carries no authorship, so a reviewer cannot read who applied in its properties.
    private async Task<IResult> StoreAsync(Caller caller, string id, string type, RoundEntity round, CheckedUpload upload, CancellationToken cancellationToken)
    {
        if (upload.IsRefused)
        {
            throw new ArgumentException("A refused upload is not stored.", nameof(upload));
        }

        var sniffed = upload.ContentType;
        await using var anonymous = round.BlindReview
            ? await upload.File.RewrittenAsync((from, to, ct) => DocumentProperties.WriteAnonymousAsync(from, sniffed, to, ct), cancellationToken)
            : null;
        if (round.BlindReview && anonymous is null)
        {
            return Problems.Problem(
                StatusCodes.Status415UnsupportedMediaType, "unreadable-file", "This file could not be read.", $"It looks like {Describe(sniffed)} but could not be opened; save it again and upload the new copy.");
        }

        var file = anonymous ?? upload.File;
        var fileName = StoredFileName.For(upload.File.FileName, sniffed);
        var blobName = Guid.CreateVersion7().ToString();
        var owners = new Dictionary<string, string> { ["application"] = id };
        await upload.StoreAsync(blobs.GetBlobContainerClient(DocumentStore.Container).GetBlobClient(blobName), file, fileName, owners, cancellationToken);

        // Staged: the blob is only a document once its row commits, and only if the application is still
        // an editable draft then, whatever it was when the body started to arrive.
        var staged = new DocumentEntity
        {
            Type = type,
            BlobName = blobName,
            FileName = fileName,
            ContentType = sniffed,
            Size = file.Size,
            Sha256 = file.Sha256,
        };
        return await changes.CommitUploadAsync(caller, id, staged, cancellationToken);
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
