using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// Sits between the app and Azurite, one TCP forwarder per storage service, so a test can take storage away and
/// bring it back with its data: <see cref="Kill"/> resets every connection and refuses new ones (what the app sees
/// when the storage process dies), <see cref="Freeze"/> stops every byte while connections stay open (a SIGSTOPped
/// or hung storage service), <see cref="Restore"/> puts it back.
/// </summary>
internal sealed class StorageProxy : IAsyncDisposable
{
    private readonly Forwarder[] forwarders;

    public StorageProxy(AzuritePorts target)
    {
        Ports = AzuritePorts.Free();
        forwarders = [new(Ports.Blob, target.Blob, this), new(Ports.Queue, target.Queue, this), new(Ports.Table, target.Table, this)];
        foreach (var forwarder in forwarders)
        {
            forwarder.Listen();
        }
    }

    /// <summary>The ports the app is given.</summary>
    public AzuritePorts Ports { get; }

    public bool Frozen { get; private set; }

    public void Kill()
    {
        foreach (var forwarder in forwarders)
        {
            forwarder.Kill();
        }
    }

    public void Freeze() => Frozen = true;

    public void Restore()
    {
        Frozen = false;
        foreach (var forwarder in forwarders)
        {
            forwarder.Listen();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private sealed class Forwarder(int port, int target, StorageProxy proxy)
    {
        private readonly ConcurrentDictionary<Socket, byte> open = new();
        private readonly Lock gate = new();
        private Socket? listener;

        public void Listen()
        {
            lock (gate)
            {
                if (listener is not null)
                {
                    return;
                }

                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                socket.Listen(512);
                listener = socket;
                _ = AcceptAsync(socket);
            }
        }

        public void Kill()
        {
            lock (gate)
            {
                listener?.Dispose();
                listener = null;
            }

            foreach (var socket in open.Keys)
            {
                Reset(socket);
            }
        }

        private async Task AcceptAsync(Socket socket)
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await socket.AcceptAsync();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = ConnectAsync(client);
            }
        }

        private async Task ConnectAsync(Socket client)
        {
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            open[client] = 0;
            open[upstream] = 0;
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, target);
                await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
            finally
            {
                Reset(client);
                Reset(upstream);
            }
        }

        private async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    while (proxy.Frozen)
                    {
                        await Task.Delay(20);
                    }

                    var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    while (proxy.Frozen)
                    {
                        await Task.Delay(20);
                    }

                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }

        private void Reset(Socket socket)
        {
            if (!open.TryRemove(socket, out _))
            {
                return;
            }

            try
            {
                // Linger 0: the peer gets a reset, as from a process that died, not an orderly close.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
