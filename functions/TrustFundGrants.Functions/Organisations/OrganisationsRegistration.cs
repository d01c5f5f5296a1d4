using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Organisations.Names;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Organisations;

internal static class OrganisationsRegistration
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddOutboxTable(OrganisationStore.Table).AddSingleton<OrganisationStore>()
            .AddTable(OrganisationNameIndex.Table).AddQueue(OrganisationNameMessage.Queue).AddSingleton<OrganisationNameIndex>()
            .AddSingleton<MembershipStore>().AddSingleton<MembershipChanges>().AddSingleton<InvitationLetters>();
}
