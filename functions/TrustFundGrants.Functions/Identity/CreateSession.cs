using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Turns a sign-in link's token into a session: a cookie for the portal and the same token in the
/// body for API clients. The first sign-in creates the user; bootstrap Secretariat addresses get
/// that role; invitations waiting on the address take effect here. The portal calls this only after
/// the person clicks "Continue as …", never on opening the link. Not rate-limited: whoever holds a
/// valid link can always sign in (a link is 256 random bits, so there is nothing to guess).
/// </summary>
public sealed class CreateSession(SignInLinks links, UserStore users, SessionTokens sessions, SessionRevocations revocations, AuditLog audit, TimeProvider time, IOptions<AuthOptions> options)
{
    [Function(nameof(CreateSession))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/session")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestJson.ReadAsync<SessionRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var email = await links.RedeemAsync(body.Value.Token, cancellationToken);
        if (email is null)
        {
            return LinkInvalid();
        }

        var bootstrap = options.Value.BootstrapSecretariat.Contains(email, StringComparer.Ordinal);
        var user = await users.UpsertAsync(
            email,
            u =>
            {
                if (u.DeactivatedAt is not null)
                {
                    return;
                }

                if (bootstrap)
                {
                    u.AddRole(Roles.Secretariat);
                }

                // An ending written just before a change that then failed leaves the row behind it; catch up, or this session would be refused too.
                u.SessionGeneration = Math.Max(u.SessionGeneration, revocations.ValidGenerationFor(u.UserId));
                u.LastSignInAt = time.GetUtcNow();
            },
            u => u.DeactivatedAt is null ? audit.Stage(u.PartitionKey, u.UserId, u.Email, "user.signed-in", "user:" + u.UserId, null, new { roles = u.RoleList }) : null,
            cancellationToken);
        if (user.DeactivatedAt is not null)
        {
            return Problems.Problem(
                StatusCodes.Status403Forbidden, "account-deactivated", "This account has been deactivated.", "The fund's Secretariat has deactivated this account. Contact them if you think this is a mistake.");
        }

        return Issue(request.HttpContext.Response, sessions, user.ToCaller());
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult LinkInvalid() => Problems.Problem(
        StatusCodes.Status401Unauthorized, "sign-in-link-invalid", "This sign-in link does not work.", "It was used already, has expired, or was copied incompletely. Ask for a new one.");

    /// <summary>Sets the cookie and answers with the session; also used when a change alters the caller's roles.</summary>
    public static IResult Issue(HttpResponse response, SessionTokens sessions, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var (token, expiresAt) = sessions.Issue(caller);
        SessionCookie.Append(response, token, expiresAt);
        return TypedResults.Ok(new SessionResponse(token, expiresAt, MeView.From(caller)));
    }
}

public sealed record SessionRequest(string Token);

public sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt, MeView User);
