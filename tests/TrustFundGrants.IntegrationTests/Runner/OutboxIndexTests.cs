using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>The sweeper finds pending outbox rows through the index, on real Azurite, and reads nothing else.</summary>
[Collection(RunnerCollection.Name)]
public sealed class OutboxIndexTests(RunnerFixture runner)
{
    private readonly TableClient table = new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(RunnerFixture.TestTable);

    private readonly TableClient index = new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(OutboxIndex.Table);

    private Outbox Outbox => runner.App.Services.GetRequiredService<Outbox>();

    [Fact]
    public async Task CommittedRowNeverReleased_SweptOnceThroughItsIndexRow_WhichGoesOnceSettled()
    {
        await SweepAtAsync(runner.Clock.GetUtcNow());
        var (entry, work) = await CommitAsync();
        var indexed = await IndexRowsForAsync(entry);
        Assert.Single(indexed);

        await SweepAtAsync(runner.Clock.GetUtcNow() + SweepOutbox.Grace + TimeSpan.FromSeconds(1));

        await Eventually.WaitFor(() => PeekAllAsync(work), messages => messages.Count == 1, "the swept work message");
        Assert.False((await table.GetEntityIfExistsAsync<OutboxEntry>(entry.PartitionKey, entry.RowKey)).HasValue);
        Assert.Single(await IndexRowsForAsync(entry));

        await SweepAtAsync(indexed[0].At + SweepOutbox.Settle + TimeSpan.FromSeconds(1));

        Assert.Empty(await IndexRowsForAsync(entry));
        Assert.Single(await PeekAllAsync(work));
    }

    [Fact]
    public async Task RowWithoutIndexRow_InAnotherPartition_IsNotRead()
    {
        // A checkpoint exists, so the sweep no longer scans the tables for rows staged before the index.
        await SweepAtAsync(runner.Clock.GetUtcNow());
        var (indexed, work) = await CommitAsync();
        var other = Guid.CreateVersion7().ToString();
        var unindexed = Outbox.Stage(other, work.Name, new TestWork(other));
        await table.AddEntityAsync(unindexed);

        await SweepAtAsync(runner.Clock.GetUtcNow() + SweepOutbox.Grace + TimeSpan.FromSeconds(1));

        var delivered = await Eventually.WaitFor(() => PeekAllAsync(work), messages => messages.Count == 1, "the indexed row's message");
        Assert.Contains(indexed.RowKey[OutboxEntry.RowKeyPrefix.Length..], Decoded(Assert.Single(delivered)), StringComparison.Ordinal);
        Assert.True((await table.GetEntityIfExistsAsync<OutboxEntry>(unindexed.PartitionKey, unindexed.RowKey)).HasValue);
        await table.DeleteEntityAsync(unindexed.PartitionKey, unindexed.RowKey);
    }

    [Fact]
    public async Task CrashBetweenIndexWriteAndCommit_LeavesAnIndexRowTheSweeperDeletesOnceSettled()
    {
        var aggregateId = Guid.CreateVersion7().ToString();
        var work = Queues().GetQueueClient("work-" + Guid.NewGuid().ToString("N")[..12]);
        var entry = Outbox.Stage(aggregateId, work.Name, new TestWork(aggregateId));
        var at = runner.Clock.GetUtcNow();
        await runner.App.Services.GetRequiredService<OutboxIndex>().WriteAsync(RunnerFixture.TestTable, [entry], at, CancellationToken.None);

        await SweepAtAsync(at + SweepOutbox.Grace + TimeSpan.FromSeconds(1));
        Assert.Single(await IndexRowsForAsync(entry));

        await SweepAtAsync(at + SweepOutbox.Settle + TimeSpan.FromSeconds(1));

        Assert.Empty(await IndexRowsForAsync(entry));
        Assert.Empty(await PeekAllAsync(work));
    }

    private async Task SweepAtAsync(DateTimeOffset at) =>
        await ActivatorUtilities.CreateInstance<SweepOutbox>(runner.App.Services, (TimeProvider)new FakeTimeProvider(at)).Run(new TimerInfo(), CancellationToken.None);

    /// <summary>A change and its outbox row, committed through the outbox and never released, as if the send had failed.</summary>
    private async Task<(OutboxEntry Entry, QueueClient Work)> CommitAsync()
    {
        await table.CreateIfNotExistsAsync();
        var work = Queues().GetQueueClient("work-" + Guid.NewGuid().ToString("N")[..12]);
        var aggregateId = Guid.CreateVersion7().ToString();
        var entry = Outbox.Stage(aggregateId, work.Name, new TestWork(aggregateId));
        await Outbox.CommitAsync(
            table,
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(aggregateId, "state") { ["Status"] = "Submitted" }),
                new TableTransactionAction(TableTransactionActionType.Add, entry),
            ],
            CancellationToken.None);
        return (entry, work);
    }

    private async Task<List<OutboxIndexRow>> IndexRowsForAsync(OutboxEntry entry)
    {
        var rows = new List<OutboxIndexRow>();
        var filter = TableClient.CreateQueryFilter($"OutboxRowKey eq {entry.RowKey}");
        await foreach (var row in index.QueryAsync<OutboxIndexRow>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private QueueServiceClient Queues(QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(runner.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = encoding });

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

    private static string Decoded(string base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private sealed record TestWork(string AggregateId) : WorkMessage;
}
