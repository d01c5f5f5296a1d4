using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Donors;

internal static class DonorsRegistration
{
    public static IServiceCollection AddDonorsAndTransparency(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddOutboxTable(DonorStore.Table).AddSingleton<DonorStore>()
            .AddOutboxTable(ContributionStore.Table).AddSingleton<ContributionStore>()
            .AddProjections(configuration);
}
