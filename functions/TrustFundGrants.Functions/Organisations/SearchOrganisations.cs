using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// Finds registered organisations by name, so a reviewer can declare a conflict with one they know
/// by name, not by id. Name and country only: an NGO's register of applicants is public knowledge in
/// this field, its contacts and registration details are not. It never says who applied where.
/// </summary>
public sealed class SearchOrganisations(Access access, OrganisationStore organisations)
{
    private const int MaxResults = 20;

    [Function(nameof(SearchOrganisations))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var name = request.Query["name"].ToString().Trim();
        if (name.Length is < 2 or > 100)
        {
            return Problems.Validation("name", "Type 2 to 100 characters of the organisation's name.");
        }

        // Table storage has no "contains"; the register is a few thousand names, read as two columns.
        var matches = new List<OrganisationMatch>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {OrganisationEntity.Row}");
        await foreach (var organisation in organisations.Client.QueryAsync<OrganisationEntity>(filter, select: ["PartitionKey", "Name", "Country"], cancellationToken: cancellationToken))
        {
            if (organisation.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(new OrganisationMatch(organisation.PartitionKey, organisation.Name, organisation.Country));
            }
        }

        return TypedResults.Ok(matches
            .OrderBy(m => !m.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            .ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxResults)
            .ToArray());
    }
}

public sealed record OrganisationMatch(string Id, string Name, string Country);
