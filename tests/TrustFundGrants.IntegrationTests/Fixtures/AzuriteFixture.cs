using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>A real Azurite from the repo's npm install, on free ports, in memory: nothing outlives the run.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public AzuritePorts Ports { get; } = AzuritePorts.Free();

    public string ConnectionString => Ports.ConnectionString;

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        azurite = await AzuriteProcess.StartAsync(Repo.Root, Ports, null, timeout.Token);
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
