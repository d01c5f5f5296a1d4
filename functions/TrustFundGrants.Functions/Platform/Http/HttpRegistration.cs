using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustFundGrants.Functions.Platform.Http;

internal static class HttpRegistration
{
    public static IServiceCollection AddHttpPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.Configure<RequestGuardOptions>(configuration.GetSection(RequestGuardOptions.Section));
        // A request's deadline bounds the real time a request may hold the worker, so it runs on the system clock,
        // never on the app's business clock: tests step that one (a round's deadline passing while an upload is held
        // back), and a ten-minute step must not cut the request in flight short.
        services.AddSingleton(provider => new RequestGuard(
            provider.GetRequiredService<IOptions<RequestGuardOptions>>(), TimeProvider.System, provider.GetRequiredService<ILogger<RequestGuard>>()));
        services.AddSingleton<RequestGuardMiddleware>();
        return services;
    }
}
