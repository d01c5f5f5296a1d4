using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Invitations;

/// <summary>Issue 13.8: the Secretariat sees who was invited and when; inviting the same person again within a day sends nothing new.</summary>
[Collection(ReviewsCollection.Name)]
public sealed class InvitationListTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Invite_SamePersonTwiceWithinADay_EmailsOnceAndTheListShowsBoth()
    {
        var secretariat = await runner.SecretariatAsync();
        var reviewer = $"reviewer-{Guid.NewGuid():N}@example.org";

        using var first = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email = reviewer, role = "Reviewer" }));
        using var second = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email = reviewer, role = "Reviewer" }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True((await ApplicationSetup.Json(first)).GetProperty("emailed").GetBoolean());
        var repeat = await ApplicationSetup.Json(second);
        Assert.False(repeat.GetProperty("emailed").GetBoolean());
        Assert.Equal((await ApplicationSetup.Json(first)).GetProperty("emailedAt").GetDateTimeOffset(), repeat.GetProperty("emailedAt").GetDateTimeOffset());
        await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, reviewer), m => m.Length > 0, "the invitation");
        await runner.QueuesDrainedAsync();
        var mail = Assert.Single(await SignIn.MailsToAsync(Client, reviewer));
        Assert.Equal("You are invited to TrustFundGrants as Reviewer", mail.GetProperty("subject").GetString());

        var listed = await ListedAsync(secretariat, reviewer);
        Assert.Equal("Reviewer", listed.GetProperty("kind").GetString());
        Assert.Equal(2, listed.GetProperty("times").GetInt32());
        Assert.Equal(RunnerFixture.Secretariat, listed.GetProperty("invitedBy").GetString());
        Assert.True(listed.GetProperty("lastInvitedAt").GetDateTimeOffset() >= listed.GetProperty("emailedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Invite_NewAddressByAFrenchSpeakingSecretariat_IsWrittenInFrenchAndPanelPlacesAreListed()
    {
        var admin = await runner.SecretariatAsync();
        var colleague = $"sec-{Guid.NewGuid():N}@example.org";
        using var invited = await Client.SendAsync(admin.Bearer(HttpMethod.Post, "/api/invitations", new { email = colleague, role = "Secretariat" }));
        var french = await SignIn.AsAsync(Client, colleague);
        using var language = await Client.SendAsync(french.Bearer(HttpMethod.Put, "/api/me/language", new { language = "fr" }));
        Assert.Equal(HttpStatusCode.NoContent, language.StatusCode);
        var setup = await ApplicationSetup.OpenRoundAsync(Client, french);
        var reviewer = $"reviewer-{Guid.NewGuid():N}@example.org";

        using var added = await Client.SendAsync(french.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/reviewers", new { email = reviewer }));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var mail = (await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, reviewer), m => m.Length > 0, "the panel invitation"))[0];
        Assert.Equal("Vous faites partie du comité d'évaluation de « Open call »", mail.GetProperty("subject").GetString());
        var listed = await ListedAsync(admin, reviewer);
        Assert.Equal("panel", listed.GetProperty("kind").GetString());
        Assert.Equal(setup.RoundId, listed.GetProperty("roundId").GetString());
        Assert.Equal("Open call", listed.GetProperty("roundTitle").GetString());
        Assert.Equal(colleague, listed.GetProperty("invitedBy").GetString());
    }

    [Fact]
    public async Task ListInvitations_NotSecretariat_Gets403()
    {
        var ngo = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");

        using var listed = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/invitations"));

        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
    }

    /// <summary>The person's row in GET /api/invitations, following the cursor through every page.</summary>
    private async Task<JsonElement> ListedAsync(Session secretariat, string email)
    {
        string? cursor = null;
        do
        {
            using var page = await Client.SendAsync(secretariat.Bearer(HttpMethod.Get, "/api/invitations?limit=20" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor))));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = await ApplicationSetup.Json(page);
            foreach (var item in body.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("email").GetString() == email)
                {
                    return item;
                }
            }

            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        throw new Xunit.Sdk.XunitException($"{email} is not in the invitations list.");
    }
}
