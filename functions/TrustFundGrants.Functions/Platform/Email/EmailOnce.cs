using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Telemetry;

namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>
/// Sends the email a queue message owes at most once, however often the message is delivered. An
/// email cannot join a table transaction, so the message is claimed first (a "sending" row, RowKey
/// "done-{messageId}", in the caller's table and partition), then sent, then marked sent: a
/// redelivery after success sends nothing, and a claim left by a crash is taken over after
/// <see cref="EmailOptions.ClaimTimeout"/>. Each claim names its owner, so the Azure SDK retrying a claim insert
/// that had in fact committed (409 on its second attempt) recognises the claim as its own.
/// </summary>
public sealed class EmailOnce(IEmailSender email, QueueServiceClient queues, IOptions<EmailOptions> options, TimeProvider time)
{
    private readonly TimeSpan claimTimeout = options.Value.ClaimTimeout;
    private readonly TimeSpan recheckAfter = options.Value.RecheckAfter;

    public static string RowKey(string messageId) => "done-" + messageId;

    /// <summary>
    /// Claims <paramref name="message"/>, composes (null: nothing to say any more, e.g. the work was
    /// finished meanwhile) and sends. <paramref name="queue"/> is where the message came from: a message
    /// whose claim another delivery holds goes back there to be judged when the claim can be.
    /// </summary>
    public async Task SendAsync<T>(
        TableClient table, string partitionKey, string queue, T message, Func<CancellationToken, Task<EmailMessage?>> compose, CancellationToken cancellationToken)
        where T : WorkMessage
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(compose);
        using var activity = AppTelemetry.StartConsumer("send email", queue, message, time.GetUtcNow());
        activity?.SetTag("tfg.email.kind", message.GetType().Name);
        var claim = await ClaimAsync(table, partitionKey, queue, message, cancellationToken);
        if (claim is null)
        {
            return;
        }

        if (await compose(cancellationToken) is { } composed)
        {
            try
            {
                await email.SendAsync(composed, cancellationToken);
                AppTelemetry.EmailsSent.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", queue));
            }
            catch
            {
                // Let the retry send it: release the claim so the next delivery does not wait for the timeout.
                await table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, ETag.All, CancellationToken.None);
                throw;
            }
        }

        claim["State"] = "sent";
        await table.UpdateEntityAsync(claim, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task<TableEntity?> ClaimAsync<T>(TableClient table, string partitionKey, string queue, T message, CancellationToken cancellationToken)
        where T : WorkMessage
    {
        var now = time.GetUtcNow();
        var owner = Guid.NewGuid().ToString("N");
        var claim = new TableEntity(partitionKey, RowKey(message.MessageId)) { ["State"] = "sending", ["At"] = now, ["Owner"] = owner };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken);
            return claim;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken)).Value;
            if (existing.GetString("State") == "sent")
            {
                return null;
            }

            if (existing.GetString("Owner") == owner)
            {
                return existing;
            }

            var heldUntil = (existing.GetDateTimeOffset("At") ?? now) + claimTimeout;
            if (now < heldUntil)
            {
                // Another delivery is sending it right now, or crashed while it did. Throwing would spend the
                // message's few retries (seconds apart) long before a crashed claim expires, and poison it;
                // instead the message goes back to be looked at again: soon, since a live sender is usually done
                // within seconds, and no later than when a crashed sender's claim may be taken over.
                var delay = TimeSpan.FromTicks(Math.Min((heldUntil - now).Ticks, recheckAfter.Ticks)) + TimeSpan.FromSeconds(1);
                var later = queues.GetQueueClient(queue);
                await later.SendMessageAsync(
                    JsonSerializer.Serialize(message, message.GetType(), OutboxJson.Options),
                    visibilityTimeout: delay,
                    cancellationToken: cancellationToken);
                return null;
            }

            existing["At"] = now;
            existing["Owner"] = owner;
            await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return existing;
        }
    }
}
