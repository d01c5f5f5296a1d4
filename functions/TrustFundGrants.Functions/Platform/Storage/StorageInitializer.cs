using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrustFundGrants.Functions.Platform.Storage;

/// <summary>
/// Creates the layout's tables, queues and containers when the app starts. It runs in the
/// background and keeps trying, because storage may come up after the app (Azurite started late,
/// a restarted emulator); the health endpoint reports storage meanwhile.
/// </summary>
public sealed partial class StorageInitializer(
    StorageLayout layout,
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every table, queue and container exists.</summary>
    public Task Ready => ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAsync(stoppingToken);
                ready.TrySetResult();
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
            {
                LogNotReady(logger, ex.Message);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var table in layout.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var queue in layout.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var container in layout.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage not ready, retrying: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);
}
