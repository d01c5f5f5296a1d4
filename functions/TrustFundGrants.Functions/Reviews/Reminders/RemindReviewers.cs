using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews.Reminders;

/// <summary>
/// Every hour, owes a reminder email to each reviewer with unfinished reviews in a round whose reviews
/// fall due within <see cref="ReminderSchedule.Lead"/>, at most once per reviewer per day of the
/// round's time zone. Hourly rather than daily so a due date set today is acted on today.
/// </summary>
public sealed partial class RemindReviewers(RoundStore rounds, ReviewStores stores, TableServiceClient tables, Outbox outbox, TimeProvider time, ILogger<RemindReviewers> logger)
{
    [Function(nameof(RemindReviewers))]
    public async Task Run([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reminding = new List<RoundEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RoundEntity.Partition} and ReviewDueAt gt {now} and ClosesAt le {now}");
        await foreach (var round in rounds.Client.QueryAsync<RoundEntity>(filter, cancellationToken: cancellationToken))
        {
            if (ReminderSchedule.IsReminding(round.ClosesAt, round.ReviewDueAt, now))
            {
                reminding.Add(round);
            }
        }

        foreach (var round in reminding)
        {
            var owed = await RemindRoundAsync(round, now, cancellationToken);
            LogReminded(logger, round.RowKey, owed);
        }
    }

    /// <summary>Returns how many reminders this run owed; reviewers already reminded today are skipped.</summary>
    public async Task<int> RemindRoundAsync(RoundEntity round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var day = RoundSchedule.InZone(now, round.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var reviewers = new SortedSet<string>(StringComparer.Ordinal);
        var unfinished = TableClient.CreateQueryFilter($"PartitionKey eq {round.RowKey} and Recused eq {false} and ReviewStatus ne {ReviewStatuses.Submitted}");
        await foreach (var assignment in stores.Assignments.QueryAsync<AssignmentEntity>(unfinished, select: ["ReviewerId"], cancellationToken: cancellationToken))
        {
            reviewers.Add(assignment.ReviewerId);
        }

        var table = tables.GetTableClient(ReminderStore.Table);
        var owed = 0;
        foreach (var reviewerId in reviewers)
        {
            var email = outbox.Stage(round.RowKey, ReviewerReminderMessage.Queue, new ReviewerReminderMessage(round.RowKey, reviewerId, day));
            var reminder = new TableEntity(round.RowKey, ReminderSchedule.RowKey(reviewerId, day))
            {
                ["ReviewerId"] = reviewerId,
                ["Day"] = day,
                ["At"] = now,
                // The round's day is over by then in any time zone, so the row no longer guards anything (PurgeExpiredRows).
                ["ExpiresAt"] = now + ReminderSchedule.Kept,
            };
            try
            {
                await outbox.CommitAsync(
                    table,
                    [new(TableTransactionActionType.Add, reminder), new(TableTransactionActionType.Add, email)],
                    cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                continue;
            }

            await outbox.ReleaseAsync(ReminderStore.Table, email, cancellationToken);
            owed++;
        }

        return owed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {RoundId}: {Owed} reviewer reminders owed")]
    private static partial void LogReminded(ILogger logger, string roundId, int owed);
}
