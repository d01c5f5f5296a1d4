using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Identity;

internal static class IdentityRegistration
{
    public static IServiceCollection AddIdentityFeatures(this IServiceCollection services) =>
        services
            .AddTable(UserStore.Table).AddSingleton<UserStore>()
            .AddTable(SignInLinks.Table).AddSingleton<SignInLinks>();
}
