using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Tests.Platform.Storage;

public sealed class StorageLayoutTests
{
    [Fact]
    public void AddQueue_Name_DeclaresQueueAndItsPoisonQueue()
    {
        var layout = Layout(services => services.AddQueue("emails"));

        Assert.Equal(["emails", "emails-poison"], layout.Queues);
        Assert.Empty(layout.Tables);
        Assert.Empty(layout.Containers);
    }

    [Fact]
    public void Layout_EachKind_ListedUnderItsKind()
    {
        var layout = Layout(services => services.AddTable("applications").AddContainer("documents").AddQueue("emails"));

        Assert.Equal(["applications"], layout.Tables);
        Assert.Equal(["documents"], layout.Containers);
        Assert.Equal(["emails", "emails-poison"], layout.Queues);
    }

    [Fact]
    public void Layout_SameResourceDeclaredTwice_ListedOnce()
    {
        var layout = Layout(services => services.AddTable("applications").AddTable("applications").AddQueue("emails").AddQueue("emails"));

        Assert.Equal(["applications"], layout.Tables);
        Assert.Equal(["emails", "emails-poison"], layout.Queues);
    }

    [Fact]
    public void AddOutboxTable_Name_DeclaresTableAndOutbox()
    {
        var services = new ServiceCollection().AddOutbox().AddOutboxTable("applications");
        services.AddSingleton<StorageLayout>();
        services.AddSingleton(TimeProvider.System);
        using var provider = services.BuildServiceProvider();

        var layout = provider.GetRequiredService<StorageLayout>();
        Assert.Equal([OutboxIndex.Table, "applications"], layout.Tables);
        Assert.Equal([StorageLayout.OutboxQueue, StorageLayout.OutboxQueue + "-poison"], layout.Queues);
        Assert.Equal(["applications"], provider.GetRequiredService<OutboxTables>().Names);
    }

    private static StorageLayout Layout(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        services.AddSingleton<StorageLayout>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<StorageLayout>();
    }
}
