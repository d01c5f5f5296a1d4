using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Organisations;

/// <summary>The option not to be named in public survives an edit that does not mention it, as the portal's profile form sends.</summary>
public sealed class OrganisationRequestTests
{
    private static readonly object Profile = new
    {
        name = "Safe Haven Phnom Penh", country = "KH", registrationNumber = "KH-123", website = (string?)null, contactEmail = "office@safehaven.example",
    };

    [Fact]
    public async Task ApplyTo_EditWithoutNotNamedPublicly_KeepsTheOrganisationUnnamed()
    {
        var organisation = new OrganisationEntity { PartitionKey = Guid.CreateVersion7().ToString(), NotNamedPublicly = true };

        (await ReadAsync(Profile)).ApplyTo(organisation);

        Assert.True(organisation.NotNamedPublicly);
        Assert.Equal("Safe Haven Phnom Penh", organisation.Name);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ApplyTo_NotNamedPubliclyGiven_SetsIt(bool before, bool asked)
    {
        var organisation = new OrganisationEntity { PartitionKey = Guid.CreateVersion7().ToString(), NotNamedPublicly = before };

        (await ReadAsync(new { name = "Safe Haven Phnom Penh", country = "KH", registrationNumber = "KH-123", website = (string?)null, contactEmail = "office@safehaven.example", notNamedPublicly = asked }))
            .ApplyTo(organisation);

        Assert.Equal(asked, organisation.NotNamedPublicly);
    }

    private static async Task<OrganisationRequest> ReadAsync(object json)
    {
        var body = await RequestJson.ReadAsync<OrganisationRequest>(new FeatureDoubles().Request(null, "PUT", json), CancellationToken.None);
        Assert.False(body.IsInvalid);
        return body.Value;
    }
}
