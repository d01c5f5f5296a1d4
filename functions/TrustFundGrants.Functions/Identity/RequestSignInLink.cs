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
public sealed class RequestSignInLink(SignInLinks links, IEmailSender email, RateLimiter limiter, UserLanguages languages, IOptions<AuthOptions> options)
{
    public const string Accepted =
        "If this address can receive mail, a sign-in link is on its way. It works once, within 15 minutes. If you asked more than once, any link from the last 15 minutes works.";

    [Function(nameof(RequestSignInLink))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync<SignInRequest>(request, cancellationToken);
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
            await SendLinkAsync(address, body.Value.Language, settings, cancellationToken);
        }

        return TypedResults.Json(new { message = Accepted }, statusCode: StatusCodes.Status202Accepted);
    }

    private async Task SendLinkAsync(string address, string? pageLanguage, AuthOptions settings, CancellationToken cancellationToken)
    {
        var token = await links.CreateAsync(address, cancellationToken);
        var link = new Uri(settings.PortalBaseUrl, "/signin.html#token=" + token);

        // The page's language is the one the person reads right now; without it (an API client), their stored one.
        var language = pageLanguage ?? await languages.ForAsync(address, null, cancellationToken);

        // The token rides in the fragment: browsers never send it to a server or in a Referer header.
        await email.SendAsync(
            EmailCatalogue.Letter(
                address,
                language,
                "signIn",
                new Dictionary<string, string>
                {
                    ["link"] = link.ToString(),
                    ["minutes"] = settings.SignInLinkLifetime.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
                }),
            cancellationToken);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooMany(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many sign-in requests.", $"Try again in {seconds} seconds.");
    }
}
