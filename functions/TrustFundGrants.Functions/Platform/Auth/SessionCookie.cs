using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// The portal's session cookie: HttpOnly so scripts never see the token, SameSite=Strict so other
/// sites cannot send it, Secure everywhere but localhost (where the portal runs over plain HTTP).
/// </summary>
public static class SessionCookie
{
    public const string Name = "tfg_session";

    public static void Append(HttpResponse response, string token, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Name, token, Options(response.HttpContext.Request, expiresAt));
    }

    public static void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, null));
    }

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = !IsLocal(request),
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };

    private static bool IsLocal(HttpRequest request) =>
        request.Host.Host is "localhost" or "127.0.0.1" or "[::1]";
}
