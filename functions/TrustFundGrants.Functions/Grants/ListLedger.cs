using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>A grant's ledger, oldest first, page by page.</summary>
public sealed class ListLedger(Access access, IGrantStore grants)
{
    [Function(nameof(ListLedger))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "grants/{id}/ledger")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var (paging, errors) = Paging.From(request);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        if (await grants.ReadAsync(id, cancellationToken) is not { } file || !GrantRequests.MaySee(caller, file.Grant))
        {
            return Problems.NotFound();
        }

        var page = await grants.LedgerAsync(id, paging!, cancellationToken);
        return TypedResults.Ok(new Page<LedgerEntryView>(page.Items.Select(LedgerEntryView.From).ToArray(), page.NextCursor));
    }
}
