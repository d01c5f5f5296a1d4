using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Funds;

internal static class FundsRegistration
{
    public static IServiceCollection AddFunds(this IServiceCollection services) =>
        services.AddTable(FundStore.Table).AddSingleton<FundStore>();
}
