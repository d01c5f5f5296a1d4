using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Platform.Http;

internal static class HttpRegistration
{
    public static IServiceCollection AddHttpPlatform(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }
}
