using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// Emails the applicant about their application. An email cannot be sent in a transaction, so the
/// message is claimed first (a "sending" marker), then sent, then marked sent: a redelivery after
/// success sends nothing, and a claim left by a crash is taken over after <see cref="ClaimTimeout"/>.
/// Each claim names its owner, so the Azure SDK retrying a claim insert that had in fact committed
/// (409 on its second attempt) recognises the claim as its own instead of waiting for itself.
/// </summary>
public sealed class SendApplicationEmail(ApplicationStore applications, RoundStore rounds, IEmailSender email, QueueServiceClient queues, TimeProvider time)
{
    /// <summary>
    /// Longer than one send can take (the SendGrid client's HttpClient gives up after 100 s), so a
    /// live sender is never overtaken, yet short enough that a crashed one delays the email by minutes.
    /// </summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(3);

    [Function(nameof(SendApplicationEmail))]
    public async Task Run([QueueTrigger(ApplicationEmailMessage.Queue)] ApplicationEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = applications.Client;
        var claim = await ClaimAsync(table, message, cancellationToken);
        if (claim is null)
        {
            return;
        }

        var application = (await table.GetEntityAsync<ApplicationEntity>(message.RoundId, message.ApplicationId, cancellationToken: cancellationToken)).Value;
        var round = await rounds.FindAsync(message.RoundId, cancellationToken)
            ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
        if (application.SubmittedByEmail is { } to)
        {
            try
            {
                await email.SendAsync(Compose(message.Kind, application, round, to), cancellationToken);
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

    private async Task<TableEntity?> ClaimAsync(TableClient table, ApplicationEmailMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var owner = Guid.NewGuid().ToString("N");
        var claim = new TableEntity(message.RoundId, ProcessedMarker.RowKey(message.MessageId)) { ["State"] = "sending", ["At"] = now, ["Owner"] = owner };
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

            var heldUntil = (existing.GetDateTimeOffset("At") ?? now) + ClaimTimeout;
            if (now < heldUntil)
            {
                // Another delivery of this message is sending it right now, or crashed while it did. Throwing
                // would spend this message's few retries (seconds apart) long before a crashed claim expires, and
                // poison it; instead the message is put back to be looked at again once the claim can be judged.
                await DeferAsync(message, heldUntil - now + TimeSpan.FromSeconds(1), cancellationToken);
                return null;
            }

            existing["At"] = now;
            existing["Owner"] = owner;
            await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return existing;
        }
    }

    private async Task DeferAsync(ApplicationEmailMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(ApplicationEmailMessage.Queue);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, OutboxJson.Options), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    private static EmailMessage Compose(string kind, ApplicationEntity application, RoundEntity round, string to)
    {
        var submitted = application.SubmittedAt is { } at ? $"{RoundSchedule.InZone(at, round.TimeZone):yyyy-MM-dd HH:mm} ({round.TimeZone})" : "-";
        return kind switch
        {
            ApplicationEmailMessage.Kinds.Acknowledgement => new EmailMessage(
                to,
                $"Application received: {application.Reference}",
                $"We received your application \"{application.Title}\" to \"{round.Title}\" on {submitted}.\n\n"
                + $"Your reference number is {application.Reference}. Please quote it in any message about this application.\n\n"
                + "We check eligibility next and will write to you with the result."),
            ApplicationEmailMessage.Kinds.Screening when application.Status == ApplicationStatus.Eligible => new EmailMessage(
                to,
                $"Eligible for review: {application.Reference}",
                $"Your application \"{application.Title}\" ({application.Reference}) meets the eligibility requirements of \"{round.Title}\". "
                + "It now goes to the review panel."),
            ApplicationEmailMessage.Kinds.Screening => new EmailMessage(
                to,
                $"Not eligible: {application.Reference}",
                $"Your application \"{application.Title}\" ({application.Reference}) does not meet the eligibility requirements of \"{round.Title}\":\n\n- "
                + string.Join("\n- ", application.ScreeningReasons.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                + "\n\nIf you think this is a mistake, reply to this email quoting your reference number."),
            ApplicationEmailMessage.Kinds.Decision when application.Status == ApplicationStatus.Approved => new EmailMessage(
                to,
                $"Grant approved: {application.Reference}",
                $"We are glad to tell you that \"{application.Title}\" ({application.Reference}) is approved for a grant of "
                + $"{new Money(application.ApprovedMinor ?? 0, CurrencyCode.Parse(application.Currency))} under \"{round.Title}\".\n\n"
                + $"The panel's comments:\n{application.DecisionRationale}\n\nThe secretariat will write to you about the grant agreement and its first tranche."),
            ApplicationEmailMessage.Kinds.Decision => new EmailMessage(
                to,
                $"Decision on your application: {application.Reference}",
                $"Thank you for applying to \"{round.Title}\" with \"{application.Title}\" ({application.Reference}). "
                + (application.Status == ApplicationStatus.Waitlisted
                    ? "The panel placed it on the waiting list: if funds become available, the secretariat will contact you."
                    : "The panel could not recommend it for funding in this round.")
                + $"\n\nThe panel's feedback:\n{application.DecisionRationale}"),
            _ => throw new FormatException($"Unknown application email kind '{kind}'."),
        };
    }
}
