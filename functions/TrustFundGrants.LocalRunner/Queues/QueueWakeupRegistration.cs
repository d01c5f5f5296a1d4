using Azure.Core;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.LocalRunner.Queues;

internal static class QueueWakeupRegistration
{
    /// <summary>The app's queue clients (registered by <c>AddTrustFundGrants</c>) report what they send to the runner's listeners.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<QueueWakeups>();
        services.AddAzureClients(clients => clients.ConfigureDefaults((options, provider) =>
        {
            if (options is QueueClientOptions queueOptions)
            {
                queueOptions.AddPolicy(new EnqueueWatchPolicy(provider.GetRequiredService<QueueWakeups>()), HttpPipelinePosition.PerCall);
            }
        }));
    }
}
