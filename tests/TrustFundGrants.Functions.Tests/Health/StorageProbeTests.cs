using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Moq;
using TrustFundGrants.Functions.Health;

namespace TrustFundGrants.Functions.Tests.Health;

public sealed class StorageProbeTests
{
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<BlobServiceClient> blobs = new(MockBehavior.Strict);
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);

    [Fact]
    public async Task CheckAsync_AllAnswer_ThreeHealthyChecks()
    {
        TablesAnswer(Pageable<TableItem>());
        BlobsAnswer(Pageable<BlobContainerItem>());
        QueuesAnswer(Pageable<QueueItem>());

        var checks = await Probe().CheckAsync(CancellationToken.None);

        Assert.Equal(["tables", "blobs", "queues"], checks.Select(c => c.Service));
        Assert.All(checks, c => Assert.True(c.Healthy));
        Assert.All(checks, c => Assert.Null(c.Error));
    }

    [Fact]
    public async Task CheckAsync_OneServiceFails_OnlyThatOneUnhealthyWithFirstLineOfError()
    {
        TablesAnswer(Pageable<TableItem>());
        BlobsAnswer(Failing<BlobContainerItem>(new RequestFailedException(403, "This request is not authorized.\nRequestId: 1\nTime: now")));
        QueuesAnswer(Pageable<QueueItem>());

        var checks = await Probe().CheckAsync(CancellationToken.None);

        Assert.True(checks.Single(c => c.Service == "tables").Healthy);
        Assert.True(checks.Single(c => c.Service == "queues").Healthy);
        var failing = checks.Single(c => c.Service == "blobs");
        Assert.False(failing.Healthy);
        Assert.Equal("This request is not authorized.", failing.Error);
    }

    [Fact]
    public async Task CheckAsync_ServiceUnreachable_ReportedNotThrown()
    {
        TablesAnswer(Failing<TableItem>(new AggregateException("Retry failed after 4 tries.", new HttpRequestException("Connection refused"))));
        BlobsAnswer(Pageable<BlobContainerItem>());
        QueuesAnswer(Pageable<QueueItem>());

        var checks = await Probe().CheckAsync(CancellationToken.None);

        var failing = checks.Single(c => c.Service == "tables");
        Assert.False(failing.Healthy);
        Assert.StartsWith("Retry failed after 4 tries.", failing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_CallerCancels_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        TablesAnswer(Failing<TableItem>(new OperationCanceledException(cancellation.Token)));
        BlobsAnswer(Pageable<BlobContainerItem>());
        QueuesAnswer(Pageable<QueueItem>());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Probe().CheckAsync(cancellation.Token));
    }

    [Fact]
    public async Task CheckAsync_ServiceHangs_UnhealthyAfterTimeout()
    {
        tables.Setup(t => t.QueryAsync(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<CancellationToken>()))
            .Returns((string? _, int? _, CancellationToken token) => new HangingPageable<TableItem>(token));
        BlobsAnswer(Pageable<BlobContainerItem>());
        QueuesAnswer(Pageable<QueueItem>());

        var checks = await Probe().CheckAsync(CancellationToken.None);

        var hanging = checks.Single(c => c.Service == "tables");
        Assert.False(hanging.Healthy);
        Assert.Equal("no answer within 3 s", hanging.Error);
    }

    private StorageProbe Probe() => new(tables.Object, blobs.Object, queues.Object);

    private void TablesAnswer(AsyncPageable<TableItem> pageable) =>
        tables.Setup(t => t.QueryAsync(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<CancellationToken>())).Returns(pageable);

    private void BlobsAnswer(AsyncPageable<BlobContainerItem> pageable) =>
        blobs.Setup(b => b.GetBlobContainersAsync(
                It.IsAny<BlobContainerTraits>(), It.IsAny<BlobContainerStates>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(pageable);

    private void QueuesAnswer(AsyncPageable<QueueItem> pageable) =>
        queues.Setup(q => q.GetQueuesAsync(It.IsAny<QueueTraits>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(pageable);

    private static AsyncPageable<T> Pageable<T>()
        where T : notnull =>
        AsyncPageable<T>.FromPages([Page<T>.FromValues([], null, Mock.Of<Response>())]);

    private static AsyncPageable<T> Failing<T>(Exception exception)
        where T : notnull =>
        AsyncPageable<T>.FromPages(Enumerable.Range(0, 1).Select<int, Page<T>>(_ => throw exception));

    private sealed class HangingPageable<T>(CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
        where T : notnull
    {
        public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken);
            yield break;
        }
    }
}
