using Azure;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.RateLimiting;

namespace TrustFundGrants.Functions.Platform.Housekeeping;

/// <summary>
/// Hourly, deletes rows that only ever mattered for a few minutes: spent rate-limit windows and
/// sign-in links that expired unused. Without this both tables grow with every sign-in forever.
/// </summary>
public sealed class PurgeExpiredRows(TableServiceClient tables, TimeProvider time)
{
    [Function(nameof(PurgeExpiredRows))]
    public async Task Run([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await PurgeAsync(tables.GetTableClient(RateLimiter.Table), now, cancellationToken);
        await PurgeAsync(tables.GetTableClient(SignInLinks.Table), now, cancellationToken);
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
