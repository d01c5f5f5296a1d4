using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using TrustFundGrants.LocalRunner.Configuration;

namespace TrustFundGrants.LocalRunner.Azurite;

/// <summary>
/// Starts Azurite for the runner when storage is the development account and nothing listens on
/// its ports yet, persisting to .data/azurite; stops it when the runner stops. An emulator someone
/// started themselves is used as it is and left running.
/// </summary>
internal sealed partial class AzuriteHostedService(RunnerPaths paths, ILogger<AzuriteHostedService> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteProcess? azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await AzuritePorts.Default.AnyListeningAsync(cancellationToken))
        {
            LogAlreadyRunning(logger);
            return;
        }

        var data = Path.Combine(paths.RepoRoot, ".data", "azurite");
        azurite = await AzuriteProcess.StartAsync(paths.RepoRoot, AzuritePorts.Default, data, cancellationToken);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        LogStarted(logger, data);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (azurite is { } running)
        {
            azurite = null;
            await running.DisposeAsync();
            LogStopped(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite started (data in {Folder})")]
    private static partial void LogStarted(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is already listening on 10000-10002; using it")]
    private static partial void LogAlreadyRunning(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite stopped")]
    private static partial void LogStopped(ILogger logger);
}
