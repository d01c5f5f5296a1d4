using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Organisations;

internal static class OrganisationsRegistration
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddTable(OrganisationStore.Table).AddSingleton<OrganisationStore>();
}
