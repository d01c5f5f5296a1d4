namespace TrustFundGrants.Benchmarks.Probes;

/// <summary>
/// A queue-triggered function for the crash-recovery scenario: a quarter second of work per message, so that a
/// runner killed mid-queue leaves messages leased, in flight. Served by a runner in a child process (the benchmark's
/// own executable with <c>--runner-child</c>), declared in a metadata file the scenario writes.
/// </summary>
public sealed class DrainProbe
{
    public const string EntryPoint = "TrustFundGrants.Benchmarks.Probes.DrainProbe.Run";

    public static readonly TimeSpan Work = TimeSpan.FromMilliseconds(250);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Functions are instance methods: the host activates their class per invocation.")]
    public Task Run(string message, CancellationToken cancellationToken) => Task.Delay(Work, cancellationToken);
}
