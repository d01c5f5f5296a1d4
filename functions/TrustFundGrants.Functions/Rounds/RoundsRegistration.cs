using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Rounds;

internal static class RoundsRegistration
{
    public static IServiceCollection AddFundsAndRounds(this IServiceCollection services) =>
        services
            .AddOutboxTable(FundStore.Table).AddSingleton<FundStore>()
            .AddOutboxTable(RoundStore.Table).AddSingleton<RoundStore>();
}
