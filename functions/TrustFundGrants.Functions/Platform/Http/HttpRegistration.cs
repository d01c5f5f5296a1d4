using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Platform.Http;

internal static class HttpRegistration
{
    public static IServiceCollection AddHttpPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.Configure<RequestGuardOptions>(configuration.GetSection(RequestGuardOptions.Section));
        services.AddSingleton<RequestGuard>();
        services.AddSingleton<RequestGuardMiddleware>();
        return services;
    }
}
