using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 5: a closed round with 2,000 eligible applications from as many NGOs and a panel of 40 (a
/// third with declared conflicts), written straight into the app's tables with its own entity types.
/// POST .../assignments/auto and GET .../ranking through the runner, each against the raw reads of
/// the same entities in the same run, with the process's memory watched during every operation and
/// the result checked (<see cref="PanelChecks"/>).
/// </summary>
internal sealed class ReviewPanelScenario : IScenario
{
    public const double Target = 2.0;
    private const int Panel = 40;
    private const int ConflictsPerReviewer = 12;
    private const int SeedParallel = 8;
    private const int WriteParallel = 4;
    private const string AutoLabel = "auto-assign";
    private const string RankingLabel = "ranking";

    public string Name => "review-panel";

    public string Description => "2,000 eligible applications, 40 reviewers: auto-assignment and ranking vs raw scans of the same entities, peak memory (issue 5)";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        // Auto-assignment runs once per round (a second run finds no gap), so it is repeated on rounds of the same size.
        var (eligible, ineligible, rounds, warmEligible, rankingWarmup, rankingRuns) = context.Quick
            ? (300, 30, 2, 40, 1, 5)
            : (2000, 200, 3, 100, 2, 11);
        var calls = new StorageCalls(context.Azurite.Ports);
        var allocations = new RunnerAllocations();
        var logs = new LogCounter();

        BenchContext.Progress("review-panel: starting the runner (storage requests and allocations counted per timed request)");
        var (runner, address) = await RunnerHost.StartAsync(
            context,
            GrantApi.RunnerSettings(),
            services =>
            {
                calls.AddTo(services);
                services.AddSingleton<ILoggerProvider>(logs);
            },
            app =>
            {
                calls.MapScope(app, r => Label(r) is not null);
                allocations.Map(app, Label);
            },
            cancellationToken);
        try
        {
            using var api = new GrantApi(address);
            var secretariat = await api.SecretariatAsync(cancellationToken);
            using var client = GrantApi.NewClient(address);
            client.Timeout = TimeSpan.FromMinutes(10);

            var prepared = Stopwatch.GetTimestamp();
            var organisations = Enumerable.Range(0, eligible + ineligible).Select(_ => Guid.CreateVersion7().ToString()).ToArray();
            var (panel, conflicts) = PanelRound.Panel(Panel, organisations, ConflictsPerReviewer);
            var warm = PanelRound.Build(warmEligible, 0, organisations, panel, conflicts);
            var measured = Enumerable.Range(0, rounds).Select(_ => PanelRound.Build(eligible, ineligible, organisations, panel, conflicts)).ToArray();
            BenchContext.Progress(Fmt.Inv($"review-panel: seeding {rounds} closed rounds of {eligible} eligible + {ineligible} ineligible applications and a {warmEligible}-application warm-up round, {Panel} reviewers, {conflicts.Length} declarations"));
            var seed = new PanelSeed(context.ConnectionString, SeedParallel);
            await seed.WriteAsync(warm, withConflicts: true, cancellationToken);
            foreach (var round in measured)
            {
                await seed.WriteAsync(round, withConflicts: false, cancellationToken);
            }

            var seeding = Stopwatch.GetElapsedTime(prepared);
            var raw = new RawPanelScan(context.ConnectionString);
            var scratch = new TableClient(context.ConnectionString, "benchpanel" + Guid.NewGuid().ToString("N")[..8]);
            await scratch.CreateIfNotExistsAsync(cancellationToken);

            var auto = new TimedSeries("POST /api/rounds/{id}/assignments/auto through the runner");
            var rawReads = new TimedSeries("raw scan: the same reads, same order (40 conflict partitions one by one)");
            var rawConcurrent = new TimedSeries("raw scan, conflict partitions read concurrently");
            var rawWrites = new TimedSeries("raw writes: the same rows, transactions of 100 one by one");
            var rawWritesParallel = new TimedSeries(Fmt.Inv($"raw writes, {WriteParallel} transactions at a time"));
            var planning = new TimedSeries("in process, no I/O: ReviewerAssignment.Plan on the same facts");
            var autoChecks = new List<PanelCheck>();
            var autoCalls = new List<IReadOnlyList<string>>();
            ScanCount? autoScan = null;

            BenchContext.Progress("review-panel: warm-up auto-assignment and raw reads on the small round");
            await RawAutoAsync(raw, warm, rawReads, rawConcurrent, 0, record: false, cancellationToken);
            await auto.RunAsync(() => PostAsync(client, secretariat, $"/api/rounds/{warm.RoundId}/assignments/auto", cancellationToken), record: false);
            await WritesAsync(scratch, warm, rawWrites, rawWritesParallel, 0, record: false, cancellationToken);

            for (var r = 0; r < rounds; r++)
            {
                var round = measured[r];
                BenchContext.Progress(Fmt.Inv($"review-panel: round {r + 1} of {rounds}: raw reads, then auto-assignment through the runner, then raw writes"));
                autoScan = await RawAutoAsync(raw, round, rawReads, rawConcurrent, r, record: true, cancellationToken);
                var body = await auto.RunAsync(() => PostAsync(client, secretariat, $"/api/rounds/{round.RoundId}/assignments/auto", cancellationToken));
                auto.AddRunnerAllocated(allocations.Last(AutoLabel));
                autoCalls.Add(calls.PerRequest[^1]);
                await WritesAsync(scratch, round, rawWrites, rawWritesParallel, r, record: true, cancellationToken);
                await planning.RunAsync(() => Task.FromResult(Plan(round)));
                var stored = await ReviewStores.PartitionAsync<AssignmentEntity>(seed.Stores.Assignments, round.RoundId, cancellationToken);
                autoChecks = Merge(autoChecks, PanelChecks.Assignment(round, Json(body), stored));
            }

            var ranked = measured[0];
            BenchContext.Progress(Fmt.Inv($"review-panel: seeding reviews on round 1's assignments, then {rankingWarmup} warm-up and {rankingRuns} measured rounds of ranking and four raw scans, order rotating"));
            var reviews = await seed.ReviewAsync(ranked.RoundId, cancellationToken);
            var ranking = new TimedSeries("GET /api/rounds/{id}/ranking through the runner");
            var rankingRaw = new TimedSeries("raw scan: the same reads, whole rows, same order");
            var rankingTyped = new TimedSeries("raw scan as the function's typed entities");
            var rankingProjected = new TimedSeries("raw scan, only the columns the ranking uses ($select)");
            var rankingConcurrent = new TimedSeries("raw scan, $select and the two queries at once");
            var rankingCalls = new List<IReadOnlyList<string>>();
            var rankingChecks = new List<PanelCheck>();
            ScanCount? rankingScan = null;
            for (var i = 0; i < rankingWarmup + rankingRuns; i++)
            {
                var record = i >= rankingWarmup;
                for (var k = 0; k < 5; k++)
                {
                    switch ((i + k) % 5)
                    {
                        case 0:
                            var body = await ranking.RunAsync(() => GetAsync(client, secretariat, $"/api/rounds/{ranked.RoundId}/ranking", cancellationToken), record);
                            if (record)
                            {
                                ranking.AddRunnerAllocated(allocations.Last(RankingLabel));
                                rankingCalls.Add(calls.PerRequest[^1]);
                                rankingChecks = Merge(rankingChecks, PanelChecks.Ranking(ranked, Json(body), reviews));
                            }

                            break;
                        case 1:
                            rankingScan = await rankingRaw.RunAsync(() => raw.RankingReadsAsync(ranked.RoundId, RankingRead.Whole, cancellationToken), record);
                            break;
                        case 2:
                            await rankingTyped.RunAsync(() => raw.RankingReadsAsync(ranked.RoundId, RankingRead.Typed, cancellationToken), record);
                            break;
                        case 3:
                            await rankingProjected.RunAsync(() => raw.RankingReadsAsync(ranked.RoundId, RankingRead.Projected, cancellationToken), record);
                            break;
                        default:
                            await rankingConcurrent.RunAsync(() => raw.RankingReadsAsync(ranked.RoundId, RankingRead.ProjectedConcurrent, cancellationToken), record);
                            break;
                    }
                }
            }

            return PanelReport.Build(
                context,
                new PanelReport.Setup(eligible, ineligible, Panel, conflicts.Length, rounds, seeding, autoScan!, rankingScan!, reviews),
                [auto, rawReads, rawConcurrent, rawWrites, rawWritesParallel, planning],
                autoCalls,
                autoChecks,
                [ranking, rankingRaw, rankingTyped, rankingProjected, rankingConcurrent],
                rankingCalls,
                rankingChecks,
                logs);
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }
    }

    private static string? Label(HttpRequest request) => request.Path.Value switch
    {
        { } p when HttpMethods.IsPost(request.Method) && p.EndsWith("/assignments/auto", StringComparison.Ordinal) => AutoLabel,
        { } p when HttpMethods.IsGet(request.Method) && p.EndsWith("/ranking", StringComparison.Ordinal) => RankingLabel,
        _ => null,
    };

    /// <summary>The two raw read variants on one round, order alternating between rounds; both see the round before any assignment exists, as the function does.</summary>
    private static async Task<ScanCount> RawAutoAsync(RawPanelScan raw, PanelRound round, TimedSeries inOrder, TimedSeries concurrent, int index, bool record, CancellationToken cancellationToken)
    {
        ScanCount? count = null;
        for (var k = 0; k < 2; k++)
        {
            if ((index + k) % 2 == 0)
            {
                count = await inOrder.RunAsync(() => raw.AutoAssignReadsAsync(round.RoundId, concurrent: false, cancellationToken), record);
            }
            else
            {
                await concurrent.RunAsync(() => raw.AutoAssignReadsAsync(round.RoundId, concurrent: true, cancellationToken), record);
            }
        }

        return count!;
    }

    /// <summary>The function's planning step alone, on the facts it reads from storage, to show how much of its time is CPU.</summary>
    private static int Plan(PanelRound round) => ReviewerAssignment.Plan(
        round.Eligible.Select(a => new EligibleApplication(a.RowKey, a.OrganisationId)),
        round.Reviewers,
        round.Conflicts.Select(c => new DeclaredConflict(c.PartitionKey, c.RowKey)),
        [],
        PanelRound.ReviewersPerApplication).Assignments.Count;

    /// <summary>The writes one by one and several at a time, order alternating between rounds.</summary>
    private static async Task WritesAsync(TableClient scratch, PanelRound round, TimedSeries oneByOne, TimedSeries parallel, int index, bool record, CancellationToken cancellationToken)
    {
        var applications = round.Eligible.ToArray();
        for (var k = 0; k < 2; k++)
        {
            var (series, width) = (index + k) % 2 == 0 ? (oneByOne, 1) : (parallel, WriteParallel);
            await series.RunAsync(() => Done(RawPanelScan.AssignmentWritesAsync(scratch, applications, round.Reviewers, PanelRound.ReviewersPerApplication, width, cancellationToken)), record);
        }
    }

    /// <summary>A failed check stays failed across repetitions; otherwise the latest figures stand.</summary>
    private static List<PanelCheck> Merge(List<PanelCheck> so, List<PanelCheck> now) =>
        so.Count == 0 ? now : now.Zip(so, (n, s) => n with { Pass = n.Pass && s.Pass }).ToList();

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    private static JsonElement Json(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static Task<byte[]> PostAsync(HttpClient client, string secretariat, string uri, CancellationToken cancellationToken) =>
        SendAsync(client, GrantApi.Bearer(HttpMethod.Post, uri, secretariat), cancellationToken);

    private static Task<byte[]> GetAsync(HttpClient client, string secretariat, string uri, CancellationToken cancellationToken) =>
        SendAsync(client, GrantApi.Bearer(HttpMethod.Get, uri, secretariat), cancellationToken);

    /// <summary>The whole body as bytes, parsed only after the clock stops, so the client's JSON work is not in the time.</summary>
    private static async Task<byte[]> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? body
                : throw new InvalidOperationException(Fmt.Inv($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}"));
        }
    }
}
