using System.Net;
using Microsoft.AspNetCore.Http;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Tests.Platform.Http;

public sealed class ClientAddressTests
{
    private static HttpRequest Request(string? forwardedFor, string remote = "10.0.0.4")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context.Request;
    }

    [Fact]
    public void Of_NoTrustedProxies_IgnoresTheHeaderAndUsesTheConnection()
    {
        Assert.Equal("10.0.0.4", ClientAddress.Of(Request("203.0.113.9"), 0));
    }

    [Fact]
    public void Of_OneTrustedProxy_TakesTheEntryItAppendedNotWhatTheClientClaimed()
    {
        Assert.Equal("198.51.100.7", ClientAddress.Of(Request("1.1.1.1, 2.2.2.2, 198.51.100.7"), 1));
    }

    [Fact]
    public void Of_TwoTrustedProxies_TakesTheSecondEntryFromTheEnd()
    {
        Assert.Equal("198.51.100.7", ClientAddress.Of(Request("6.6.6.6, 198.51.100.7, 10.1.2.3"), 2));
    }

    [Fact]
    public void Of_SeveralHeaders_AreReadAsOneList()
    {
        var request = Request(null);
        request.Headers.Append("X-Forwarded-For", "6.6.6.6");
        request.Headers.Append("X-Forwarded-For", "198.51.100.7");

        Assert.Equal("198.51.100.7", ClientAddress.Of(request, 1));
    }

    [Fact]
    public void Of_FewerEntriesThanProxies_TakesTheFirst()
    {
        Assert.Equal("198.51.100.7", ClientAddress.Of(Request("198.51.100.7"), 2));
    }

    [Theory]
    [InlineData("198.51.100.7:50123", "198.51.100.7")]
    [InlineData("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    public void Of_PortsAndIpv6_AreNormalisedAndIpv6IsGroupedBySlash64(string entry, string expected)
    {
        Assert.Equal(expected, ClientAddress.Of(Request(entry), 1));
    }

    [Fact]
    public void Of_Garbage_IsOneSharedUnknownClient()
    {
        Assert.Equal(ClientAddress.Unknown, ClientAddress.Of(Request("not-an-address"), 1));
    }

    [Fact]
    public void Of_NoHeader_FallsBackToTheConnection()
    {
        Assert.Equal("10.0.0.4", ClientAddress.Of(Request(null), 1));
    }
}
