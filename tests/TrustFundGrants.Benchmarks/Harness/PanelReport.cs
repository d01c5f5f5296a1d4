using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>The review-panel scenario's tables and verdicts, from its timed series, counted requests and checks.</summary>
internal static class PanelReport
{
    private const string Scenario = "review-panel";

    public static IReadOnlyList<Table> Build(
        BenchContext context,
        Setup setup,
        TimedSeries[] auto,
        IReadOnlyList<IReadOnlyList<string>> autoCalls,
        IReadOnlyList<PanelCheck> autoChecks,
        TimedSeries[] ranking,
        IReadOnlyList<IReadOnlyList<string>> rankingCalls,
        IReadOnlyList<PanelCheck> rankingChecks,
        LogCounter logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(auto);
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(logs);
        var (app, reads, concurrent, writes) = (auto[0].Times, auto[1].Times, auto[2].Times, auto[3].Times);
        var readsAndWrites = new Latencies(auto[1].Samples.Zip(auto[3].Samples, (r, w) => r + w));

        var autoTable = new Table(
            Fmt.Inv($"review-panel: auto-assignment, once per round of {setup.Eligible} eligible (+{setup.Ineligible} ineligible) applications, {setup.Rounds} rounds after a warm-up round (seeding {setup.Seeding.TotalSeconds:0} s, not timed)"),
            "what", "n", "median ms", "min ms", "max ms", "median vs raw scan");
        foreach (var series in auto)
        {
            var s = series.Times;
            autoTable.Add(series.Name, Fmt.Int(s.Count), Fmt.Ms(s.P50), Fmt.Ms(s.Min), Fmt.Ms(s.Max), Fmt.Ratio(s.P50 / reads.P50));
        }

        autoTable.Add("raw scan + raw writes one by one (what the function does against storage)", Fmt.Int(readsAndWrites.Count), Fmt.Ms(readsAndWrites.P50), Fmt.Ms(readsAndWrites.Min), Fmt.Ms(readsAndWrites.Max), Fmt.Ratio(readsAndWrites.P50 / reads.P50));
        var scan = setup.AutoScan;
        autoTable.Note(Fmt.Inv($"Each raw scan reads what the function reads, as untyped TableEntity rows: the round, {scan.Applications} eligible applications (RowKey, OrganisationId; the same filter and $select), {scan.Reviewers} panel reviewers, {scan.Conflicts} declarations from {scan.Reviewers} conflict partitions, {scan.Assignments} existing assignments. Both raw scans run just before the function on the same round, order alternating."));
        autoTable.Note(Fmt.Inv($"The raw writes store the same number of AssignmentEntity rows ({setup.Eligible * PanelRound.ReviewersPerApplication}) in transactions of 100 one after another, as the function does, in a scratch table; 'raw scan + raw writes' adds the two for each round."));

        var (get, full, typed, projected) = (ranking[0].Times, ranking[1].Times, ranking[2].Times, ranking[3].Times);
        var ratio = get.P50 / full.P50;
        var submitted = setup.Reviews.Count(a => !a.Recused && a.ReviewStatus == "Submitted");
        var rankingTable = new Table(
            Fmt.Inv($"review-panel: ranking of round 1 ({setup.Eligible} eligible applications, {setup.Reviews.Count} assignments, {submitted} submitted reviews), {get.Count} rounds, order rotating"),
            "what", "n", "p50 ms", "p95 ms", "min ms", "p50 vs raw scan");
        foreach (var series in ranking)
        {
            var s = series.Times;
            rankingTable.Add(series.Name, Fmt.Int(s.Count), Fmt.Ms(s.P50), Fmt.Ms(s.P95), Fmt.Ms(s.Min), Fmt.Ratio(s.P50 / full.P50));
        }

        rankingTable.Note(Fmt.Inv($"The raw scan reads what GetRanking reads: the round, the round's {setup.RankingScan.Assignments} assignments whole, {setup.RankingScan.Applications} eligible applications whole (same filter), as TableEntity rows; the typed scan reads them as AssignmentEntity and ApplicationEntity, as the function does. The projected scan selects only ApplicationId, ReviewerId, Recused, ReviewStatus, ScoresJson and RowKey, Reference, Title, RequestedMinor, Currency."));
        rankingTable.Note(Fmt.Inv($"Reviews as SaveReview leaves them: {submitted} submitted, {setup.Reviews.Count(a => a.ReviewStatus == "Draft")} drafts, {setup.Reviews.Count(a => a.ReviewStatus.Length == 0 && !a.Recused)} not started, {setup.Reviews.Count(a => a.Recused)} recused; submitted and draft reviews carry one to eight sentences of comments."));
        rankingTable.Note("Times are the client's: request sent to the last byte of the body, over keep-alive; the body is parsed after the clock stops.");

        var ratios = new Table("review-panel: ratios (same run)", "measure", "value", "target", "verdict");
        ratios.Add("ranking p50 / raw scan p50", Fmt.Ratio(ratio), Fmt.Inv($"<= {ReviewPanelTarget:0.0}x"), Fmt.Verdict(ratio <= ReviewPanelTarget));
        ratios.Add("ranking p50 / typed raw scan p50", Fmt.Ratio(get.P50 / typed.P50), "", "");
        ratios.Add("ranking p50 / projected raw scan p50", Fmt.Ratio(get.P50 / projected.P50), "", "");
        ratios.Add("raw scan p50 / projected raw scan p50 (what $select would save)", Fmt.Ratio(full.P50 / projected.P50), "", "");
        ratios.Add("raw scan p50 / projected concurrent raw scan p50 ($select and both queries at once)", Fmt.Ratio(full.P50 / ranking[4].Times.P50), "", "");
        ratios.Add("auto-assignment median / raw scan median", Fmt.Ratio(app.P50 / reads.P50), "reported", "");
        ratios.Add("auto-assignment median / (raw scan + raw writes) median", Fmt.Ratio(app.P50 / readsAndWrites.P50), "", "");
        ratios.Add("raw scan median / concurrent raw scan median (what reading conflicts at once would save)", Fmt.Ratio(reads.P50 / concurrent.P50), "", "");
        ratios.Add("raw writes one by one / several at a time, median", Fmt.Ratio(writes.P50 / auto[4].Times.P50), "", "");

        var autoOk = autoChecks.All(c => c.Pass);
        var rankingOk = rankingChecks.All(c => c.Pass);
        context.Check(new TargetCheck(
            Scenario, "auto-assignment: complete, no conflict, max-min load <= 1", autoOk ? "all checks pass" : "a check failed", "correct", autoOk,
            Fmt.Inv($"median {Fmt.Ms(app.P50)} ms = {Fmt.Ratio(app.P50 / reads.P50)} raw scan ({Fmt.Ms(reads.P50)} ms), {Fmt.Ratio(app.P50 / readsAndWrites.P50)} raw scan + writes; {setup.Rounds} rounds")));
        context.Check(new TargetCheck(
            Scenario, "ranking / raw scan p50", Fmt.Ratio(ratio), Fmt.Inv($"<= {ReviewPanelTarget:0.0}x"), ratio <= ReviewPanelTarget,
            Fmt.Inv($"ranking p50 {Fmt.Ms(get.P50)} ms, raw scan p50 {Fmt.Ms(full.P50)} ms, {setup.Eligible} applications")));
        context.Check(new TargetCheck(
            Scenario, "ranking: complete, sorted, scores match", rankingOk ? "all checks pass" : "a check failed", "correct", rankingOk, Fmt.Inv($"{get.Count} answers checked")));

        var tables = new List<Table> { autoTable, rankingTable, ratios, Memory(auto.Concat(ranking)), Requests(autoCalls, rankingCalls), Checks(autoChecks, rankingChecks) };
        if (logs.Total > 0)
        {
            tables.Add(Scenarios.SubmitScenario.Warnings("review-panel: the runner's warnings and errors during the scenario", logs));
        }

        return tables;
    }

