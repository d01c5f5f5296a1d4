using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Platform.Audit;

/// <summary>Who changed what, when: every state change in the app is recorded here.</summary>
public sealed class AuditLog(TableServiceClient tables, TimeProvider time)
{
    public const string Table = "audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(Caller actor, string action, string target, object? before, object? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RecordAsync(actor.UserId, actor.Email, action, target, before, after, cancellationToken);
    }

    public async Task RecordAsync(
        string actorId, string actorEmail, string action, string target, object? before, object? after, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var entry = new AuditEntry
        {
            PartitionKey = target,
            RowKey = (DateTimeOffset.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"),
            ActorId = actorId,
            ActorEmail = actorEmail,
            Action = action,
            At = at,
            Before = before is null ? string.Empty : JsonSerializer.Serialize(before, Json),
            After = after is null ? string.Empty : JsonSerializer.Serialize(after, Json),
        };
        await tables.GetTableClient(Table).AddEntityAsync(entry, cancellationToken);
    }

    public TableClient Client => tables.GetTableClient(Table);
}
