using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications;

public sealed class GetApplication(
    Access access, ApplicationStore applications, DocumentStore documents, ApplicationAccess visibility, Rounds.RoundStore rounds, Organisations.OrganisationStore organisations)
{
    [Function(nameof(GetApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await applications.FindAsync(id, cancellationToken) is not { } application || !await visibility.MaySeeAsync(caller, application, cancellationToken))
        {
            return Problems.NotFound();
        }

        var files = await documents.ListAsync(application, cancellationToken);
        var view = ApplicationView.From(application, files.Select(f => f.ToView()).ToArray());
        var reviewerOnly = ApplicationAccess.SeesAsReviewerOnly(caller, application);
        if (reviewerOnly && (await rounds.TermsAsync(application.PartitionKey, cancellationToken))?.BlindReview == true)
        {
            // Blind review: the reviewer judges the proposal, not who sent it.
            view = view with { OrganisationId = string.Empty };
        }
        else if (reviewerOnly || caller.IsIn(Roles.Secretariat))
        {
            // Named, so a reviewer can recognise a tie they have not declared yet, and the Secretariat knows whom it
            // reads. The applicant's own form (saved and reloaded often) knows its organisation and skips the read.
            view = view with { OrganisationName = (await organisations.FindAsync(application.OrganisationId, cancellationToken))?.Name };
        }

        request.HttpContext.Response.Headers.ETag = application.ETag.ToString("H");
        return TypedResults.Ok(view);
    }
}
