using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>Removes a document from a draft before the deadline: its record first (so it stops counting), then the file.</summary>
public sealed class DeleteDocument(Access access, DocumentChanges changes)
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

        return await changes.CommitDeleteAsync(session.Caller, id, type, cancellationToken);
    }
}
