using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// Pledges, a page at a time, optionally of one donor (?donorId=) and one fund (?fundId=). A donor's people
/// always get their own donor's only; naming another donor is 404.
/// </summary>
public sealed class ListContributions(Access access, ContributionStore contributions)
{
    [Function(nameof(ListContributions))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contributions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Donor);
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

        var donorId = request.Query["donorId"].ToString();
        if (!caller.IsIn(Roles.Secretariat))
        {
            if (donorId.Length > 0 && !DonorAccess.MaySee(caller, donorId))
            {
                return Problems.NotFound();
            }

            if (caller.DonorId is null)
            {
                return TypedResults.Ok(new Page<ContributionView>([], null));
            }

            donorId = caller.DonorId;
        }

        var fundId = request.Query["fundId"].ToString();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PledgeEntity.Row}");
        if (donorId.Length > 0)
        {
            filter += " and " + TableClient.CreateQueryFilter($"DonorId eq {donorId}");
        }

        if (fundId.Length > 0)
        {
            filter += " and " + TableClient.CreateQueryFilter($"FundId eq {fundId}");
        }

        var query = contributions.Client.QueryAsync<PledgeEntity>(filter, paging!.Limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(paging.Cursor, paging.Limit))
        {
            return TypedResults.Ok(new Page<ContributionView>(page.Values.Select(p => p.ToView()).ToArray(), page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<ContributionView>([], null));
    }
}
