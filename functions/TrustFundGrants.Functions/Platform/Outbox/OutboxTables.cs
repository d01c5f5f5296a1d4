namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>The tables whose aggregates stage outbox rows; features add theirs with <c>AddOutboxTable</c>.</summary>
public sealed class OutboxTables(IEnumerable<OutboxTable> tables)
{
    public IReadOnlyList<string> Names { get; } = tables.Select(t => t.Name).Distinct(StringComparer.Ordinal).ToArray();

    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}

public sealed record OutboxTable(string Name);
