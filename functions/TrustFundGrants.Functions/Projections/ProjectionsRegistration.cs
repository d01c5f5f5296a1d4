using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Projections;

internal static class ProjectionsRegistration
{
    public static IServiceCollection AddProjections(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked when the host starts, not at the first outside request: a fund must never publish under k = 5.
        services.AddOptions<DisclosureOptions>()
            .Bind(configuration.GetSection(DisclosureOptions.Section))
            .Validate(o => o.Threshold >= DisclosureThreshold.Minimum, $"Disclosure:Threshold is never below {DisclosureThreshold.Minimum}.")
            .ValidateOnStart();
        services.AddOutboxTable(ProjectionRows.Table).AddQueue(ProjectionEvent.Queue);
        // The grants feature registers the IGrantSource these read grants through.
        services.AddSingleton<DisclosureControl>().AddSingleton<FundProjector>().AddSingleton<ProjectionRebuilder>();
        return services;
    }
}
