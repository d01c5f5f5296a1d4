using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>What scenarios share: the repo, the run's size, the verdicts for the summary; and the scenario's own Azurite.</summary>
internal sealed class BenchContext(string repoRoot, bool quick)
{
    private readonly List<TargetCheck> checks = [];
    private AzuriteProcess? azurite;

    public string RepoRoot => repoRoot;

    /// <summary>
    /// A fresh in-memory Azurite for each scenario, so none inherits another's data. Azurite's queue
    /// GC runs every 60 s, and sweeping a few thousand deleted messages blocks the emulator (all three
    /// services) for tens of seconds: leftovers from one scenario would stall the next.
    /// </summary>
    public AzuriteProcess Azurite
    {
        get => azurite ?? throw new InvalidOperationException("No Azurite is running for this scenario.");
        set => azurite = value;
    }

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>A short smoke run: fewer iterations, same shape.</summary>
    public bool Quick => quick;

    public string HostJson => Path.Combine(repoRoot, "host.json");

    public IReadOnlyList<TargetCheck> Checks => checks;

    public void Check(TargetCheck check) => checks.Add(check);

    /// <summary>Progress goes to stderr so stdout holds only the results.</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>One of the targets, with the figure it was judged on.</summary>
internal sealed record TargetCheck(string Scenario, string Measure, string Measured, string Target, bool Pass, string Context);

/// <summary>A benchmark scenario, selectable by name on the command line.</summary>
internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
