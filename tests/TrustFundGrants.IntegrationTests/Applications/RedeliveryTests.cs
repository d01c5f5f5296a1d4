using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Outbox;
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
        await runner.QueuesDrainedAsync();

        Assert.Equal(1, await ScreeningMailsTo(email));
    }

    [Fact]
    public async Task EmailClaim_CommittedThenRetriedBySdk_IsRecognisedAsItsOwnAndTheEmailIsSent()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        await Eventually.WaitFor(() => AcknowledgementsTo(email), n => n == 1, "the submission's own acknowledgement");
        var (flakyStore, dropper) = StoreLosingFirstResponse();
        var send = ActivatorUtilities.CreateInstance<SendApplicationEmail>(runner.App.Services, flakyStore);
        var message = new ApplicationEmailMessage(roundId, applicationId, ApplicationEmailMessage.Kinds.Acknowledgement);

        await send.Run(message, CancellationToken.None);

        Assert.True(dropper.Dropped, "the claim insert's first response was lost, so the SDK sent it again");
        Assert.Equal(2, await AcknowledgementsTo(email));
        var claim = await ApplicationTable().GetEntityAsync<TableEntity>(roundId, ProcessedMarker.RowKey(message.MessageId));
        Assert.Equal("sent", claim.Value.GetString("State"));
    }

    [Fact]
    public async Task EmailClaim_HeldByAnotherDelivery_IsDeferredNotPoisoned_AndSentOnceWhenTheClaimExpires()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        await Eventually.WaitFor(() => AcknowledgementsTo(email), n => n == 1, "the submission's own acknowledgement");
        var message = new ApplicationEmailMessage(roundId, applicationId, ApplicationEmailMessage.Kinds.Acknowledgement);

        // A delivery that crashed after claiming, its claim a minute from expiry.
        var claimTimeout = new EmailOptions().ClaimTimeout;
        await ApplicationTable().AddEntityAsync(new TableEntity(roundId, ProcessedMarker.RowKey(message.MessageId))
        {
            ["State"] = "sending",
            ["At"] = runner.Clock.GetUtcNow() - claimTimeout + TimeSpan.FromMinutes(1),
            ["Owner"] = "a-crashed-delivery",
        });
        var send = ActivatorUtilities.CreateInstance<SendApplicationEmail>(runner.App.Services);

        await send.Run(message, CancellationToken.None);

        Assert.Equal(1, await AcknowledgementsTo(email));
        runner.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.WaitFor(() => AcknowledgementsTo(email), n => n == 2, "the deferred message taking the expired claim over");
        await runner.QueuesDrainedAsync();
        Assert.Equal(2, await AcknowledgementsTo(email));
    }

    [Fact]
    public async Task EmailClaim_HeldByALiveDeliveryThatFinishes_IsRecheckedAndSendsNothingMore()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        await Eventually.WaitFor(() => AcknowledgementsTo(email), n => n == 1, "the submission's own acknowledgement");
        var message = new ApplicationEmailMessage(roundId, applicationId, ApplicationEmailMessage.Kinds.Acknowledgement);
        var claim = new TableEntity(roundId, ProcessedMarker.RowKey(message.MessageId)) { ["State"] = "sending", ["At"] = runner.Clock.GetUtcNow(), ["Owner"] = "a-live-delivery" };
        await ApplicationTable().AddEntityAsync(claim);
        var send = ActivatorUtilities.CreateInstance<SendApplicationEmail>(runner.App.Services);

        await send.Run(message, CancellationToken.None);
        var deferred = await EmailQueueCount();
        claim["State"] = "sent";
        await ApplicationTable().UpdateEntityAsync(claim, Azure.ETag.All);

        // The deferred copy comes back after the recheck interval, finds the claim sent and does nothing.
        Assert.True(deferred >= 1, "the message was put back on its queue, not dropped");
        await Eventually.WaitFor(EmailQueueCount, n => n == 0, "the deferred copy to be taken", RunnerFixture.EmailRecheck + TimeSpan.FromSeconds(15));
        await runner.QueuesDrainedAsync();
        Assert.Equal(1, await AcknowledgementsTo(email));
        var stored = await ApplicationTable().GetEntityAsync<TableEntity>(roundId, ProcessedMarker.RowKey(message.MessageId));
        Assert.Equal("a-live-delivery", stored.Value.GetString("Owner"));
    }

    [Fact]
    public async Task ScreeningTransaction_CommittedThenRetriedBySdk_ReleasesItsEmailAtOnce()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        await Eventually.WaitFor(() => ScreeningMailsTo(email), n => n == 1, "the screening email");

        // Back to Submitted, as if screening had not run yet, for a fresh screening message.
        var row = (await ApplicationTable().GetEntityAsync<TableEntity>(roundId, applicationId)).Value;
        row["Status"] = "Submitted";
        await ApplicationTable().UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var (flakyStore, dropper) = StoreLosingFirstResponse();
        var screen = ActivatorUtilities.CreateInstance<ScreenApplication>(runner.App.Services, flakyStore);

        await screen.Run(new ScreeningMessage(roundId, applicationId), CancellationToken.None);

        Assert.True(dropper.Dropped, "the transaction's first response was lost, so the SDK sent it again");
        // Well inside the sweeper's one-minute grace: the release came from the function, not the sweeper.
        await Eventually.WaitFor(() => ScreeningMailsTo(email), n => n == 2, "the re-screening's email", TimeSpan.FromSeconds(15));
        Assert.Equal("Eligible", (await ApplicationTable().GetEntityAsync<TableEntity>(roundId, applicationId)).Value.GetString("Status"));
    }

    // Azurite counts invisible (deferred) messages too.
    private async Task<int> EmailQueueCount() =>
        (await new Azure.Storage.Queues.QueueClient(runner.Azurite.ConnectionString, ApplicationEmailMessage.Queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>The app's application store on a client whose first insert or transaction commits and then loses its response.</summary>
    private (ApplicationStore Store, DropFirstInsertResponse Dropper) StoreLosingFirstResponse()
    {
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        var dropper = new DropFirstInsertResponse();
        options.AddPolicy(dropper, HttpPipelinePosition.PerRetry);
        return (new ApplicationStore(new TableServiceClient(runner.Azurite.ConnectionString, options)), dropper);
    }

    private TableClient ApplicationTable() => new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(ApplicationStore.Table);

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

    /// <summary>Lets the first insert or transaction commit, then loses its response, as a network timeout does.</summary>
    private sealed class DropFirstInsertResponse : HttpPipelinePolicy
    {
        public bool Dropped { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (!Dropped && message.Request.Method == RequestMethod.Post && message.Response.Status is 201 or 202 or 204)
            {
                Dropped = true;
                throw new IOException("Simulated: the response to a committed insert never arrived.");
            }
        }
    }
}
