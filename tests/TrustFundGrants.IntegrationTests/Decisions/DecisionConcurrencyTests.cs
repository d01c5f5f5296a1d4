using System.Net;
using Azure.Data.Tables;
using CsCheck;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Decisions;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Decisions;

/// <summary>
/// Many Secretariat members deciding, changing decisions, withdrawing and releasing at once: no spurious
/// 412, and the round's ledger always equals the approvals held and released, within the envelope.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class DecisionConcurrencyTests(RunnerFixture runner)
{
    private const long Requested = 45_000_00;

    private HttpClient Client => runner.Client;

    // Sixteen deciders queue on one ledger row; on a loaded two-core CI machine one decision can wait longer
    // than the shared client's 30 s, which is the machine's speed, not a refusal; one queued past the app's request
    // deadline is answered 503 with Retry-After and resent after it, as a client would (the answer once given is what counts).
    private HttpClient Patient { get; } = new(new ResendAfterRetryAfter(maxResends: 4)) { BaseAddress = runner.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    // About two minutes on a loaded two-core machine: a trait of its own, so a quick run can leave it out.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Decide_16ClientsTimes40Decisions_NoSpurious412_AndTheEnvelopeIsNeverExceeded()
    {
        const long envelope = 200_000_00;
        var (setup, ids) = await RoundWithEligibleAsync(16, "200000.00", organisationId: Guid.NewGuid().ToString());
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var watch = WatchLedgerAsync(setup.RoundId, envelope, stop.Token);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var i = 0; i < 40; i++)
            {
                var (id, outcome, amount) = (ids[random.Next(ids.Length)], random.Next(3), random.Next(1, 450) * 100_00);
                using var response = await DecideAsync(setup.Secretariat, id, outcome, amount, Patient);
                statuses.Add(response.StatusCode);
            }
        })));
        await stop.CancelAsync();
        var highest = await watch;

        Assert.Equal(640, statuses.Count);
        Assert.Equal(0, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"unexpected {s}"));
        Assert.True(highest <= envelope, $"the ledger reached {highest}");
        var (ledger, approvals) = await LedgerAndApprovalsAsync(setup.RoundId);
        Assert.Equal(approvals, ledger);
    }

    [Fact]
    public async Task DecideChangeWithdrawRelease_RandomConcurrentSequences_LedgerIsAlwaysTheHeldAndReleasedApprovals()
    {
        var ops = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[1, 450]).Array[8, 24];
        await ops.SampleAsync(
            async sequence =>
            {
                var secretariat = await runner.SecretariatAsync();
                var ngo = await ApplicationSetupNgoAsync(secretariat);
                var (setup, ids) = await RoundWithEligibleAsync(6, "150000.00", ngo.OrganisationId, secretariat);
                foreach (var batch in sequence.Chunk(4))
                {
                    var responses = await Task.WhenAll(batch.Select(op => ApplyAsync(setup, ngo.Session, ids, op)));
                    Assert.All(responses, r => Assert.NotEqual(HttpStatusCode.PreconditionFailed, r));
                    var (ledger, approvals) = await LedgerAndApprovalsAsync(setup.RoundId);
                    Assert.Equal(approvals, ledger);
                    Assert.True(ledger <= 150_000_00, $"the ledger is {ledger}");
                }
            },
            iter: 4,
            threads: 1);
    }

    /// <summary>Kinds 0-2 decide (approve, reject, waitlist), 3 approves again (a change), 4 withdraws, 5 releases.</summary>
    private async Task<HttpStatusCode> ApplyAsync(ApplicationSetup setup, Session ngo, string[] ids, (int Kind, int Application, int Hundreds) op)
    {
        var id = ids[op.Application];
        using var response = op.Kind switch
        {
            4 => await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/withdraw")),
            5 => await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{setup.RoundId}/decisions/release")),
            _ => await DecideAsync(setup.Secretariat, id, op.Kind % 3, op.Hundreds * 100_00),
        };
        return response.StatusCode;
    }

    /// <summary>
    /// Sends as a client told "retry later" would: a 503 (a decision that waited on the ledger past the app's request
    /// deadline, as on a loaded CI machine) is sent again after its Retry-After. What is under test is the answer once
    /// the app answers: never a spurious 412, and a decision that did land is never counted twice by its retry.
    /// </summary>
    private Task<HttpResponseMessage> DecideAsync(Session secretariat, string id, int outcome, long approvedMinor, HttpClient? client = null) =>
        (client ?? Client).SendAsync(secretariat.Bearer(HttpMethod.Post, $"/api/applications/{id}/decision", outcome switch
        {
            0 => new { outcome = "approved", rationale = "Strong.", approvedAmount = new { amount = (approvedMinor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = "USD" } },
            1 => (object)new { outcome = "rejected", rationale = "Weak." },
            _ => new { outcome = "waitlisted", rationale = "If money frees up." },
        }));

    private async Task<(Session Session, string OrganisationId)> ApplicationSetupNgoAsync(Session secretariat)
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, secretariat);
        var ngo = await setup.NgoAsync();
        using var me = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (ngo, (await ApplicationSetup.Json(me)).GetProperty("organisationId").GetString()!);
    }

    /// <summary>A round with <paramref name="count"/> eligible applications, written straight to storage (screening is not what is under test).</summary>
    private async Task<(ApplicationSetup Setup, string[] Ids)> RoundWithEligibleAsync(int count, string envelope, string organisationId, Session? secretariat = null)
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, secretariat ?? await runner.SecretariatAsync(), envelope: envelope);
        var store = new ApplicationStore(new TableServiceClient(runner.Azurite.ConnectionString));
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var application = new ApplicationEntity
            {
                PartitionKey = setup.RoundId,
                RowKey = Guid.CreateVersion7().ToString(),
                OrganisationId = organisationId,
                Status = "Eligible",
                Title = $"Application {i}",
                Currency = "USD",
                RequestedMinor = Requested,
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            await store.AddKeyAsync(application, CancellationToken.None);
            await store.Client.AddEntityAsync(application);
            ids[i] = application.RowKey;
        }

        return (setup, ids);
    }

    private async Task<(long Ledger, long Approvals)> LedgerAndApprovalsAsync(string roundId)
    {
        var table = new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(ApplicationStore.Table);
        var ledger = await table.GetEntityIfExistsAsync<RoundLedger>(roundId, RoundLedger.Row);
        long approvals = 0;
        await foreach (var application in table.QueryAsync<ApplicationEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and Status ne {string.Empty}")))
        {
            approvals += application.ApprovedMinor ?? 0;
        }

        return (ledger.HasValue ? ledger.Value!.ApprovedMinor : 0, approvals);
    }

    private async Task<long> WatchLedgerAsync(string roundId, long envelope, CancellationToken stop)
    {
        var table = new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(ApplicationStore.Table);
        long highest = 0;
        while (!stop.IsCancellationRequested)
        {
            var ledger = await table.GetEntityIfExistsAsync<RoundLedger>(roundId, RoundLedger.Row, cancellationToken: CancellationToken.None);
            highest = Math.Max(highest, ledger.HasValue ? ledger.Value!.ApprovedMinor : 0);
            Assert.True(highest <= envelope, $"the ledger reached {highest}");
            await Task.Delay(50, CancellationToken.None);
        }

        return highest;
    }
}
