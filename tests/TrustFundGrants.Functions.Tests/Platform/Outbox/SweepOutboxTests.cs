using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Platform.Outbox;
using static TrustFundGrants.Functions.Tests.Platform.Outbox.OutboxDoubles;
using OutboxService = TrustFundGrants.Functions.Platform.Outbox.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Outbox;

public sealed class SweepOutboxTests : IDisposable
{
    // Now (12:00:00Z) less the one-minute grace.
    private const string LegacyFilter =
        "RowKey ge 'outbox-' and RowKey lt 'outbox.' and CreatedAt le datetime'2025-03-01T11:59:00Z'";

    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);
    private readonly Mock<QueueClient> workQueue = new(MockBehavior.Strict);
    private readonly Mock<TableClient> indexTable = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new(Now);
    private readonly List<string> released = [];
    private readonly Dictionary<string, List<OutboxIndexRow>> minutes = [];
    private readonly List<string> minutesRead = [];
    private readonly List<string> indexDeleted = [];
    private readonly List<DateTimeOffset> checkpointsSaved = [];
    private OutboxSweepCheckpoint? checkpoint = new() { Next = Now.AddMinutes(-6), ETag = new ETag("\"checkpoint\"") };

    public SweepOutboxTests()
    {
        queues.Setup(q => q.GetQueueClient(Entry().Queue)).Returns(workQueue.Object);
        workQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), cancellation.Token))
            .Callback((string text, CancellationToken _) => released.Add(text))
            .ReturnsAsync(Receipt());
        tables.Setup(t => t.GetTableClient(OutboxIndex.Table)).Returns(indexTable.Object);
        indexTable.Setup(t => t.GetEntityIfExistsAsync<OutboxSweepCheckpoint>(OutboxIndex.CheckpointPartition, OutboxIndex.CheckpointRow, null, cancellation.Token))
            .ReturnsAsync(() => checkpoint is null ? MissingRow<OutboxSweepCheckpoint>() : Response.FromValue(checkpoint, Mock.Of<Response>()));
        indexTable.Setup(t => t.QueryAsync<OutboxIndexRow>(It.IsAny<string>(), null, null, cancellation.Token))
            .Returns((string filter, int? _, IEnumerable<string>? _, CancellationToken _) =>
            {
                var partition = filter.Split('\'')[1];
                minutesRead.Add(partition);
                var rows = minutes.TryGetValue(partition, out var found) ? found.ToArray() : [];
                return AsyncPageable<OutboxIndexRow>.FromPages([Page<OutboxIndexRow>.FromValues(rows, null, Mock.Of<Response>())]);
            });
        indexTable.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ETag>(), cancellation.Token))
            .Callback((string _, string rowKey, ETag _, CancellationToken _) => indexDeleted.Add(rowKey))
            .ReturnsAsync(Mock.Of<Response>());
        indexTable.Setup(t => t.AddEntityAsync(It.IsAny<OutboxSweepCheckpoint>(), cancellation.Token))
            .Callback((OutboxSweepCheckpoint saved, CancellationToken _) => checkpointsSaved.Add(saved.Next))
            .ReturnsAsync(Mock.Of<Response>());
        indexTable.Setup(t => t.UpdateEntityAsync(It.IsAny<OutboxSweepCheckpoint>(), new ETag("\"checkpoint\""), TableUpdateMode.Replace, cancellation.Token))
            .Callback((OutboxSweepCheckpoint saved, ETag _, TableUpdateMode _, CancellationToken _) => checkpointsSaved.Add(saved.Next))
            .ReturnsAsync(Mock.Of<Response>());
    }

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public void Grace_Always_OneMinute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), SweepOutbox.Grace);
    }

    [Fact]
    public void Settle_Always_LongerThanTheStorageClientsLongestCommit()
    {
        // Four tries of at most 30 s each, with back-off capped at 2 s (StorageRegistration).
        Assert.True(SweepOutbox.Settle > TimeSpan.FromSeconds((4 * 30) + (3 * 2)));
    }

    [Fact]
    public async Task Run_WithCheckpoint_ReadsOnlyTheIndexMinutesFromTheSettleWindowToTheCutoff()
    {
        // The outbox tables are strict doubles with no query set up: a scan of them would throw.
        OutboxTable("applications", []);
        OutboxTable("grants", []);

        await Function("applications", "grants").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(
            ["due-202503011154", "due-202503011155", "due-202503011156", "due-202503011157", "due-202503011158", "due-202503011159"],
            minutesRead);
        Assert.Empty(released);
    }

    [Fact]
    public async Task Run_IndexedRowStillThere_ReleasesItAndKeepsItsIndexRow()
    {
        // Its own release failed after the commit: the row is still in its table.
        var entry = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var applications = OutboxTable("applications", [entry]);
        var row = Indexed("applications", entry, Now.AddMinutes(-3));

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal([entry.Message], released);
        Assert.Equal([entry.RowKey], applications.Deleted);
        Assert.Empty(indexDeleted);
        Assert.Contains(row.PartitionKey, minutesRead);
    }

    [Fact]
    public async Task Run_IndexedRowNeverCommitted_IndexRowDeletedOnceSettled()
    {
        // The process stopped between the index write and the commit.
        var applications = OutboxTable("applications", []);
        var row = Indexed("applications", Entry(), Now - SweepOutbox.Settle);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Empty(released);
        Assert.Equal([row.RowKey], indexDeleted);
        Assert.Equal([Entry().RowKey], applications.Looked);
    }

    [Fact]
    public async Task Run_IndexedRowMissingButYoungerThanSettle_KeepsTheIndexRowAndTheCheckpoint()
    {
        // Its commit may still be on its way.
        OutboxTable("applications", []);
        var row = Indexed("applications", Entry(), Now.AddMinutes(-2));

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Empty(indexDeleted);
        Assert.Empty(released);
        Assert.Contains(row.PartitionKey, minutesRead);
    }

    [Fact]
    public async Task Run_IndexRowYoungerThanGrace_NotLookedAt()
    {
        var applications = OutboxTable("applications", [Entry()]);
        Indexed("applications", Entry(), Now.AddSeconds(-30));

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Empty(applications.Looked);
        Assert.Empty(released);
    }

    [Fact]
    public async Task Run_ReleaseFails_IndexRowKeptAndCheckpointStaysOnItsMinute()
    {
        var entry = Entry();
        OutboxTable("applications", [entry]);
        var row = Indexed("applications", entry, Now.AddMinutes(-30));
        checkpoint!.Next = OutboxIndex.MinuteOf(row.At);
        workQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), cancellation.Token))
            .ThrowsAsync(new RequestFailedException(503, "Server busy."));

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Empty(indexDeleted);
        Assert.Equal(row.PartitionKey, minutesRead[0]);
        Assert.Empty(checkpointsSaved);
    }

    [Fact]
    public async Task Run_OldMinutesEmptiedForGood_CheckpointMovesToTheFirstUnsettledMinute()
    {
        var applications = OutboxTable("applications", []);
        var row = Indexed("applications", Entry(), Now.AddMinutes(-20));
        checkpoint!.Next = OutboxIndex.MinuteOf(row.At);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal([row.RowKey], indexDeleted);
        Assert.Equal(20, minutesRead.Count);
        Assert.Equal([Now - SweepOutbox.Settle], checkpointsSaved);
    }

    [Fact]
    public async Task Run_FarBehind_ReadsAtMostItsShareOfMinutes()
    {
        checkpoint!.Next = Now.AddDays(-1);

        await Function().Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(SweepOutbox.MaxMinutesPerSweep, minutesRead.Count);
        Assert.Equal([Now.AddDays(-1).AddMinutes(SweepOutbox.MaxMinutesPerSweep)], checkpointsSaved);
    }

    [Fact]
    public async Task Run_IndexRowNamesATableWithoutOutbox_DeletedWithoutReadingIt()
    {
        var row = Indexed("signinlinks", Entry(), Now.AddMinutes(-2));

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal([row.RowKey], indexDeleted);
        tables.Verify(t => t.GetTableClient("signinlinks"), Times.Never);
    }

    [Fact]
    public async Task Run_FirstSweep_ScansEachOutboxTableOnceThenSavesACheckpoint()
    {
        checkpoint = null;
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("fund-7", "0195a1b2-0000-7000-8000-000000000002");
        var applications = OutboxTable("applications", [], pages: [[first]]);
        var grants = OutboxTable("grants", [], pages: [[], [second]]);

        await Function("applications", "grants").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(LegacyFilter, Assert.Single(applications.Filters));
        Assert.Equal(LegacyFilter, Assert.Single(grants.Filters));
        Assert.Equal([first.Message, second.Message], released);
        Assert.Equal([OutboxIndex.MinuteOf(Now - SweepOutbox.Settle)], checkpointsSaved);
    }

    private SweepOutbox Function(params string[] outboxTables) =>
        new(
            new OutboxService(queues.Object, tables.Object, time, NullLogger<OutboxService>.Instance),
            new OutboxIndex(tables.Object),
            tables.Object,
            new OutboxTables(outboxTables.Select(name => new OutboxTable(name))),
            time,
            NullLogger<SweepOutbox>.Instance);

    private OutboxIndexRow Indexed(string table, OutboxEntry entry, DateTimeOffset at)
    {
        var row = OutboxIndex.RowFor(table, entry, at);
        row.ETag = new ETag("\"index\"");
        if (!minutes.TryGetValue(row.PartitionKey, out var rows))
        {
            minutes[row.PartitionKey] = rows = [];
        }

        rows.Add(row);
        return row;
    }

    /// <summary>An outbox table holding <paramref name="entries"/>; a scan answers <paramref name="pages"/> and is only set up when given.</summary>
    private TouchedTable OutboxTable(string name, OutboxEntry[] entries, OutboxEntry[][]? pages = null)
    {
        var touched = new TouchedTable();
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.GetEntityIfExistsAsync<OutboxEntry>(It.IsAny<string>(), It.IsAny<string>(), null, cancellation.Token))
            .ReturnsAsync((string partitionKey, string rowKey, IEnumerable<string>? _, CancellationToken _) =>
            {
                touched.Looked.Add(rowKey);
                return entries.FirstOrDefault(e => e.PartitionKey == partitionKey && e.RowKey == rowKey) is { } entry ? Found(entry) : Missing();
            });
        if (pages is not null)
        {
            table.Setup(t => t.QueryAsync<OutboxEntry>(It.IsAny<string>(), null, null, cancellation.Token))
                .Callback((string filter, int? _, IEnumerable<string>? _, CancellationToken _) => touched.Filters.Add(filter))
                .Returns(AsyncPageable<OutboxEntry>.FromPages(
                    pages.Select((values, i) => Page<OutboxEntry>.FromValues(values, i + 1 < pages.Length ? $"page-{i + 1}" : null, Mock.Of<Response>()))));
        }

        table.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), ETag.All, cancellation.Token))
            .Callback((string _, string rowKey, ETag _, CancellationToken _) => touched.Deleted.Add(rowKey))
            .ReturnsAsync(Mock.Of<Response>());
        tables.Setup(t => t.GetTableClient(name)).Returns(table.Object);
        return touched;
    }

    private static NullableResponse<T> MissingRow<T>()
    {
        var missing = new Mock<NullableResponse<T>>();
        missing.SetupGet(r => r.HasValue).Returns(false);
        return missing.Object;
    }

    private sealed class TouchedTable
    {
        public List<string> Filters { get; } = [];

        public List<string> Looked { get; } = [];

        public List<string> Deleted { get; } = [];
    }
}
