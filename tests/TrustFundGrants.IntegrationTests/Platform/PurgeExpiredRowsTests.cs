using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Housekeeping;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.Functions.Reviews.Reminders;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Platform;

[Collection(RunnerCollection.Name)]
public sealed class PurgeExpiredRowsTests(RunnerFixture runner)
{
    [Fact]
    public async Task Run_RemovesExpiredLinksWindowsAndRemindersAndKeepsLiveOnes()
    {
        var tables = new TableServiceClient(runner.Azurite.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        var links = new SignInLinks(tables, clock, runner.App.Services.GetRequiredService<IOptions<AuthOptions>>());
        var expired = await links.CreateAsync("old@example.org", CancellationToken.None);
        var limiterKey = "purge-test-" + Guid.NewGuid().ToString("N");
        await new RateLimiter(tables, clock).TryAcquireAsync(limiterKey, 5, TimeSpan.FromMinutes(15), CancellationToken.None);
        var reminders = tables.GetTableClient(ReminderStore.Table);
        var roundId = Guid.NewGuid().ToString();
        await reminders.AddEntityAsync(new TableEntity(roundId, "reviewer|2026-01-01") { ["ExpiresAt"] = clock.GetUtcNow() + ReminderSchedule.Kept });
        clock.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(1));
        await reminders.AddEntityAsync(new TableEntity(roundId, "reviewer|2026-01-03") { ["ExpiresAt"] = clock.GetUtcNow() + ReminderSchedule.Kept });
        var live = await links.CreateAsync("new@example.org", CancellationToken.None);

        await new PurgeExpiredRows(tables, clock).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        var linkTable = tables.GetTableClient(SignInLinks.Table);
        Assert.False((await linkTable.GetEntityIfExistsAsync<TableEntity>(SignInLinks.Hash(expired), "link")).HasValue);
        Assert.True((await linkTable.GetEntityIfExistsAsync<TableEntity>(SignInLinks.Hash(live), "link")).HasValue);
        var windows = tables.GetTableClient(RateLimiter.Table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {limiterKey}"));
        Assert.Empty(await windows.ToListAsync());
        Assert.False((await reminders.GetEntityIfExistsAsync<TableEntity>(roundId, "reviewer|2026-01-01")).HasValue);
        Assert.True((await reminders.GetEntityIfExistsAsync<TableEntity>(roundId, "reviewer|2026-01-03")).HasValue);
    }
}
