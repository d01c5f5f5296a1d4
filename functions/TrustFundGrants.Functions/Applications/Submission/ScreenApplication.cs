using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Telemetry;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// Applies the round's eligibility questions to a submitted application: Eligible, or Ineligible
/// with one reason per failed question. The result, the processed marker and the result email's
/// outbox row commit together, so a redelivered message finds the marker and does nothing.
/// </summary>
public sealed class ScreenApplication(ApplicationStore applications, RoundStore rounds, Outbox outbox, TimeProvider time)
{
    [Function(nameof(ScreenApplication))]
    public async Task Run([QueueTrigger(ScreeningMessage.Queue)] ScreeningMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var activity = AppTelemetry.StartConsumer("screen application", ScreeningMessage.Queue, message, time.GetUtcNow());
        activity?.SetTag("tfg.application.id", message.ApplicationId);
        var table = applications.Client;
        if (await ProcessedMarker.ExistsAsync(table, message.RoundId, message.MessageId, cancellationToken))
        {
            return;
        }

        // Submitted applications are never deleted, so a message naming none is not ours to remember: it fails, and
        // after its retries reaches screening-poison, leaving no marker behind in a partition that does not exist.
        var found = await table.GetEntityIfExistsAsync<ApplicationEntity>(message.RoundId, message.ApplicationId, cancellationToken: cancellationToken);
        var application = (found.HasValue ? found.Value : null)
            ?? throw new InvalidOperationException($"Application {message.ApplicationId} in round {message.RoundId} does not exist.");
        var now = time.GetUtcNow();
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ProcessedMarker.For(message.RoundId, message.MessageId, now)),
        };
        OutboxEntry? email = null;

        // Withdrawn (or otherwise moved on) before screening ran: nothing to screen, only remember the message.
        if (application.Status == ApplicationStatus.Submitted)
        {
            var round = await rounds.TermsAsync(message.RoundId, cancellationToken)
                ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
            var reasons = Reasons(round, ApplicationDetails.Parse(application.DetailsJson));
            application.Status = reasons.Count == 0 ? ApplicationStatus.Eligible : ApplicationStatus.Ineligible;
            application.ScreeningReasons = string.Join('\n', reasons);
            application.ScreenedAt = now;
            application.UpdatedAt = now;
            email = outbox.Stage(message.RoundId, ApplicationEmailMessage.Queue, new ApplicationEmailMessage(message.RoundId, message.ApplicationId, ApplicationEmailMessage.Kinds.Screening));
            actions.Add(new(TableTransactionActionType.UpdateReplace, application, application.ETag));
            actions.Add(new(TableTransactionActionType.Add, email));
        }

        try
        {
            await outbox.CommitAsync(table, actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && email is not null)
        {
            // The SDK may have sent the transaction again after a lost response, so that its own marker now
            // conflicts: if this delivery's email row exists, the first attempt committed and only the release is
            // left. Any other conflict (a concurrent delivery, a withdrawal) throws: the message comes back and is
            // judged afresh.
            if (!(await table.GetEntityIfExistsAsync<OutboxEntry>(email.PartitionKey, email.RowKey, ["RowKey"], cancellationToken)).HasValue)
            {
                throw;
            }
        }

        if (email is not null)
        {
            await outbox.ReleaseAsync(ApplicationStore.Table, email, cancellationToken);
        }
    }

    public static List<string> Reasons(RoundEntity round, ApplicationDetails details)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(details);
        var reasons = new List<string>();
        foreach (var question in round.EligibilityQuestions())
        {
            if (!details.EligibilityAnswers.TryGetValue(question.Id, out var answer) || answer != question.RequiredAnswer)
            {
                reasons.Add($"{question.Question} The round requires \"{(question.RequiredAnswer ? "yes" : "no")}\".");
            }
        }

        return reasons;
    }
}
