using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Donors;

internal static class DonorsRegistration
{
    public static IServiceCollection AddDonors(this IServiceCollection services) =>
        services.AddOutboxTable(DonorStore.Table).AddSingleton<DonorStore>();
}
