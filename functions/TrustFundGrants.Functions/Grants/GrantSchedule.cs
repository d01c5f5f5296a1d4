using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Hourly: tranches whose day has come (and whose report, if any, was accepted) fall due, and grantees
/// are reminded of reports due in 14 and 3 days, overdue, then weekly. Both read only their index
/// partition; a reminder is a marker row and its email's outbox row committed together, so each is sent once.
/// </summary>
public sealed class GrantSchedule(GrantStore grants, GrantIndex index, Outbox outbox, TimeProvider time)
{
    [Function(nameof(GrantSchedule))]
    public async Task Run([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var today = GrantRequests.Today(time);
        await MakeDueAsync(today, cancellationToken);
        await RemindAsync(today, cancellationToken);
    }

    public async Task MakeDueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.TranchesScheduled} and DueOn le {GrantRequests.Day(today)}");
        await foreach (var row in index.Client.QueryAsync<GrantIndexEntry>(filter, cancellationToken: cancellationToken))
        {
            if (await grants.ReadAsync(row.GrantId, cancellationToken) is not { Grant.Status: GrantStatus.Active } file
                || file.Tranche(row.Number ?? 0) is not { Status: TrancheStatus.Scheduled } tranche)
            {
                continue;
            }

            var accepted = tranche.AfterReport is not { } r || file.Report(r)?.Status == ReportStatus.Accepted;
            if (!TrancheRules.FallsDue(GrantRequests.ParseDay(tranche.DueOn), today, accepted))
            {
                continue;
            }

            tranche.Status = TrancheStatus.Due;
            try
            {
                await grants.CommitAsync(GrantChange.Of(file.Grant, file.Grant.ETag).Replacing(tranche), cancellationToken);
            }
            catch (GrantChangedException)
            {
                // Changed by someone meanwhile: the next run judges it afresh.
            }
        }
    }

    public async Task RemindAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {GrantIndex.ReportsOwed} and DueOn le {GrantRequests.Day(today.AddDays(14))}");
        await foreach (var row in index.Client.QueryAsync<GrantIndexEntry>(filter, cancellationToken: cancellationToken))
        {
            if (ReportReminders.Latest(GrantRequests.ParseDay(row.DueOn), today) is not { } key || row.Number is not { } number)
            {
                continue;
            }

            var kind = key switch
            {
                "due-14" => GrantEmailMessage.Kinds.ReportDueSoon,
                "due-3" => GrantEmailMessage.Kinds.ReportDueVerySoon,
                _ => GrantEmailMessage.Kinds.ReportOverdue,
            };
            var email = outbox.Stage(row.GrantId, GrantEmailMessage.Queue, new GrantEmailMessage(row.GrantId, kind, number));
            var marker = new TableEntity(row.GrantId, $"reminder-{number:D2}-{key}") { ["At"] = time.GetUtcNow() };
            try
            {
                await outbox.CommitAsync(grants.Client, [new(TableTransactionActionType.Add, marker), new(TableTransactionActionType.Add, email)], cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                continue;
            }

            await outbox.ReleaseAsync(GrantStore.Table, email, cancellationToken);
        }
    }
}
