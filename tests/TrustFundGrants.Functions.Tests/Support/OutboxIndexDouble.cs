using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>
/// The outbox index table for tests of features whose commits stage outbox rows: it takes the index rows
/// written before each commit and keeps them in <see cref="Written"/>.
/// </summary>
internal sealed class OutboxIndexDouble
{
    private OutboxIndexDouble(Mock<TableServiceClient> tables)
    {
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.UpsertEntityAsync(It.IsAny<OutboxIndexRow>(), TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .Callback((OutboxIndexRow row, TableUpdateMode _, CancellationToken _) => Written.Add(row))
            .ReturnsAsync(Mock.Of<Response>());
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) => Written.AddRange(actions.Select(a => (OutboxIndexRow)a.Entity)))
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        tables.Setup(t => t.GetTableClient(OutboxIndex.Table)).Returns(table.Object);
    }

    public List<OutboxIndexRow> Written { get; } = [];

    public static OutboxIndexDouble On(Mock<TableServiceClient> tables) => new(tables);
}
