using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Platform.Outbox.OutboxDoubles;
using OutboxService = TrustFundGrants.Functions.Platform.Outbox.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Audit;

public sealed class AuditLogTests : IDisposable
{
    private static readonly Caller Actor = new("user-7", "actor@ngo.example", "Actor", ["Applicant"], "org-1", null);

    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new(Now);
    private readonly List<string> calls = [];
    private readonly OutboxIndexDouble index;

    public AuditLogTests() => index = OutboxIndexDouble.On(tables);

    private CancellationToken Token => cancellation.Token;

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public void Stage_Change_OutboxRowInTheChangesPartitionOwingTheEntryOnTheAuditQueue()
    {
        time.Advance(TimeSpan.FromSeconds(3));

        var entry = Log().Stage("round-01", Actor, "application.withdrawn", "application:app-1", new { status = "Draft" }, new { status = "Withdrawn" });

        Assert.Equal("round-01", entry.PartitionKey);
        Assert.Equal(AuditMessage.Queue, entry.Queue);
        var message = JsonSerializer.Deserialize<AuditMessage>(entry.Message, JsonSerializerOptions.Web)!;
        Assert.Equal(OutboxEntry.RowKeyPrefix + message.MessageId, entry.RowKey);
        Assert.Equal(
            new AuditMessage("user-7", "actor@ngo.example", "application.withdrawn", "application:app-1", Now.AddSeconds(3), """{"status":"Draft"}""", """{"status":"Withdrawn"}""") { MessageId = message.MessageId, StagedAt = Now.AddSeconds(3) },
            message);
    }

    [Fact]
    public void Stage_CreationAndDeletion_EmptyBeforeAndAfter()
    {
        var created = JsonSerializer.Deserialize<AuditMessage>(Log().Stage("p", Actor, "a", "t", null, new { x = 1 }).Message, JsonSerializerOptions.Web)!;
        var deleted = JsonSerializer.Deserialize<AuditMessage>(Log().Stage("p", Actor, "a", "t", new { x = 1 }, null).Message, JsonSerializerOptions.Web)!;

        Assert.Equal((string.Empty, """{"x":1}"""), (created.Before, created.After));
        Assert.Equal(("""{"x":1}""", string.Empty), (deleted.Before, deleted.After));
    }

    [Fact]
    public async Task CommitAsync_Change_CommitsChangeAndEntryInOneTransactionThenReleasesTheEntry()
    {
        var log = Log();
        var row = new TableEntity("round-01", "app-1") { ETag = RowETag };
        var entry = log.Stage("round-01", Actor, "application.updated", "application:app-1", null, null);
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.SetupGet(t => t.Name).Returns("applications");
        IReadOnlyList<TableTransactionAction>? submitted = null;
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((actions, _) =>
            {
                submitted = actions.ToList();
                calls.Add("commit");
            })
            .ReturnsAsync(StubResponse.Transaction(new StubResponse(204, "W/\"new\""), new StubResponse(204, "W/\"entry\"")));
        ReleaseExpected(entry.Message);
        table.Setup(t => t.DeleteEntityAsync("round-01", entry.RowKey, ETag.All, Token)).Callback(() => calls.Add("delete")).ReturnsAsync(Mock.Of<Response>());
        tables.Setup(t => t.GetTableClient("applications")).Returns(table.Object);

        var etags = await log.CommitAsync(table.Object, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, RowETag)], entry, Token);

        Assert.Equal(["commit", "release", "delete"], calls);
        Assert.Equal(entry.RowKey, Assert.Single(index.Written).OutboxRowKey);
        Assert.Equal([new ETag("W/\"new\"")], etags);
        Assert.Collection(
            submitted!,
            change => Assert.Equal((TableTransactionActionType.UpdateReplace, row, RowETag), (change.ActionType, (TableEntity)change.Entity, change.ETag)),
            staged => Assert.Equal((TableTransactionActionType.Add, entry), (staged.ActionType, (OutboxEntry)staged.Entity)));
    }

    [Fact]
    public async Task CommitAsync_ChangeRefused_ThrowsItsStatusAndReleasesNothing()
    {
        var log = Log();
        var entry = log.Stage("round-01", Actor, "application.updated", "application:app-1", null, null);
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.SetupGet(t => t.Name).Returns("applications");
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .ThrowsAsync(new TableTransactionFailedException(new RequestFailedException(412, "Precondition failed")));

        var refused = await Assert.ThrowsAsync<TableTransactionFailedException>(() =>
            log.CommitAsync(table.Object, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("round-01", "app-1"), RowETag)], entry, Token));

        Assert.Equal(412, refused.Status);
        queues.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CommitAsync_ReleaseFails_StillAnswersTheCommittedETags()
    {
        var log = Log();
        var entry = log.Stage("round-01", Actor, "fund.created", "fund:f-1", null, null);
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.SetupGet(t => t.Name).Returns("funds");
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), Token))
            .ReturnsAsync(StubResponse.Transaction(new StubResponse(204, "W/\"f\""), new StubResponse(204)));
        var auditQueue = new Mock<QueueClient>(MockBehavior.Strict);
        auditQueue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), Token)).ThrowsAsync(new RequestFailedException(503, "Server busy"));
        queues.Setup(q => q.GetQueueClient(AuditMessage.Queue)).Returns(auditQueue.Object);

        var etags = await log.CommitAsync(table.Object, [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("fund", "f-1"))], entry, Token);

        // The entry is committed; the sweeper releases it later.
        Assert.Equal([new ETag("W/\"f\"")], etags);
    }

    [Fact]
    public void EntryFor_SameMessageTwice_SameRowNewestFirst()
    {
        var older = new AuditMessage("u", "e", "a", "application:app-1", Now, string.Empty, string.Empty);
        var newer = older with { At = Now.AddSeconds(1), MessageId = Guid.CreateVersion7().ToString() };

        var first = AuditLog.EntryFor(older);
        var again = AuditLog.EntryFor(older);

        Assert.Equal(first.RowKey, again.RowKey);
        Assert.Equal("application:app-1", first.PartitionKey);
        Assert.EndsWith(Guid.Parse(older.MessageId).ToString("N"), first.RowKey, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(AuditLog.EntryFor(newer).RowKey, first.RowKey) < 0, "a later change sorts first");
    }

    private void ReleaseExpected(string message)
    {
        var auditQueue = new Mock<QueueClient>(MockBehavior.Strict);
        auditQueue.Setup(q => q.SendMessageAsync(message, Token)).Callback(() => calls.Add("release")).ReturnsAsync(Receipt());
        queues.Setup(q => q.GetQueueClient(AuditMessage.Queue)).Returns(auditQueue.Object);
    }

    private AuditLog Log() => new(tables.Object, new OutboxService(queues.Object, tables.Object, time, NullLogger<OutboxService>.Instance), time);
}
