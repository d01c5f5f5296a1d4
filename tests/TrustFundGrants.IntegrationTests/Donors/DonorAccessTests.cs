using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>
/// A donor's people read and never write: every state-changing route the app serves, called with a donor's
/// session, is refused; and a donor invitation must name a donor that exists.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class DonorAccessTests(RunnerFixture runner)
{
    // What any signed-in person may do for themselves, whatever their role: sign in and out, their own
    // language, and registering an organisation or accepting an invitation to one (which makes them an applicant).
    private static readonly string[] SelfService =
        ["RequestSignInLink", "InspectSignInLink", "CreateSession", "SignOut", "SignOutEverywhere", "SetLanguage", "RegisterOrganisation", "AcceptInvitation"];

    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Invitation_AsDonorOfNoDonor_400NamingDonorIdAndGrantsNothing()
    {
        var secretariat = await runner.SecretariatAsync();
        var email = $"donor-{Guid.NewGuid():N}@donor.example";

        using var response = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email, role = "Donor", donorId = Guid.CreateVersion7().ToString() }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApplicationSetup.Json(response)).GetProperty("errors").TryGetProperty("donorId", out _));
        var session = await SignIn.AsAsync(Client, email);
        using var me = JsonDocument.Parse(await (await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"))).Content.ReadAsStringAsync());
        Assert.Empty(me.RootElement.GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task Donor_EveryWriteRoute_IsRefusedAndChangesNothing()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync();
        var donor = await setup.DonorSessionAsync();
        var donorsBefore = (await DonorsAsync(setup)).Length;
        var metadata = FunctionMetadata.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));
        var writes = metadata
            // Routes behind a function key (operations) are not reached by any session; AccessTests holds them to 401.
            .Where(f => f.Trigger.Type == "httpTrigger" && f.Trigger.Get("authLevel") == "Anonymous" && !SelfService.Contains(f.Name))
            .SelectMany(f => f.Trigger.GetList("methods").Where(m => !m.Equals("get", StringComparison.OrdinalIgnoreCase)).Select(m => (f.Name, Method: m.ToUpperInvariant(), Route: f.Trigger.Get("route")!)))
            .ToArray();
        var refused = new List<string>();

        foreach (var (name, method, route) in writes)
        {
            var path = "/api/" + Regex.Replace(route, @"\{(\w+)\??\}", m => m.Groups[1].Value switch
            {
                "fundId" => setup.FundId,
                "donorId" => setup.DonorId,
                "number" => "1",
                "type" => "budget",
                "format" => "grants.csv",
                _ when route.StartsWith("contributions/", StringComparison.Ordinal) => pledge,
                _ => Guid.NewGuid().ToString(),
            });
            using var request = donor.Bearer(new HttpMethod(method), path);
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", etag);

            using var response = await Client.SendAsync(request);

            // 404 where the route names an object a donor may not see (architecture: 404, not 403, for those).
            Assert.True(
                response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{name} ({method} {path}) answered a donor {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            refused.Add(name);
        }

        Assert.Contains("RecordPledge", refused);
        Assert.Contains("RecordReceipt", refused);
        Assert.True(refused.Count >= 40, $"only {refused.Count} writes were tried");
        Assert.Equal(etag, await setup.ETagAsync(pledge));
        Assert.Equal(donorsBefore, (await DonorsAsync(setup)).Length);
    }

    private async Task<JsonElement[]> DonorsAsync(DonorSetup setup)
    {
        using var response = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, "/api/donors"));
        return (await ApplicationSetup.Json(response)).EnumerateArray().ToArray();
    }
}
