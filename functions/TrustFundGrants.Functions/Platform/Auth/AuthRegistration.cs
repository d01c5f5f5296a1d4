using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<Access>();
        return services;
    }
}
