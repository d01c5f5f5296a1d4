using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace TrustFundGrants.LocalRunner.Queues;

/// <summary>
/// Opens the queue a trigger names through its <c>connection</c> setting (AzureWebJobsStorage when
/// none), as the host does: a connection string, or <c>{connection}__queueServiceUri</c> with a credential.
/// </summary>
internal static class QueueConnection
{
    public static QueueClient Open(IConfiguration configuration, string? connection, string queue, QueueClientOptions options)
    {
        var name = string.IsNullOrWhiteSpace(connection) ? "AzureWebJobsStorage" : connection;
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return new QueueClient(connectionString, queue, options);
        }

        if (configuration[$"{name}:queueServiceUri"] is { Length: > 0 } serviceUri)
        {
            return new QueueServiceClient(new Uri(serviceUri), new DefaultAzureCredential(), options).GetQueueClient(queue);
        }

        throw new InvalidOperationException($"No storage connection '{name}': set it to a connection string, or set {name}__queueServiceUri.");
    }
}
