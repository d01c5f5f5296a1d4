using System.Net;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Rounds;

/// <summary>The Secretariat's list of a fund's rounds shows them in every state; the public list shows only those still taking applications.</summary>
[Collection(RunnerCollection.Name)]
public sealed class FundRoundsTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task FundRounds_IncludeClosedRounds_ForSecretariatOnly()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync(), closesIn: TimeSpan.FromMinutes(10), clock: runner.Clock);
        var other = await ApplicationSetup.OpenRoundAsync(Client, setup.Secretariat, clock: runner.Clock);
        runner.Clock.StepPast(setup.ClosesAt);
        var ngo = await setup.NgoAsync();

        using var listed = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/funds/{setup.FundId}/rounds"));
        using var publicList = await Client.GetAsync(new Uri("/api/rounds?limit=100", UriKind.Relative));
        using var byNgo = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/funds/{setup.FundId}/rounds"));
        using var noFund = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/funds/{Guid.NewGuid()}/rounds"));

        var round = Assert.Single((await ApplicationSetup.Json(listed)).EnumerateArray());
        Assert.Equal(setup.RoundId, round.GetProperty("id").GetString());
        Assert.Equal("Closed", round.GetProperty("status").GetString());
        Assert.NotEqual(other.RoundId, round.GetProperty("id").GetString());
        Assert.DoesNotContain(setup.RoundId, await publicList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byNgo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noFund.StatusCode);
    }
}
