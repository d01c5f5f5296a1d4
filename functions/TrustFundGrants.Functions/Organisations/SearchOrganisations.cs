using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Organisations.Names;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// Finds registered organisations by name, so a reviewer can declare a conflict with one they know
/// by name, not by id: each word typed begins a word of the name, in any case, with or without accents.
/// Name and country only: an NGO's register of applicants is public knowledge in this field, its
/// contacts and registration details are not. It never says who applied where. It reads the name index
/// (<see cref="OrganisationNameIndex"/>), never the register, so it costs the same however many there are.
/// </summary>
public sealed class SearchOrganisations(Access access, OrganisationNameIndex index)
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
        if (name.Length is < 2 or > 100 || await index.SearchAsync(name, MaxResults, cancellationToken) is not { } matches)
        {
            return Problems.Validation("name", "Type 2 to 100 characters of the organisation's name.");
        }

        return TypedResults.Ok(matches);
    }
}

public sealed record OrganisationMatch(string Id, string Name, string Country);
