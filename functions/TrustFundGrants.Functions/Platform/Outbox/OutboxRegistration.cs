using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Platform.Outbox;

public static class OutboxRegistration
{
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxTables>();
        services.AddSingleton<OutboxIndex>();
        services.AddTable(OutboxIndex.Table);
        services.AddQueue(StorageLayout.OutboxQueue);
        return services;
    }

    public static IServiceCollection AddOutboxTable(this IServiceCollection services, string table) =>
        services.AddTable(table).AddSingleton(new OutboxTable(table));
}
