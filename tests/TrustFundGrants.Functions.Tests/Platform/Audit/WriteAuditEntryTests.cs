using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Platform.Audit;
using static TrustFundGrants.Functions.Tests.Platform.Outbox.OutboxDoubles;

namespace TrustFundGrants.Functions.Tests.Platform.Audit;

public sealed class WriteAuditEntryTests : IDisposable
{
    private static readonly AuditMessage Message =
        new("user-7", "actor@ngo.example", "application.withdrawn", "application:app-1", Now, """{"status":"Draft"}""", """{"status":"Withdrawn"}""");

    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<TableClient> audit = new(MockBehavior.Strict);

    public WriteAuditEntryTests() => tables.Setup(t => t.GetTableClient(AuditLog.Table)).Returns(audit.Object);

    private CancellationToken Token => cancellation.Token;

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public async Task Run_Message_WritesTheEntryUnderItsMessagesRowKey()
    {
        AuditEntry? written = null;
        audit.Setup(t => t.AddEntityAsync(It.IsAny<AuditEntry>(), Token))
            .Callback<AuditEntry, CancellationToken>((e, _) => written = e)
            .ReturnsAsync(Mock.Of<Response>());

        await new WriteAuditEntry(tables.Object).Run(JsonSerializer.Serialize(Message, JsonSerializerOptions.Web), Token);

        var expected = AuditLog.EntryFor(Message);
        Assert.Equal(
            (expected.PartitionKey, expected.RowKey, "user-7", "actor@ngo.example", "application.withdrawn", Now, """{"status":"Draft"}""", """{"status":"Withdrawn"}"""),
            (written!.PartitionKey, written.RowKey, written.ActorId, written.ActorEmail, written.Action, written.At, written.Before, written.After));
    }

    [Fact]
    public async Task Run_Redelivered_RowAlreadyThere_WritesNothingNewAndSucceeds()
    {
        audit.Setup(t => t.AddEntityAsync(It.Is<AuditEntry>(e => e.RowKey == AuditLog.EntryFor(Message).RowKey), Token))
            .ThrowsAsync(new RequestFailedException(409, "The specified entity already exists."));

        await new WriteAuditEntry(tables.Object).Run(JsonSerializer.Serialize(Message, JsonSerializerOptions.Web), Token);

        audit.Verify(t => t.AddEntityAsync(It.IsAny<AuditEntry>(), Token), Times.Once);
    }

    [Fact]
    public async Task Run_StorageFails_Throws_SoTheHostRetries()
    {
        audit.Setup(t => t.AddEntityAsync(It.IsAny<AuditEntry>(), Token)).ThrowsAsync(new RequestFailedException(503, "Server busy"));

        await Assert.ThrowsAsync<RequestFailedException>(() => new WriteAuditEntry(tables.Object).Run(JsonSerializer.Serialize(Message, JsonSerializerOptions.Web), Token));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"actorId":"u","actorEmail":"e","action":"a","target":"","at":"2025-03-01T12:00:00Z","before":"","after":"","messageId":"0195a1b2-0000-7000-8000-000000000001"}""")]
    [InlineData("""{"actorId":"u","actorEmail":"e","action":"a","target":"t","at":"2025-03-01T12:00:00Z","before":"","after":"","messageId":"not-a-guid"}""")]
    [InlineData("""{"actorId":"u","action":"a","target":"t","at":"2025-03-01T12:00:00Z","before":"","after":""}""")]
    public async Task Run_Unreadable_ThrowsWithoutWriting_SoItEndsInPoison(string message)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => new WriteAuditEntry(tables.Object).Run(message, Token));

        audit.VerifyNoOtherCalls();
    }
}