    private const double ReviewPanelTarget = Scenarios.ReviewPanelScenario.Target;

    private static Table Memory(IEnumerable<TimedSeries> all)
    {
        var table = new Table(
            "review-panel: memory of this process (client + runner) during each operation",
            "operation", "peak RSS MB", "RSS growth MB", "GC heap growth MB", "allocated MB", "runner-side MB", "GCs 0/1/2");
        foreach (var series in all)
        {
            var m = series.Memory;
            table.Add(
                series.Name,
                MemoryReading.Mb(m.Max(r => r.PeakRss)),
                MemoryReading.Mb(m.Max(r => r.RssGrowth)),
                MemoryReading.Mb(m.Max(r => r.HeapGrowth)),
                MemoryReading.Mb((long)TimedSeries.Median(m.Select(r => r.Allocated))),
                series.RunnerAllocated.Count == 0 ? "-" : MemoryReading.Mb((long)TimedSeries.Median(series.RunnerAllocated)),
                Fmt.Inv($"{m.Sum(r => r.Gen0)}/{m.Sum(r => r.Gen1)}/{m.Sum(r => r.Gen2)}"));
        }

        table.Note("Method: " + MemoryWatch.Method + ". Each operation starts after a full blocking collection.");
        table.Note("Peaks and growth are the largest over the repetitions; allocated is the median per operation; GCs are summed over the repetitions. 'runner-side' is what the process allocated between the runner's middleware seeing the request and the response being written (one request at a time, so little else runs).");
        table.Note("RSS is the whole process's, with Server GC on 2 cores: its growth follows the GC's allocation budget more than what a request keeps; allocated bytes compare the function with the raw scan best.");
        return table;
    }

