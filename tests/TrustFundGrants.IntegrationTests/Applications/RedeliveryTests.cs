using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Applications;

/// <summary>A queue may deliver a message twice; the second delivery must do nothing a person would notice.</summary>
[Collection(RunnerCollection.Name)]
public sealed class RedeliveryTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task EmailMessage_DeliveredTwice_SendsOneEmail()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        await Eventually.WaitFor(() => AcknowledgementsTo(email), n => n == 1, "the submission's own acknowledgement");
        var message = new ApplicationEmailMessage(roundId, applicationId, ApplicationEmailMessage.Kinds.Acknowledgement);
        var send = ActivatorUtilities.CreateInstance<SendApplicationEmail>(runner.App.Services);

        await send.Run(message, CancellationToken.None);
        await send.Run(message, CancellationToken.None);

        Assert.Equal(2, await AcknowledgementsTo(email));
    }

    [Fact]
    public async Task ScreeningMessage_DeliveredTwice_ScreensOnceAndOwesOneResultEmail()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        await Eventually.WaitFor(() => ScreeningMailsTo(email), n => n == 1, "the screening email");
        var replay = new ScreeningMessage(roundId, applicationId);
        var screen = ActivatorUtilities.CreateInstance<ScreenApplication>(runner.App.Services);

        await screen.Run(replay, CancellationToken.None);
        await screen.Run(replay, CancellationToken.None);
        await Task.Delay(1500);

        Assert.Equal(1, await ScreeningMailsTo(email));
    }

    private async Task<(string RoundId, string ApplicationId, string Email)> SubmittedAsync()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        using var me = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (setup.RoundId, id, (await ApplicationSetup.Json(me)).GetProperty("email").GetString()!);
    }

    private async Task<int> AcknowledgementsTo(string email) =>
        (await SignIn.MailsToAsync(Client, email)).Count(m => m.GetProperty("subject").GetString()!.StartsWith("Application received", StringComparison.Ordinal));

    private async Task<int> ScreeningMailsTo(string email) =>
        (await SignIn.MailsToAsync(Client, email)).Count(m => m.GetProperty("subject").GetString()!.StartsWith("Eligible for review", StringComparison.Ordinal));
}
