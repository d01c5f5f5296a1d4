using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// Issues and checks session tokens: HMAC-SHA256 JWTs carrying who the caller is and their roles, so
/// a request is authorised without reading storage. Each names its session (<c>sid</c>) and the user's
/// session generation (<c>gen</c>), which <see cref="SessionRevocations"/> checks against the sessions
/// that have ended. Roles change at the next sign-in.
/// </summary>
public sealed class SessionTokens
{
    private const string Issuer = "trustfundgrants";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials credentials;
    private readonly TokenValidationParameters parameters;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;

    public SessionTokens(IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var key = Key(settings.SigningKey);
        this.time = time;
        lifetime = settings.SessionLifetime;
        credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = this.time.GetUtcNow().UtcDateTime;
                return expires is { } e && now <= e + Skew && (notBefore is not { } n || now >= n - Skew);
            },
        };
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = caller.UserId,
            [JwtRegisteredClaimNames.Email] = caller.Email,
            ["name"] = caller.DisplayName,
            ["roles"] = string.Join(' ', caller.Roles),
            ["sid"] = Guid.CreateVersion7().ToString(),
            ["gen"] = caller.SessionGeneration,
        };
        if (caller.OrganisationId is { } organisation)
        {
            claims["org"] = organisation;
        }

        if (caller.DonorId is { } donor)
        {
            claims["donor"] = donor;
        }

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
        });
        return (token, expires);
    }

    /// <summary>The caller a token names, or null for anything forged, tampered, expired or malformed.</summary>
    public async Task<Caller?> ValidateAsync(string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 8192)
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }

        string? Claim(string name) => result.Claims.TryGetValue(name, out var value) ? value as string : null;
        var userId = Claim(JwtRegisteredClaimNames.Sub);
        var email = Claim(JwtRegisteredClaimNames.Email);
        var sessionId = Claim("sid");

        // A token without a session id or generation cannot be ended, so it is not accepted at all.
        if (userId is null || email is null || sessionId is null || !result.Claims.TryGetValue("gen", out var gen) || gen is not (int or long))
        {
            return null;
        }

        var roles = (Claim("roles") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Caller(userId, email, Claim("name") ?? email, roles, Claim("org"), Claim("donor"), sessionId, Convert.ToInt64(gen, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static SymmetricSecurityKey Key(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            bytes = [];
        }

        return bytes.Length >= 32
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException("Auth__SigningKey must be set to at least 32 random bytes, base64-encoded (Key Vault in Azure).");
    }
}
