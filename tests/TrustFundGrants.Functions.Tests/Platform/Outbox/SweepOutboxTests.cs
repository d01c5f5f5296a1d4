using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
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
    private const string ExpectedFilter =
        "RowKey ge 'outbox-' and RowKey lt 'outbox.' and CreatedAt le datetime'2025-03-01T11:59:00Z'";

    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);
    private readonly Mock<QueueClient> workQueue = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new(Now);
    private readonly List<string> released = [];

    public SweepOutboxTests()
    {
        queues.Setup(q => q.GetQueueClient(Entry().Queue)).Returns(workQueue.Object);
        workQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), cancellation.Token))
            .Callback((string text, CancellationToken _) => released.Add(text))
            .ReturnsAsync(Receipt());
    }

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public void Grace_Always_OneMinute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), SweepOutbox.Grace);
    }

    [Fact]
    public async Task Run_EachOutboxTable_QueriedWithOutboxRangeAndCutoff()
    {
        var applications = TableWithPages("applications", [[]]);
        var grants = TableWithPages("grants", [[]]);

        await Function("applications", "grants").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(ExpectedFilter, Assert.Single(applications.Filters));
        Assert.Equal(ExpectedFilter, Assert.Single(grants.Filters));
        Assert.Empty(released);
    }

    [Fact]
    public async Task Run_ClockMoves_CutoffFollowsIt()
    {
        time.Advance(TimeSpan.FromMinutes(30));
        var applications = TableWithPages("applications", [[]]);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(
            "RowKey ge 'outbox-' and RowKey lt 'outbox.' and CreatedAt le datetime'2025-03-01T12:29:00Z'",
            Assert.Single(applications.Filters));
    }

    [Fact]
    public async Task Run_RowsFound_ReleasesEachWithItsTable()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-02", "0195a1b2-0000-7000-8000-000000000002");
        var third = Entry("fund-7", "0195a1b2-0000-7000-8000-000000000003");
        var applications = TableWithPages("applications", [[first, second]]);
        var grants = TableWithPages("grants", [[third]]);

        await Function("applications", "grants").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal([first.Message, second.Message, third.Message], released);
        Assert.Equal([first.RowKey, second.RowKey], applications.Deleted);
        Assert.Equal([third.RowKey], grants.Deleted);
    }

    [Fact]
    public async Task Run_RowsOnSeveralPages_ReleasesEveryPage()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-02", "0195a1b2-0000-7000-8000-000000000002");
        TableWithPages("applications", [[first], [second]]);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal([first.Message, second.Message], released);
    }

    [Fact]
    public async Task Run_ReleaseFails_KeepsSweeping()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-02", "0195a1b2-0000-7000-8000-000000000002");
        TableWithPages("applications", [[first, second]]);
        var attempts = 0;
        workQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), cancellation.Token))
            .Callback(() => attempts++)
            .ThrowsAsync(new RequestFailedException(503, "Server busy."));

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Run_NoOutboxTables_TouchesNoTable()
    {
        await Function().Run(new TimerInfo(), cancellation.Token);

        tables.VerifyNoOtherCalls();
    }

    private SweepOutbox Function(params string[] outboxTables) =>
        new(
            new OutboxService(queues.Object, tables.Object, time, NullLogger<OutboxService>.Instance),
            tables.Object,
            new OutboxTables(outboxTables.Select(name => new OutboxTable(name))),
            time);

    private QueriedTable TableWithPages(string name, OutboxEntry[][] pages)
    {
        var queried = new QueriedTable();
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.QueryAsync<OutboxEntry>(It.IsAny<string>(), null, null, cancellation.Token))
            .Callback((string filter, int? _, IEnumerable<string>? _, CancellationToken _) => queried.Filters.Add(filter))
            .Returns(AsyncPageable<OutboxEntry>.FromPages(
                pages.Select((values, i) => Page<OutboxEntry>.FromValues(values, i + 1 < pages.Length ? $"page-{i + 1}" : null, Mock.Of<Response>()))));
        table.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), ETag.All, cancellation.Token))
            .Callback((string _, string rowKey, ETag _, CancellationToken _) => queried.Deleted.Add(rowKey))
            .ReturnsAsync(Mock.Of<Response>());
        tables.Setup(t => t.GetTableClient(name)).Returns(table.Object);
        return queried;
    }

    private sealed class QueriedTable
    {
        public List<string> Filters { get; } = [];

        public List<string> Deleted { get; } = [];
    }
}
