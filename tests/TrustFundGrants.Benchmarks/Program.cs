using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Benchmarks.Scenarios;
using TrustFundGrants.LocalRunner.Azurite;

// dotnet run -c Release --project tests/TrustFundGrants.Benchmarks -- [scenario...] [--quick]
if (args is ["--runner-child", .. var runnerArgs])
{
    // The crash-recovery scenario's runner, in a process of its own so that it can be killed.
    // Passed as settings: the runner finds its metadata and host.json from these, not from the command line.
    var childSettings = runnerArgs.Select(a => a.TrimStart('-').Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
    await TrustFundGrants.LocalRunner.RunnerApp.Build([], childSettings).RunAsync();
    return 0;
}

IScenario[] all =
[
    new StorageScenario(),
    new RunnerOverheadScenario(),
    new QueuePickupScenario(),
    new SessionScenario(),
    new SubmitScenario(),
    new DeadlineRushScenario(),
    new ReviewPanelScenario(),
    new CrashRecoveryScenario(),
    new GrantsScenario(),
    new DashboardScenario(),
    new ProjectorScenario(),
    new IatiExportScenario(),
    new PortalRenderScenario(),
    new OrganisationSearchScenario(),
    new OutboxSweepScenario(),
];

if (args.Any(a => a is "-h" or "--help" or "/?"))
{
    Console.WriteLine("Usage: dotnet run -c Release --project tests/TrustFundGrants.Benchmarks -- [scenario...] [--quick]");
    Console.WriteLine("  no scenario runs all; --quick is a short smoke run with fewer iterations.");
    foreach (var s in all)
    {
        Console.WriteLine($"  {s.Name,-16} {s.Description}");
    }

    return 0;
}

var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
var names = args.Where(a => !string.Equals(a, "--quick", StringComparison.OrdinalIgnoreCase)).ToArray();
var unknown = names.Where(n => !all.Any(s => string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase))).ToArray();
if (unknown.Length > 0)
{
    await Console.Error.WriteLineAsync($"Unknown argument(s): {string.Join(' ', unknown)}. Scenarios: {string.Join(", ", all.Select(s => s.Name))}; option: --quick.");
    return 2;
}

var selected = names.Length == 0 ? all : all.Where(s => names.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
var repoRoot = FindRepoRoot();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var started = Stopwatch.GetTimestamp();
var loadAtStart = CpuTime.LoadAverage();
var context = new BenchContext(repoRoot, quick);
var results = new List<(IScenario Scenario, IReadOnlyList<Table> Tables)>();
foreach (var scenario in selected)
{
    BenchContext.Progress($"== {scenario.Name}: {scenario.Description}");
    BenchContext.Progress("starting a fresh Azurite in memory on free ports");
    IReadOnlyList<Table> tables;
    await using (var azurite = await AzuriteProcess.StartAsync(repoRoot, AzuritePorts.Free(), null, cancel.Token))
    {
        context.Azurite = azurite;
        tables = await scenario.RunAsync(context, cancel.Token);
    }

    results.Add((scenario, tables));
    foreach (var table in tables)
    {
        Console.WriteLine();
        Console.Write(table.ToText());
    }
}

var summary = new Table("summary: the issue's targets", "scenario", "measure", "measured", "target", "verdict", "context");
foreach (var check in context.Checks)
{
    summary.Add(check.Scenario, check.Measure, check.Measured, check.Target, Fmt.Verdict(check.Pass), check.Context);
}

var elapsed = Stopwatch.GetElapsedTime(started);
if (context.Checks.Count > 0)
{
    Console.WriteLine();
    Console.Write(summary.ToText());
}

var header = DescribeRun(quick, selected, elapsed, loadAtStart, CpuTime.LoadAverage());
Console.WriteLine();
Console.WriteLine(header.Replace("- ", "  ", StringComparison.Ordinal));

var markdown = new StringBuilder();
markdown.AppendLine("# TrustFundGrants benchmarks").AppendLine();
markdown.AppendLine(header);
if (context.Checks.Count > 0)
{
    markdown.AppendLine(summary.ToMarkdown());
}

foreach (var (scenario, tables) in results)
{
    markdown.Append("## ").Append(scenario.Name).Append(": ").AppendLine(scenario.Description).AppendLine();
    foreach (var table in tables)
    {
        markdown.AppendLine(table.ToMarkdown());
    }
}

var output = Path.Combine(repoRoot, "tests", "TrustFundGrants.Benchmarks", "results", "latest.md");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, markdown.ToString().TrimEnd() + "\n");
Console.WriteLine($"Results written to {Path.GetRelativePath(Environment.CurrentDirectory, output)}");
return 0;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TrustFundGrants.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("TrustFundGrants.sln not found above the benchmark binaries.");
}

static string DescribeRun(bool quick, IEnumerable<IScenario> scenarios, TimeSpan elapsed, double loadAtStart, double loadAtEnd)
{
#if DEBUG
    const string configuration = "Debug (numbers are not representative; use -c Release)";
#else
    const string configuration = "Release";
#endif
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"- run: {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}, {(quick ? "--quick" : "full")}, scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}, took {elapsed.TotalSeconds:0} s");
    text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {configuration}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
    text.AppendLine(CultureInfo.InvariantCulture, $"- load average (1 min, whole machine): {loadAtStart:0.0} at the start, {loadAtEnd:0.0} at the end");
    text.AppendLine("- absolute times vary between runs on a shared machine; compare the ratios, measured in the same run.");
    return text.ToString();
}
