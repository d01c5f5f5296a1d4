using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Platform.Outbox.OutboxDoubles;
using OutboxService = TrustFundGrants.Functions.Platform.Outbox.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Outbox;

public sealed class OutboxTests : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new(Now);
    private readonly List<string> calls = [];

    private CancellationToken Token => cancellation.Token;

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public void Stage_Message_RowKeyIsOutboxPrefixAndMessageId()
    {
        var message = new ApplicationSubmitted("round-01", "app-7");

        var entry = Outbox().Stage("round-01", "applications-submitted", message);

        Assert.Equal("round-01", entry.PartitionKey);
        Assert.Equal("outbox-" + message.MessageId, entry.RowKey);
        Assert.StartsWith(OutboxEntry.RowKeyPrefix, entry.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_Message_QueueAndCreatedAtFromTimeProvider()
    {
        time.Advance(TimeSpan.FromSeconds(42));

        var entry = Outbox().Stage("round-01", "applications-submitted", new ApplicationSubmitted("round-01", "app-7"));

        Assert.Equal("applications-submitted", entry.Queue);
        Assert.Equal(Now.AddSeconds(42), entry.CreatedAt);
    }

    [Fact]
    public void Stage_Message_JsonHasMessageIdAndPayloadInCamelCase()
    {
        var message = new ApplicationSubmitted("round-01", "app-7") { MessageId = "0195a1b2-0000-7000-8000-00000000abcd" };

        var entry = Outbox().Stage("round-01", "applications-submitted", message);

        using var json = JsonDocument.Parse(entry.Message);
        var fields = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["messageId"] = "0195a1b2-0000-7000-8000-00000000abcd",
                ["roundId"] = "round-01",
                ["applicationId"] = "app-7",
                ["stagedAt"] = "2025-03-01T12:00:00+00:00",
            },
            fields);
    }

    [Fact]
    public void Stage_InsideARequestsActivity_MessageCarriesItsTraceParent()
    {
        using var request = new System.Diagnostics.Activity("POST applications/{id}/submit").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();

        var entry = Outbox().Stage("round-01", "applications-submitted", new ApplicationSubmitted("round-01", "app-7"));

        using var json = JsonDocument.Parse(entry.Message);
        Assert.Equal(request.Id, json.RootElement.GetProperty("traceParent").GetString());
    }

    [Fact]
    public void Stage_TwoMessages_DistinctRowKeys()
    {
        var outbox = Outbox();

        var first = outbox.Stage("round-01", "q", new ApplicationSubmitted("round-01", "app-7"));
        var second = outbox.Stage("round-01", "q", new ApplicationSubmitted("round-01", "app-7"));

        Assert.NotEqual(first.RowKey, second.RowKey);
    }

    [Fact]
    public void Stage_NullMessage_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Outbox().Stage<ApplicationSubmitted>("round-01", "q", null!));
    }

    [Fact]
    public async Task DispatchAsync_RowMissing_NoSendNoDelete()
    {
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.GetEntityIfExistsAsync<OutboxEntry>("round-01", "outbox-1", null, Token)).ReturnsAsync(Missing());

        await Outbox().DispatchAsync(table.Object, new OutboxPointer("applications", "round-01", "outbox-1"), Token);

        table.VerifyAll();
        table.VerifyNoOtherCalls();
        queues.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DispatchAsync_RowPresent_CreatesQueueSendsThenDeletesWithRowETag()
    {
        var entry = Entry();
        var table = TableHolding(entry, calls, Token);
        var queue = QueueAccepting(entry.Message, calls, Token);
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);

        await Outbox().DispatchAsync(table.Object, Pointer(entry), Token);

        Assert.Equal(["get", "create", "send", "delete"], calls);
        table.VerifyAll();
        queue.VerifyAll();
        queues.VerifyAll();
    }

    [Theory]
    [InlineData(404)]
    [InlineData(412)]
    public async Task DispatchAsync_DeleteLosesToConcurrentDelivery_Completes(int status)
    {
        var entry = Entry();
        var table = TableHolding(entry, calls, Token);
        table.Setup(t => t.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, Token))
            .ThrowsAsync(new RequestFailedException(status, "The row changed or is gone."));
        var queue = QueueAccepting(entry.Message, calls, Token);
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);

        await Outbox().DispatchAsync(table.Object, Pointer(entry), Token);

        Assert.Equal(["get", "create", "send"], calls);
        table.VerifyAll();
    }

    [Fact]
    public async Task DispatchAsync_DeleteFailsOtherwise_Throws()
    {
        var entry = Entry();
        var table = TableHolding(entry, calls, Token);
        table.Setup(t => t.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, Token))
            .ThrowsAsync(new RequestFailedException(503, "Server busy."));
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(QueueAccepting(entry.Message, calls, Token).Object);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Outbox().DispatchAsync(table.Object, Pointer(entry), Token));

        Assert.Equal(503, ex.Status);
    }

    [Fact]
    public async Task DispatchAsync_SendFails_ThrowsAndKeepsRow()
    {
        var entry = Entry();
        var table = TableHolding(entry, calls, Token);
        var queue = QueueAccepting(entry.Message, calls, Token);
        queue.Setup(q => q.SendMessageAsync(entry.Message, Token)).ThrowsAsync(new RequestFailedException(500, "Queue unavailable."));
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Outbox().DispatchAsync(table.Object, Pointer(entry), Token));

        Assert.Equal(500, ex.Status);
        Assert.Equal(["get", "create"], calls);
        table.Verify(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DispatchAsync_QueueCannotBeCreated_ThrowsWithoutSendOrDelete()
    {
        var entry = Entry();
        var table = TableHolding(entry, calls, Token);
        var queue = QueueAccepting(entry.Message, calls, Token);
        queue.Setup(q => q.CreateIfNotExistsAsync(null, Token)).ThrowsAsync(new RequestFailedException(403, "Not authorized."));
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);

        await Assert.ThrowsAsync<RequestFailedException>(() => Outbox().DispatchAsync(table.Object, Pointer(entry), Token));

        Assert.Equal(["get"], calls);
    }

    [Fact]
    public async Task ReleaseAsync_Entry_SendsItsMessageToItsQueueThenDeletesTheRow()
    {
        var entry = Entry();
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(QueueAccepting(entry.Message, calls, Token).Object);
        var table = TableDeleting("applications", calls, entry);

        await Outbox().ReleaseAsync("applications", entry, Token);

        Assert.Equal(["send", "delete " + entry.RowKey], calls);
        table.VerifyAll();
    }

    [Fact]
    public async Task ReleaseAsync_RowsOfOnePartition_SendsEachThenDeletesAllInOneTransaction()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = OnQueue(Entry("round-01", "0195a1b2-0000-7000-8000-000000000002"), "application-emails");
        var sent = new List<string>();
        queues.Setup(q => q.GetQueueClient(first.Queue)).Returns(QueueRecording(sent).Object);
        queues.Setup(q => q.GetQueueClient(second.Queue)).Returns(QueueRecording(sent).Object);
        var table = new Mock<TableClient>(MockBehavior.Strict);
        List<TableTransactionAction>? deleted = null;
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) => deleted = actions.ToList())
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        tables.Setup(t => t.GetTableClient("applications")).Returns(table.Object);

        await Outbox().ReleaseAsync("applications", [first, second], Token);

        Assert.Equal([first.Message, second.Message], sent.Order());
        Assert.Equal(
            [(TableTransactionActionType.Delete, first.RowKey, ETag.All), (TableTransactionActionType.Delete, second.RowKey, ETag.All)],
            deleted!.Select(a => (a.ActionType, a.Entity.RowKey, a.ETag)));
    }

    [Fact]
    public async Task ReleaseAsync_TransactionFindsARowGone_DeletesTheRestOneByOne()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-01", "0195a1b2-0000-7000-8000-000000000002");
        queues.Setup(q => q.GetQueueClient(first.Queue)).Returns(QueueRecording([]).Object);
        var table = TableDeleting("applications", calls, first, second);
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .ThrowsAsync(new TableTransactionFailedException(new RequestFailedException(404, "ResourceNotFound")));
        table.Setup(t => t.DeleteEntityAsync(first.PartitionKey, first.RowKey, ETag.All, Token))
            .ThrowsAsync(new RequestFailedException(404, "ResourceNotFound"));

        await Outbox().ReleaseAsync("applications", [first, second], Token);

        Assert.Equal(["delete " + second.RowKey], calls);
    }

    [Fact]
    public async Task ReleaseAsync_QueueGone_CreatesItAndSendsAgain()
    {
        var entry = Entry();
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        var sequence = new MockSequence();
        queue.InSequence(sequence).Setup(q => q.SendMessageAsync(entry.Message, Token)).ThrowsAsync(new RequestFailedException(404, "QueueNotFound"));
        queue.InSequence(sequence).Setup(q => q.CreateIfNotExistsAsync(null, Token)).Callback(() => calls.Add("create")).ReturnsAsync(Mock.Of<Response>());
        queue.InSequence(sequence).Setup(q => q.SendMessageAsync(entry.Message, Token)).Callback(() => calls.Add("send")).ReturnsAsync(Receipt());
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);
        TableDeleting("applications", calls, entry);

        await Outbox().ReleaseAsync("applications", entry, Token);

        Assert.Equal(["create", "send", "delete " + entry.RowKey], calls);
    }

    [Fact]
    public async Task ReleaseAsync_SendFails_KeepsTheRowForTheSweeperAndLogs()
    {
        var entry = Entry();
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        queue.Setup(q => q.SendMessageAsync(entry.Message, Token)).ThrowsAsync(new RequestFailedException(503, "Server busy."));
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(queue.Object);
        var logger = new ListLogger<OutboxService>();

        await new OutboxService(queues.Object, tables.Object, time, logger).ReleaseAsync("applications", entry, Token);

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(entry.RowKey, message, StringComparison.Ordinal);
        tables.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReleaseAsync_OneOfTwoSendsFails_DeletesOnlyTheRowSent()
    {
        var sent = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var failed = OnQueue(Entry("round-01", "0195a1b2-0000-7000-8000-000000000002"), "application-emails");
        queues.Setup(q => q.GetQueueClient(sent.Queue)).Returns(QueueAccepting(sent.Message, calls, Token).Object);
        var broken = new Mock<QueueClient>(MockBehavior.Strict);
        broken.Setup(q => q.SendMessageAsync(failed.Message, Token)).ThrowsAsync(new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused")));
        queues.Setup(q => q.GetQueueClient(failed.Queue)).Returns(broken.Object);
        var table = TableDeleting("applications", calls, sent);

        await Outbox().ReleaseAsync("applications", [sent, failed], Token);

        Assert.Equal(["send", "delete " + sent.RowKey], calls);
        table.VerifyAll();
    }

    [Fact]
    public async Task ReleaseAsync_DeleteFails_SwallowedAndLogged()
    {
        var entry = Entry();
        queues.Setup(q => q.GetQueueClient(entry.Queue)).Returns(QueueAccepting(entry.Message, calls, Token).Object);
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, Token)).ThrowsAsync(new RequestFailedException(503, "Server busy."));
        tables.Setup(t => t.GetTableClient("applications")).Returns(table.Object);
        var logger = new ListLogger<OutboxService>();

        await new OutboxService(queues.Object, tables.Object, time, logger).ReleaseAsync("applications", entry, Token);

        Assert.Equal(LogLevel.Warning, Assert.Single(logger.Entries).Level);
    }

    [Fact]
    public async Task ReleaseAsync_NullEntry_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Outbox().ReleaseAsync("applications", (OutboxEntry)null!, Token));
    }

    [Fact]
    public async Task CommitAsync_TransactionAddsAnOutboxRow_WritesItsIndexRowBeforeTheCommit()
    {
        var entry = Entry();
        var change = new TableEntity("round-01", "app-1");
        var index = IndexRecording();
        var table = TableCommitting("applications");

        await Outbox().CommitAsync(table.Object, [new(TableTransactionActionType.UpdateReplace, change, ETag.All), new(TableTransactionActionType.Add, entry)], Token);

        Assert.Equal(["index due-202503011200 applications~round-01~" + entry.RowKey, "commit 2"], calls);
        var row = Assert.Single(index);
        Assert.Equal(("applications", entry.PartitionKey, entry.RowKey, Now), (row.Table, row.OutboxPartitionKey, row.OutboxRowKey, row.At));
    }

    [Fact]
    public async Task CommitAsync_SeveralOutboxRows_IndexedInOneTransaction()
    {
        var first = Entry("round-01", "0195a1b2-0000-7000-8000-000000000001");
        var second = Entry("round-01", "0195a1b2-0000-7000-8000-000000000002");
        var indexTable = new Mock<TableClient>(MockBehavior.Strict);
        List<TableTransactionAction>? written = null;
        indexTable.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) => { written = actions.ToList(); calls.Add("index"); })
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        tables.Setup(t => t.GetTableClient(OutboxIndex.Table)).Returns(indexTable.Object);
        var table = TableCommitting("applications");

        await Outbox().CommitAsync(table.Object, [new(TableTransactionActionType.Add, first), new(TableTransactionActionType.Add, second)], Token);

        Assert.Equal(["index", "commit 2"], calls);
        Assert.Equal(
            [(TableTransactionActionType.UpsertReplace, first.RowKey), (TableTransactionActionType.UpsertReplace, second.RowKey)],
            written!.Select(a => (a.ActionType, ((OutboxIndexRow)a.Entity).OutboxRowKey)));
    }

    [Fact]
    public async Task CommitAsync_NoOutboxRow_WritesNoIndexRow()
    {
        var table = TableCommitting("applications");

        await Outbox().CommitAsync(table.Object, [new(TableTransactionActionType.Add, new TableEntity("round-01", "app-1"))], Token);

        Assert.Equal(["commit 1"], calls);
    }

    [Fact]
    public async Task CommitAsync_CommitRefused_IndexRowStaysAndTheRefusalIsThrown()
    {
        var index = IndexRecording();
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.SetupGet(t => t.Name).Returns("applications");
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .ThrowsAsync(new RequestFailedException(412, "Precondition failed."));

        await Assert.ThrowsAsync<RequestFailedException>(() => Outbox().CommitAsync(table.Object, [new(TableTransactionActionType.Add, Entry())], Token));

        Assert.Single(index);
    }

    [Fact]
    public async Task CommitAsync_IndexWriteFails_NothingCommitted()
    {
        var indexTable = new Mock<TableClient>(MockBehavior.Strict);
        indexTable.Setup(t => t.UpsertEntityAsync(It.IsAny<OutboxIndexRow>(), TableUpdateMode.Replace, Token))
            .ThrowsAsync(new RequestFailedException(503, "Server busy."));
        tables.Setup(t => t.GetTableClient(OutboxIndex.Table)).Returns(indexTable.Object);
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.SetupGet(t => t.Name).Returns("applications");

        await Assert.ThrowsAsync<RequestFailedException>(() => Outbox().CommitAsync(table.Object, [new(TableTransactionActionType.Add, Entry())], Token));

        table.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private List<OutboxIndexRow> IndexRecording()
    {
        var written = new List<OutboxIndexRow>();
        var indexTable = new Mock<TableClient>(MockBehavior.Strict);
        indexTable.Setup(t => t.UpsertEntityAsync(It.IsAny<OutboxIndexRow>(), TableUpdateMode.Replace, Token))
            .Callback((OutboxIndexRow row, TableUpdateMode _, CancellationToken _) =>
            {
                written.Add(row);
                calls.Add($"index {row.PartitionKey} {row.RowKey}");
            })
            .ReturnsAsync(Mock.Of<Response>());
        tables.Setup(t => t.GetTableClient(OutboxIndex.Table)).Returns(indexTable.Object);
        return written;
    }

    private Mock<TableClient> TableCommitting(string name)
    {
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.SetupGet(t => t.Name).Returns(name);
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) => calls.Add($"commit {actions.Count()}"))
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        return table;
    }

    private static OutboxEntry OnQueue(OutboxEntry entry, string queue)
    {
        entry.Queue = queue;
        return entry;
    }

    private Mock<TableClient> TableDeleting(string name, List<string> log, params OutboxEntry[] entries)
    {
        var table = new Mock<TableClient>(MockBehavior.Strict);
        foreach (var entry in entries)
        {
            table.Setup(t => t.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, Token))
                .Callback(() => log.Add("delete " + entry.RowKey))
                .ReturnsAsync(Mock.Of<Response>());
        }

        tables.Setup(t => t.GetTableClient(name)).Returns(table.Object);
        return table;
    }

    private Mock<QueueClient> QueueRecording(List<string> sent)
    {
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), Token))
            .Callback((string text, CancellationToken _) =>
            {
                lock (sent)
                {
                    sent.Add(text);
                }
            })
            .ReturnsAsync(Receipt());
        return queue;
    }

    private OutboxService Outbox() => new(queues.Object, tables.Object, time, NullLogger<OutboxService>.Instance);

    private static OutboxPointer Pointer(OutboxEntry entry) => new("applications", entry.PartitionKey, entry.RowKey);
}

public sealed record ApplicationSubmitted(string RoundId, string ApplicationId) : WorkMessage;
