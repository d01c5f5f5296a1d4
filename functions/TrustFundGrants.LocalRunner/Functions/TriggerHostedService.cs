using Microsoft.Extensions.Hosting;

namespace TrustFundGrants.LocalRunner.Functions;

/// <summary>
/// Starts the queue listeners and timer schedulers after everything else (Azurite, the app's own
/// services) and stops them first, so in-flight messages settle while storage is still there.
/// </summary>
public sealed class TriggerHostedService : IHostedService
{
    private readonly List<IHostedService> triggers = [];

    public IReadOnlyList<IHostedService> Triggers => triggers;

    internal void Add(IHostedService trigger) => triggers.Add(trigger);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var trigger in triggers)
        {
            await trigger.StartAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(triggers.Select(t => t.StopAsync(cancellationToken)));
}
