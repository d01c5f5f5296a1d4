using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.RateLimiting;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Emails a one-time sign-in link. Anyone may sign in (an unknown address simply becomes a new
/// user), so every valid address gets the same treatment and the same answer: the response says
/// nothing about whether an address is known.
/// Throttling limits what an abuser can cost without locking the person out: a client network that
/// asks too often is refused (429), but an address asked for too often still gets the same 202 —
/// only no further link is emailed until the window ends, and the links already sent keep working.
/// </summary>
public sealed class RequestSignInLink(SignInLinks links, IEmailSender email, RateLimiter limiter, IOptions<AuthOptions> options)
{
    public const string Accepted =
        "If this address can receive mail, a sign-in link is on its way. It works once, within 15 minutes. If you asked more than once, any link from the last 15 minutes works.";

    [Function(nameof(RequestSignInLink))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync<EmailRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var address = EmailAddress.Normalize(body.Value.Email);
        var settings = options.Value;
        var client = ClientAddress.Of(request, settings.TrustedProxies);
        if (await limiter.TryAcquireAsync("signin-client-" + EmailAddress.Key(client), settings.SignInsPerClient, settings.SignInWindow, cancellationToken) is { } retryAfter)
        {
            return TooMany(request.HttpContext.Response, retryAfter);
        }

        var mayEmail = await limiter.TryAcquireAsync("signin-email-" + EmailAddress.Key(address), settings.SignInsPerAddress, settings.SignInWindow, cancellationToken) is null;
        if (mayEmail)
        {
            await SendLinkAsync(address, settings, cancellationToken);
        }

        return TypedResults.Json(new { message = Accepted }, statusCode: StatusCodes.Status202Accepted);
    }

    private async Task SendLinkAsync(string address, AuthOptions settings, CancellationToken cancellationToken)
    {
        var token = await links.CreateAsync(address, cancellationToken);
        var link = new Uri(settings.PortalBaseUrl, "/signin.html#token=" + token);

        // The token rides in the fragment: browsers never send it to a server or in a Referer header.
        await email.SendAsync(
            new EmailMessage(
                address,
                "Your TrustFundGrants sign-in link",
                $"Open this link to sign in to TrustFundGrants:\n\n{link}\n\nIt works once, within {settings.SignInLinkLifetime.TotalMinutes:0} minutes. "
                + "The page asks you to confirm the address before signing you in. If you did not ask to sign in, ignore this email; nothing happens without the link.",
                $"<p>Open this link to sign in to TrustFundGrants:</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">Sign in</a></p>"
                + $"<p>It works once, within {settings.SignInLinkLifetime.TotalMinutes:0} minutes. The page asks you to confirm the address before signing you in. "
                + "If you did not ask to sign in, ignore this email.</p>"),
            cancellationToken);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooMany(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many sign-in requests.", $"Try again in {seconds} seconds.");
    }
}
