using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Contributions;

internal static class ContributionsRegistration
{
    public static IServiceCollection AddContributions(this IServiceCollection services) =>
        services.AddOutboxTable(ContributionStore.Table).AddSingleton<ContributionStore>();
}
