using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>Removes a document from a draft: its record first (so it stops counting), then the file.</summary>
public sealed class DeleteDocument(Access access, ApplicationStore applications, DocumentStore documents, BlobServiceClient blobs, AuditLog audit)
{
    [Function(nameof(DeleteDocument))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "applications/{id}/documents/{type}")] HttpRequest request,
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

        if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(caller, application)
            || await documents.FindAsync(application, type, cancellationToken) is not { } document)
        {
            return Problems.NotFound();
        }

        if (application.Status != ApplicationStatus.Draft)
        {
            return Problems.Conflict($"This application is {application.Status}; documents change only while it is a draft.");
        }

        var entry = audit.Stage(document.PartitionKey, caller, "document.deleted", "application:" + id, document.ToView(), null);
        try
        {
            await audit.CommitAsync(applications.Client, [new TableTransactionAction(TableTransactionActionType.Delete, document, document.ETag)], entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return Problems.PreconditionFailed();
        }

        await blobs.GetBlobContainerClient(DocumentStore.Container).DeleteBlobIfExistsAsync(document.BlobName, cancellationToken: CancellationToken.None);
        return TypedResults.NoContent();
    }
}
