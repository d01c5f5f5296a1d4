using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Platform.Auth;

internal static class AuthRegistration
{
    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.PostConfigure<AuthOptions>(options => options.BootstrapSecretariat =
            (configuration["Secretariat:BootstrapEmails"] ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Identity.EmailAddress.Normalize)
                .ToArray());
        services.AddOptions<AuthOptions>().Validate(
            o => o.SignInWindow <= o.SignInLinkLifetime && o.EndedSessionsRefresh <= o.EndedSessionsMaxAge && o.TrustedProxies >= 0,
            "Auth: SignInWindow must not exceed SignInLinkLifetime (links sent in a window must outlive it), EndedSessionsRefresh must not exceed EndedSessionsMaxAge, TrustedProxies must not be negative.");
        services.AddSingleton<SessionTokens>();
        services.AddOutboxTable(SessionRevocations.Table).AddSingleton<SessionRevocations>();
        services.AddSingleton<Access>();
        return services;
    }
}
