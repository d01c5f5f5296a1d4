using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>
/// For the Secretariat: reports submitted and waiting for review, reports owed, or reports overdue,
/// each list one index partition (soonest due first), never a scan of every grant.
/// </summary>
public sealed class ListReports(Access access, GrantIndex index, TimeProvider time)
{
    [Function(nameof(ListReports))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var (paging, errors) = Paging.From(request);
        errors ??= [];
        var state = request.Query["state"].ToString();
        var filter = state switch
        {
            "submitted" => TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.ReportsSubmitted}"),
            "owed" => TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.ReportsOwed}"),
            "overdue" => TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.ReportsOwed} and DueOn lt {GrantRequests.Day(GrantRequests.Today(time))}"),
            _ => null,
        };
        if (filter is null)
        {
            errors["state"] = ["state is submitted, owed or overdue."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await foreach (var page in index.Client.QueryAsync<GrantIndexEntry>(filter, paging!.Limit, cancellationToken: cancellationToken).AsPages(paging.Cursor, paging.Limit))
        {
            return TypedResults.Ok(new Page<ReportItem>(page.Values.Select(ReportItem.From).OrderBy(r => r.DueDate, StringComparer.Ordinal).ToArray(), page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<ReportItem>([], null));
    }
}
