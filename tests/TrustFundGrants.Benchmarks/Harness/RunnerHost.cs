using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// The LocalRunner in this process, as the integration tests start it: <c>RunnerApp.Build</c> against
/// the shared Azurite, on a free loopback port, with the repo's host.json.
/// </summary>
internal static class RunnerHost
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(
        BenchContext context,
        IDictionary<string, string?>? extraSettings,
        Action<IServiceCollection>? services,
        Action<WebApplication>? map,
        CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{AzuritePorts.FreePort()}");
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = baseAddress.ToString().TrimEnd('/'),
            ["AzureWebJobsStorage"] = context.ConnectionString,
            ["LocalRunner:RepoRoot"] = context.RepoRoot,
            ["LocalRunner:HostJson"] = context.HostJson,
            // Only the start-up chatter is quietened; every other log setting is the runner's own.
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            // The runner's log lines go to stderr with the progress, keeping stdout for the results.
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = RunnerApp.Build([], settings, services);
        map?.Invoke(app);
        await QuietlyAsync(() => app.StartAsync(cancellationToken));
        // Generous: on the shared machine, with a backlog draining beside it, creating every table and queue can take a minute.
        await app.Services.GetRequiredService<StorageInitializer>().Ready.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return (app, baseAddress);
    }

    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Runs start-up with stdout muted: the runner prints its banner there, and stdout is for results.</summary>
    public static async Task QuietlyAsync(Func<Task> start)
    {
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await start();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }
}
