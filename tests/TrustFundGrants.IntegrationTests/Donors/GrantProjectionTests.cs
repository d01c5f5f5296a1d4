using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.IntegrationTests.Grants;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>
/// Grants made through the API reach the fund's dashboard and exports: the grants feature's outbox owes the
/// projection events, the projector reads the grant's own rows, and a rebuild from those rows agrees.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class GrantProjectionTests(RunnerFixture runner)
{
    [Fact]
    public async Task GrantCommittedPaidAndReported_DashboardAndExportsShowIt_AndTheRebuildAgrees()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        var fundId = grant.Application.FundId;
        await grant.ActiveAsync();
        await grant.PayAsync(runner, 1, "PAY-" + grant.GrantId[..8]);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Put, "/reports/1", GrantSetup.Report())).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Post, "/reports/1/submit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/reports/1/accept")).Status);

        var secretariat = await Eventually.WaitFor(
            () => DashboardAsync(fundId, grant.Secretariat),
            d => Amount(d, "disbursed") == "18000.00" && Cell(d, "female/under-18", "sexual-exploitation") is { ValueKind: JsonValueKind.Number } c && c.GetInt64() == 3,
            "the paid grant and its accepted report on the dashboard");
        Assert.Equal(3, Cell(secretariat, "female/under-18", "sexual-exploitation").GetInt64());
        Assert.Equal(14, Cell(secretariat, "female/18-plus", "sexual-exploitation").GetInt64());

        var dashboard = await DashboardAsync(fundId, null);
        Assert.Equal("45000.00", Amount(dashboard, "committed"));
        Assert.Equal("18000.00", Amount(dashboard, "disbursed"));
        Assert.Equal("40.00", dashboard.GetProperty("totals").GetProperty("deliveryRate").GetString());
        Assert.Equal(1, dashboard.GetProperty("grants").GetInt32());
        Assert.Equal("MX", dashboard.GetProperty("byCountry")[0].GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, Cell(dashboard, "female/under-18", "sexual-exploitation").ValueKind);

        var iati = await DownloadAsync(fundId, "iati.xml");
        Assert.Empty(Standards.IatiErrors(iati));
        var activity = Assert.Single(XDocument.Parse(iati).Root!.Elements("iati-activity"), a => a.Element("iati-identifier")!.Value.EndsWith(grant.GrantId, StringComparison.Ordinal));
        Assert.Equal(["2", "3", "4"], activity.Elements("transaction").Select(t => t.Element("transaction-type")!.Attribute("code")!.Value).Order());
        Assert.True(Standards.Is360Giving(await DownloadAsync(fundId, "360giving.json"), out var errors), errors);
        Assert.Contains("Safe houses in Tijuana", await DownloadAsync(fundId, "grants.csv"), StringComparison.Ordinal);
        Assert.Contains("18000.00", await DownloadAsync(fundId, "disbursements.csv"), StringComparison.Ordinal);

        using var rebuild = await runner.Client.SendAsync(grant.Secretariat.Bearer(HttpMethod.Post, $"/api/funds/{fundId}/dashboard/rebuild"));
        var result = await ApplicationSetup.Json(rebuild);
        Assert.True(result.GetProperty("agreed").GetBoolean(), result.ToString());
        Assert.Equal(1, result.GetProperty("grants").GetInt32());
    }

    private static string? Amount(JsonElement dashboard, string figure) => dashboard.GetProperty("totals").GetProperty(figure).GetProperty("amount").GetString();

    private static JsonElement Cell(JsonElement dashboard, string row, string column)
    {
        var table = dashboard.GetProperty("peopleAssisted");
        var r = table.GetProperty("rows").EnumerateArray().Select(e => e.GetString()).ToList().IndexOf(row);
        var c = table.GetProperty("columns").EnumerateArray().Select(e => e.GetString()).ToList().IndexOf(column);
        return table.GetProperty("cells")[r][c];
    }

    private async Task<JsonElement> DashboardAsync(string fundId, Session? session)
    {
        using var request = session?.Bearer(HttpMethod.Get, $"/api/funds/{fundId}/dashboard") ?? new HttpRequestMessage(HttpMethod.Get, $"/api/funds/{fundId}/dashboard");
        using var response = await runner.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApplicationSetup.Json(response);
    }

    private async Task<string> DownloadAsync(string fundId, string format)
    {
        using var response = await runner.Client.GetAsync($"/api/exports/funds/{fundId}/{format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
