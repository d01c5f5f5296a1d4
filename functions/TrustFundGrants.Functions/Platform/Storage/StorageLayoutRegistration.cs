using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Platform.Storage;

public static class StorageLayoutRegistration
{
    public static IServiceCollection AddTable(this IServiceCollection services, string name) =>
        services.AddSingleton(new StorageResource(StorageKind.Table, name));

    /// <summary>A work queue and its poison queue, where the host moves messages that keep failing.</summary>
    public static IServiceCollection AddQueue(this IServiceCollection services, string name) =>
        services
            .AddSingleton(new StorageResource(StorageKind.Queue, name))
            .AddSingleton(new StorageResource(StorageKind.Queue, name + "-poison"));

    public static IServiceCollection AddContainer(this IServiceCollection services, string name) =>
        services.AddSingleton(new StorageResource(StorageKind.Container, name));
}
