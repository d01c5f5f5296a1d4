using System.Text.Json;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>What goes on the outbox queue: where the pending row is, not what it says.</summary>
public sealed record OutboxPointer(string Table, string PartitionKey, string RowKey)
{
    public string ToJson() => JsonSerializer.Serialize(this, OutboxJson.Options);

    /// <summary>Throws on anything that is not a complete pointer: the host retries, then moves it to outbox-poison.</summary>
    public static OutboxPointer Parse(string json)
    {
        var pointer = JsonSerializer.Deserialize<OutboxPointer>(json, OutboxJson.Options)
            ?? throw new FormatException("The outbox message is empty.");
        if (string.IsNullOrWhiteSpace(pointer.Table) || string.IsNullOrWhiteSpace(pointer.PartitionKey)
            || !pointer.RowKey.StartsWith(OutboxEntry.RowKeyPrefix, StringComparison.Ordinal))
        {
            throw new FormatException("The outbox message does not point at an outbox row.");
        }

        return pointer;
    }
}

internal static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
