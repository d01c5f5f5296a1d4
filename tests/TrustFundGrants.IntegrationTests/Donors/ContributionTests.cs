using System.Net;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>Pledges and receipts over real HTTP: bad input named by field and changing nothing, donors kept to their own.</summary>
[Collection(RunnerCollection.Name)]
public sealed class ContributionTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Theory]
    [InlineData("100.001", "USD", "amount.amount")]
    [InlineData("-5.00", "USD", "amount.amount")]
    [InlineData("0.00", "USD", "amount.amount")]
    [InlineData("100.00", "XYZ", "amount.currency")]
    [InlineData("100.5", "JPY", "amount.amount")]
    public async Task RecordPledge_BadAmount_400NamingTheFieldAndNothingRecorded(string amount, string currency, string field)
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());

        using var response = await Client.SendAsync(setup.Secretariat.Bearer(
            HttpMethod.Post, "/api/contributions", new { donorId = setup.DonorId, fundId = setup.FundId, amount = new { amount, currency }, pledgedOn = "2025-01-10" }));

        await AssertFieldAsync(response, field);
        using var list = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/contributions?donorId={setup.DonorId}"));
        Assert.Equal(0, (await ApplicationSetup.Json(list)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"amount":{"amount":"150000.00","currency":"USD"},"valueDate":"2025-02-01"}""", "amount.amount")]
    [InlineData("""{"amount":{"amount":"10.005","currency":"USD"},"valueDate":"2025-02-01"}""", "amount.amount")]
    [InlineData("""{"amount":{"amount":"-10.00","currency":"USD"},"valueDate":"2025-02-01"}""", "amount.amount")]
    [InlineData("""{"amount":{"amount":"10.00","currency":"EUR"},"valueDate":"2025-02-01"}""", "amount.currency")]
    [InlineData("""{"amount":{"amount":"10.00","currency":"USD"},"valueDate":"2025-02-01","exchangeRate":"1.1"}""", "exchangeRate")]
    [InlineData("""{"amount":{"amount":"10.00","currency":"USD"},"valueDate":"2999-02-01"}""", "valueDate")]
    public async Task RecordReceipt_BadInputInFundCurrency_400NamingTheFieldAndPledgeUnchanged(string body, string field)
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync();

        using var response = await setup.ReceiveAsync(pledge, etag, System.Text.Json.JsonDocument.Parse(body).RootElement);

        await AssertFieldAsync(response, field);
        Assert.Equal(etag, await setup.ETagAsync(pledge));
    }

    [Theory]
    [InlineData("0", "exchangeRate")]
    [InlineData("-1.08", "exchangeRate")]
    [InlineData("abc", "exchangeRate")]
    public async Task RecordReceipt_RateZeroNegativeOrNotANumber_400NamingExchangeRate(string rate, string field)
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("50000.00", "EUR");

        using var response = await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "1000.00", currency = "EUR" }, valueDate = "2025-02-01", exchangeRate = rate });

        await AssertFieldAsync(response, field);
    }

    [Fact]
    public async Task RecordReceipt_OtherCurrency_KeepsTheRateAsEnteredAndTheExactFundAmount()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("50000.00", "EUR");

        using var wrongFundAmount = await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "10.00", currency = "EUR" }, valueDate = "2025-02-01", exchangeRate = "1.0835", fundAmount = new { amount = "10.83", currency = "USD" } });
        using var response = await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "10.00", currency = "EUR" }, valueDate = "2025-02-01", exchangeRate = "1.0835", fundAmount = new { amount = "10.84", currency = "USD" } });

        await AssertFieldAsync(wrongFundAmount, "fundAmount.amount");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await ApplicationSetup.Json(response);
        Assert.Equal("1.0835", receipt.GetProperty("exchangeRate").GetString());
        Assert.Equal("10.84", receipt.GetProperty("fundAmount").GetProperty("amount").GetString());
        await setup.ReceivedEventuallyAsync("10.84");
    }

    [Fact]
    public async Task RecordReceipt_AbovePledgeSaidSo_IsRecordedAndASecondClickGets412()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("100.00");
        var body = new { amount = new { amount = "150.00", currency = "USD" }, valueDate = "2025-02-01", exceedsPledge = true };

        using var first = await setup.ReceiveAsync(pledge, etag, body);
        using var second = await setup.ReceiveAsync(pledge, etag, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        using var read = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/contributions/{pledge}"));
        var view = await ApplicationSetup.Json(read);
        Assert.Equal(1, view.GetProperty("receipts").GetArrayLength());
        Assert.Equal("Received", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Donor_ReadingAnotherDonorsContributions_404AndSeesOnlyItsOwn()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var otherDonor = await DonorSetup.DonorAsync(Client, setup.Secretariat, "Other Donor");
        var (mine, _) = await setup.PledgeAsync();
        var (theirs, _) = await setup.PledgeAsync(donorId: otherDonor);
        var donor = await setup.DonorSessionAsync();

        using var own = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/contributions/{mine}"));
        using var other = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/contributions/{theirs}"));
        using var otherList = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/contributions?donorId={otherDonor}"));
        using var otherDonorRead = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/donors/{otherDonor}"));
        using var otherDashboard = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/donors/{otherDonor}/dashboard"));
        using var otherGrants = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/donors/{otherDonor}/funds/{setup.FundId}/grants"));
        using var ownGrants = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/donors/{setup.DonorId}/funds/{setup.FundId}/grants"));
        using var list = await Client.SendAsync(donor.Bearer(HttpMethod.Get, "/api/contributions?limit=100"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDonorRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDashboard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherGrants.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownGrants.StatusCode);
        var items = (await ApplicationSetup.Json(list)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();
        Assert.Equal([mine], items);
    }

    [Fact]
    public async Task Donor_WritingAnything_403()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync();
        var donor = await setup.DonorSessionAsync();

        using var pledgeAttempt = await Client.SendAsync(donor.Bearer(
            HttpMethod.Post, "/api/contributions", new { donorId = setup.DonorId, fundId = setup.FundId, amount = new { amount = "1.00", currency = "USD" }, pledgedOn = "2025-01-10" }));
        var receiptRequest = donor.Bearer(HttpMethod.Post, $"/api/contributions/{pledge}/receipts", new { amount = new { amount = "1.00", currency = "USD" }, valueDate = "2025-02-01" });
        receiptRequest.Headers.TryAddWithoutValidation("If-Match", etag);
        using var receiptAttempt = await Client.SendAsync(receiptRequest);
        using var donorAttempt = await Client.SendAsync(donor.Bearer(HttpMethod.Post, "/api/donors", new { name = "Me too", kind = "foundation" }));
        using var rebuildAttempt = await Client.SendAsync(donor.Bearer(HttpMethod.Post, $"/api/funds/{setup.FundId}/dashboard/rebuild"));

        Assert.Equal(HttpStatusCode.Forbidden, pledgeAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, receiptAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, donorAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rebuildAttempt.StatusCode);
        Assert.Equal(etag, await setup.ETagAsync(pledge));
    }

    [Fact]
    public async Task DonorDashboard_EarmarkedAndUnearmarked_AttributesEarmarkedMoneyToItsEarmark()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (earmarked, e1) = await setup.PledgeAsync("30000.00", earmark: new { kind = "country", value = "KH" });
        var (open, e2) = await setup.PledgeAsync("20000.00");
        (await setup.ReceiveAsync(earmarked, e1, new { amount = new { amount = "30000.00", currency = "USD" }, valueDate = "2025-02-01" })).Dispose();
        (await setup.ReceiveAsync(open, e2, new { amount = new { amount = "5000.00", currency = "USD" }, valueDate = "2025-03-01" })).Dispose();
        await setup.ReceivedEventuallyAsync("35000.00");
        var donor = await setup.DonorSessionAsync();

        using var response = await Client.SendAsync(donor.Bearer(HttpMethod.Get, $"/api/donors/{setup.DonorId}/dashboard"));

        var fund = Assert.Single((await ApplicationSetup.Json(response)).GetProperty("funds").EnumerateArray());
        Assert.Equal("35000.00", fund.GetProperty("received").GetProperty("amount").GetString());
        var earmark = Assert.Single(fund.GetProperty("earmarked").EnumerateArray());
        Assert.Equal("country:KH", earmark.GetProperty("key").GetString());
        Assert.Equal("30000.00", earmark.GetProperty("amount").GetProperty("amount").GetString());
        Assert.Equal("5000.00", fund.GetProperty("unearmarked").GetProperty("amount").GetString());
        var dashboard = await setup.DashboardAsync();
        Assert.Equal("15000.00", Assert.Single(dashboard.GetProperty("pledgedNotReceived").EnumerateArray()).GetProperty("amount").GetString());
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApplicationSetup.Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors name {string.Join(", ", errors.EnumerateObject().Select(p => p.Name))}, not {field}");
    }
}
