namespace TrustFundGrants.Domain;

/// <summary>What was spent on one approved budget line (0-based) in a reporting period, and why, if it ran over.</summary>
public sealed record ExpenditureLine(int Line, long ActualMinor, string? Explanation);

/// <summary>
/// Expenditure is reported against the approved budget only: a line that is not in it is refused, and a
/// line whose spending so far runs more than <see cref="ExplainAbove"/> over its budget must say why.
/// </summary>
public static class Expenditure
{
    public const decimal ExplainAbove = 0.10m;

    /// <param name="budget">The approved (amended) amount of each line.</param>
    /// <param name="spentBefore">What earlier accepted reports spent on each line.</param>
    public static void Check(IReadOnlyList<long> budget, IReadOnlyList<long> spentBefore, IReadOnlyList<ExpenditureLine> lines, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(spentBefore);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(errors);
        var seen = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Line < 0 || line.Line >= budget.Count || !seen.Add(line.Line))
            {
                errors[$"expenditure[{i}].line"] = ["Report against the lines of the approved budget, each once."];
            }
            else if (line.ActualMinor < 0)
            {
                errors[$"expenditure[{i}].actual"] = ["Spending is zero or more."];
            }
            else if (IsOver(budget[line.Line], spentBefore[line.Line] + line.ActualMinor) && string.IsNullOrWhiteSpace(line.Explanation))
            {
                errors[$"expenditure[{i}].explanation"] = [$"This line is more than {ExplainAbove:P0} over its budget: explain why."];
            }
        }
    }

    public static bool IsOver(long budgetMinor, long spentMinor) => spentMinor > budgetMinor + decimal.Floor(budgetMinor * ExplainAbove);
}
