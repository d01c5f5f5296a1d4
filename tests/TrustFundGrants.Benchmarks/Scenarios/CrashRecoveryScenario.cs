using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Benchmarks.Probes;
using TrustFundGrants.LocalRunner.Azurite;
using TrustFundGrants.LocalRunner.Configuration;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Time to drain after a hard stop: a runner in a child process works through a queue, is killed (SIGKILL) with
/// messages leased and in flight, and a new runner is started at once; measured from the kill until the queue is
/// empty. Against the same: a runner started on a queue holding as many messages, none leased (a clean start).
/// The difference is what the crash costs: leased messages wait out the processing lease.
/// </summary>
internal sealed class CrashRecoveryScenario : IScenario
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(30);
    public const string QueueName = "bench-drain";

    public string Name => "crash-recovery";

    public string Description => "queue drained after the runner is killed mid-queue and restarted, against a clean start";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var total = context.Quick ? 80 : 200;
        var metadata = WriteMetadata();
        var queue = new QueueClient(context.ConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var children = new List<RunnerChild>();
        try
        {
            await FillAsync(queue, total, cancellationToken);
            BenchContext.Progress($"crash-recovery: {total} messages queued; a runner starts on them and is killed after a second's work");
            var first = await RunnerChild.StartAsync(context, metadata, children, cancellationToken);
            var startedAt = Stopwatch.GetTimestamp();
            await WaitForAsync(async () => await CountAsync(queue, cancellationToken) < total, TimeSpan.FromSeconds(60), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var leftAtKill = await CountAsync(queue, cancellationToken);
            first.Kill();
            var killed = Stopwatch.GetTimestamp();
            BenchContext.Progress($"crash-recovery: killed with {leftAtKill} messages left (some leased); a new runner starts");

            var second = await RunnerChild.StartAsync(context, metadata, children, cancellationToken);
            var restarted = Stopwatch.GetTimestamp();
            await WaitForAsync(async () => await CountAsync(queue, cancellationToken) == 0, TimeSpan.FromMinutes(5), cancellationToken);
            var crashDrain = Stopwatch.GetElapsedTime(killed);
            second.Kill();

            BenchContext.Progress($"crash-recovery: the clean start, on {leftAtKill} messages none of which is leased");
            await FillAsync(queue, leftAtKill, cancellationToken);
            var cleanStart = Stopwatch.GetTimestamp();
            var third = await RunnerChild.StartAsync(context, metadata, children, cancellationToken);
            await WaitForAsync(async () => await CountAsync(queue, cancellationToken) == 0, TimeSpan.FromMinutes(5), cancellationToken);
            var cleanDrain = Stopwatch.GetElapsedTime(cleanStart);
            third.Kill();

            var lease = QueueSettings.DefaultProcessingLease;
            var table = new Table(
                $"crash-recovery: {total} messages of {DrainProbe.Work.TotalMilliseconds:0} ms work, repo host.json, processing lease {lease.TotalSeconds:0} s",
                "measure", "seconds");
            table.Add("first runner: start to kill", Fmt.Inv($"{Stopwatch.GetElapsedTime(startedAt, killed).TotalSeconds:0.0}"));
            table.Add("second runner: kill to serving (process start)", Fmt.Inv($"{Stopwatch.GetElapsedTime(killed, restarted).TotalSeconds:0.0}"));
            table.Add(Fmt.Inv($"time to drain after the hard stop ({leftAtKill} left, kill to empty queue)"), Fmt.Inv($"{crashDrain.TotalSeconds:0.0}"));
            table.Add(Fmt.Inv($"clean start on {leftAtKill} unleased messages (process start to empty queue)"), Fmt.Inv($"{cleanDrain.TotalSeconds:0.0}"));
            table.Note(Fmt.Inv($"crash drain / clean drain: {crashDrain / cleanDrain:0.00}. The difference is the lease the killed runner's messages wait out ({lease.TotalSeconds:0} s, renewed every {lease.TotalSeconds / 3:0.#} s while a function runs)."));
            var pass = crashDrain <= Target;
            context.Check(new TargetCheck(
                Name, "time to drain after a hard stop", Fmt.Inv($"{crashDrain.TotalSeconds:0.0} s"), Fmt.Inv($"<= {Target.TotalSeconds:0} s"), pass,
                Fmt.Inv($"clean start on as many messages {cleanDrain.TotalSeconds:0.0} s; lease {lease.TotalSeconds:0} s")));
            return [table];
        }
        finally
        {
            foreach (var child in children)
            {
                child.Kill();
            }

            await queue.DeleteIfExistsAsync(CancellationToken.None);
            File.Delete(metadata);
        }
    }

    private static async Task FillAsync(QueueClient queue, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i += 16)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(16, count - i)).Select(n => queue.SendMessageAsync(Fmt.Inv($"{n}"), cancellationToken)));
        }
    }

    // Azurite counts invisible (leased) messages too, so 0 means every message was processed and deleted.
    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    private static async Task WaitForAsync(Func<Task<bool>> done, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (!await done())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"crash-recovery: not done within {within}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string WriteMetadata()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-drain-{Guid.NewGuid():N}.metadata");
        var probe = new
        {
            name = nameof(DrainProbe),
            scriptFile = typeof(DrainProbe).Assembly.GetName().Name + ".dll",
            entryPoint = DrainProbe.EntryPoint,
            language = "dotnet-isolated",
            properties = new { IsCodeless = false },
            bindings = new object[] { new { name = "message", direction = "In", type = "queueTrigger", dataType = "String", queueName = QueueName } },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(new[] { probe }));
        return path;
    }

    /// <summary>The LocalRunner in a process of its own (this executable with <c>--runner-child</c>), so it can be killed.</summary>
    private sealed class RunnerChild(Process process)
    {
        public static async Task<RunnerChild> StartAsync(BenchContext context, string metadata, List<RunnerChild> children, CancellationToken cancellationToken)
        {
            var port = AzuritePorts.FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                Assembly.GetEntryAssembly()!.Location, "--runner-child",
                $"--urls=http://127.0.0.1:{port}", $"--AzureWebJobsStorage={context.ConnectionString}",
                $"--LocalRunner:FunctionsMetadata={metadata}", $"--LocalRunner:HostJson={context.HostJson}", $"--LocalRunner:RepoRoot={context.RepoRoot}",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the runner process.");
            var child = new RunnerChild(process);
            children.Add(child);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await WaitForAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"The runner process exited with {process.ExitCode}.");
                    }

                    try
                    {
                        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), cancellationToken);
                        return true;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                cancellationToken);
            return child;
        }

        private bool killed;

        /// <summary>SIGKILL: nothing is settled, nothing handed back.</summary>
        public void Kill()
        {
            if (killed)
            {
                return;
            }

            killed = true;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}
