using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Projections;

internal static class ProjectionsRegistration
{
    public static IServiceCollection AddProjections(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DisclosureOptions>(configuration.GetSection(DisclosureOptions.Section));
        services.AddOutboxTable(ProjectionRows.Table).AddQueue(ProjectionEvent.Queue);
        // The grants feature registers the IGrantSource these read grants through.
        services.AddSingleton<DisclosureControl>().AddSingleton<FundProjector>().AddSingleton<ProjectionRebuilder>();
        return services;
    }
}
