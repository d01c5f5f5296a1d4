using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Platform;

/// <summary>The portal ships its own copy of the country list; it must offer exactly what the API accepts.</summary>
public sealed class ReferenceDataTests
{
    [Fact]
    public void PortalCountries_AreExactlyTheCountriesTheDomainAccepts()
    {
        using var portal = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "web", "shared", "data", "countries.json")));
        var codes = portal.RootElement.EnumerateArray()
            .Select(c => c.ValueKind == JsonValueKind.Object ? c.GetProperty("code").GetString() : c.GetString())
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(CountryCode.All.Select(c => c.Code).Order(StringComparer.Ordinal), codes);
    }
}
