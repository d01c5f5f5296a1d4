using System.Diagnostics;
using System.Net.Sockets;

namespace TrustFundGrants.LocalRunner.Azurite;

/// <summary>
/// Azurite from the repo's pinned npm install (node_modules/azurite), on given ports, persisting to a
/// folder or held in memory. Used by the runner for local development and by the test fixtures.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // The well-known development account key; public by design, valid only against the emulator.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private AzuriteProcess(Process process, AzuritePorts ports)
    {
        this.process = process;
        Ports = ports;
    }

    public AzuritePorts Ports { get; }

    public bool HasExited => process.HasExited;

    public string ConnectionString => Ports.ConnectionString;

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    /// <param name="repoRoot">The folder holding package.json and node_modules.</param>
    /// <param name="ports">Where to listen.</param>
    /// <param name="dataFolder">Where to persist; null keeps everything in memory.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<AzuriteProcess> StartAsync(string repoRoot, AzuritePorts ports, string? dataFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException(
                $"Azurite is not installed at {script}. Build the LocalRunner (it runs `npm ci`), or run `npm ci` in {repoRoot}.", script);
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(script, ports, dataFolder))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var azurite = new AzuriteProcess(process, ports);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await ports.AllListeningAsync(cancellationToken))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                string output;
                lock (errors)
                {
                    output = errors.ToString();
                }

                throw new InvalidOperationException($"Azurite did not start on ports {ports}: {output}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static IEnumerable<string> Arguments(string script, AzuritePorts ports, string? dataFolder)
    {
        yield return script;
        yield return "--silent";
        // The Azure SDKs move faster than the emulator; newer API versions still work for what the app uses.
        yield return "--skipApiVersionCheck";
        yield return "--disableProductStyleUrl";
        foreach (var (service, port) in new[] { ("blob", ports.Blob), ("queue", ports.Queue), ("table", ports.Table) })
        {
            yield return $"--{service}Host";
            yield return "127.0.0.1";
            yield return $"--{service}Port";
            yield return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (dataFolder is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            yield return "--location";
            yield return dataFolder;
        }
    }
}

/// <summary>Azurite's three ports and the connection string that reaches them.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);

    /// <summary>
    /// Three distinct free ports. All three listeners are held open together while the ports are picked:
    /// picked one at a time, the kernel may hand the port it just released out again (seen: blob and queue
    /// on the same port, and Azurite refusing to start).
    /// </summary>
    public static AzuritePorts Free()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(System.Net.IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return new(ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteProcess.AccountKey
        + $";BlobEndpoint=http://127.0.0.1:{Blob}/devstoreaccount1"
        + $";QueueEndpoint=http://127.0.0.1:{Queue}/devstoreaccount1"
        + $";TableEndpoint=http://127.0.0.1:{Table}/devstoreaccount1;";

    public async Task<bool> AllListeningAsync(CancellationToken cancellationToken)
    {
        var open = await Task.WhenAll(IsListening(Blob, cancellationToken), IsListening(Queue, cancellationToken), IsListening(Table, cancellationToken));
        return open.All(o => o);
    }

    public async Task<bool> AnyListeningAsync(CancellationToken cancellationToken)
    {
        var open = await Task.WhenAll(IsListening(Blob, cancellationToken), IsListening(Queue, cancellationToken), IsListening(Table, cancellationToken));
        return open.Any(o => o);
    }

    public override string ToString() => $"blob {Blob}, queue {Queue}, table {Table}";

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsListening(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
