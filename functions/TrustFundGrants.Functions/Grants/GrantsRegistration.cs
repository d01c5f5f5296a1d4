using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Grants;

internal static class GrantsRegistration
{
    public static IServiceCollection AddGrants(this IServiceCollection services) =>
        services
            .AddOutboxTable(GrantStore.Table)
            .AddTable(GrantIndex.Table)
            .AddContainer(Reports.UploadReportAttachment.Container)
            .AddQueue(GrantCreationMessage.Queue)
            .AddQueue(GrantIndexMessage.Queue)
            .AddQueue(GrantEmailMessage.Queue)
            .AddSingleton<GrantIndex>()
            .AddSingleton<GrantStore>()
            .AddSingleton<IGrantStore>(provider => provider.GetRequiredService<GrantStore>())
            .AddSingleton<Projections.IGrantSource, GrantSource>();
}
