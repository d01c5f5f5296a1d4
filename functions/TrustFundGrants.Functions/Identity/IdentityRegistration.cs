using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Identity;

internal static class IdentityRegistration
{
    public static IServiceCollection AddIdentityFeatures(this IServiceCollection services) =>
        services
            .AddOutboxTable(UserStore.Table).AddSingleton<UserStore>().AddSingleton<UserLanguages>()
            .AddTable(SignInLinks.Table).AddSingleton<SignInLinks>();
}
