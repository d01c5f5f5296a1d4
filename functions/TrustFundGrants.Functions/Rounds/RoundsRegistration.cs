using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Rounds;

internal static class RoundsRegistration
{
    public static IServiceCollection AddFundsAndRounds(this IServiceCollection services) =>
        services
            .AddTable(FundStore.Table).AddSingleton<FundStore>()
            .AddTable(RoundStore.Table).AddSingleton<RoundStore>();
}
