using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Projections;

/// <summary>The Secretariat recomputes a fund's dashboard from the source rows; the answer says whether the live one agreed.</summary>
public sealed class RebuildProjections(Access access, FundStore funds, ProjectionRebuilder rebuilder, AuditLog audit, TableServiceClient tables)
{
    [Function(nameof(RebuildProjections))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/dashboard/rebuild")] HttpRequest request,
        string fundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await funds.FindAsync(fundId, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        var result = await rebuilder.RebuildAsync(fund.RowKey, cancellationToken);
        var entry = audit.Stage(fund.RowKey, caller, "dashboard.rebuilt", "fund:" + fund.RowKey, null, result);
        await audit.CommitAsync(tables.GetTableClient(ProjectionRows.Table), [], entry, cancellationToken);
        return TypedResults.Ok(result);
    }
}
