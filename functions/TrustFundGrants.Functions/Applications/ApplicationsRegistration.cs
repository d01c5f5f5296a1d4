using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Applications;

internal static class ApplicationsRegistration
{
    public static IServiceCollection AddApplications(this IServiceCollection services) =>
        services
            .AddOutboxTable(ApplicationStore.Table)
            .AddTable(ApplicationStore.KeyTable)
            .AddContainer(DocumentStore.Container)
            .AddQueue(Submission.ScreeningMessage.Queue)
            .AddQueue(Submission.ApplicationEmailMessage.Queue)
            .AddSingleton<ApplicationStore>()
            .AddSingleton<DocumentStore>()
            .AddSingleton<Documents.DocumentChanges>()
            .AddSingleton<ApplicationAccess>();
}
