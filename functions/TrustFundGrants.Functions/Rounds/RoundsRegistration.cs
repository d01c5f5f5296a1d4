using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Rounds;

internal static class RoundsRegistration
{
    public static IServiceCollection AddRounds(this IServiceCollection services) =>
        services.AddOutboxTable(RoundStore.Table).AddSingleton<RoundStore>();
}
