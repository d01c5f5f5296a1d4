using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Says whom a sign-in link is for, without using it up, so the portal can ask "Continue as …?"
/// before signing anyone in. Someone who forwards a link for their own address then cannot sign the
/// recipient into the sender's account unnoticed. The token travels in the body, never in a URL.
/// </summary>
public sealed class InspectSignInLink(SignInLinks links)
{
    [Function(nameof(InspectSignInLink))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in-link")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync<SessionRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        return await links.PeekAsync(body.Value.Token, cancellationToken) is { } link
            ? TypedResults.Ok(new SignInLinkView(link.Email, link.ExpiresAt))
            : CreateSession.LinkInvalid();
    }
}

public sealed record SignInLinkView(string Email, DateTimeOffset ExpiresAt);
