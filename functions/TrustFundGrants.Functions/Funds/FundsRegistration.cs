using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Funds;

internal static class FundsRegistration
{
    public static IServiceCollection AddFunds(this IServiceCollection services) =>
        services.AddOutboxTable(FundStore.Table).AddSingleton<FundStore>();
}
