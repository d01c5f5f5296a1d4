using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Functions;
using TrustFundGrants.LocalRunner.Queues;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>The queue path end to end: real Azurite, the runner's listener, the app's outbox dispatcher.</summary>
[Collection(RunnerCollection.Name)]
public sealed class QueueTriggerTests(RunnerFixture runner)
{
    private QueueServiceClient Queues(QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(runner.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = encoding });

    [Fact]
    public async Task OutboxRow_CommittedWithItsChangeAndReleased_IsDispatchedOnceAndRemoved()
    {
        var (table, entry, work) = await CommitChangeWithOutboxAsync();
        var outbox = runner.App.Services.GetRequiredService<Outbox>();

        await outbox.ReleaseAsync(RunnerFixture.TestTable, entry, CancellationToken.None);

        var delivered = await Eventually.WaitFor(
            () => PeekAllAsync(work), messages => messages.Count > 0, "the work message on its queue");
        Assert.Contains(entry.RowKey[OutboxEntry.RowKeyPrefix.Length..], Decoded(Assert.Single(delivered)), StringComparison.Ordinal);
        await Eventually.WaitFor(
            async () => (await table.GetEntityIfExistsAsync<OutboxEntry>(entry.PartitionKey, entry.RowKey)).HasValue,
            exists => !exists,
            "the outbox row to be deleted");
        Assert.Equal("Submitted", (await table.GetEntityAsync<TableEntity>(entry.PartitionKey, "state")).Value.GetString("Status"));
    }

    [Fact]
    public async Task OutboxRow_WhosePointerWasLost_IsReleasedByTheSweeperAfterTheGracePeriod()
    {
        var (table, entry, work) = await CommitChangeWithOutboxAsync();
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(runner.Clock.GetUtcNow() + SweepOutbox.Grace + TimeSpan.FromSeconds(1));
        var sweep = ActivatorUtilities.CreateInstance<SweepOutbox>(runner.App.Services, later);

        await sweep.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        await Eventually.WaitFor(() => PeekAllAsync(work), messages => messages.Count == 1, "the swept work message");
        await Eventually.WaitFor(
            async () => (await table.GetEntityIfExistsAsync<OutboxEntry>(entry.PartitionKey, entry.RowKey)).HasValue,
            exists => !exists,
            "the outbox row to be deleted");
    }

    [Fact]
    public async Task Message_ThatAlwaysFails_LandsInPoisonAfterMaxDequeueCountWithBodyIntact()
    {
        var body = $"{{\"table\":\"not-an-outbox-table\",\"partitionKey\":\"p\",\"rowKey\":\"outbox-{Guid.NewGuid():N}\"}}";

        await Queues().GetQueueClient("outbox").SendMessageAsync(body);

        var poisoned = await Eventually.WaitFor(
            () => PeekAllAsync(Queues().GetQueueClient("outbox-poison")),
            messages => messages.Contains(Encoded(body)),
            "the failing message in outbox-poison");
        Assert.Single(poisoned, m => m == Encoded(body));
        Assert.DoesNotContain(Encoded(body), await PeekAllAsync(Queues().GetQueueClient("outbox")));
    }

    [Fact]
    public async Task Message_ThatIsNotBase64_LandsInPoisonAtOnceWithItsRawText()
    {
        var raw = $"not base64 {Guid.NewGuid():N} %%%";

        await Queues(QueueMessageEncoding.None).GetQueueClient("outbox").SendMessageAsync(raw);

        await Eventually.WaitFor(
            () => PeekAllAsync(Queues().GetQueueClient("outbox-poison")),
            messages => messages.Contains(raw),
            "the undecodable message in outbox-poison");
    }

    /// <summary>What the "nothing more was sent" tests wait on: a message hidden until later is still work owed.</summary>
    [Fact]
    public async Task QueuesDrained_WithAMessageHiddenUntilLater_ReturnsOnlyOnceItHasRun()
    {
        await new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(RunnerFixture.TestTable).CreateIfNotExistsAsync();
        var dispatcher = runner.App.Services.GetRequiredService<TriggerHostedService>().Triggers.OfType<QueueTriggerListener>()
            .Single(l => l.FunctionName == nameof(DispatchOutbox));
        var taken = dispatcher.Completed;
        // A pointer at a row already released: the dispatcher takes it and has nothing to do.
        var pointer = new OutboxPointer(RunnerFixture.TestTable, Guid.CreateVersion7().ToString(), OutboxEntry.RowKeyPrefix + Guid.NewGuid().ToString("N"));
        var hidden = TimeSpan.FromSeconds(2);
        var waited = System.Diagnostics.Stopwatch.StartNew();

        await Queues().GetQueueClient("outbox").SendMessageAsync(pointer.ToJson(), visibilityTimeout: hidden);
        await runner.QueuesDrainedAsync();

        Assert.True(waited.Elapsed >= hidden, $"drained after {waited.Elapsed} with a message hidden for {hidden}");
        Assert.True(dispatcher.Completed > taken, "the hidden message was never taken");
        Assert.Empty(await PeekAllAsync(Queues().GetQueueClient("outbox")));
    }

    private async Task<(TableClient Table, OutboxEntry Entry, QueueClient Work)> CommitChangeWithOutboxAsync()
    {
        var table = new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(RunnerFixture.TestTable);
        await table.CreateIfNotExistsAsync();
        var work = Queues().GetQueueClient("work-" + Guid.NewGuid().ToString("N")[..12]);
        var aggregateId = Guid.CreateVersion7().ToString();
        var outbox = runner.App.Services.GetRequiredService<Outbox>();
        var entry = outbox.Stage(aggregateId, work.Name, new TestWork(aggregateId));

        await outbox.CommitAsync(
            table,
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(aggregateId, "state") { ["Status"] = "Submitted" }),
                new TableTransactionAction(TableTransactionActionType.Add, entry),
            ],
            CancellationToken.None);
        return (table, entry, work);
    }

    /// <summary>The messages' text as stored: the poison queue may hold undecodable ones, so nothing is decoded here.</summary>
    private async Task<List<string>> PeekAllAsync(QueueClient queue)
    {
        var raw = Queues(QueueMessageEncoding.None).GetQueueClient(queue.Name);
        if (!await raw.ExistsAsync())
        {
            return [];
        }

        PeekedMessage[] messages = await raw.PeekMessagesAsync(32);
        return messages.Select(m => m.Body.ToString()).ToList();
    }

    private static string Encoded(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Decoded(string base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private sealed record TestWork(string AggregateId) : WorkMessage;
}
