using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// The network a request comes from, for per-client limits. Behind proxies the connection is the
/// nearest proxy, so the address is read from X-Forwarded-For — but only the entries our own proxies
/// appended: a client can put anything at the front of that header, never after what a proxy appends.
/// With <c>trustedProxies</c> = N the client is the Nth entry from the end. IPv6 clients are grouped
/// by their /64, since one subscriber usually holds a whole /64 and could otherwise rotate through it.
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpRequest request, int trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (trustedProxies <= 0)
        {
            return Network(request.HttpContext.Connection.RemoteIpAddress);
        }

        var entries = request.Headers["X-Forwarded-For"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        if (entries.Length == 0)
        {
            return Network(request.HttpContext.Connection.RemoteIpAddress);
        }

        // Fewer entries than proxies: every entry there was appended by a proxy we trust, the first one nearest the client.
        var entry = entries[Math.Max(0, entries.Length - trustedProxies)];
        return Parse(entry) is { } address ? Network(address) : Unknown;
    }

    /// <summary>An address as proxies write it: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1" or "[2001:db8::1]:443".</summary>
    public static IPAddress? Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (IPAddress.TryParse(entry, out var plain))
        {
            return plain;
        }

        if (IPEndPoint.TryParse(entry, out var endPoint))
        {
            return endPoint.Address;
        }

        return null;
    }

    private static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
