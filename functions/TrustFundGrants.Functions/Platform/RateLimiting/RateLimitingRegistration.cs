using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Platform.RateLimiting;

internal static class RateLimitingRegistration
{
    public static IServiceCollection AddRateLimiting(this IServiceCollection services) =>
        services.AddTable(RateLimiter.Table).AddSingleton<RateLimiter>();
}
