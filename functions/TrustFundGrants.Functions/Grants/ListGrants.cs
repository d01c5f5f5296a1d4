using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Grants from the index: an NGO's members see their organisation's partition, the Secretariat every
/// grant or one country's partition, filtered by status and by "a report is overdue". No grant row is read.
/// </summary>
public sealed class ListGrants(Access access, GrantIndex index, TimeProvider time)
{
    [Function(nameof(ListGrants))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "grants")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var (paging, errors) = Paging.From(request);
        errors ??= [];
        var status = request.Query["status"].ToString();
        var country = request.Query["country"].ToString();
        var overdue = request.Query["overdue"].ToString();
        if (status.Length > 0 && !GrantStatus.All.Contains(status))
        {
            errors["status"] = ["status is one of: " + string.Join(", ", GrantStatus.All) + "."];
        }

        if (country.Length > 0 && !CountryCode.TryParse(country, out _))
        {
            errors["country"] = ["Use an ISO 3166-1 alpha-2 code, such as MX."];
        }

        if (overdue.Length > 0 && overdue != "true")
        {
            errors["overdue"] = ["Use overdue=true, or leave it out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var partition = !caller.IsIn(Roles.Secretariat) ? GrantIndex.OrganisationPartition(caller.OrganisationId ?? "none")
            : country.Length > 0 ? GrantIndex.CountryPartition(country)
            : GrantIndex.AllGrants;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        if (status.Length > 0)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        }

        if (overdue.Length > 0)
        {
            filter += " and " + TableClient.CreateQueryFilter($"DueOn ne {string.Empty} and DueOn lt {GrantRequests.Day(GrantRequests.Today(time))}");
        }

        await foreach (var page in index.Client.QueryAsync<GrantIndexEntry>(filter, paging!.Limit, cancellationToken: cancellationToken).AsPages(paging.Cursor, paging.Limit))
        {
            return TypedResults.Ok(new Page<GrantSummary>(page.Values.Select(GrantSummary.From).ToArray(), page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<GrantSummary>([], null));
    }
}
