using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Identity;

public sealed class RequestSignInLinkTests
{
    private const string Victim = "victim@example.org";

    private readonly IdentityDoubles doubles = new();
    private readonly Mock<IEmailSender> email = new(MockBehavior.Strict);
    private readonly Mock<TableClient> limits;
    private readonly Mock<TableClient> links;

    public RequestSignInLinkTests()
    {
        limits = doubles.Table(RateLimiter.Table);
        links = doubles.Table(SignInLinks.Table);
        doubles.Options.Value.TrustedProxies = 1;
    }

    private RequestSignInLink Function => new(
        new SignInLinks(doubles.Service.Object, doubles.Clock, doubles.Options), email.Object, new RateLimiter(doubles.Service.Object, doubles.Clock), LanguageDoubles.Stored(), doubles.Options);

    private static string Body => $$"""{"email":"{{Victim}}"}""";

    [Fact]
    public async Task Run_UnderBothLimits_StoresALinkAndEmailsIt()
    {
        Counted("signin-client-", 0);
        Counted("signin-email-", 0);
        links.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response>());
        email.Setup(e => e.SendAsync(It.Is<EmailMessage>(m => m.To == Victim && m.Text.Contains("#token=", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        using var result = await ExecutedResult.ExecuteAsync(await Function.Run(IdentityDoubles.Request(Body, forwardedFor: "198.51.100.7"), CancellationToken.None));

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(RequestSignInLink.Accepted, result.Root.GetProperty("message").GetString());
        email.VerifyAll();
    }

    /// <summary>Issue 9.6: asking too often for someone's address costs them nothing: same answer, no mail, earlier links untouched.</summary>
    [Fact]
    public async Task Run_AddressOverItsLimit_AnswersTheSame202AndSendsNothing()
    {
        Counted("signin-client-", 0);
        Counted("signin-email-", 5);

        using var result = await ExecutedResult.ExecuteAsync(await Function.Run(IdentityDoubles.Request(Body, forwardedFor: "198.51.100.7"), CancellationToken.None));

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(RequestSignInLink.Accepted, result.Root.GetProperty("message").GetString());
        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        links.Verify(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Run_ClientOverItsLimit_Gets429WithRetryAfterAndTheAddressIsNotCounted()
    {
        Counted("signin-client-", 30);
        var request = IdentityDoubles.Request(Body, forwardedFor: "198.51.100.7");

        using var result = await ExecutedResult.ExecuteAsync(await Function.Run(request, CancellationToken.None));

        Assert.Equal(429, result.StatusCode);
        Assert.True(int.Parse(request.HttpContext.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture) > 0);
        limits.Verify(t => t.GetEntityIfExistsAsync<TableEntity>(It.Is<string>(k => k.StartsWith("signin-email-", StringComparison.Ordinal)), It.IsAny<string>(), null, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Run_ClientKey_IsTheAddressTheTrustedProxyAppended()
    {
        var expected = "signin-client-" + EmailAddress.Key("198.51.100.7");
        Counted("signin-client-", 30);

        await Function.Run(IdentityDoubles.Request(Body, forwardedFor: "6.6.6.6, 198.51.100.7"), CancellationToken.None);

        limits.Verify(t => t.GetEntityIfExistsAsync<TableEntity>(expected, It.IsAny<string>(), null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_InvalidAddress_Gets400AndTouchesNoCounter()
    {
        using var result = await ExecutedResult.ExecuteAsync(await Function.Run(IdentityDoubles.Request("""{"email":"nope"}"""), CancellationToken.None));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("email", result.ErrorKeys);
        limits.VerifyNoOtherCalls();
    }

    /// <summary>A counter row for keys starting <paramref name="prefix"/>, at <paramref name="count"/>; an increment is accepted.</summary>
    private void Counted(string prefix, int count)
    {
        var row = RateLimitRows.Attempts("k", count, doubles.Clock.GetUtcNow());
        limits.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.Is<string>(k => k.StartsWith(prefix, StringComparison.Ordinal)), RateLimiter.Row, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(row, Mock.Of<Response>()));
        limits.Setup(t => t.UpdateEntityAsync(It.Is<TableEntity>(e => e.RowKey == RateLimiter.Row && e.GetBinary("Attempts")!.Length == (count + 1) * 8), row.ETag, TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<Response>());
    }
}
