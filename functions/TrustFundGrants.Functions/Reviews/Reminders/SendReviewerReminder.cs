using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews.Reminders;

/// <summary>
/// Emails one reviewer how many reviews they still owe a round and by when. Counted when sending,
/// not when owed: a reviewer who finished meanwhile gets nothing.
/// </summary>
public sealed class SendReviewerReminder(RoundStore rounds, ReviewStores stores, TableServiceClient tables, EmailOnce once, IOptions<AuthOptions> options, TimeProvider time)
{
    [Function(nameof(SendReviewerReminder))]
    public async Task Run([QueueTrigger(ReviewerReminderMessage.Queue)] ReviewerReminderMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = tables.GetTableClient(ReminderStore.Table);
        await once.SendAsync(table, message.RoundId, ReviewerReminderMessage.Queue, message, ComposeAsync, cancellationToken);

        async Task<EmailMessage?> ComposeAsync(CancellationToken ct)
        {
            var round = await rounds.FindAsync(message.RoundId, ct);
            var reviewer = await stores.Reviewers.GetEntityIfExistsAsync<ReviewerEntity>(message.RoundId, message.ReviewerId, cancellationToken: ct);
            if (round?.ReviewDueAt is not { } due || due <= time.GetUtcNow() || !reviewer.HasValue || reviewer.Value is null)
            {
                return null;
            }

            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {message.RoundId} and ReviewerId eq {message.ReviewerId} and Recused eq {false} and ReviewStatus ne {ReviewStatuses.Submitted}");
            var owed = 0;
            await foreach (var _ in stores.Assignments.QueryAsync<AssignmentEntity>(filter, select: ["RowKey"], cancellationToken: ct))
            {
                owed++;
            }

            if (owed == 0)
            {
                return null;
            }

            var dueLocal = RoundSchedule.InZone(due, round.TimeZone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
            var reviews = owed == 1 ? "1 review" : $"{owed} reviews";
            return new EmailMessage(
                reviewer.Value.Email,
                $"Reminder: {reviews} to finish for \"{round.Title}\"",
                $"You have {reviews} still to submit for \"{round.Title}\". Reviews are due by {dueLocal} ({round.TimeZone}).\n\n"
                + $"Your assignments: {new Uri(options.Value.PortalBaseUrl, "/review/assignments.html")}\n\n"
                + "If you cannot review an application, for example because you are tied to the organisation, recuse yourself from it there so the "
                + "Secretariat can find another reviewer. You will get at most one reminder a day until the due date.");
        }
    }
}
