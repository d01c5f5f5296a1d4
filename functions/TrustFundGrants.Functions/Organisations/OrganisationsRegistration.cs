using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Organisations;

internal static class OrganisationsRegistration
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddOutboxTable(OrganisationStore.Table).AddSingleton<OrganisationStore>();
}
