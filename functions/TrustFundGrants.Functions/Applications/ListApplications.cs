using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// Applicants list their organisation's applications, the Secretariat everyone's. With a roundId the
/// query stays in that round's partition; without one it filters across rounds, page by page.
/// </summary>
public sealed class ListApplications(Access access, ApplicationStore applications)
{
    [Function(nameof(ListApplications))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications")] HttpRequest request,
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
        var roundId = request.Query["roundId"].ToString();
        var status = request.Query["status"].ToString();
        if (roundId.Length > 0 && !Guid.TryParse(roundId, out _))
        {
            errors["roundId"] = ["This is not a round id."];
        }

        if (status.Length > 0 && !ApplicationStatus.All.Contains(status))
        {
            errors["status"] = ["Status is one of: " + string.Join(", ", ApplicationStatus.All) + "."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var filter = Filter(caller, roundId, status);
        var query = applications.Client.QueryAsync<ApplicationEntity>(filter, paging!.Limit, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(paging.Cursor, paging.Limit))
        {
            return TypedResults.Ok(new Page<ApplicationSummary>(page.Values.Select(ApplicationSummary.From).ToArray(), page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<ApplicationSummary>([], null));
    }

    // Only application rows carry OrganisationId and Status, so outbox and document rows sharing the
    // partition never match; every other row needs the explicit "Status ne ''" guard.
    private static string Filter(Caller caller, string roundId, string status)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"Status ne {string.Empty}") };
        if (roundId.Length > 0)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {roundId}"));
        }

        if (!caller.IsIn(Roles.Secretariat))
        {
            parts.Add(TableClient.CreateQueryFilter($"OrganisationId eq {caller.OrganisationId}"));
        }

        if (status.Length > 0)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        return string.Join(" and ", parts);
    }
}
