using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>Edits an organisation's profile. If-Match is required, so two people editing at once cannot overwrite each other.</summary>
public sealed class UpdateOrganisation(Access access, OrganisationStore organisations, AuditLog audit)
{
    [Function(nameof(UpdateOrganisation))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "organisations/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (!OrganisationAccess.MaySee(caller, id) || await organisations.FindAsync(id, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound();
        }

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } missing)
        {
            return missing;
        }

        var body = await RequestJson.ReadAsync<OrganisationRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var before = organisation.ToView();
        body.Value.ApplyTo(organisation);
        var entry = audit.Stage(organisation.PartitionKey, caller, "organisation.updated", "organisation:" + id, before, organisation.ToView());
        ETag etag;
        try
        {
            etag = (await audit.CommitAsync(organisations.Client, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, organisation, ifMatch)], entry, cancellationToken))[0];
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        return OrganisationResults.WithETag(request.HttpContext.Response, organisation, etag);
    }
}
