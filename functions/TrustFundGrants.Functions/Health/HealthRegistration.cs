using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Health;

internal static class HealthRegistration
{
    public static IServiceCollection AddHealth(this IServiceCollection services) =>
        services.AddSingleton<IStorageProbe, StorageProbe>();
}
