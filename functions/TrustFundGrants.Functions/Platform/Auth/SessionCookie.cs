using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// The portal's session cookie: HttpOnly so scripts never see the token, SameSite=Strict so other
/// sites cannot send it, Secure everywhere but localhost (where the portal runs over plain HTTP).
/// Beside it, a hint scripts can read that a session exists (no secret in it, same lifetime), so pages
/// anyone may open ask who is signed in only when someone may be: a visitor's browser makes no request
/// that fails.
/// </summary>
public static class SessionCookie
{
    public const string Name = "tfg_session";

    public const string Hint = "tfg_signed_in";

    public static void Append(HttpResponse response, string token, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Name, token, Options(response.HttpContext.Request, expiresAt, httpOnly: true));
        response.Cookies.Append(Hint, "1", Options(response.HttpContext.Request, expiresAt, httpOnly: false));
    }

    public static void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, null, httpOnly: true));
        response.Cookies.Delete(Hint, Options(response.HttpContext.Request, null, httpOnly: false));
    }

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expiresAt, bool httpOnly) => new()
    {
        HttpOnly = httpOnly,
        SameSite = SameSiteMode.Strict,
        Secure = !IsLocal(request),
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };

    private static bool IsLocal(HttpRequest request) =>
        request.Host.Host is "localhost" or "127.0.0.1" or "[::1]";
}
