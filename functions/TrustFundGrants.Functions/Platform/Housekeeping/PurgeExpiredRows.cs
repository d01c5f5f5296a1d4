using Azure;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.Functions.Reviews.Reminders;

namespace TrustFundGrants.Functions.Platform.Housekeeping;

/// <summary>
/// Hourly, deletes rows that only ever mattered for a while: spent rate-limit windows, sign-in links
/// that expired unused, ended sessions whose tokens have expired anyway, and the "reminded today" rows of days that are over. Without this the tables
/// grow with every sign-in and every reminder forever.
/// </summary>
public sealed class PurgeExpiredRows(TableServiceClient tables, TimeProvider time)
{
    [Function(nameof(PurgeExpiredRows))]
    public async Task Run([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await PurgeAsync(tables.GetTableClient(RateLimiter.Table), now, cancellationToken);
        await PurgeAsync(tables.GetTableClient(SignInLinks.Table), now, cancellationToken);
        await PurgeAsync(tables.GetTableClient(ReminderStore.Table), now, cancellationToken);
        await PurgeAsync(tables.GetTableClient(SessionRevocations.Table), now, cancellationToken);
    }

    private static async Task PurgeAsync(TableClient table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Gone already: redeemed meanwhile, or purged by another instance.
            }
        }
    }
}
