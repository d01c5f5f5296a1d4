using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace TrustFundGrants.Functions.Health;

/// <summary>
/// Asks each storage service for one page of one item: the cheapest call the app's own identity
/// is allowed to make (data-plane roles only), so health never needs account-level rights.
/// </summary>
public interface IStorageProbe
{
    Task<IReadOnlyList<ServiceCheck>> CheckAsync(CancellationToken cancellationToken);
}

public sealed record ServiceCheck(string Service, bool Healthy, long DurationMs, string? Error);

internal sealed class StorageProbe(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues) : IStorageProbe
{
    // Short enough that a load balancer's probe gets its answer, long enough for a cold emulator.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<ServiceCheck>> CheckAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(
            Check("tables", ct => tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1), cancellationToken),
            Check("blobs", ct => blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1), cancellationToken),
            Check("queues", ct => queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1), cancellationToken));

    private static async Task<ServiceCheck> Check<T>(
        string service, Func<CancellationToken, IAsyncEnumerable<T>> firstPage, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            await using var pages = firstPage(timeout.Token).GetAsyncEnumerator(timeout.Token);
            await pages.MoveNextAsync();
            return new ServiceCheck(service, true, watch.ElapsedMilliseconds, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : FirstLine(ex.Message);
            return new ServiceCheck(service, false, watch.ElapsedMilliseconds, reason);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
