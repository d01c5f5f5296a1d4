using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Grants;

/// <summary>A released approval and its draft grant, reached through the API as people would; plus the calls the grant tests share.</summary>
internal sealed class GrantSetup(HttpClient client, ApplicationSetup application, Session ngo, string ngoEmail, string grantId)
{
    public const string SecondSecretariat = "second-admin@fund.example";

    private static readonly ConcurrentDictionary<RunnerFixture, Task<Session>> Seconds = new();

    public ApplicationSetup Application => application;

    public Session Ngo => ngo;

    public string NgoEmail => ngoEmail;

    public string GrantId => grantId;

    public Session Secretariat => application.Secretariat;

    public static Task<Session> SecondSecretariatAsync(RunnerFixture runner) =>
        Seconds.GetOrAdd(runner, r => SignIn.AsAsync(r.Client, SecondSecretariat));

    public static async Task<GrantSetup> ApprovedAsync(RunnerFixture runner, string approved = "45000.00")
    {
        var client = runner.Client;
        var setup = await ApplicationSetup.OpenRoundAsync(client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using var submitted = await client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await Eventually.WaitFor(async () => (await Json(client, ngo, HttpMethod.Get, $"/api/applications/{id}")).GetProperty("status").GetString(), s => s == "Eligible", "screening");
        using var decided = await client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/applications/{id}/decision",
            new { outcome = "approved", approvedAmount = new { amount = approved, currency = "USD" }, rationale = "Strong and well costed." }));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        using var released = await client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/decisions/release"));
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        await Eventually.WaitFor(async () => (await Send(client, setup.Secretariat, HttpMethod.Get, $"/api/grants/{id}")).Status, s => s == HttpStatusCode.OK, "the grant");
        var email = (await Json(client, ngo, HttpMethod.Get, "/api/me")).GetProperty("email").GetString()!;
        return new GrantSetup(client, setup, ngo, email, id);
    }

    /// <summary>Start today, three tranches 40/40/20 (the second and third due today already), an interim and a final report.</summary>
    public static object Terms(DateOnly? start = null)
    {
        var today = start ?? DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new
        {
            startDate = Day(today),
            endDate = Day(today.AddMonths(12)),
            tranches = new object[]
            {
                new { dueDate = Day(today), percent = 40 },
                new { dueDate = Day(today), percent = 40 },
                new { dueDate = Day(today), percent = 20 },
            },
            reports = new object[]
            {
                new { kind = "interim", periodEnd = Day(today.AddMonths(6)), dueDate = Day(today.AddMonths(7)) },
                new { kind = "final", periodEnd = Day(today.AddMonths(12)), dueDate = Day(today.AddMonths(13)) },
            },
        };
    }

    public Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> GetAsync(Session? who = null) => Send(client, who ?? Secretariat, HttpMethod.Get, $"/api/grants/{grantId}");

    /// <summary>Reads the grant's ETag as <paramref name="who"/>, then sends the change with it as If-Match.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> ChangeAsync(Session who, HttpMethod method, string path, object? body = null)
    {
        var (_, _, etag) = await GetAsync(who);
        return await Send(client, who, method, $"/api/grants/{grantId}{path}", body, etag);
    }

    /// <summary>Terms set, sent, accepted: an Active grant with tranche 1 due.</summary>
    public async Task ActiveAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(Secretariat, HttpMethod.Put, "/terms", Terms())).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(Secretariat, HttpMethod.Post, "/send")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(ngo, HttpMethod.Post, "/accept", new { name = "Ana Ruiz", title = "Director" })).Status);
    }

    /// <summary>Requested by the first Secretariat member, approved by the second, paid by the first.</summary>
    public async Task PayAsync(RunnerFixture runner, int tranche, string reference)
    {
        var second = await SecondSecretariatAsync(runner);
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(Secretariat, HttpMethod.Post, $"/tranches/{tranche}/request")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(second, HttpMethod.Post, $"/tranches/{tranche}/approve")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(Secretariat, HttpMethod.Post, $"/tranches/{tranche}/pay", new { reference, valueDate = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).Status);
    }

    public static object Report(int femaleAdults = 14, string spentShelter = "10000.00", string spentLegal = "2000.00", string activities = "Shelter and legal aid in Tijuana.") => new
    {
        narrative = new { activities, results = "Women found safe housing.", challenges = (string?)null, changes = (string?)null },
        peopleAssisted = new object[]
        {
            new { sex = "female", ageGroup = "18-plus", form = "sexual-exploitation", count = femaleAdults },
            new { sex = "female", ageGroup = "under-18", form = "sexual-exploitation", count = 3 },
        },
        assistance = new object[] { new { type = "shelter", count = femaleAdults }, new { type = "legal", count = 5 } },
        expenditure = new object[]
        {
            new { line = 0, actual = new { amount = spentShelter, currency = "USD" } },
            new { line = 1, actual = new { amount = spentLegal, currency = "USD" } },
        },
    };

    public static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> Send(HttpClient client, Session who, HttpMethod method, string uri, object? body = null, string? ifMatch = null)
    {
        using var request = who.Bearer(method, uri, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Headers.ETag?.ToString());
    }

    public static async Task<JsonElement> Json(HttpClient client, Session who, HttpMethod method, string uri) => (await Send(client, who, method, uri)).Body;
}
