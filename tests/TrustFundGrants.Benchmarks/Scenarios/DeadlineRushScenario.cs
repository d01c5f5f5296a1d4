using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 4's deadline rush: complete drafts from many NGOs in one round (made beforehand through the
/// API, not timed), then 32 concurrent clients submit them all through the runner. Throughput is set
/// against raw parallel table inserts (and, for context, the raw submit sequence at 32 workers) in
/// the same run; then every application must be screened and get exactly one acknowledgement and one
/// screening email, checked from /_dev/mail.json, the app's list API and the table itself.
/// </summary>
internal sealed class DeadlineRushScenario : IScenario
{
    public const int Clients = 32;
    public const double Target = 0.5;
    private const int Parallel = 8;
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(2.5);
    private const string AcknowledgementSubject = "Application received: ";
    private static readonly string[] ScreeningSubjects = ["Eligible for review: ", "Not eligible: "];

    public string Name => "deadline-rush";

    public string Description => "1,000 complete drafts submitted by 32 concurrent clients: errors, throughput vs raw inserts, exactly-once screening and emails, drain";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (applications, perNgo, inserts, settle, patience) = context.Quick
            ? (200, 1, 1000, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(3))
            : (1000, 1, 3000, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10));
        var ngoCount = (applications + perNgo - 1) / perNgo;
        var calls = new StorageCalls(context.Azurite.Ports);
        var logs = new LogCounter();

        BenchContext.Progress("deadline-rush: starting the runner");
        // On this shared machine a stall of the whole box can outlast the 10 s request deadline while 1,000 NGOs
        // sign in (Azurite pauses for 20-30 s at a time under load); preparation would then fail on a 503 that says
        // nothing about the app. Errors during the rush are still counted: a submit that took over 2 minutes would be one.
        var settings = GrantApi.RunnerSettings();
        settings["Http:RequestDeadline"] = "00:02:00";
        var (runner, address) = await RunnerHost.StartAsync(
            context,
            settings,
            services =>
            {
                calls.AddTo(services);
                services.AddSingleton<ILoggerProvider>(logs);
            },
            null,
            cancellationToken);
        try
        {
            using var api = new GrantApi(address);
            var secretariat = await api.SecretariatAsync(cancellationToken);
            var roundId = await api.OpenRoundAsync(secretariat, cancellationToken);

            BenchContext.Progress(Fmt.Inv($"deadline-rush: {ngoCount} NGOs sign in through /_dev/mail.json and register ({Parallel} at a time)"));
            var started = Stopwatch.GetTimestamp();
            var ngos = await api.NgosAsync(ngoCount, Parallel, cancellationToken);
            var ngoTime = Stopwatch.GetElapsedTime(started);

            BenchContext.Progress(Fmt.Inv($"deadline-rush: {applications} complete drafts (create, fill, upload the PDF; {Parallel} at a time), took {ngoTime.TotalSeconds:0} s for the NGOs"));
            started = Stopwatch.GetTimestamp();
            var drafts = await api.ReadyDraftsAsync(Enumerable.Range(0, applications).Select(i => ngos[i % ngoCount]).ToArray(), roundId, Parallel, cancellationToken);
            var draftTime = Stopwatch.GetElapsedTime(started);

            // One submit per client in a round of its own first, carried through to both emails: connections
            // open, and the submit, dispatch, screening and email code paths compiled, before the clock starts.
            var warmRoundId = await api.OpenRoundAsync(secretariat, cancellationToken);
            var warmDrafts = await api.ReadyDraftsAsync(Enumerable.Range(0, Clients).Select(i => ngos[i % ngoCount]).ToArray(), warmRoundId, Parallel, cancellationToken);

            var source = await AppRows.ReadAsync(context.ConnectionString, roundId, drafts[0].Id, cancellationToken);
            BenchContext.Progress(Fmt.Inv($"deadline-rush: raw baselines at {Clients} workers: {inserts} table inserts of application-sized rows, then {applications} raw submit sequences"));
            using var cpu = new CpuTime(context.Azurite.Ports);
            var cpuFrom = cpu.Now();
            var insertRate = await RawInsertsAsync(context.ConnectionString, source.Application, inserts, cancellationToken);
            var insertCpu = CpuTime.Describe(cpuFrom, cpu.Now());
            var raw = await RawSubmit.CreateAsync(context.ConnectionString, "rush", source, cancellationToken);
            var rawIds = await raw.PrepareAsync(applications, Parallel, cancellationToken);
            cpuFrom = cpu.Now();
            var sequenceRate = await ParallelAsync(rawIds.Length, (i, ct) => raw.RunAsync(rawIds[i], null, ct), cancellationToken);
            var sequenceCpu = CpuTime.Describe(cpuFrom, cpu.Now());

            var layout = runner.Services.GetRequiredService<StorageLayout>();
            var workQueues = layout.Queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)).Select(q => new QueueClient(context.ConnectionString, q)).ToArray();
            var poisonQueues = layout.Queues.Where(q => q.EndsWith("-poison", StringComparison.Ordinal)).Select(q => new QueueClient(context.ConnectionString, q)).ToArray();
            var rush = new Rush(applications);
            using var profile = new PipelineProfile();
            var clients = Enumerable.Range(0, Clients).Select(_ => GrantApi.NewClient(address)).ToArray();
            try
            {
                BenchContext.Progress(Fmt.Inv($"deadline-rush: warm-up, one submit per client in another round, carried through to its emails"));
                await WarmUpAsync(api, clients, warmDrafts, workQueues, cancellationToken);

                // Only this rush's mail counts from here on; the sign-in and warm-up mails are gone.
                using (var cleared = await api.Client.DeleteAsync(new Uri("/_dev/mail", UriKind.Relative), cancellationToken))
                {
                    cleared.EnsureSuccessStatusCode();
                }

                api.Mail.Reset();
                logs.Reset();
                calls.ResetTotals();
                profile.Reset();
                calls.CountingAll = true;

                BenchContext.Progress(Fmt.Inv($"deadline-rush: {Clients} clients submit {applications} applications"));
                using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var mailWatch = WatchMailAsync(api.Mail, watching.Token);
                var queueWatch = WatchQueuesAsync(workQueues, rush, watching.Token);
                var load = CpuTime.LoadAverage();
                cpuFrom = cpu.Now();
                rush.Begin();
                await Task.WhenAll(clients.Select(client => Task.Run(() => SubmitAllAsync(client, drafts, rush, cancellationToken), cancellationToken)));
                rush.SubmitsDone();
                var callsDuringSubmits = calls.Total;
                var submitCpu = CpuTime.Describe(cpuFrom, cpu.Now());
                BenchContext.Progress(Fmt.Inv(
                    $"deadline-rush: submits done in {rush.SubmitSeconds:0.0} s ({rush.Errors.Count} errors); waiting for screening, emails and the queues to drain"));

                var completed = await AwaitCompletionAsync(api, secretariat, roundId, rush, patience, cancellationToken);
                var rushCpu = CpuTime.Describe(cpuFrom, cpu.Now());
                BenchContext.Progress(completed
                    ? Fmt.Inv($"deadline-rush: complete; watching {settle.TotalSeconds:0} s more for late duplicates")
                    : Fmt.Inv($"deadline-rush: NOT complete after {patience.TotalMinutes:0} min; counting what arrived"));
                await Task.Delay(settle, cancellationToken);
                await watching.CancelAsync();
                await Task.WhenAll(mailWatch, queueWatch);
                await api.Mail.RefreshAsync(cancellationToken);
                calls.CountingAll = false;

                BenchContext.Progress(Fmt.Inv($"deadline-rush: the app's {calls.Calls.Values.Sum()} storage requests (and its consumers' receive and delete per message) sent raw at {Clients} workers"));
                var replay = await new RawReplay(context.ConnectionString, Clients).RunAsync(calls.Calls, source.Application, cancellationToken);

                var stored = await StoredAsync(context.ConnectionString, roundId, cancellationToken);
                var eligibleListed = await api.CountAsync(secretariat, roundId, "Eligible", cancellationToken);
                var poison = await Task.WhenAll(poisonQueues.Select(async q => (q.Name, Count: await CountAsync([q], cancellationToken))));
                var emails = Emails(api.Mail, rush);
                var cpuNotes = new[]
                {
                    Fmt.Inv($"Machine load average (1 min) when the rush began: {load:0.0} on {Environment.ProcessorCount} cores; other work on this shared machine takes its share of every phase alike."),
                    "CPU, raw inserts: " + insertCpu + ".",
                    "CPU, raw submit sequences: " + sequenceCpu + ".",
                    "CPU, submit phase: " + submitCpu + ".",
                    "CPU, first submit to complete: " + rushCpu + ".",
                };
                return Report(context, rush, emails, stored, eligibleListed, poison, insertRate, sequenceRate, calls, callsDuringSubmits, logs, api.Mail, completed, cpuNotes, replay, profile,
                    Fmt.Inv($"{ngoCount} NGOs ({perNgo} application{(perNgo == 1 ? string.Empty : "s")} each) signed in and registered in {ngoTime.TotalSeconds:0} s; {applications} complete drafts in {draftTime.TotalSeconds:0} s ({Parallel} at a time); then one warm-up submit per client, in a round of its own, carried through to its emails"));
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }
    }

    private static async Task WarmUpAsync(GrantApi api, HttpClient[] clients, Draft[] drafts, QueueClient[] workQueues, CancellationToken cancellationToken)
    {
        var warm = new Rush(drafts.Length);
        await Task.WhenAll(clients.Select(client => SubmitAllAsync(client, drafts, warm, cancellationToken)));
        if (!warm.Errors.IsEmpty)
        {
            throw new InvalidOperationException("A warm-up submit failed: " + warm.Errors.First());
        }

        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (true)
        {
            await api.Mail.RefreshAsync(cancellationToken);
            var emails = Emails(api.Mail, warm);
            if (emails.Complete && await CountAsync(workQueues, cancellationToken) == 0)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException(Fmt.Inv($"The warm-up submits were not screened and emailed within 2 minutes ({emails.Acknowledged} acknowledged, {emails.Screened} screened)."));
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task SubmitAllAsync(HttpClient client, Draft[] drafts, Rush rush, CancellationToken cancellationToken)
    {
        int i;
        while ((i = rush.Next()) < drafts.Length)
        {
            var draft = drafts[i];
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var request = GrantApi.Bearer(HttpMethod.Post, $"/api/applications/{draft.Id}/submit", draft.Owner.Token);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var end = Stopwatch.GetTimestamp();
                var receipt = await GrantApi.JsonOf(response, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted && receipt.GetProperty("status").GetString() == "Submitted"
                    && receipt.GetProperty("reference").GetString() is { } reference)
                {
                    rush.Submitted(draft.Id, reference, start, end, receipt.GetProperty("submittedAt").GetDateTimeOffset());
                }
                else
                {
                    rush.Failed(i, start, end, Fmt.Inv($"{(int)response.StatusCode} {receipt}"));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                rush.Failed(i, start, Stopwatch.GetTimestamp(), ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    /// <summary>Polls /_dev/mail.json about once a second: often enough that the catcher's 1000 never roll over between reads.</summary>
    private static async Task WatchMailAsync(MailBox mail, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await mail.RefreshAsync(cancellationToken);
                await Task.Delay(1000, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Polls the app's work queues every 250 ms; notes when they are first all empty after the last submit.</summary>
    private static async Task WatchQueuesAsync(QueueClient[] queues, Rush rush, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var polled = Stopwatch.GetTimestamp();
                var waiting = await CountAsync(queues, cancellationToken);
                rush.QueuesPolled(waiting, polled, Stopwatch.GetTimestamp());
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Done when no application is still Submitted (the list API), every one has both emails, and the
    /// queues are empty. Given up when the queues are empty and no mail has come for <see cref="Quiet"/>
    /// (long enough for SweepOutbox to re-release any row whose pointer was lost), or after <paramref name="patience"/>.
    /// </summary>
    private static async Task<bool> AwaitCompletionAsync(GrantApi api, string secretariat, string roundId, Rush rush, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var lastReport = Stopwatch.GetTimestamp();
        var (mailSeen, mailChanged) = (-1, Stopwatch.GetTimestamp());
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(500, cancellationToken);
            var emails = Emails(api.Mail, rush);

            // The list API reads the whole round: asked only once the mail says the work may be done, so that
            // watching does not compete with the pipeline it watches.
            var stillSubmitted = emails.Complete || Stopwatch.GetElapsedTime(mailChanged) > Quiet / 2
                ? await api.CountAsync(secretariat, roundId, "Submitted", cancellationToken)
                : -1;
            if (stillSubmitted == 0 && emails.Complete && rush.DrainedAt is not null)
            {
                return true;
            }

            if (api.Mail.Count != mailSeen)
            {
                (mailSeen, mailChanged) = (api.Mail.Count, Stopwatch.GetTimestamp());
            }
            else if (stillSubmitted == 0 && rush.DrainedAt is not null && rush.LastQueued == 0 && Stopwatch.GetElapsedTime(mailChanged) > Quiet)
            {
                BenchContext.Progress(Fmt.Inv($"deadline-rush: queues empty and no mail for {Quiet.TotalMinutes:0} min with {emails.Lost} emails missing: giving up"));
                return false;
            }

            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
            {
                lastReport = Stopwatch.GetTimestamp();
                BenchContext.Progress(Fmt.Inv(
                    $"deadline-rush: {stillSubmitted} still Submitted, {emails.Acknowledged} acknowledged, {emails.Screened} screening emails, {rush.LastQueued} messages queued"));
            }
        }

        return false;
    }

    private static async Task<int> CountAsync(QueueClient[] queues, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var queue in queues)
        {
            if (await queue.ExistsAsync(cancellationToken))
            {
                total += (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            }
        }

        return total;
    }

    /// <summary>Raw AddEntity of copies of a real complete draft's row into a fresh table, <see cref="Clients"/> workers.</summary>
    private static async Task<double> RawInsertsAsync(string connectionString, TableEntity application, int count, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "benchrushinsert" + Guid.NewGuid().ToString("N")[..6]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var partition = Guid.CreateVersion7().ToString();
        long key = 0;
        return await ParallelAsync(count, (_, ct) => table.AddEntityAsync(BenchEntities.Copy(application, partition, BenchEntities.Key(Interlocked.Increment(ref key))), ct), cancellationToken);
    }

    /// <summary>Runs <paramref name="count"/> operations on <see cref="Clients"/> workers (two each first, untimed, to open connections); returns operations per second.</summary>
    private static async Task<double> ParallelAsync(int count, Func<int, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var warm = Math.Min(2 * Clients, count / 4);
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async w =>
        {
            for (var i = w; i < warm; i += Clients)
            {
                await run(i, cancellationToken);
            }
        }));

        var next = warm - 1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await run(i, cancellationToken);
                }
            },
            cancellationToken)));
        return (count - warm) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>The round's rows as stored: application statuses, pending outbox rows, processed markers and email claims.</summary>
    private static async Task<Stored> StoredAsync(string connectionString, string roundId, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, ApplicationStore.Table);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var screenedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        int outbox = 0, markers = 0, sent = 0, sending = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {roundId}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith("outbox-", StringComparison.Ordinal))
            {
                outbox++;
            }
            else if (row.RowKey.StartsWith("done-", StringComparison.Ordinal))
            {
                switch (row.GetString("State"))
                {
                    case "sent":
                        sent++;
                        break;
                    case null:
                        markers++;
                        break;
                    default:
                        sending++;
                        break;
                }
            }
            else if (row.GetString("Status") is { } status)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (row.GetDateTimeOffset("ScreenedAt") is { } at)
                {
                    screenedAt[row.RowKey] = at;
                }
            }
        }

        return new Stored(statuses, screenedAt, outbox, markers, sent, sending);
    }

    /// <summary>The rush's emails by application: acknowledgements and screening results per reference number.</summary>
    private static EmailCount Emails(MailBox mail, Rush rush)
    {
        var acknowledgements = new Dictionary<string, List<CapturedMail>>(StringComparer.Ordinal);
        var screenings = new Dictionary<string, List<CapturedMail>>(StringComparer.Ordinal);
        var other = 0;
        foreach (var m in mail.All())
        {
            var (into, prefix) = m.Subject.StartsWith(AcknowledgementSubject, StringComparison.Ordinal)
                ? (acknowledgements, AcknowledgementSubject)
                : ScreeningSubjects.FirstOrDefault(s => m.Subject.StartsWith(s, StringComparison.Ordinal)) is { } screening ? (screenings, screening) : (null, null);
            if (into is null)
            {
                other++;
                continue;
            }

            var reference = m.Subject[prefix!.Length..];
            if (!into.TryGetValue(reference, out var list))
            {
                into[reference] = list = [];
            }

            list.Add(m);
        }

        return new EmailCount(rush.References, acknowledgements, screenings, other);
    }

    private static IReadOnlyList<Table> Report(
        BenchContext context,
        Rush rush,
        EmailCount emails,
        Stored stored,
        int eligibleListed,
        (string Name, int Count)[] poison,
        double insertRate,
        double sequenceRate,
        StorageCalls calls,
        long callsDuringSubmits,
        LogCounter logs,
        MailBox mail,
        bool completed,
        string[] cpuNotes,
        IReadOnlyList<RawReplay.Step> replay,
        PipelineProfile profile,
        string preparation)
    {
        var n = rush.Count;
        var throughput = rush.Accepted / rush.SubmitSeconds;
        var ratio = throughput / insertRate;
        var latencies = new Latencies(rush.Latencies);
        var screenedAll = stored.ScreenedAt.Count == n ? (stored.ScreenedAt.Values.Max() - rush.FirstSubmitUtc).TotalSeconds : double.NaN;
        var emailsAll = emails.Complete ? (emails.LastNeededAt - rush.FirstSubmitUtc).TotalSeconds : double.NaN;
        var drain = rush.DrainedAt is { } drained ? rush.SecondsFromFirstSubmit(drained) : double.NaN;

        var main = new Table(
            Fmt.Inv($"deadline-rush: {n} applications to one round, {Clients} concurrent clients through the runner"),
            "measure", "value", "target", "verdict");
        main.Add("submits answered 202 Submitted", Fmt.Inv($"{rush.Accepted} of {n}"), "", "");
        main.Add("errors (non-202 or failed requests)", Fmt.Int(rush.Errors.Count), "0", Fmt.Verdict(rush.Errors.IsEmpty));
        main.Add("submit phase: first request sent -> last 202 received (s)", Fmt.Inv($"{rush.SubmitSeconds:0.00}"), "", "");
        main.Add("submit throughput (submits/s)", Fmt.Inv($"{throughput:0.0}"), "", "");
        main.Add("submit latency under load p50 / p95 / max (ms)", Fmt.Inv($"{Fmt.Ms(latencies.P50)} / {Fmt.Ms(latencies.P95)} / {Fmt.Ms(latencies.Max)}"), "", "");
        main.Add(Fmt.Inv($"raw table inserts/s, {Clients} workers, same run"), Fmt.Inv($"{insertRate:0}"), "", "");
        main.Add("throughput / raw inserts/s", Fmt.Ratio(ratio), Fmt.Inv($">= {Target:0.0}x"), Fmt.Verdict(ratio >= Target));
        main.Add(Fmt.Inv($"raw submit sequences/s (the {RawSubmit.Steps.Length} operations), {Clients} workers, same run"), Fmt.Inv($"{sequenceRate:0.0}"), "", "");
        main.Add("throughput / raw submit sequences/s", Fmt.Ratio(throughput / sequenceRate), "", "");
        main.Add("first submit -> every application Eligible (s, stored ScreenedAt)", Fmt.Inv($"{screenedAll:0.0}"), "", "");
        var never = emails.Complete ? string.Empty : Fmt.Inv($"never: {emails.Lost} emails missing");
        main.Add("first submit -> every acknowledgement and screening email captured (s)", emails.Complete ? Fmt.Inv($"{emailsAll:0.0}") : never, "", "");
        main.Add("first submit -> all of that: screened and both emails captured (s)", emails.Complete ? Fmt.Inv($"{Math.Max(screenedAll, emailsAll):0.0}") : never, "", "");
        main.Add("first submit -> work queues drained (s)", Fmt.Inv($"{drain:0.0}"), "", "");
        main.Add("  of which after the last 202 (s)", Fmt.Inv($"{drain - rush.SubmitSeconds:0.0}"), "", "");
        main.Note(preparation + "; none of it timed.");
        main.Note(Fmt.Inv($"Raw baselines ran just before the rush against the same Azurite: AddEntity of copies of a real complete draft's row into a fresh table; the raw submit sequence on copies of the drafts, in tables of the same size ({RawSubmit.Steps.Length} storage requests each)."));
        foreach (var note in cpuNotes)
        {
            main.Note(note);
        }

        main.Note("Each client is its own HttpClient (own connection, opened before the clock starts) taking the next draft from a shared list; each submit carries its NGO's bearer session.");
        main.Note("Queues drained: the outbox, screening and application-emails queues all report 0 messages (Azurite counts hidden, in-flight ones too), polled every 250 ms.");
        if (!completed)
        {
            main.Note("The rush did NOT complete: the queues emptied and no mail came for minutes with emails still missing (or the scenario's patience ran out); see the counts below.");
        }

        foreach (var error in rush.Errors.Take(5))
        {
            main.Note("error: " + error);
        }

        var once = new Table("deadline-rush: exactly once (every application screened, one acknowledgement and one screening email each)", "check", "value", "expected", "verdict");
        var eligibleStored = stored.Statuses.GetValueOrDefault("Eligible");
        once.Add("Eligible through GET /api/applications (Secretariat, paged)", Fmt.Int(eligibleListed), Fmt.Int(n), Fmt.Verdict(eligibleListed == n));
        once.Add("Eligible in the table", Fmt.Int(eligibleStored), Fmt.Int(n), Fmt.Verdict(eligibleStored == n));
        var others = stored.Statuses.Where(s => s.Key != "Eligible").Select(s => Fmt.Inv($"{s.Key} {s.Value}")).ToArray();
        once.Add("  other statuses in the table", others.Length == 0 ? "none" : string.Join(", ", others), "none", Fmt.Verdict(others.Length == 0));
        AddEmailRows(once, "acknowledgement", emails.Acknowledgements, emails.References, n);
        AddEmailRows(once, "screening", emails.Screenings, emails.References, n);
        once.Add("other mail captured during the rush", Fmt.Int(emails.Other), "0", Fmt.Verdict(emails.Other == 0));
        once.Add("email claims marked sent (done-* rows, State sent)", Fmt.Int(stored.ClaimsSent), Fmt.Int(2 * n), Fmt.Verdict(stored.ClaimsSent == 2 * n));
        once.Add("email claims left 'sending'", Fmt.Int(stored.ClaimsSending), "0", Fmt.Verdict(stored.ClaimsSending == 0));
        once.Add("screening processed markers (done-* rows)", Fmt.Int(stored.Markers), Fmt.Int(n), Fmt.Verdict(stored.Markers == n));
        once.Add("outbox rows still pending", Fmt.Int(stored.Outbox), "0", Fmt.Verdict(stored.Outbox == 0));
        foreach (var (name, count) in poison)
        {
            once.Add("poison messages: " + name, Fmt.Int(count), "0", Fmt.Verdict(count == 0));
        }

        once.Add("runner warnings and errors during the rush (function retries, failures)", Fmt.Int(logs.Failures), "0", Fmt.Verdict(logs.Failures == 0));
        if (stored.ClaimsSending > 0 && calls.Retries.ContainsKey("table insert " + ApplicationStore.Table))
        {
            once.Note(Fmt.Inv(
                $"{stored.ClaimsSending} email claims are stuck at 'sending' and {calls.Retries["table insert " + ApplicationStore.Table]} claim inserts were sent again by the Azure SDK: a claim insert whose first attempt committed during an Azurite pause longer than the clients' 30 s network timeout is retried, gets 409, and SendApplicationEmail.ClaimAsync takes its own claim for another delivery's (\"being sent by another delivery\"); with maxDequeueCount 5 and visibilityTimeout 5 s the message is poisoned within seconds, long before ClaimTimeout (10 min), and the email is never sent."));
        }

        once.Note(Fmt.Inv(
            $"Mail read from /_dev/mail.json {mail.Polls} times (about once a second; slowest read {Fmt.Ms(mail.SlowestPollMs)} ms) and gathered by mail id, because the catcher keeps only the newest {MailBox.CatcherCapacity} and the rush sends {2 * n}."));
        if (mail.PossiblyMissed)
        {
            once.Note("A read came back full with no mail seen before: some mail may have rolled out of the catcher unseen, so a 'lost' count may be the benchmark's, not the app's.");
        }

        var perApp = new Table("deadline-rush: per application, from its own 202 (stored and captured timestamps)", "from submit to", "n", "p50 s", "p95 s", "max s");
        AddSpread(perApp, "screened (ScreenedAt)", stored.ScreenedAt.Where(s => rush.SubmittedAt.ContainsKey(s.Key)).Select(s => (s.Value - rush.SubmittedAt[s.Key]).TotalSeconds));
        AddSpread(perApp, "acknowledgement email captured", EmailCount.FirstOf(emails.Acknowledgements).Where(a => rush.SubmittedAtByReference.ContainsKey(a.Key)).Select(a => (a.Value - rush.SubmittedAtByReference[a.Key]).TotalSeconds));
        AddSpread(perApp, "screening email captured", EmailCount.FirstOf(emails.Screenings).Where(a => rush.SubmittedAtByReference.ContainsKey(a.Key)).Select(a => (a.Value - rush.SubmittedAtByReference[a.Key]).TotalSeconds));
        perApp.Note("SubmittedAt from the receipt, ScreenedAt from the table, capture time from /_dev/mail.json: all from the runner's clock in this process.");

        var storage = new Table(
            Fmt.Inv($"deadline-rush: storage requests by the app's own clients from the first submit to the end ({n} applications)"),
            "request", "total", "per application");
        foreach (var (kind, count) in calls.Totals.OrderByDescending(t => t.Value))
        {
            storage.Add(kind, Fmt.Int(count), Fmt.Inv($"{(double)count / n:0.00}"));
        }

        storage.Add("all", Fmt.Int(calls.Total), Fmt.Inv($"{(double)calls.Total / n:0.00}"));
        var submitsOwn = RawSubmit.Steps.Length * (long)rush.Accepted;
        storage.Add("  during the submit phase (first request -> last 202)", Fmt.Int(callsDuringSubmits), Fmt.Inv($"{(double)callsDuringSubmits / n:0.00}"));
        storage.Add(Fmt.Inv($"    the submits' own ({RawSubmit.Steps.Length} each)"), Fmt.Int(submitsOwn), Fmt.Inv($"{(double)submitsOwn / n:0.00}"));
        storage.Add("    background work running meanwhile (dispatch, screening, emails)", Fmt.Int(callsDuringSubmits - submitsOwn), Fmt.Inv($"{(double)(callsDuringSubmits - submitsOwn) / n:0.00}"));
        storage.Note("Counted by a pipeline policy on the app's Azure clients: the submit, DispatchOutbox, ScreenApplication, SendApplicationEmail and SweepOutbox. The runner's own queue listeners (receive, delete, lease renewal) use their own clients and are not in these counts.");

        var allOnce = rush.Errors.IsEmpty && emails.Lost == 0 && emails.Duplicated == 0 && eligibleStored == n;
        context.Check(new TargetCheck(
            "deadline-rush", "errors / lost / duplicated", Fmt.Inv($"{rush.Errors.Count} / {emails.Lost} / {emails.Duplicated}"), "0 / 0 / 0", allOnce,
            Fmt.Inv($"{n} applications, {Clients} clients; Eligible {eligibleStored}; emails {(emails.Complete ? Fmt.Inv($"complete after {emailsAll:0.0} s") : never)}; queues drained after {drain:0.0} s")));
        context.Check(new TargetCheck(
            "deadline-rush", "submits/s / raw inserts/s", Fmt.Ratio(ratio), Fmt.Inv($">= {Target:0.0}x"), ratio >= Target,
            Fmt.Inv($"{throughput:0.0} submits/s vs {insertRate:0} inserts/s ({Clients} workers); raw submit sequences {sequenceRate:0.0}/s ({Fmt.Ratio(throughput / sequenceRate)})")));

        var rawSeconds = replay.Sum(r => r.Seconds);
        var endToEnd = emails.Complete ? Math.Max(screenedAll, emailsAll) : double.NaN;
        var raw = new Table(
            Fmt.Inv($"deadline-rush: end to end against the same storage requests sent raw ({Clients} workers, same Azurite, just after the rush)"),
            "requests", "count", "raw s", "raw requests/s");
        foreach (var step in replay)
        {
            raw.Add(step.Kind, Fmt.Int(step.Count), Fmt.Inv($"{step.Seconds:0.00}"), Fmt.Rate(step.Count / step.Seconds));
        }

        raw.Add("all, raw", Fmt.Int(replay.Sum(r => r.Count)), Fmt.Inv($"{rawSeconds:0.00}"), Fmt.Rate(replay.Sum(r => r.Count) / rawSeconds));
        raw.Add("first submit -> every application screened and both emails captured", "", Fmt.Inv($"{endToEnd:0.00}"), "");
        raw.Add("end to end / raw", "", Fmt.Ratio(endToEnd / rawSeconds), "");
        raw.Note("The requests are the app's own clients' calls from the first submit to the end (the storage table above, without the SDK's retries), plus, per message the app sent to a queue, the receive and delete its consumer needs (the runner's listener makes those on clients the count does not see; it receives up to 16 at a time, so one receive per message overstates them). Each kind runs alone at the same concurrency, in a table and a queue of their own, in the order listed.");
        context.Check(new TargetCheck(
            "deadline-rush", "end to end / raw requests", Fmt.Ratio(endToEnd / rawSeconds), "<= 2.0x", endToEnd / rawSeconds <= 2,
            Fmt.Inv($"first submit -> last email {endToEnd:0.0} s; the same {replay.Sum(r => r.Count)} storage requests raw at {Clients} workers {rawSeconds:0.0} s")));
        context.Check(new TargetCheck(
            "deadline-rush", "submits/s / raw submit sequences/s", Fmt.Ratio(throughput / sequenceRate), ">= 0.5x", throughput / sequenceRate >= 0.5,
            Fmt.Inv($"{throughput:0.0} submits/s during the rush vs {sequenceRate:0.0} raw submit sequences/s ({Clients} workers)")));

        var tables = new List<Table> { main, raw, profile.Report("deadline-rush: profile of the background pipeline (the app's telemetry)"), once, perApp, storage, Observations(rush, calls, logs) };
        if (logs.Total > 0)
        {
            tables.Add(SubmitScenario.Warnings("deadline-rush: the runner's warnings and errors during the rush", logs));
        }

        return tables;
    }

    /// <summary>What slowed the drain: emulator pauses, outbox rows released twice, the SDK's retries, queue creation.</summary>
    private static Table Observations(Rush rush, StorageCalls calls, LogCounter logs)
    {
        var table = new Table("deadline-rush: where the drain time went", "observation", "value");
        var stalls = rush.Stalls.Select(s => (From: rush.SecondsFromFirstSubmit(s.From), Seconds: Latencies.Ms(s.From, s.To) / 1000)).ToArray();
        var longStalls = stalls.Where(s => s.Seconds > 5).ToArray();
        table.Add(
            "slow queue-count polls (over 1 s): Azurite answering late",
            stalls.Length == 0 ? "none" : Fmt.Inv($"{stalls.Length}, {stalls.Sum(s => s.Seconds):0.0} s in all"));
        table.Add(
            "  of which over 5 s: Azurite not answering at all",
            longStalls.Length == 0 ? "none" : string.Join(", ", longStalls.Select(s => Fmt.Inv($"{s.Seconds:0.0} s at +{s.From:0} s"))));
        table.Add("storage responses the Azure SDK logged as slow (> 3 s)", Fmt.Int(logs.SlowResponses));
        var errorResponses = logs.SdkErrorResponses;
        table.Add(
            "error responses the Azure SDK logged (handled by the app)",
            errorResponses.Count == 0 ? "none" : string.Join(", ", errorResponses.Select(e => Fmt.Inv($"{e.Key} {e.Value}"))));
        var releases = calls.OutboxReleases;
        var again = releases.Values.Where(r => r.Length > 1).ToArray();
        table.Add("outbox pointers sent / distinct outbox rows", Fmt.Inv($"{releases.Values.Sum(r => r.Length)} / {releases.Count}"));
        table.Add("  rows released more than once (only SweepOutbox releases a row again; SDK retries not counted)", Fmt.Int(again.Length));
        if (again.Length > 0)
        {
            var gaps = new Latencies(again.Select(r => Latencies.Ms(r.Min(), r.Order().ElementAt(1)) / 1000));
            table.Add("  first -> second release, min / p50 / max (s)", Fmt.Inv($"{gaps.Min:0.0} / {gaps.P50:0.0} / {gaps.Max:0.0}"));
        }

        var dispatched = calls.Calls.Where(c => c.Key is "queue send screening" or "queue send application-emails").Sum(c => c.Value);
        table.Add(
            "work messages sent by the dispatch / outbox rows (a row sent twice: two dispatches read it before either deleted it)",
            Fmt.Inv($"{dispatched} / {releases.Count}"));
        var retries = calls.Retries;
        table.Add(
            "storage requests the Azure SDK sent again (its retry policy)",
            retries.Count == 0 ? "none" : string.Join(", ", retries.Select(r => Fmt.Inv($"{r.Key} {r.Value}"))));
        var creates = calls.Totals.Where(t => t.Key.StartsWith("queue PUT ", StringComparison.Ordinal)).Sum(t => t.Value);
        table.Add("queue create requests (CreateIfNotExists by the outbox dispatch)", Fmt.Int(creates));
        table.Note("A slow poll is a read of the three work queues' counts (3 requests) that took over a second. Azurite is one Node.js process: under the rush it runs at about one full core (see the CPU notes), so requests queue; pauses of many seconds, in which requests to every service hang alike, are its in-memory queue GC (a mark-and-sweep every 60 s, node_modules/azurite/dist/src/queue/gc/QueueGCManager.js) deleting the extents of thousands of deleted messages.");
        if (retries.Count > 0)
        {
            table.Note("The app's clients give up on a request after 30 s (Retry.NetworkTimeout in Platform/Storage/StorageRegistration.cs) and send it again: a write whose first attempt committed during a pause then fails on its own row (EntityAlreadyExists, 412), the function fails and its message is retried; see the runner's warnings.");
        }

        if (again.Length > 0)
        {
            table.Note("SweepOutbox (every minute) re-releases every outbox row created more than SweepOutbox.Grace (1 min) ago that is still pending. In a backlog that is every row still waiting on the outbox queue: it gets a second pointer, which costs a dispatch (a point read that finds the row gone) and a queue round trip while the queue is already behind.");
        }

        if (creates > 2)
        {
            table.Note("The outbox dispatch asked for its target queue to be created more often than once per queue.");
        }

        return table;
    }

    private static void AddEmailRows(Table table, string kind, Dictionary<string, List<CapturedMail>> byReference, IReadOnlyCollection<string> references, int n)
    {
        var exactlyOne = references.Count(r => byReference.TryGetValue(r, out var l) && l.Count == 1);
        var lost = references.Count(r => !byReference.ContainsKey(r));
        var duplicated = references.Count(r => byReference.TryGetValue(r, out var l) && l.Count > 1);
        table.Add(kind + " emails captured", Fmt.Int(byReference.Values.Sum(l => l.Count)), Fmt.Int(n), Fmt.Verdict(byReference.Values.Sum(l => l.Count) == n));
        table.Add("  applications with exactly one", Fmt.Int(exactlyOne), Fmt.Int(n), Fmt.Verdict(exactlyOne == n));
        table.Add("  lost (none)", Fmt.Int(lost), "0", Fmt.Verdict(lost == 0));
        table.Add("  duplicated (more than one)", Fmt.Int(duplicated), "0", Fmt.Verdict(duplicated == 0));
    }

    private static void AddSpread(Table table, string what, IEnumerable<double> seconds)
    {
        var s = new Latencies(seconds);
        table.Add(what, Fmt.Int(s.Count), Fmt.Inv($"{s.P50:0.00}"), Fmt.Inv($"{s.P95:0.00}"), Fmt.Inv($"{s.Max:0.00}"));
    }

    /// <summary>The rush's shared state: the next draft to take, each submit's outcome, and when things happened.</summary>
    private sealed class Rush(int count)
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> submittedAt = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, DateTimeOffset> submittedAtByReference = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<double> latencies = new();
        private int next = -1;
        private long firstStart = long.MaxValue;
        private long lastEnd;
        private long origin;
        private DateTimeOffset originUtc;
        private bool submitsDone;

        public int Count => count;

        public ConcurrentQueue<string> Errors { get; } = new();

        public int Accepted => submittedAt.Count;

        public IReadOnlyCollection<double> Latencies => latencies;

        public IReadOnlyDictionary<string, DateTimeOffset> SubmittedAt => submittedAt;

        public IReadOnlyDictionary<string, DateTimeOffset> SubmittedAtByReference => submittedAtByReference;

        public IReadOnlyCollection<string> References => submittedAtByReference.Keys.ToArray();

        public double SubmitSeconds => (lastEnd - firstStart) / (double)Stopwatch.Frequency;

        public DateTimeOffset FirstSubmitUtc => originUtc + TimeSpan.FromSeconds((firstStart - origin) / (double)Stopwatch.Frequency);

        public long? DrainedAt { get; private set; }

        public int LastQueued { get; private set; }

        public void Begin()
        {
            origin = Stopwatch.GetTimestamp();
            originUtc = DateTimeOffset.UtcNow;
        }

        public int Next() => Interlocked.Increment(ref next);

        public void Submitted(string id, string reference, long start, long end, DateTimeOffset at)
        {
            Stamp(start, end);
            latencies.Enqueue(Harness.Latencies.Ms(start, end));
            submittedAt[id] = at;
            submittedAtByReference[reference] = at;
        }

        public void Failed(int index, long start, long end, string error)
        {
            Stamp(start, end);
            Errors.Enqueue(Fmt.Inv($"draft #{index}: {error}"));
        }

        public void SubmitsDone() => Volatile.Write(ref submitsDone, true);

        /// <summary>A queue poll that began after the last submit and found nothing waiting marks the drain.</summary>
        /// <summary>Queue-count polls that took over a second: Azurite not answering (start, end) during the rush.</summary>
        public ConcurrentQueue<(long From, long To)> Stalls { get; } = new();

        public void QueuesPolled(int waiting, long polledAt, long answeredAt)
        {
            if (answeredAt - polledAt > Stopwatch.Frequency)
            {
                Stalls.Enqueue((polledAt, answeredAt));
            }

            LastQueued = waiting;
            if (waiting == 0 && DrainedAt is null && Volatile.Read(ref submitsDone) && polledAt > Interlocked.Read(ref lastEnd))
            {
                DrainedAt = answeredAt;
            }
        }

        public double SecondsFromFirstSubmit(long timestamp) => (timestamp - firstStart) / (double)Stopwatch.Frequency;

        private void Stamp(long start, long end)
        {
            long seen;
            while (start < (seen = Interlocked.Read(ref firstStart)) && Interlocked.CompareExchange(ref firstStart, start, seen) != seen)
            {
            }

            while (end > (seen = Interlocked.Read(ref lastEnd)) && Interlocked.CompareExchange(ref lastEnd, end, seen) != seen)
            {
            }
        }
    }

    private sealed record Stored(Dictionary<string, int> Statuses, Dictionary<string, DateTimeOffset> ScreenedAt, int Outbox, int Markers, int ClaimsSent, int ClaimsSending);

    private sealed record EmailCount(
        IReadOnlyCollection<string> References,
        Dictionary<string, List<CapturedMail>> Acknowledgements,
        Dictionary<string, List<CapturedMail>> Screenings,
        int Other)
    {
        public int Acknowledged => References.Count(Acknowledgements.ContainsKey);

        public int Screened => References.Count(Screenings.ContainsKey);

        public bool Complete => References.Count > 0 && Acknowledged == References.Count && Screened == References.Count;

        public int Lost => References.Count(r => !Acknowledgements.ContainsKey(r)) + References.Count(r => !Screenings.ContainsKey(r));

        public int Duplicated => References.Count(r => Acknowledgements.TryGetValue(r, out var l) && l.Count > 1)
            + References.Count(r => Screenings.TryGetValue(r, out var l) && l.Count > 1);

        /// <summary>When the last application got the first of each of its two emails.</summary>
        public DateTimeOffset LastNeededAt => References.SelectMany(r => new[] { Acknowledgements[r].Min(m => m.ReceivedAt), Screenings[r].Min(m => m.ReceivedAt) }).Max();

        public static IEnumerable<KeyValuePair<string, DateTimeOffset>> FirstOf(Dictionary<string, List<CapturedMail>> byReference) =>
            byReference.Select(p => new KeyValuePair<string, DateTimeOffset>(p.Key, p.Value.Min(m => m.ReceivedAt)));
    }
}
