using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Platform.Outbox;
using static TrustFundGrants.Functions.Tests.Platform.Outbox.OutboxDoubles;
using OutboxService = TrustFundGrants.Functions.Platform.Outbox.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Outbox;

public sealed class DispatchOutboxTests : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);
    private readonly List<string> calls = [];

    private CancellationToken Token => cancellation.Token;

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public async Task Run_TableWithoutOutbox_ThrowsAndTouchesNoStorage()
    {
        var message = new OutboxPointer("organisations", "org-1", "outbox-1").ToJson();

        await Assert.ThrowsAsync<FormatException>(() => Function("applications", "grants").Run(message, Token));

        tables.VerifyNoOtherCalls();
        queues.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_TableNameDiffersOnlyInCase_ThrowsAndTouchesNoStorage()
    {
        var message = new OutboxPointer("Applications", "round-01", "outbox-1").ToJson();

        await Assert.ThrowsAsync<FormatException>(() => Function("applications").Run(message, Token));

        tables.VerifyNoOtherCalls();
        queues.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"table":"applications","partitionKey":"round-01","rowKey":"application-1"}""")]
    public async Task Run_NotAPointer_ThrowsAndTouchesNoStorage(string message)
    {
        var ex = await Record.ExceptionAsync(() => Function("applications").Run(message, Token));

        Assert.True(ex is FormatException or JsonException, $"Expected FormatException or JsonException, got {ex?.GetType()}.");
        tables.VerifyNoOtherCalls();
        queues.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_RegisteredTable_DispatchesRowOfThatTable()
    {
        var entry = Entry();
        var table = TableHolding(entry, calls, Token);
        var queue = QueueAccepting(entry.Message, calls, Token);
        tables.Setup(t => t.GetTableClient("applications")).Returns(table.Object);
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);
        var message = new OutboxPointer("applications", entry.PartitionKey, entry.RowKey).ToJson();

        await Function("grants", "applications").Run(message, Token);

        Assert.Equal(["get", "create", "send", "delete"], calls);
        tables.VerifyAll();
        table.VerifyAll();
        queue.VerifyAll();
    }

    private DispatchOutbox Function(params string[] outboxTables) =>
        new(
            new OutboxService(queues.Object, tables.Object, new FakeTimeProvider(Now), NullLogger<OutboxService>.Instance),
            tables.Object,
            new OutboxTables(outboxTables.Select(name => new OutboxTable(name))));
}
