using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Email;
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
    // An email claim held when the fault struck is taken over after EmailOptions.ClaimTimeout, rechecked every RecheckAfter (the fault runner keeps the defaults).
    private static readonly TimeSpan EmailClaimExpiry = new EmailOptions().ClaimTimeout + new EmailOptions().RecheckAfter + TimeSpan.FromSeconds(20);

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
        await using (Sweeping())
        {
            await applicants.AssertEachSubmittedOnceAsync(EmailClaimExpiry, emailWindow: true);
        }
    }

    [Fact]
    public async Task Runner_StoppedHardWithWorkQueued_EverythingCompletesOnceAfterARestartAndASweep()
    {
        var applicants = await Applicants.ReadyAsync(faults, 6);

        var submits = applicants.All.Select(applicants.SubmitUntilAcceptedAsync).ToArray();
        await Task.WhenAny(submits);
        await faults.CrashAndRestartRunnerAsync();
        await Task.WhenAll(submits);

        await using (Sweeping())
        {
            await applicants.AssertEachSubmittedOnceAsync(EmailClaimExpiry, emailWindow: true);
        }
        Assert.Empty(await OutboxRowsAsync(applicants.All[0].RoundId));
    }

    [Fact]
    public async Task Submission_StorageLostBetweenTheCommitAndTheRelease_TheSweeperSendsItsWorkOnce()
    {
        var applicants = await Applicants.ReadyAsync(faults, 1);
        var applicant = applicants.All[0];
        faults.KillStorageAfterCommitOf = applicant.ApplicationId;

        HttpStatusCode status;
        using (var response = await faults.Client.SendAsync(applicant.Ngo.Bearer(HttpMethod.Post, $"/api/applications/{applicant.ApplicationId}/submit")))
        {
            status = response.StatusCode;
        }

        faults.Storage.Restore();

        // The change committed with its three outbox rows (screening, acknowledgement, audit); none was sent.
        Assert.Null(faults.KillStorageAfterCommitOf);
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"submit answered {(int)status}");
        Assert.Equal(3, (await OutboxRowsAsync(applicant.RoundId)).Count);
        Assert.Equal(0, await applicants.SubmissionAuditsAsync(applicant));

        await using (Sweeping())
        {
            await applicants.AssertEachSubmittedOnceAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Empty(await OutboxRowsAsync(applicant.RoundId));
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

        // Each submission puts four messages on three queues (screening; acknowledgement and screening email; audit entry),
        // and the fault hit every one of them. Not every send need have been copied: under load a copy can outlast the
        // request's deadline and fail (the original is on its queue; the row stays for the sweeper), and CI once counted
        // 15 copies of 16 sends with every application still screened and emailed once.
        var queues = faults.DuplicatedByQueue;
        foreach (var queue in new[] { ScreeningMessage.Queue, ApplicationEmailMessage.Queue, AuditMessage.Queue })
        {
            Assert.True(queues.GetValueOrDefault(queue) >= 1, $"no message on {queue} was sent twice ({string.Join(", ", queues.Select(q => $"{q.Key}: {q.Value}"))})");
        }

    }

    /// <summary>
    /// A submission whose outbox release was cut off is released by the sweeper a minute on (its grace); while the
    /// test waits, the sweeper runs every two seconds as its timer would a minute later.
    /// </summary>
    private AsyncSweeper Sweeping() => new(async () =>
    {
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + SweepOutbox.Grace + TimeSpan.FromSeconds(1));
        await ActivatorUtilities.CreateInstance<SweepOutbox>(faults.App.Services, later).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
    });

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

/// <summary>Runs an action every two seconds until disposed.</summary>
internal sealed class AsyncSweeper : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public AsyncSweeper(Func<Task> sweep) => loop = LoopAsync(sweep);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task LoopAsync(Func<Task> sweep)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            try
            {
                await sweep();
            }
            catch (Azure.RequestFailedException)
            {
                // Storage still coming back: the next pass sweeps.
            }
        }
    }
}
