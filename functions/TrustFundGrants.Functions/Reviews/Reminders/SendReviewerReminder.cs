using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews.Reminders;

/// <summary>
/// Emails one reviewer how many reviews they still owe a round and by when. Counted when sending,
/// not when owed: a reviewer who finished meanwhile gets nothing.
/// </summary>
public sealed class SendReviewerReminder(
    RoundStore rounds, ReviewStores stores, TableServiceClient tables, UserLanguages languages, EmailOnce once, IOptions<AuthOptions> options, TimeProvider time)
{
    [Function(nameof(SendReviewerReminder))]
    public async Task Run([QueueTrigger(ReviewerReminderMessage.Queue)] ReviewerReminderMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = tables.GetTableClient(ReminderStore.Table);
        await once.SendAsync(table, message.RoundId, ReviewerReminderMessage.Queue, message, ComposeAsync, cancellationToken);

        async Task<EmailMessage?> ComposeAsync(CancellationToken ct)
        {
            // Rounds are never deleted: a message naming none is bad input, failed (and poisoned) rather than remembered.
            var round = await rounds.FindAsync(message.RoundId, ct)
                ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
            var reviewer = await stores.Reviewers.GetEntityIfExistsAsync<ReviewerEntity>(message.RoundId, message.ReviewerId, cancellationToken: ct);
            if (round.ReviewDueAt is not { } due || due <= time.GetUtcNow() || !reviewer.HasValue || reviewer.Value is null)
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

            var language = await languages.ForAsync(reviewer.Value.Email, null, ct);
            return EmailCatalogue.Letter(
                reviewer.Value.Email,
                language,
                "reviewer.reminder",
                new Dictionary<string, string>
                {
                    ["count"] = owed.ToString(CultureInfo.InvariantCulture),
                    ["round"] = round.Title,
                    ["due"] = new EmailLocale(language, round.TimeZone).DateTime(due),
                    ["link"] = new Uri(options.Value.PortalBaseUrl, "/review/assignments.html").ToString(),
                });
        }
    }
}
