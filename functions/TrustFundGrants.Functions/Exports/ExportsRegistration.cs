using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Exports;

internal static class ExportsRegistration
{
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
}
