using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// Who is calling, and may they: every non-anonymous function starts here. 401 when there is no
/// valid session, 403 when the session lacks the role the function needs. Object-level checks
/// (may this caller see this organisation?) stay in the function and answer 404.
/// </summary>
public sealed class Access(SessionTokens tokens, SessionRevocations revocations, IOptions<AuthOptions> options)
{
    /// <summary>The header the portal sends on every state-changing request; other sites cannot set it cross-origin.</summary>
    public const string CsrfHeader = "X-TFG-Request";

    public async Task<AccessResult> RequireAsync(HttpRequest request, params string[] anyOfRoles)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (token, fromCookie) = TokenOf(request);
        var caller = token is null ? null : await tokens.ValidateAsync(token);
        if (caller is null)
        {
            return AccessResult.Refused(Unauthenticated());
        }

        try
        {
            if (await revocations.HasEndedAsync(caller, request.HttpContext.RequestAborted))
            {
                return AccessResult.Refused(Unauthenticated());
            }
        }
        catch (EndedSessionsUnavailableException)
        {
            return AccessResult.Refused(Problems.Problem(
                StatusCodes.Status503ServiceUnavailable, "session-check-unavailable", "Your session cannot be checked just now.", "Storage is not answering. Try again in a minute."));
        }

        if (fromCookie && !IsSafe(request.Method) && !PassesCsrfCheck(request))
        {
            return AccessResult.Refused(Problems.Problem(
                StatusCodes.Status403Forbidden,
                "csrf",
                "The request did not come from the portal.",
                $"Requests signed in by cookie must carry the {CsrfHeader} header or come from this site's origin."));
        }

        if (anyOfRoles.Length > 0 && !anyOfRoles.Any(caller.IsIn))
        {
            return AccessResult.Refused(Problems.Problem(
                StatusCodes.Status403Forbidden,
                "forbidden",
                "You do not have the role this needs.",
                $"This needs the role {string.Join(" or ", anyOfRoles)}."));
        }

        return AccessResult.Granted(caller);
    }

    public static ProblemHttpResult Unauthenticated() =>
        Problems.Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "Sign in first.", "There is no valid session: sign in again.");

    // A bearer token is sent deliberately by an API client, so it cannot be forged by another site; a cookie can be.
    private static (string? Token, bool FromCookie) TokenOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (authorization["Bearer ".Length..].Trim(), false);
        }

        return request.Cookies.TryGetValue(SessionCookie.Name, out var cookie) ? (cookie, true) : (null, false);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    // The origin must match in scheme as well as host and port: a page on http://this-host is not this site.
    private bool PassesCsrfCheck(HttpRequest request)
    {
        if (request.Headers.ContainsKey(CsrfHeader))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var portal = options.Value.PortalBaseUrl;
        return (string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            || (string.Equals(uri.Scheme, portal.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(uri.Authority, portal.Authority, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Either the caller, or the problem to answer with. After <c>if (session.IsDenied) return session.Denied;</c>
/// the compiler knows <see cref="Caller"/> is not null, so no function needs <c>caller</c>.
/// </summary>
public sealed class AccessResult
{
    private AccessResult(Caller? caller, ProblemHttpResult? denied) => (Caller, Denied) = (caller, denied);

    public Caller? Caller { get; }

    public ProblemHttpResult? Denied { get; }

    [MemberNotNullWhen(true, nameof(Denied))]
    [MemberNotNullWhen(false, nameof(Caller))]
    public bool IsDenied => Denied is not null;

    public static AccessResult Granted(Caller caller) => new(caller ?? throw new ArgumentNullException(nameof(caller)), null);

    public static AccessResult Refused(ProblemHttpResult problem) => new(null, problem ?? throw new ArgumentNullException(nameof(problem)));
}
