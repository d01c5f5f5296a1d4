using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 11: GET /api/funds/{id}/dashboard, anonymous, through the runner, on a fund of 100 grants and one of
/// 100,000 (10,000 with --quick), against a raw point read of the large fund's dashboard row; interleaved
/// blocks in rotating order. Each fund's projection partition is seeded as the projector leaves it (the
/// dashboard row recomputed over all its grants, a facts row and an applied-event marker per grant:
/// <see cref="FundSeed.ProjectionAsync"/>), the large fund's for its first 10,000 grants, so 20,000 rows lie
/// beside the one the dashboard reads. Both dashboards are checked against the seeded totals first.
/// </summary>
internal sealed class DashboardScenario : IScenario
{
    public const double SizeTarget = 1.2;
    public const double RawTarget = 3.0;

    /// <summary>Grants of the large fund whose facts row and marker are seeded beside its dashboard row (see <see cref="FundSeed.ProjectionAsync"/>).</summary>
    public const int PartitionRows = 10_000;

    public string Name => "dashboard";

    public string Description => "public fund dashboard at 100 vs 100,000 grants, against a raw point read";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (rounds, perBlock, largeSize) = context.Quick ? (10, 20, 10_000) : (40, 50, 100_000);
        var tables = new TableServiceClient(context.ConnectionString);
        BenchContext.Progress(Fmt.Inv($"dashboard: seeding the projection partitions of a fund of 100 grants and one of {largeSize}"));
        var small = await FundSeed.FundAsync(tables, "Fund of 100 grants", cancellationToken);
        await FundSeed.ProjectionAsync(tables, small, 100, 100, cancellationToken);
        var large = await FundSeed.FundAsync(tables, Fmt.Inv($"Fund of {largeSize} grants"), cancellationToken);
        await FundSeed.ProjectionAsync(tables, large, largeSize, PartitionRows, cancellationToken);
        var (runner, address) = await RunnerHost.StartAsync(context, GrantApi.RunnerSettings(), null, null, cancellationToken);
        try
        {
            using var http = GrantApi.NewClient(address);
            var wrong = await CheckAsync(http, small, 100, cancellationToken) + await CheckAsync(http, large, largeSize, cancellationToken);
            context.Check(new TargetCheck(Name, "dashboard totals equal the seeded grants'", wrong.Length == 0 ? "equal" : wrong, "equal", wrong.Length == 0, "both funds"));

            var projections = tables.GetTableClient(ProjectionRows.Table);
            var samples = new Dictionary<string, List<double>> { ["small"] = [], ["large"] = [], ["raw"] = [] };
            async Task Block(string name, Func<Task> call)
            {
                for (var i = 0; i < perBlock; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await call();
                    samples[name].Add(Latencies.Since(start));
                }
            }

            async Task Dashboard(string fundId)
            {
                using var response = await http.GetAsync(new Uri($"/api/funds/{fundId}/dashboard", UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            Func<Task>[] calls =
            [
                () => Block("small", () => Dashboard(small)),
                () => Block("large", () => Dashboard(large)),
                () => Block("raw", async () => _ = await projections.GetEntityAsync<TableEntity>(large, ProjectionRows.Fund, cancellationToken: cancellationToken)),
            ];
            foreach (var call in calls)
            {
                await call();
            }

            samples.Values.ToList().ForEach(s => s.Clear());
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < calls.Length; k++)
                {
                    await calls[(round + k) % calls.Length]();
                }
            }

            var (s100, sLarge, raw) = (new Latencies(samples["small"]), new Latencies(samples["large"]), new Latencies(samples["raw"]));
            var sizeRatio = sLarge.P50 / s100.P50;
            var rawRatio = sLarge.P50 / raw.P50;
            var table = new Table("dashboard: GET /api/funds/{id}/dashboard (anonymous, through the runner), interleaved blocks", "path", "n", "p50 ms", "p95 ms", "p50 vs raw");
            table.Add("dashboard, 100 grants", Fmt.Int(s100.Count), Fmt.Ms(s100.P50), Fmt.Ms(s100.P95), Fmt.Ratio(s100.P50 / raw.P50));
            table.Add(Fmt.Inv($"dashboard, {largeSize} grants"), Fmt.Int(sLarge.Count), Fmt.Ms(sLarge.P50), Fmt.Ms(sLarge.P95), Fmt.Ratio(rawRatio));
            table.Add("raw SDK point read of the large fund's dashboard row", Fmt.Int(raw.Count), Fmt.Ms(raw.P50), Fmt.Ms(raw.P95), "1.00x");
            table.Note(Fmt.Inv($"large/100 p50 {sizeRatio:0.00}x (target <= {SizeTarget:0.0}); large/raw p50 {rawRatio:0.00}x (target <= {RawTarget:0.0})."));
            table.Note(Fmt.Inv($"Seeded: each fund's dashboard row recomputed over all its grants, with facts rows and event markers for up to {PartitionRows} of them beside it (Azurite's inserts slow down with the partition's size); the dashboard reads neither those nor the grants table."));
            context.Check(new TargetCheck(Name, Fmt.Inv($"dashboard p50, {largeSize} / 100 grants"), Fmt.Ratio(sizeRatio), Fmt.Inv($"<= {SizeTarget:0.00}x"), sizeRatio <= SizeTarget,
                Fmt.Inv($"{Fmt.Ms(s100.P50)} vs {Fmt.Ms(sLarge.P50)} ms")));
            context.Check(new TargetCheck(Name, "dashboard p50 / raw point read", Fmt.Ratio(rawRatio), Fmt.Inv($"<= {RawTarget:0.00}x"), rawRatio <= RawTarget,
                Fmt.Inv($"{Fmt.Ms(sLarge.P50)} vs {Fmt.Ms(raw.P50)} ms")));
            return [table];
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }
    }

    /// <summary>An empty string when the fund's anonymous dashboard shows the seeded grant count and committed total; else what differed.</summary>
    private static async Task<string> CheckAsync(HttpClient http, string fundId, int grants, CancellationToken cancellationToken)
    {
        var expected = FundSeed.Expected(Enumerable.Range(0, grants).Select(i => FundSeed.Grant(fundId, i)), []);
        using var response = await http.GetAsync(new Uri($"/api/funds/{fundId}/dashboard", UriKind.Relative), cancellationToken);
        var body = await GrantApi.JsonOf(response, cancellationToken);
        var shownGrants = body.GetProperty("grants").GetInt32();
        var committed = Minor(body.GetProperty("totals").GetProperty("committed"));
        var disbursed = Minor(body.GetProperty("totals").GetProperty("disbursed"));
        return shownGrants == expected.Grants && committed == expected.Committed && disbursed == expected.Disbursed
            ? string.Empty
            : Fmt.Inv($"{fundId}: {shownGrants} grants, {committed} committed, {disbursed} disbursed; expected {expected}. ");
    }

    public static long Minor(JsonElement amount) =>
        (long)(decimal.Parse(amount.GetProperty("amount").GetString()!, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) * 100);
}
