using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Organisations;

namespace TrustFundGrants.Functions.Tests.Organisations;

/// <summary>Strict table doubles for the organisations table: every read and write a test allows is named.</summary>
internal static class MembershipDoubles
{
    public static void Finds<T>(this Mock<TableClient> table, string partition, string row, T? entity)
        where T : class, ITableEntity
    {
        var response = entity is null
            ? new Mock<NullableResponse<T>>(MockBehavior.Strict)
            : new Mock<NullableResponse<T>>(MockBehavior.Strict);
        response.SetupGet(r => r.HasValue).Returns(entity is not null);
        response.SetupGet(r => r.Value).Returns(entity!);
        table.Setup(t => t.GetEntityIfExistsAsync<T>(partition, row, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(response.Object);
    }

    public static void Lists<T>(this Mock<TableClient> table, params T[] rows)
        where T : class, ITableEntity
    {
        table.Setup(t => t.QueryAsync<T>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<T>.FromPages([Page<T>.FromValues(rows, null, Mock.Of<Response>())]));
    }

    /// <summary>A transaction's answer: one response (without headers) per action.</summary>
    public static Response<IReadOnlyList<Response>> Committed(int actions) =>
        Response.FromValue<IReadOnlyList<Response>>(Enumerable.Range(0, actions).Select(_ => new Mock<Response> { CallBase = true }.Object).ToArray(), Mock.Of<Response>());

    /// <summary>An outbox that releases into queue and table doubles that accept anything (release is best effort).</summary>
    public static TrustFundGrants.Functions.Platform.Outbox.Outbox Outbox()
    {
        var queues = new Mock<Azure.Storage.Queues.QueueServiceClient> { DefaultValue = DefaultValue.Mock };
        return new(queues.Object, new Mock<TableServiceClient> { DefaultValue = DefaultValue.Mock }.Object, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TrustFundGrants.Functions.Platform.Outbox.Outbox>.Instance);
    }

    /// <summary>An audit log whose outbox releases entries into queue and table doubles that accept anything (release is best effort).</summary>
    public static TrustFundGrants.Functions.Platform.Audit.AuditLog Audit(Mock<TableServiceClient> tables, TimeProvider time)
    {
        var queue = new Mock<Azure.Storage.Queues.QueueClient>();
        var queues = new Mock<Azure.Storage.Queues.QueueServiceClient>();
        queues.Setup(q => q.GetQueueClient(It.IsAny<string>())).Returns(queue.Object);
        var outbox = new TrustFundGrants.Functions.Platform.Outbox.Outbox(queues.Object, new Mock<TableServiceClient> { DefaultValue = DefaultValue.Mock }.Object, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<TrustFundGrants.Functions.Platform.Outbox.Outbox>.Instance);
        return new(tables.Object, outbox, time);
    }

    public static OrganisationEntity Organisation(string id, string name = "Safe Harbour") =>
        new() { PartitionKey = id, Name = name, ETag = new ETag("\"p\"") };
}
