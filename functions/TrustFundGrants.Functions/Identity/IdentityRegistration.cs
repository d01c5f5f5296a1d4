using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Identity;

internal static class IdentityRegistration
{
    public static IServiceCollection AddIdentityFeatures(this IServiceCollection services) =>
        services
            .AddTable(UserStore.Table).AddSingleton<UserStore>()
            .AddTable(SignInLinks.Table).AddSingleton<SignInLinks>()
            .AddTable(RateLimiter.Table).AddSingleton<RateLimiter>()
            .AddTable(AuditLog.Table).AddSingleton<AuditLog>()
            .AddTable(OrganisationStore.Table).AddSingleton<OrganisationStore>();
}
