using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Rounds;

internal static class RoundsRegistration
{
    public static IServiceCollection AddRounds(this IServiceCollection services) =>
        services.AddTable(RoundStore.Table).AddSingleton<RoundStore>();
}
