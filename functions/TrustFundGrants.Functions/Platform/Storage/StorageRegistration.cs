using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Platform.Storage;

/// <summary>
/// The app keeps its data in the same account the Functions host uses (AzureWebJobsStorage), so one
/// setting points both at Azurite locally and at the managed-identity account in Azure.
/// </summary>
internal static class StorageRegistration
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        var section = configuration.GetSection(ConnectionName);

        services.AddAzureClients(clients =>
        {
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(UseHostQueueEncoding);
            }
            else
            {
                // In Azure: AzureWebJobsStorage__tableServiceUri etc., with the user-assigned identity.
                clients.AddTableServiceClient(RequiredUri(section, "tableServiceUri"));
                clients.AddBlobServiceClient(RequiredUri(section, "blobServiceUri"));
                clients.AddQueueServiceClient(RequiredUri(section, "queueServiceUri")).ConfigureOptions(UseHostQueueEncoding);
                clients.UseCredential(Credential(section));
            }

            clients.ConfigureDefaults(options =>
            {
                // Few, quick retries: a request waiting on storage is a person waiting on a page.
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 3;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);

                // Within an HTTP request, no try outlasts the request's deadline (Http:RequestDeadline).
                options.AddPolicy(new RequestDeadlinePolicy(), HttpPipelinePosition.PerRetry);
            });
        });

        services.AddSingleton<StorageLayout>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());
        return services;
    }

    // The Functions host decodes queue messages as base64 (host.json messageEncoding), so every
    // message the app sends must be encoded the same way or its own triggers cannot read it.
    private static void UseHostQueueEncoding(QueueClientOptions options) =>
        options.MessageEncoding = QueueMessageEncoding.Base64;

    private static Uri RequiredUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionName} (a connection string) or {ConnectionName}__{key}.");

    private static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
