using System.Net;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// Resends a request answered 503 with <c>Retry-After</c>, after the wait the answer asks for, at most
/// <paramref name="maxResends"/> times: what a well-behaved client does. A test's set-up calls go through it, so a
/// loaded machine pushing a request past a short deadline fails nothing before the fault under test is injected.
/// A 503 without Retry-After, or the last one, is handed back as it came. A 503 at the deadline can follow a write
/// that landed, so a resend may be refused (401 for a used sign-in link, 409) as a person's would be; see
/// <see cref="FaultFixture.SetUpAsync{T}"/>.
/// </summary>
internal sealed class ResendAfterRetryAfter(int maxResends) : DelegatingHandler(new SocketsHttpHandler { UseCookies = false })
{
    private long resends;

    /// <summary>How many requests have been resent so far.</summary>
    public long Resent => Interlocked.Read(ref resends);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffered once, so every resend carries the same bytes.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        for (var resent = 0; ; resent++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || resent == maxResends || response.Headers.RetryAfter?.Delta is not { } wait)
            {
                return response;
            }

            response.Dispose();
            Interlocked.Increment(ref resends);
            await Task.Delay(wait, cancellationToken);
        }
    }
}
