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
    private readonly Mock<QueueClient> outboxQueue = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new(Now);
    private readonly List<string> released = [];
    private readonly List<PeekedMessage> waiting = [];

    public SweepOutboxTests()
    {
        queues.Setup(q => q.GetQueueClient("outbox")).Returns(outboxQueue.Object);
        outboxQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), cancellation.Token))
            .Callback((string text, CancellationToken _) => released.Add(text))
            .ReturnsAsync(Receipt());
        outboxQueue.Setup(q => q.PeekMessagesAsync(1, cancellation.Token))
            .ReturnsAsync(() => Response.FromValue(waiting.ToArray(), Mock.Of<Response>()));
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
    public async Task Run_PointersWaitingLongerThanTheGrace_CutoffMovesBeforeTheOldestOfThem()
    {
        waiting.Add(QueuesModelFactory.PeekedMessage("m-1", BinaryData.FromString("{}"), 0, Now.AddMinutes(-10), Now.AddDays(7)));
        var applications = TableWithPages("applications", [[]]);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(
            "RowKey ge 'outbox-' and RowKey lt 'outbox.' and CreatedAt le datetime'2025-03-01T11:49:55Z'",
            Assert.Single(applications.Filters));
    }

    [Fact]
    public async Task Run_YoungPointerWaiting_KeepsTheGrace()
    {
        waiting.Add(QueuesModelFactory.PeekedMessage("m-1", BinaryData.FromString("{}"), 0, Now.AddSeconds(-3), Now.AddDays(7)));
        var applications = TableWithPages("applications", [[]]);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(ExpectedFilter, Assert.Single(applications.Filters));
    }

    [Fact]
    public async Task Run_QueueCannotBePeeked_SweepsWithTheGrace()
    {
        outboxQueue.Setup(q => q.PeekMessagesAsync(1, cancellation.Token)).ThrowsAsync(new RequestFailedException(503, "Server busy."));
        var applications = TableWithPages("applications", [[]]);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(ExpectedFilter, Assert.Single(applications.Filters));
    }

    [Fact]
    public async Task Run_RowsFound_ReleasesEachWithItsTable()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-02", "0195a1b2-0000-7000-8000-000000000002");
        var third = Entry("fund-7", "0195a1b2-0000-7000-8000-000000000003");
        TableWithPages("applications", [[first, second]]);
        TableWithPages("grants", [[third]]);

        await Function("applications", "grants").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal(
            [
                new OutboxPointer("applications", first.PartitionKey, first.RowKey),
                new OutboxPointer("applications", second.PartitionKey, second.RowKey),
                new OutboxPointer("grants", third.PartitionKey, third.RowKey),
            ],
            released.Select(OutboxPointer.Parse));
    }

    [Fact]
    public async Task Run_RowsOnSeveralPages_ReleasesEveryPage()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-02", "0195a1b2-0000-7000-8000-000000000002");
        TableWithPages("applications", [[first], [second]]);

        await Function("applications").Run(new TimerInfo(), cancellation.Token);

        Assert.Equal([first.RowKey, second.RowKey], released.Select(text => OutboxPointer.Parse(text).RowKey));
    }

    [Fact]
    public async Task Run_ReleaseFails_KeepsSweeping()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-02", "0195a1b2-0000-7000-8000-000000000002");
        TableWithPages("applications", [[first, second]]);
        var attempts = 0;
        outboxQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), cancellation.Token))
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
            new OutboxService(queues.Object, time, NullLogger<OutboxService>.Instance),
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
        tables.Setup(t => t.GetTableClient(name)).Returns(table.Object);
        return queried;
    }

    private sealed class QueriedTable
    {
        public List<string> Filters { get; } = [];
    }
}
