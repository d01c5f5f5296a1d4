using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Telemetry;

namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>
/// Sends the email a queue message owes, however often the message is delivered: at least once, and
/// twice only in a narrow window. An email cannot join a table transaction, so the message is claimed
/// first (a "sending" row in the caller's table and partition, keyed as <see cref="ProcessedMarker"/> keys every handled message), then the
/// email is composed and sent, then the claim is marked sent: a redelivery after the mark sends
/// nothing. SendGrid has no idempotency key, so the one duplicate left is an email SendGrid accepted
/// whose "sent" mark never committed (the process died, or storage failed, in the moment between, or
/// SendGrid's answer was lost): its claim is taken over after <see cref="EmailOptions.ClaimTimeout"/> and the email
/// goes again, with the same <c>custom_args.message_id</c> so the two are recognisable in SendGrid's
/// activity feed. Anything that fails before SendGrid answers (an unknown application, an unknown kind,
/// SendGrid refusing) releases the claim and rethrows, so the message is retried and, after
/// maxDequeueCount tries, poisoned like any other. Each claim names its owner, so the Azure SDK
/// retrying a claim insert that had in fact committed (409 on its second attempt) recognises the
/// claim as its own.
/// </summary>
public sealed class EmailOnce(IEmailSender email, QueueServiceClient queues, IOptions<EmailOptions> options, TimeProvider time)
{
    /// <summary>
    /// How long one send may take before it is abandoned (and its claim released). SendGrid answers in well
    /// under a second; the bound is what lets <see cref="EmailOptions.ClaimTimeout"/> be short.
    /// </summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(20);

    private readonly TimeSpan claimTimeout = options.Value.ClaimTimeout;
    private readonly TimeSpan recheckAfter = options.Value.RecheckAfter;

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

        try
        {
            if (await compose(cancellationToken) is { } composed)
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(SendTimeout);
                await email.SendAsync(composed with { MessageId = message.MessageId }, bounded.Token);
                AppTelemetry.EmailsSent.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", queue));
            }
        }
        catch
        {
            // Composing or sending failed: release the claim so the retry does not wait out ClaimTimeout, and let the
            // message's retries (then its poison queue) deal with it.
            await table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, ETag.All, CancellationToken.None);
            throw;
        }

        // SendGrid has the email: the mark is written even when the delivery is being cancelled (a shutdown), since
        // an unmarked claim is the one way the email goes twice.
        claim["State"] = "sent";
        await table.UpdateEntityAsync(claim, ETag.All, TableUpdateMode.Replace, CancellationToken.None);
    }

    private async Task<TableEntity?> ClaimAsync<T>(TableClient table, string partitionKey, string queue, T message, CancellationToken cancellationToken)
        where T : WorkMessage
    {
        var now = time.GetUtcNow();
        var owner = Guid.NewGuid().ToString("N");
        var claim = new TableEntity(partitionKey, ProcessedMarker.RowKey(message.MessageId)) { ["State"] = "sending", ["At"] = now, ["Owner"] = owner };
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
