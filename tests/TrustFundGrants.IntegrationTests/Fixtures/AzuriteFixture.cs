using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>A real Azurite from the repo's npm install, on free ports, in memory: nothing outlives the run.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // The collections start their emulators at the same moment; one at a time, each starts in seconds
    // rather than all of them crawling together past their deadline on a busy 2-core machine.
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private AzuriteProcess? azurite;

    public AzuritePorts Ports { get; } = AzuritePorts.Free();

    public string ConnectionString => Ports.ConnectionString;

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout * 2);
        await Starting.WaitAsync(timeout.Token);
        try
        {
            azurite = await AzuriteProcess.StartAsync(Repo.Root, Ports, null, timeout.Token, StartTimeout);
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
