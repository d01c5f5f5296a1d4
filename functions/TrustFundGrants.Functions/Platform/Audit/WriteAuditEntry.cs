using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Platform.Audit;

/// <summary>
/// Writes the audit entry a committed change staged. Idempotent: the entry's row key derives from the
/// message id, so a second delivery finds its row and writes nothing new.
/// </summary>
public sealed class WriteAuditEntry(TableServiceClient tables)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    [Function(nameof(WriteAuditEntry))]
    public async Task Run([QueueTrigger(AuditMessage.Queue)] string message, CancellationToken cancellationToken)
    {
        // Anything unreadable throws, so the host retries it and then moves it to audit-poison.
        var parsed = JsonSerializer.Deserialize<AuditMessage>(message, Json) ?? throw new FormatException("The audit message is empty.");
        if (string.IsNullOrWhiteSpace(parsed.Target) || string.IsNullOrWhiteSpace(parsed.Action) || !Guid.TryParse(parsed.MessageId, out _))
        {
            throw new FormatException("The audit message names no target, action or message id.");
        }

        try
        {
            await tables.GetTableClient(AuditLog.Table).AddEntityAsync(AuditLog.EntryFor(parsed), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Written by an earlier delivery of this message.
        }
    }
}
