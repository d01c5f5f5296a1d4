using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Platform;

/// <summary>No committed change is ever without its audit entry, and no entry is ever written twice.</summary>
[Collection(RunnerCollection.Name)]
public sealed class AuditAtomicityTests(RunnerFixture runner)
{
    [Fact]
    public async Task Withdraw_ProcessStopsRightAfterCommit_ChangeAndItsStagedEntryCommittedTogether_SweeperWritesTheEntryOnce()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(runner.Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, _) = await setup.DraftAsync(ngo);
        var crashing = new ApplicationStore(new TableServiceClient(runner.Azurite.ConnectionString, CrashAfterCommit()));
        var withdraw = ActivatorUtilities.CreateInstance<WithdrawApplication>(runner.App.Services, crashing);

        await Assert.ThrowsAsync<ProcessStopped>(() => withdraw.Run(Post(ngo), id, CancellationToken.None));

        var applications = Tables().GetTableClient(ApplicationStore.Table);
        Assert.Equal("Withdrawn", (await applications.GetEntityAsync<TableEntity>(setup.RoundId, id)).Value.GetString("Status"));
        var staged = await StagedAuditAsync(applications, setup.RoundId, id);
        Assert.Equal(0, await EntriesAsync(id, "application.withdrawn"));

        var later = new FakeTimeProvider(runner.Clock.GetUtcNow() + SweepOutbox.Grace + TimeSpan.FromSeconds(1));
        await ActivatorUtilities.CreateInstance<SweepOutbox>(runner.App.Services, later).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        await Eventually.WaitFor(() => EntriesAsync(id, "application.withdrawn"), n => n == 1, "the swept audit entry");
        var write = ActivatorUtilities.CreateInstance<WriteAuditEntry>(runner.App.Services);
        await write.Run(staged.Message, CancellationToken.None);
        await write.Run(staged.Message, CancellationToken.None);
        Assert.Equal(1, await EntriesAsync(id, "application.withdrawn"));
    }

    [Fact]
    public async Task Change_RefusedByItsETag_StagesNoEntry()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(runner.Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, etag) = await setup.DraftAsync(ngo);
        using var first = await setup.SaveAsync(ngo, id, etag, ApplicationSetup.CompleteDraft());
        using var stale = await setup.SaveAsync(ngo, id, etag, ApplicationSetup.CompleteDraft());

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await Eventually.WaitFor(() => EntriesAsync(id, "application.updated"), n => n == 1, "the accepted save's entry");
        await runner.QueuesDrainedAsync();
        Assert.Equal(1, await EntriesAsync(id, "application.updated"));
    }

    private static async Task<OutboxEntry> StagedAuditAsync(TableClient applications, string roundId, string applicationId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {OutboxEntry.RowKeyPrefix} and RowKey lt {OutboxEntry.RowKeyEnd} and Queue eq {AuditMessage.Queue}");
        var rows = new List<OutboxEntry>();
        await foreach (var row in applications.QueryAsync<OutboxEntry>(filter))
        {
            if (row.Message.Contains("application.withdrawn", StringComparison.Ordinal) && row.Message.Contains(applicationId, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return Assert.Single(rows);
    }

    private async Task<int> EntriesAsync(string applicationId, string action)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"application:" + applicationId}");
        var count = 0;
        await foreach (var entry in Tables().GetTableClient(AuditLog.Table).QueryAsync<AuditEntry>(filter))
        {
            count += entry.Action == action ? 1 : 0;
        }

        return count;
    }

    private HttpRequest Post(Session session)
    {
        var context = new DefaultHttpContext { RequestServices = runner.App.Services };
        context.Request.Method = "POST";
        context.Request.Headers.Authorization = "Bearer " + session.Token;
        return context.Request;
    }

    private TableServiceClient Tables() => new(runner.Azurite.ConnectionString);

    private static TableClientOptions CrashAfterCommit()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new StopAfterCommittedTransaction(), HttpPipelinePosition.PerRetry);
        return options;
    }

    private sealed class ProcessStopped() : Exception("Simulated: the process stopped right after storage committed the change.");

    /// <summary>Lets a transaction commit, then stops the caller as a crash would: nothing after the commit runs.</summary>
    private sealed class StopAfterCommittedTransaction : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && message.Response.Status == 202)
            {
                throw new ProcessStopped();
            }
        }
    }
}