    private static Table Requests(IReadOnlyList<IReadOnlyList<string>> autoCalls, IReadOnlyList<IReadOnlyList<string>> rankingCalls)
    {
        var table = new Table("review-panel: storage requests per timed request, counted on the app's own clients", "request", "storage request", "count");
        foreach (var (name, calls) in new[] { ("auto-assign", autoCalls), ("ranking", rankingCalls) })
        {
            if (calls.Count == 0)
            {
                continue;
            }

            foreach (var kind in calls[^1].GroupBy(c => c, StringComparer.Ordinal))
            {
                table.Add(name, kind.Key, Fmt.Int(kind.Count()));
            }

            table.Add(name, "all", Fmt.Int(calls[^1].Count));
            var shapes = calls.Select(c => string.Join(',', c)).Distinct(StringComparer.Ordinal).Count();
            table.Note(Fmt.Inv($"{name}: the last measured request shown; {calls.Count} measured, {shapes} distinct sequence(s). A query of more than 1,000 rows is one request per page of 1,000 (continuation tokens)."));
        }

        return table;
    }

    private static Table Checks(IReadOnlyList<PanelCheck> autoChecks, IReadOnlyList<PanelCheck> rankingChecks)
    {
        var table = new Table("review-panel: correctness of every measured answer", "operation", "check", "measured (last)", "verdict");
        foreach (var check in autoChecks)
        {
            table.Add("auto-assign", check.What, check.Measured, Fmt.Verdict(check.Pass));
        }

        foreach (var check in rankingChecks)
        {
            table.Add("ranking", check.What, check.Measured, Fmt.Verdict(check.Pass));
        }

        table.Note("A verdict is PASS only if the check held for every measured round (auto-assign) or answer (ranking).");
        return table;
    }

    /// <summary>What the scenario seeded and what the raw scans found, for the tables' titles and notes.</summary>
    public sealed record Setup(
        int Eligible, int Ineligible, int Panel, int Declarations, int Rounds, TimeSpan Seeding, ScanCount AutoScan, ScanCount RankingScan, IReadOnlyList<AssignmentEntity> Reviews);
}
