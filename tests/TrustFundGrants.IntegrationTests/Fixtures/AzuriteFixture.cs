using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>A real Azurite from the repo's npm install, on free ports, in memory: nothing outlives the run.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // The collections start their emulators at the same moment; one at a time, each starts in seconds
    // rather than all of them crawling together past their deadline on a busy 2-core machine.
    private static readonly SemaphoreSlim Starting = new(1, 1);
    /// <summary>How long an emulator, and then the app's tables and queues on it, may take to be ready while every collection starts at once on a loaded machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private AzuriteProcess? azurite;
    private AzuritePorts? ports;

    /// <summary>Chosen when the emulator first starts, not when the fixture is made: ports picked early could be taken by
    /// another collection's runner before this emulator binds them.</summary>
    public AzuritePorts Ports => ports ?? throw new InvalidOperationException("Azurite has not started yet.");

    public string ConnectionString => Ports.ConnectionString;

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout * 2);
        await Starting.WaitAsync(timeout.Token);
        try
        {
            if (ports is not null)
            {
                azurite = await AzuriteProcess.StartAsync(Repo.Root, ports, null, timeout.Token, StartTimeout);
                return;
            }

            // A free port can still be taken between choosing it and Azurite binding it (other collections start
            // runners meanwhile): on the first start, choose again rather than fail the collection.
            for (var attempt = 1; ; attempt++)
            {
                var chosen = AzuritePorts.Free();
                try
                {
                    azurite = await AzuriteProcess.StartAsync(Repo.Root, chosen, null, timeout.Token, StartTimeout);
                    ports = chosen;
                    return;
                }
                catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                }
            }
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Kills the emulator, as a crash would; <see cref="StartAsync"/> brings it back on the same ports.</summary>
    public async Task KillAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            azurite = null;
        }
    }

    public async Task DisposeAsync() => await KillAsync();
}
