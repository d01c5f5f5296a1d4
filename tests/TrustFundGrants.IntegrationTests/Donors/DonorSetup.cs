using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>A fund in USD, a donor with one signed-in person, and helpers to pledge and receive.</summary>
internal sealed class DonorSetup(HttpClient client, Session secretariat, string fundId, string donorId)
{
    public string FundId => fundId;

    public string DonorId => donorId;

    public Session Secretariat => secretariat;

    public static async Task<DonorSetup> CreateAsync(HttpClient client, Session secretariat, string currency = "USD")
    {
        using var fund = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/funds", new { name = "Trust Fund for Survivors", currency }));
        Assert.Equal(HttpStatusCode.Created, fund.StatusCode);
        var fundId = (await ApplicationSetup.Json(fund)).GetProperty("id").GetString()!;
        return new DonorSetup(client, secretariat, fundId, await DonorAsync(client, secretariat, "Government of Norway"));
    }

    public static async Task<string> DonorAsync(HttpClient client, Session secretariat, string name)
    {
        using var donor = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/donors", new { name, kind = "government", country = "NO" }));
        Assert.Equal(HttpStatusCode.Created, donor.StatusCode);
        return (await ApplicationSetup.Json(donor)).GetProperty("id").GetString()!;
    }

    public async Task<Session> DonorSessionAsync(string? donorId = null)
    {
        var email = $"donor-{Guid.NewGuid():N}@donor.example";
        using var invited = await client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email, role = "Donor", donorId = donorId ?? this.DonorId }));
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        return await SignIn.AsAsync(client, email);
    }

    public async Task<(string Id, string ETag)> PledgeAsync(string amount = "100000.00", string currency = "USD", object? earmark = null, string? donorId = null)
    {
        using var response = await client.SendAsync(secretariat.Bearer(
            HttpMethod.Post, "/api/contributions", new { donorId = donorId ?? this.DonorId, fundId, amount = new { amount, currency }, pledgedOn = "2025-01-10", earmark }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await ApplicationSetup.Json(response)).GetProperty("id").GetString()!;
        return (id, await ETagAsync(id));
    }

    public async Task<string> ETagAsync(string pledgeId)
    {
        using var read = await client.SendAsync(secretariat.Bearer(HttpMethod.Get, $"/api/contributions/{pledgeId}"));
        return read.Headers.ETag!.ToString();
    }

    public async Task<HttpResponseMessage> ReceiveAsync(string pledgeId, string etag, object body)
    {
        var request = secretariat.Bearer(HttpMethod.Post, $"/api/contributions/{pledgeId}/receipts", body);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    public async Task<JsonElement> DashboardAsync(Session? session = null, string query = "")
    {
        using var request = session is null
            ? new HttpRequestMessage(HttpMethod.Get, $"/api/funds/{fundId}/dashboard{query}")
            : session.Bearer(HttpMethod.Get, $"/api/funds/{fundId}/dashboard{query}");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApplicationSetup.Json(response);
    }

    public Task<JsonElement> ReceivedEventuallyAsync(string amount) =>
        Eventually.WaitFor(() => DashboardAsync(), d => d.GetProperty("totals").GetProperty("received").GetProperty("amount").GetString() == amount, $"received {amount} on the dashboard");
}
