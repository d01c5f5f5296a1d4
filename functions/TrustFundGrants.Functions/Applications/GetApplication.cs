using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications;

public sealed class GetApplication(Access access, ApplicationStore applications, DocumentStore documents)
{
    [Function(nameof(GetApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (caller, denied) = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (denied is not null)
        {
            return denied;
        }

        if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MaySee(caller!, application))
        {
            return Problems.NotFound();
        }

        var files = await documents.ListAsync(application, cancellationToken);
        request.HttpContext.Response.Headers.ETag = application.ETag.ToString("H");
        return TypedResults.Ok(ApplicationView.From(application, files.Select(f => f.ToView()).ToArray()));
    }
}
