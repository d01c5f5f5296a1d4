namespace TrustFundGrants.Functions.Platform.Storage;

/// <summary>
/// Every table, queue and blob container the app uses, declared by features through
/// <see cref="StorageLayoutRegistration"/>. infra/ declares the same names for Azure; locally
/// they are created at start-up.
/// </summary>
public sealed class StorageLayout(IEnumerable<StorageResource> resources)
{
    public const string OutboxQueue = "outbox";

    private readonly StorageResource[] all = resources.Distinct().ToArray();

    public IReadOnlyList<string> Tables => Names(StorageKind.Table);

    public IReadOnlyList<string> Queues => Names(StorageKind.Queue);

    public IReadOnlyList<string> Containers => Names(StorageKind.Container);

    private string[] Names(StorageKind kind) => all.Where(r => r.Kind == kind).Select(r => r.Name).ToArray();
}

public enum StorageKind
{
    Table,
    Queue,
    Container,
}

public sealed record StorageResource(StorageKind Kind, string Name);
