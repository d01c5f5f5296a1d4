using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Moq;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Outbox;

/// <summary>Storage answers the outbox tests share.</summary>
internal static class OutboxDoubles
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly ETag RowETag = new("W/\"datetime'2025-03-01T12%3A00%3A00.0000000Z'\"");

    public static OutboxEntry Entry(string partitionKey = "round-01", string messageId = "0195a1b2-0000-7000-8000-000000000001") => new()
    {
        PartitionKey = partitionKey,
        RowKey = OutboxEntry.RowKeyPrefix + messageId,
        Queue = "applications-submitted",
        Message = $$"""{"messageId":"{{messageId}}","applicationId":"app-1"}""",
        CreatedAt = Now.AddMinutes(-5),
        ETag = RowETag,
    };

    public static NullableResponse<OutboxEntry> Found(OutboxEntry entry) => Response.FromValue(entry, Mock.Of<Response>());

    public static NullableResponse<OutboxEntry> Missing()
    {
        var missing = new Mock<NullableResponse<OutboxEntry>>();
        missing.SetupGet(r => r.HasValue).Returns(false);
        return missing.Object;
    }

    public static Response<SendReceipt> Receipt() =>
        Response.FromValue(
            QueuesModelFactory.SendReceipt("message-1", Now, Now.AddDays(7), "pop", Now),
            Mock.Of<Response>());

    /// <summary>A table that holds <paramref name="entry"/> and records each call in <paramref name="calls"/>.</summary>
    public static Mock<TableClient> TableHolding(OutboxEntry entry, List<string> calls, CancellationToken cancellationToken)
    {
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.GetEntityIfExistsAsync<OutboxEntry>(entry.PartitionKey, entry.RowKey, null, cancellationToken))
            .Callback(() => calls.Add("get"))
            .ReturnsAsync(Found(entry));
        table.Setup(t => t.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken))
            .Callback(() => calls.Add("delete"))
            .ReturnsAsync(Mock.Of<Response>());
        return table;
    }

    /// <summary>A work queue that accepts exactly <paramref name="message"/> and records each call in <paramref name="calls"/>.</summary>
    public static Mock<QueueClient> QueueAccepting(string message, List<string> calls, CancellationToken cancellationToken)
    {
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        queue.Setup(q => q.CreateIfNotExistsAsync(null, cancellationToken))
            .Callback(() => calls.Add("create"))
            .ReturnsAsync(Mock.Of<Response>());
        queue.Setup(q => q.SendMessageAsync(message, cancellationToken))
            .Callback(() => calls.Add("send"))
            .ReturnsAsync(Receipt());
        return queue;
    }
}
