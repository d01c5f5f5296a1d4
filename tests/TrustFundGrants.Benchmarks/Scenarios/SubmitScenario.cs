using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.LocalRunner.DevMail;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// POST /api/applications/{id}/submit through the runner, each on a fresh complete draft made
/// beforehand through the API, against the storage operations the submit performs done straight with
/// the SDK on equivalent fresh rows (<see cref="RawSubmit"/>), one of each in turn with the order
/// alternating. A pipeline policy on the app's own storage clients counts what each submit really
/// sends, so the raw list is checked against the code, not only read off it.
/// </summary>
internal sealed class SubmitScenario : IScenario
{
    public const double Target = 1.5;
    private const int Parallel = 8;
    private static readonly TimeSpan SettleTail = TimeSpan.FromMilliseconds(20);

    public string Name => "submit";

    public string Description => "POST /api/applications/{id}/submit p50 vs the raw storage operations it performs (same run)";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (warmup, measured) = context.Quick ? (10, 60) : (40, 400);
        var total = warmup + measured;
        var calls = new StorageCalls(context.Azurite.Ports);
        var logs = new LogCounter();

        BenchContext.Progress("submit: starting the runner (its storage clients counted per submit request)");
        var (runner, address) = await RunnerHost.StartAsync(
            context,
            GrantApi.RunnerSettings(),
            services =>
            {
                calls.AddTo(services);
                services.AddSingleton<ILoggerProvider>(logs);
            },
            app => calls.MapScope(app, r => HttpMethods.IsPost(r.Method) && r.Path.Value?.EndsWith("/submit", StringComparison.Ordinal) == true),
            cancellationToken);
        try
        {
            using var api = new GrantApi(address);
            var prepared = Stopwatch.GetTimestamp();
            var secretariat = await api.SecretariatAsync(cancellationToken);
            var roundId = await api.OpenRoundAsync(secretariat, cancellationToken);
            var ngos = await api.NgosAsync(4, 4, cancellationToken);
            BenchContext.Progress(Fmt.Inv($"submit: preparing {total} complete drafts through the API ({Parallel} at a time)"));
            var drafts = await api.ReadyDraftsAsync(Enumerable.Range(0, total).Select(i => ngos[i % ngos.Length]).ToArray(), roundId, Parallel, cancellationToken);

            BenchContext.Progress(Fmt.Inv($"submit: copying a draft, its document and its round {total} times for the raw sequence"));
            var source = await AppRows.ReadAsync(context.ConnectionString, roundId, drafts[^1].Id, cancellationToken);
            var raw = await RawSubmit.CreateAsync(context.ConnectionString, "submit", source, cancellationToken);
            var rawIds = await raw.PrepareAsync(total, Parallel, cancellationToken);
            var preparation = Stopwatch.GetElapsedTime(prepared);

            using var client = GrantApi.NewClient(address);
            var submits = new List<double>(measured);
            var sequences = new List<double>(measured);
            var withKey = new List<double>(measured);
            var keyReads = new List<double>(measured);
            var pairRatios = new List<double>(measured);
            var steps = RawSubmit.Steps.Select(_ => new List<double>(measured)).ToArray();
            var stepTimes = new double[RawSubmit.Steps.Length];
            var chains = new List<double>(total);
            var mails = runner.Services.GetRequiredService<MailCatcher>();

            BenchContext.Progress(Fmt.Inv($"submit: {warmup} warm-up pairs, then {measured} pairs (one submit, one raw sequence; order alternating)"));
            for (var i = 0; i < total; i++)
            {
                double submit = 0;
                double sequence = 0;
                double key = 0;
                for (var k = 0; k < 2; k++)
                {
                    if ((i + k) % 2 == 0)
                    {
                        (submit, var reference) = await SubmitAsync(client, drafts[i], cancellationToken);
                        chains.Add(await SettleAsync(mails, reference, cancellationToken));
                    }
                    else
                    {
                        var start = Stopwatch.GetTimestamp();
                        await raw.KeyReadAsync(rawIds[i], cancellationToken);
                        key = Latencies.Since(start);
                        start = Stopwatch.GetTimestamp();
                        await raw.RunAsync(rawIds[i], stepTimes, cancellationToken);
                        sequence = Latencies.Since(start);
                    }
                }

                if (i < warmup)
                {
                    continue;
                }

                submits.Add(submit);
                sequences.Add(sequence);
                keyReads.Add(key);
                withKey.Add(sequence + key);
                pairRatios.Add(submit / sequence);
                for (var s = 0; s < steps.Length; s++)
                {
                    steps[s].Add(stepTimes[s]);
                }
            }

            var (sub, seq, keyed, keyStats, pairs) = (new Latencies(submits), new Latencies(sequences), new Latencies(withKey), new Latencies(keyReads), new Latencies(pairRatios));
            var ratio = sub.P50 / seq.P50;

            var latency = new Table(
                Fmt.Inv($"submit: {measured} pairs after {warmup} warm-up, sequential, order alternating (preparation {preparation.TotalSeconds:0} s, not timed)"),
                "what", "n", "p50 ms", "p95 ms", "mean ms", "p50 vs raw");
            latency.Add("POST /api/applications/{id}/submit through the runner (202)", Fmt.Int(sub.Count), Fmt.Ms(sub.P50), Fmt.Ms(sub.P95), Fmt.Ms(sub.Mean), Fmt.Ratio(ratio));
            latency.Add(Fmt.Inv($"raw sequence: the {RawSubmit.Steps.Length} storage operations it performs"), Fmt.Int(seq.Count), Fmt.Ms(seq.P50), Fmt.Ms(seq.P95), Fmt.Ms(seq.Mean), Fmt.Ratio(1));
            for (var s = 0; s < steps.Length; s++)
            {
                var step = new Latencies(steps[s]);
                latency.Add("  " + RawSubmit.Steps[s], Fmt.Int(step.Count), Fmt.Ms(step.P50), Fmt.Ms(step.P95), Fmt.Ms(step.Mean), Fmt.Ratio(step.P50 / seq.P50));
            }

            latency.Add("application key point read (not performed here: cached)", Fmt.Int(keyStats.Count), Fmt.Ms(keyStats.P50), Fmt.Ms(keyStats.P95), Fmt.Ms(keyStats.Mean), Fmt.Ratio(keyStats.P50 / seq.P50));
            latency.Add("raw sequence + key point read", Fmt.Int(keyed.Count), Fmt.Ms(keyed.P50), Fmt.Ms(keyed.P95), Fmt.Ms(keyed.Mean), Fmt.Ratio(keyed.P50 / seq.P50));
            latency.Note("Each submit is on its own complete draft (created, filled and its PDF uploaded through the API beforehand); each raw sequence on its own copy of such a draft, its document row and key row, in tables of the same size.");
            latency.Note("The submit time is the client's: request sent to the 202's last byte over keep-alive, through the runner's HTTP pipeline, session check, the function and the JSON receipt.");
            var chainStats = new Latencies(chains);
            latency.Note(Fmt.Inv(
                $"Each submit starts background work (outbox dispatch, screening, two emails); the next operation is timed only once both emails are captured (p50 {Fmt.Ms(chainStats.P50)} ms, max {Fmt.Ms(chainStats.Max)} ms after the 202) plus {SettleTail.TotalMilliseconds:0} ms, so neither side carries another submit's follow-up work."));

            var counted = CountedCalls(calls);
            var keyCached = counted.Perform.All(p => !p.Contains("applicationkeys", StringComparison.Ordinal));
            latency.Note(keyCached
                ? "The application-key lookup (ApplicationStore.FindAsync) never ran in these submits: the drafts were created through this runner, which caches every id's round from AddAsync on for the life of the process. A submit on another instance (Flex Consumption scales out) would read it once: see 'raw sequence + key point read'."
                : "Some submits read the application-key table (the cache in ApplicationStore missed); compare with 'raw sequence + key point read'.");

            var ratios = new Table("submit: ratios (same run)", "measure", "value", "target", "verdict");
            ratios.Add("submit p50 / raw sequence p50", Fmt.Ratio(ratio), Fmt.Inv($"<= {Target:0.0}x"), Fmt.Verdict(ratio <= Target));
            ratios.Add("median of per-pair ratios (submit / raw)", Fmt.Ratio(pairs.P50), "", "");
            ratios.Add("submit minus raw sequence, p50 (ms)", Fmt.Ms(sub.P50 - seq.P50), "", "");
            ratios.Add("submit p50 / (raw sequence + key read) p50", Fmt.Ratio(sub.P50 / keyed.P50), "", "");
            ratios.Add("sum of the raw steps' p50s / raw sequence p50", Fmt.Ratio(steps.Sum(s => new Latencies(s).P50) / seq.P50), "", "");

            context.Check(new TargetCheck(
                Name, "submit / raw storage ops p50", Fmt.Ratio(ratio), Fmt.Inv($"<= {Target:0.0}x"), ratio <= Target,
                Fmt.Inv($"submit p50 {Fmt.Ms(sub.P50)} ms, raw p50 {Fmt.Ms(seq.P50)} ms ({counted.Summary})")));
            var tables = new List<Table> { latency, ratios, counted.Table };
            if (logs.Total > 0)
            {
                tables.Add(Warnings("submit: the runner's warnings and errors during the scenario", logs));
            }

            return tables;
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }
    }

    public static Table Warnings(string title, LogCounter logs)
    {
        var table = new Table(title, "level category: message", "count");
        foreach (var (key, count) in logs.Counts.OrderByDescending(c => c.Value))
        {
            table.Add(key, Fmt.Int(count));
        }

        foreach (var sample in logs.Samples.Take(5))
        {
            table.Note(sample);
        }

        return table;
    }

    /// <summary>
    /// Waits until the submit's background work is done (its acknowledgement and screening emails are
    /// in the runner's mail catcher), then a moment for the last claim update and message deletes, so
    /// no submit's follow-up work lands on the next timed operation. Returns how long that took.
    /// </summary>
    private static async Task<double> SettleAsync(MailCatcher mails, string reference, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (30 * Stopwatch.Frequency);
        while (mails.All.Count(m => m.Subject.EndsWith(reference, StringComparison.Ordinal)) < 2)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"The acknowledgement and screening emails for {reference} did not arrive within 30 s.");
            }

            await Task.Delay(2, cancellationToken);
        }

        var chain = Latencies.Since(start);
        await Task.Delay(SettleTail, cancellationToken);
        return chain;
    }

    private static async Task<(double Milliseconds, string Reference)> SubmitAsync(HttpClient client, Draft draft, CancellationToken cancellationToken)
    {
        using var request = GrantApi.Bearer(HttpMethod.Post, $"/api/applications/{draft.Id}/submit", draft.Owner.Token);
        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var elapsed = Latencies.Since(start);
        var receipt = await GrantApi.JsonOf(response, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted || receipt.GetProperty("status").GetString() != "Submitted")
        {
            throw new InvalidOperationException($"Submitting {draft.Id} answered {(int)response.StatusCode}: {receipt}");
        }

        return (elapsed, receipt.GetProperty("reference").GetString()!);
    }

    /// <summary>The storage requests of each submit, as the pipeline policy saw them, grouped by sequence.</summary>
    private static (Table Table, IReadOnlyList<string> Perform, string Summary) CountedCalls(StorageCalls calls)
    {
        var table = new Table("submit: storage requests per submit, counted on the app's own clients", "sequence of storage requests in one submit", "submits");
        var groups = calls.PerRequest.GroupBy(r => string.Join(" -> ", r)).OrderByDescending(g => g.Count()).ToArray();
        foreach (var group in groups)
        {
            table.Add(Fmt.Inv($"{group.First().Count} requests: {group.Key}"), Fmt.Int(group.Count()));
        }

        table.Note("Counted by a pipeline policy added to the app's Azure clients, for storage requests made while the runner handled a POST .../submit (warm-up included).");
        table.Note(Fmt.Inv($"The raw sequence does the same, in the same order: {string.Join(", ", RawSubmit.Steps)}."));
        var main = groups.Length == 0 ? "no submits counted" : Fmt.Inv($"{groups[0].First().Count} storage requests per submit in {groups[0].Count()} of {calls.PerRequest.Count}");
        return (table, groups.Select(g => g.Key).ToArray(), main);
    }
}
