using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// Streams a document back to someone allowed to see its application. Never cached, never rendered
/// inline, and named with the extension of what it is (a reviewer in a blind round gets a generic name).
/// </summary>
public sealed class DownloadDocument(
    Access access, ApplicationStore applications, DocumentStore documents, ApplicationAccess visibility, RoundStore rounds, BlobServiceClient blobs)
{
    [Function(nameof(DownloadDocument))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{id}/documents/{type}")] HttpRequest request,
        string id,
        string type,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await applications.FindAsync(id, cancellationToken) is not { } application || !await visibility.MaySeeAsync(caller, application, cancellationToken)
            || await documents.FindAsync(application, type, cancellationToken) is not { } document)
        {
            return Problems.NotFound();
        }

        var content = await blobs.GetBlobContainerClient(DocumentStore.Container).GetBlobClient(document.BlobName).OpenReadAsync(cancellationToken: cancellationToken);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers["X-Content-Type-Options"] = "nosniff";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(
            ApplicationAccess.SeesAsReviewerOnly(caller, application) && await rounds.TermsAsync(application.PartitionKey, cancellationToken) is { BlindReview: true } round
                ? BlindDocumentNames.FileName(round, document.Type, document.ContentType)
                : StoredFileName.For(document.FileName, document.ContentType));
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(content, document.ContentType);
    }
}
