namespace TrustFundGrants.LocalRunner.Functions;

/// <summary>A function the runner serves, as printed at start-up and checked by the parity test.</summary>
public sealed record ServedFunction(string Name, string Trigger, string Description);

/// <summary>Every function being served, registered once the triggers are wired.</summary>
public sealed class ServedFunctions
{
    private readonly List<ServedFunction> all = [];

    public IReadOnlyList<ServedFunction> All => all;

    internal void Add(ServedFunction function) => all.Add(function);
}
