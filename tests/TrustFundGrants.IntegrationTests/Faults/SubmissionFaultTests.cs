using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Faults;

/// <summary>
/// Submissions under the faults an operator meets: storage dying mid-burst, the runner dying with work queued,
/// every queue message delivered twice and out of order. Nothing is lost and nothing happens twice.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SubmissionFaultTests(FaultFixture faults)
{
    [Fact]
    public async Task Submissions_StorageKilledMidBurst_EveryClientEndsEligibleWithOneAcknowledgementAndOneAuditEntry()
    {
        var applicants = await Applicants.ReadyAsync(faults, 8);

        var submits = applicants.All.Select(applicants.SubmitUntilAcceptedAsync).ToArray();
        await Task.Delay(150);
        faults.Storage.Kill();
        await Task.Delay(1500);
        faults.Storage.Restore();
        var first = await Task.WhenAll(submits);

        Assert.All(first, s => Assert.True(s is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable or 0, $"first answer {(int?)s}"));
        await SweepAsMinuteOnAsync();
        await applicants.AssertEachSubmittedOnceAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Runner_StoppedHardWithWorkQueued_EverythingCompletesOnceAfterARestartAndASweep()
    {
        var applicants = await Applicants.ReadyAsync(faults, 6);

        var submits = applicants.All.Select(applicants.SubmitUntilAcceptedAsync).ToArray();
        await Task.WhenAny(submits);
        await faults.CrashAndRestartRunnerAsync();
        var first = await Task.WhenAll(submits);
        await SweepAsMinuteOnAsync();

        await applicants.AssertEachSubmittedOnceAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await OutboxRowsAsync(applicants.All[0].RoundId));
    }

    [Fact]
    public async Task Messages_DuplicatedAndDelayedOnEveryQueue_EachApplicationIsScreenedAndEmailedOnce()
    {
        var applicants = await Applicants.ReadyAsync(faults, 4);
        faults.DuplicateEnqueues = true;
        try
        {
            await Task.WhenAll(applicants.All.Select(applicants.SubmitUntilAcceptedAsync));
            await applicants.AssertEachSubmittedOnceAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            faults.DuplicateEnqueues = false;
        }

        Assert.True(faults.DuplicatedEnqueues >= applicants.All.Count * 5, $"{faults.DuplicatedEnqueues} messages were duplicated");
    }

    /// <summary>
    /// A submission whose outbox release was cut off is released by the sweeper, a minute on (its grace): run it as
    /// its timer would then, once the work already released has had its chance.
    /// </summary>
    private async Task SweepAsMinuteOnAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + SweepOutbox.Grace + TimeSpan.FromSeconds(1));
        await ActivatorUtilities.CreateInstance<SweepOutbox>(faults.App.Services, later).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
    }

    private async Task<List<string>> OutboxRowsAsync(string roundId)
    {
        var table = new TableServiceClient(faults.StorageConnectionString).GetTableClient(ApplicationStore.Table);
        var rows = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {OutboxEntry.RowKeyPrefix} and RowKey lt {OutboxEntry.RowKeyEnd}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            rows.Add(row.RowKey);
        }

        return rows;
    }
}
